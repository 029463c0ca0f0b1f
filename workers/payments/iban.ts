// Pure IBAN handling (ISO 13616): normalise what a person typed, check the mod-97 checksum, and mask it for display.

const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

/** Spaces and lower case are how people copy IBANs; the checked form has neither. */
export function normalizeIban(text: string): string {
  return text.replace(/[\s-]/g, "").toUpperCase();
}

/** True for a well-formed IBAN whose check digits are right (moving the first four characters to the end gives ≡ 1 mod 97). */
export function isValidIban(normalized: string): boolean {
  if (!IBAN_SHAPE.test(normalized)) return false;
  const rearranged = normalized.slice(4) + normalized.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    // Letters count as two digits (A = 10 … Z = 35); feeding digit by digit keeps the number small.
    const value = character >= "A" ? (character.charCodeAt(0) - 55).toString() : character;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

export function ibanLast4(normalized: string): string {
  return normalized.slice(-4);
}

/** What a user sees of their payout account: "IBAN •••• 3000". */
export function maskedIban(last4: string): string {
  return `IBAN •••• ${last4}`;
}
