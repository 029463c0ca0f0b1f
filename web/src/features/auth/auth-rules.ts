// Client-side checks for the auth forms, mirroring the API's rules so mistakes show before a round trip.

// The API accepts passwords of 10 to 128 characters.
export const passwordLengthMin = 10;
export const passwordLengthMax = 128;
// Generous for any real name; the API has the final word on the exact limit.
const displayNameLengthMax = 100;
// Authenticator apps show six-digit codes (RFC 6238 defaults).
export const totpCodeLength = 6;

// Deliberately loose: the server validates properly; this only catches obvious typos.
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const totpShape = new RegExp(`^\\d{${totpCodeLength}}$`);

export function checkEmail(email: string): string | undefined {
  if (email.trim() === "") return "Enter your email address.";
  if (!emailShape.test(email.trim())) return "Enter an email address like name@example.com.";
  return undefined;
}

export function checkNewPassword(password: string): string | undefined {
  if (password.length < passwordLengthMin) return `Use at least ${passwordLengthMin} characters.`;
  if (password.length > passwordLengthMax) return `Use at most ${passwordLengthMax} characters.`;
  return undefined;
}

export function checkPassword(password: string): string | undefined {
  return password === "" ? "Enter your password." : undefined;
}

export function checkDisplayName(displayName: string): string | undefined {
  if (displayName.trim() === "") return "Enter the name other people will see.";
  if (displayName.trim().length > displayNameLengthMax) return `Use at most ${displayNameLengthMax} characters.`;
  return undefined;
}

// People often paste codes with a space in the middle ("123 456").
export function normalizeTotpCode(code: string): string {
  return code.replace(/\s/g, "");
}

export function checkTotpCode(code: string): string | undefined {
  return totpShape.test(normalizeTotpCode(code)) ? undefined : `Enter the ${totpCodeLength}-digit code from your authenticator app.`;
}
