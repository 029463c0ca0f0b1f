// Small WebCrypto helpers: random tokens, SHA-256, constant-time comparison, and AES-256-GCM field encryption with versioned keys.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const padded = text.replaceAll("-", "+").replaceAll("_", "/") + "=".repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

export function randomToken(byteLength = 32): string {
  return bytesToBase64Url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

export async function sha256Base64Url(text: string): Promise<string> {
  return bytesToBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text))));
}

/** Compares two strings without leaking where they differ through timing. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let difference = left.length ^ right.length;
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  }
  return difference === 0;
}

/**
 * Field encryption keys, from the secret FIELD_ENCRYPTION_KEYS = "v2:<base64url 32 bytes>,v1:<…>".
 * The first key encrypts; any listed key decrypts, so keys can be rotated without re-encrypting at once.
 */
export interface FieldKeyring {
  current: { version: string; key: CryptoKey };
  byVersion: Map<string, CryptoKey>;
}

export async function loadFieldKeyring(spec: string): Promise<FieldKeyring> {
  const entries = spec.split(",").map((part) => part.trim()).filter(Boolean);
  if (entries.length === 0) throw new Error("invariant failed: FIELD_ENCRYPTION_KEYS is empty");
  const byVersion = new Map<string, CryptoKey>();
  let current: FieldKeyring["current"] | null = null;
  for (const entry of entries) {
    const [version, material] = entry.split(":");
    if (!version || !material) throw new Error("invariant failed: FIELD_ENCRYPTION_KEYS entries are version:key");
    const raw = base64UrlToBytes(material);
    if (raw.length !== 32) throw new Error(`invariant failed: field key ${version} is not 32 bytes`);
    const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
    byVersion.set(version, key);
    current ??= { version, key };
  }
  return { current: current!, byVersion };
}

let cachedKeyring: { spec: string; keyring: Promise<FieldKeyring> } | null = null;

/** The keyring for FIELD_ENCRYPTION_KEYS, imported once per isolate (importing keys is WebCrypto work on every call otherwise). */
export function fieldKeyring(spec: string): Promise<FieldKeyring> {
  if (!cachedKeyring || cachedKeyring.spec !== spec) cachedKeyring = { spec, keyring: loadFieldKeyring(spec) };
  return cachedKeyring.keyring;
}

/** Encrypts to "version.iv.ciphertext" (base64url parts). */
export async function encryptField(keyring: FieldKeyring, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, keyring.current.key, encoder.encode(plaintext));
  return `${keyring.current.version}.${bytesToBase64Url(iv)}.${bytesToBase64Url(new Uint8Array(sealed))}`;
}

export async function decryptField(keyring: FieldKeyring, sealed: string): Promise<string> {
  const [version, iv, ciphertext] = sealed.split(".");
  const key = version ? keyring.byVersion.get(version) : undefined;
  if (!key || !iv || !ciphertext) throw new Error(`invariant failed: no field key for version ${version}`);
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: base64UrlToBytes(iv) }, key, base64UrlToBytes(ciphertext));
  return decoder.decode(plain);
}
