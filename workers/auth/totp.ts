// TOTP (RFC 6238) for two-factor login: secrets, otpauth URLs, and code checks that report the time step for replay protection.
import { Secret, TOTP } from "otpauth";
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS, TOTP_WINDOW_STEPS } from "../platform/limits";

const ISSUER = "Mnbara";

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    secret: Secret.fromBase32(secretBase32),
    algorithm: "SHA1", // what authenticator apps support universally
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, accountEmail: string): string {
  return totpFor(secretBase32, accountEmail).toString();
}

/** The time step of an accepted code, or null. A caller rejects steps at or before the last one used (replay). */
export function acceptedTotpStep(secretBase32: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32, "check").validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW_STEPS });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

/** For tests and the dev seed: the code an authenticator app shows at `now`. */
export function totpCodeAt(secretBase32: string, now: Date): string {
  return totpFor(secretBase32, "check").generate({ timestamp: now.getTime() });
}
