// The Worker's bindings: vars and bindings from wrangler.toml (generated types) plus secrets set with `wrangler secret put`.

export interface AppEnv extends Cloudflare.Env {
  /** Postgres connection string (Neon in production). */
  DATABASE_URL: string;
  /** Dev/test only: "host:port/v2" of the local WebSocket→TCP proxy in front of a plain Postgres. Unset in production. */
  NEON_WS_PROXY?: string;
  /** HMAC secret for access tokens (HS256). At least 32 bytes. */
  JWT_SECRET: string;
  /** Server-side pepper mixed into every password hash. */
  PASSWORD_PEPPER: string;
  /** AES-256-GCM keys for encrypted columns, "v1:<base64url 32 bytes>"; the first one encrypts. */
  FIELD_ENCRYPTION_KEYS: string;
  /** Upstash Redis REST endpoint and token; caching and shared rate limits are off without them. */
  UPSTASH_REDIS_REST_URL?: string;
  UPSTASH_REDIS_REST_TOKEN?: string;
  /** Prefix for every Redis key, so several deployments or test runs can share one Redis. */
  REDIS_KEY_PREFIX?: string;
}
