// Password hashing that fits Cloudflare's production limits: PBKDF2-SHA256 at the 100,000-iteration cap, peppered with a server secret.
import { base64UrlToBytes, bytesToBase64Url, constantTimeEqual } from "../platform/crypto";
import { PASSWORD_PBKDF2_ITERATIONS } from "../platform/limits";

const encoder = new TextEncoder();
const SALT_BYTES = 16;
const HASH_BITS = 256;
const SCHEME = "pbkdf2-sha256";

/**
 * The pepper is an HMAC key held only by the Worker: a stolen database alone cannot be brute-forced.
 * Argon2id would be stronger, but WebAssembly cannot be compiled at run time on Workers and
 * scrypt in plain JS costs ~10x the CPU for the same strength.
 */
async function pepper(password: string, pepperSecret: string): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(pepperSecret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return crypto.subtle.sign("HMAC", key, encoder.encode(password.normalize("NFKC")));
}

async function derive(password: string, pepperSecret: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<string> {
  const material = await crypto.subtle.importKey("raw", await pepper(password, pepperSecret), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, material, HASH_BITS);
  return bytesToBase64Url(new Uint8Array(bits));
}

/** Encoded as "pbkdf2-sha256$<iterations>$<salt>$<hash>" so the cost can be raised later without a migration. */
export async function hashPassword(password: string, pepperSecret: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, pepperSecret, salt, PASSWORD_PBKDF2_ITERATIONS);
  return `${SCHEME}$${PASSWORD_PBKDF2_ITERATIONS}$${bytesToBase64Url(salt)}$${hash}`;
}

export async function verifyPassword(password: string, encoded: string, pepperSecret: string): Promise<boolean> {
  const [scheme, iterationsText, saltText, expected] = encoded.split("$");
  const iterations = Number(iterationsText);
  if (scheme !== SCHEME || !saltText || !expected || !Number.isInteger(iterations) || iterations < 1) return false;
  const actual = await derive(password, pepperSecret, base64UrlToBytes(saltText), iterations);
  return constantTimeEqual(actual, expected);
}

/** A real hash of a random password: checked against when the email is unknown, so timing does not reveal which emails exist. */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(pepperSecret: string): Promise<string> {
  decoyHash ??= hashPassword(crypto.randomUUID(), pepperSecret);
  return decoyHash;
}
