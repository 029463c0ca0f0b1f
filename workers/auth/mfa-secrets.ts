// TOTP secrets are stored encrypted with the field keyring; the keyring is imported once per isolate.
import type { ServiceContext } from "../platform/context";
import { decryptField, encryptField, loadFieldKeyring, type FieldKeyring } from "../platform/crypto";

let cached: { spec: string; keyring: Promise<FieldKeyring> } | null = null;

function keyring(ctx: ServiceContext): Promise<FieldKeyring> {
  const spec = ctx.env.FIELD_ENCRYPTION_KEYS;
  if (!cached || cached.spec !== spec) cached = { spec, keyring: loadFieldKeyring(spec) };
  return cached.keyring;
}

export async function encryptTotpSecret(ctx: ServiceContext, secret: string): Promise<string> {
  return encryptField(await keyring(ctx), secret);
}

export async function decryptTotpSecret(ctx: ServiceContext, sealed: string): Promise<string> {
  return decryptField(await keyring(ctx), sealed);
}
