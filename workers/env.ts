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
  /** Algolia: with all three set, search goes to Algolia and listing events keep its index in sync; otherwise Postgres searches. */
  ALGOLIA_APP_ID?: string;
  /** Writes the index (event sync); never leaves the Worker. */
  ALGOLIA_ADMIN_KEY?: string;
  /** Search-only key the engine queries with. */
  ALGOLIA_SEARCH_KEY?: string;
  /** The primary index; its sort replicas are named `<index>_<sort>`. Default "listings". */
  ALGOLIA_INDEX_NAME?: string;
  /** Dev/test only: comma-separated "host:port" (plain http) or URLs that replace Algolia's hosts, e.g. a local mock. Unset in production. */
  ALGOLIA_HOSTS?: string;
  /** Stripe: with a secret key set, payments go through Stripe (PaymentIntents, Connect transfers); otherwise the local sandbox provider. */
  STRIPE_SECRET_KEY?: string;
  /** Signing secret (whsec_…) of the webhook endpoint /v1/payments/webhooks/stripe; without it that endpoint answers 404. */
  STRIPE_WEBHOOK_SECRET?: string;
  /** Publishable key (pk_…) handed to the web app for Stripe Elements. */
  STRIPE_PUBLISHABLE_KEY?: string;
  /** Dev/test only: a URL such as "http://127.0.0.1:4010" that replaces api.stripe.com, e.g. a local contract-test server. Unset in production. */
  STRIPE_API_BASE?: string;
  /** Anchoring: with all four set, the cron writes Merkle roots of new ledger entries and auction results to this chain; with none, anchoring is off. */
  POLYGON_RPC_URL?: string;
  /** Numeric chain id the RPC serves (137 Polygon, 80002 Amoy, 31337 anvil). */
  CHAIN_ID?: string;
  /** Key of the anchor contract's owner account (0x + 64 hex); a secret. */
  ANCHOR_PRIVATE_KEY?: string;
  /** Address of the deployed MnbaraAnchor contract. */
  ANCHOR_CONTRACT?: string;
  /** A JSON-RPC URL of the same chain that browsers may call (CORS, no API key), for the web's "Verify on chain"; without it the web says verifying needs one. */
  PUBLIC_CHAIN_RPC_URL?: string;
}
