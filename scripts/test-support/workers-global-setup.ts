// Vitest globalSetup (Node side) for the workerd integration tests: starts Postgres, the Neon proxy and the Redis bridge, provides their addresses.
import type { TestProject } from "vitest/node";
import { startTestPlatform } from "./test-database";

export default async function setup(project: TestProject) {
  const platform = await startTestPlatform({ redisUrl: process.env.REDIS_URL, log: (message) => console.log(`[test-stack] ${message}`) });
  project.provide("databaseUrl", platform.databaseUrl);
  project.provide("neonWsProxy", platform.stack.neonWsProxy);
  project.provide("redisRestUrl", platform.stack.redis?.url ?? "");
  project.provide("redisRestToken", platform.stack.redis?.token ?? "");
  project.provide("redisKeyPrefix", `mnbara-test-${Date.now()}`);
  console.log(`[test-stack] postgres: ${process.env.TEST_DATABASE_URL ? "TEST_DATABASE_URL server, fresh database" : "embedded PGlite (in memory)"}; redis: ${platform.stack.redis ? "bridge to REDIS_URL" : "absent"}`);
  return async () => {
    await platform.stop();
  };
}
