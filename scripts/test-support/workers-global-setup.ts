// Vitest globalSetup (Node side) for the workerd integration tests: starts Postgres, the Neon proxy, the Redis bridge, the Algolia and Stripe mocks and an anvil chain with the anchor contract, provides their addresses.
import type { TestProject } from "vitest/node";
import { startAnvil } from "../chain/anvil";
import { deployAnchor } from "../chain/deploy-anchor";
import { startAlgoliaMock } from "./algolia-mock";
import { startStripeMock } from "./stripe-mock";
import { startTestPlatform } from "./test-database";

export default async function setup(project: TestProject) {
  const algoliaMock = await startAlgoliaMock();
  const stripeMock = await startStripeMock();
  const anvil = await startAnvil({ log: (message) => console.log(`[test-stack] anvil ${message}`) }).catch(async (error: unknown) => {
    await algoliaMock.stop();
    await stripeMock.stop();
    throw error;
  });
  const platform = await (async () => {
    const [privateKey] = anvil.privateKeys;
    const contract = await deployAnchor({ rpcUrl: anvil.rpcUrl, privateKey, chainId: anvil.chainId });
    // Only the anchoring tests point a per-test env at the chain; the suite's own env leaves anchoring off.
    project.provide("anvilRpcUrl", anvil.rpcUrl);
    project.provide("anvilChainId", anvil.chainId);
    project.provide("anvilPrivateKey", privateKey);
    project.provide("anchorContract", contract);
    return startTestPlatform({ redisUrl: process.env.REDIS_URL, log: (message) => console.log(`[test-stack] ${message}`) });
  })().catch(async (error: unknown) => {
    await algoliaMock.stop();
    await stripeMock.stop();
    await anvil.stop();
    throw error;
  });
  project.provide("databaseUrl", platform.databaseUrl);
  project.provide("neonWsProxy", platform.stack.neonWsProxy);
  project.provide("redisRestUrl", platform.stack.redis?.url ?? "");
  project.provide("redisRestToken", platform.stack.redis?.token ?? "");
  project.provide("redisKeyPrefix", `mnbara-test-${Date.now()}`);
  // Only the Algolia tests point a per-test env at it; the suite's own env leaves Algolia unset, so Postgres searches.
  project.provide("algoliaMockUrl", algoliaMock.url);
  // Likewise only the Stripe contract tests switch Stripe on (aimed at this mock); the suite runs the sandbox provider.
  project.provide("stripeMockUrl", stripeMock.url);
  console.log(`[test-stack] postgres: ${process.env.TEST_DATABASE_URL ? "TEST_DATABASE_URL server, fresh database" : "embedded PGlite (in memory)"}; redis: ${platform.stack.redis ? "bridge to REDIS_URL" : "absent"}`);
  return async () => {
    await algoliaMock.stop();
    await stripeMock.stop();
    await anvil.stop();
    await platform.stop();
  };
}
