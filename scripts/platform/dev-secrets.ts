// Dev-only secrets: random values made once per data folder (git-ignored), never used in production (there: `wrangler secret put`).
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

export interface DevSecrets {
  JWT_SECRET: string;
  PASSWORD_PEPPER: string;
  FIELD_ENCRYPTION_KEYS: string;
}

function generate(): DevSecrets {
  return {
    JWT_SECRET: `dev-only-${randomBytes(32).toString("base64url")}`,
    PASSWORD_PEPPER: `dev-only-${randomBytes(24).toString("base64url")}`,
    FIELD_ENCRYPTION_KEYS: `v1:${randomBytes(32).toString("base64url")}`,
  };
}

/** Reads the secrets kept in `file`, or makes and keeps new ones; without a file (throwaway stacks) they live in memory. */
export async function loadDevSecrets(file: string | undefined): Promise<DevSecrets> {
  if (!file) return generate();
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as DevSecrets;
  const secrets = generate();
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
