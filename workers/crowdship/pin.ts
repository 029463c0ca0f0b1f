// The delivery PIN: six uniformly random digits, and the keyed hash that is all the database and the CourierSession keep.
import { bytesToBase64Url } from "../platform/crypto";
import { DELIVERY_PIN_DIGITS } from "../platform/limits";

const encoder = new TextEncoder();

/** How many PINs there are: 10^6 for six digits. */
const PIN_SPACE = 10 ** DELIVERY_PIN_DIGITS;
/** The largest multiple of PIN_SPACE below 2^32: draws at or above it are thrown away, so every PIN is equally likely. */
const UNBIASED_LIMIT = Math.floor(2 ** 32 / PIN_SPACE) * PIN_SPACE;
/**
 * Draws taken at once. A draw is rejected with probability (2^32 − UNBIASED_LIMIT) / 2^32 ≈ 0.0002, so all eight
 * failing (≈ 10^-30) is a broken random source, not bad luck.
 */
const DRAWS_PER_PIN = 8;

export const PIN_PATTERN = new RegExp(`^\\d{${DELIVERY_PIN_DIGITS}}$`);

/** Fills an array with random values: crypto.getRandomValues, or a fixed source in tests. */
export type RandomSource = (values: Uint32Array) => Uint32Array;

/** The first unbiased draw as a zero-padded PIN (rejection sampling: no modulo bias). */
export function pinFromDraws(draws: Uint32Array): string {
  const draw = draws.find((value) => value < UNBIASED_LIMIT);
  if (draw === undefined) throw new Error("invariant failed: every random draw for a PIN was out of range; the random source is broken");
  return String(draw % PIN_SPACE).padStart(DELIVERY_PIN_DIGITS, "0");
}

export function generatePin(random: RandomSource = (values) => crypto.getRandomValues(values)): string {
  return pinFromDraws(random(new Uint32Array(DRAWS_PER_PIN)));
}

/** The HMAC key for PINs, derived from JWT_SECRET with HKDF so the signing key itself never hashes anything else. */
async function pinKey(secret: string): Promise<CryptoKey> {
  const master = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: encoder.encode("mnbara"), info: encoder.encode("crowdship delivery pin v1") },
    master,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign"],
  );
}

/**
 * HMAC-SHA-256(key, "<shipmentId>:<pin>") in base64url. Keyed, so a database dump alone cannot be brute-forced over the
 * million PINs; salted by the shipment, so the same PIN on two shipments hashes differently.
 */
export async function hashPin(secret: string, shipmentId: string, pin: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await pinKey(secret), encoder.encode(`${shipmentId}:${pin}`));
  return bytesToBase64Url(new Uint8Array(mac));
}
