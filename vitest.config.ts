// Test projects: pure code in Node, the Worker inside workerd against real Postgres/Redis, and the local stack's own tests.
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// The Upstash bridge's own tests need a real Redis; they run whenever REDIS_URL names one.
const nodeExcludes = process.env.REDIS_URL ? ["node_modules/**"] : ["node_modules/**", "scripts/**/*.redis.test.ts"];

/** Dev/test-only secrets: they exist so the Worker boots in tests; production sets real ones with `wrangler secret put`. */
const TEST_ONLY_SECRETS = {
  JWT_SECRET: "test-only-jwt-secret-not-for-production-0123456789",
  PASSWORD_PEPPER: "test-only-password-pepper",
  FIELD_ENCRYPTION_KEYS: "v1:dGVzdC1vbmx5LWZpZWxkLWtleS0zMi1ieXRlcyEhISE",
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: ["workers/**/*.unit.test.ts", "durable-objects/**/*.unit.test.ts", "web/**/*.unit.test.ts", "scripts/**/*.test.ts"],
          exclude: nodeExcludes,
          testTimeout: 30_000,
        },
      },
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            main: "./workers/index.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                ...TEST_ONLY_SECRETS,
                DATABASE_URL: inject("databaseUrl"),
                NEON_WS_PROXY: inject("neonWsProxy"),
                // Bindings cannot be undefined: without Redis they are simply absent.
                ...(inject("redisRestUrl") ? { UPSTASH_REDIS_REST_URL: inject("redisRestUrl"), UPSTASH_REDIS_REST_TOKEN: inject("redisRestToken") } : {}),
                REDIS_KEY_PREFIX: inject("redisKeyPrefix"),
                LOG_LEVEL: "warn",
              },
            },
          })),
        ],
        test: {
          name: "workers",
          include: ["workers/**/*.test.ts", "durable-objects/**/*.test.ts"],
          // Tests of Redis-backed behaviour need a Redis; without REDIS_URL they are not part of the run (nothing is skipped).
          exclude: ["**/*.unit.test.ts", ...(process.env.REDIS_URL ? [] : ["**/*.redis.test.ts"])],
          globalSetup: ["./scripts/test-support/workers-global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // stripe is ~400 small ES modules whose source maps name missing files: pre-bundled it loads faster and quietly.
          deps: { optimizer: { ssr: { enabled: true, include: ["stripe"] } } },
        },
      },
    ],
  },
});
