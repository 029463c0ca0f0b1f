// What the workers test project's globalSetup provides (scripts/test-support/workers-global-setup.ts) and vitest.config.ts injects.
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    neonWsProxy: string;
    redisRestUrl: string;
    redisRestToken: string;
    redisKeyPrefix: string;
    /** http://127.0.0.1:PORT of the Algolia mock (scripts/test-support/algolia-mock.ts). */
    algoliaMockUrl: string;
    /** http://127.0.0.1:PORT of the Stripe mock (scripts/test-support/stripe-mock.ts): STRIPE_API_BASE and its control API. */
    stripeMockUrl: string;
    /** A local anvil chain with MnbaraAnchor deployed: only the anchoring tests point a per-test env at it; the suite runs with anchoring off. */
    anvilRpcUrl: string;
    anvilChainId: number;
    /** anvil's public dev key (the contract's owner); never valid anywhere but the local chain. */
    anvilPrivateKey: string;
    anchorContract: string;
  }
}
