// A throwaway database per test run: a fresh one on TEST_DATABASE_URL's server, or the embedded PGlite in memory.
import { randomBytes } from "node:crypto";
import { startLocalStack, type LocalStack } from "../local-stack/index";
import { migrateDatabase } from "../db/migrate";
import { openNodeDatabase } from "../db/node-database";
import { seedCategories } from "../platform/seed-categories";

export interface TestPlatform {
  stack: LocalStack;
  databaseUrl: string;
  stop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Starts the local stack for tests and migrates a database nobody else uses. */
export async function startTestPlatform(options: { redisUrl?: string | undefined; log?: (message: string) => void }): Promise<TestPlatform> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const stack = await startLocalStack({ databaseUrl: serverUrl, redisUrl: options.redisUrl, log: options.log ?? (() => undefined) });
  let databaseUrl = stack.databaseUrl;
  let dropDatabase: (() => Promise<void>) | null = null;
  try {
    if (serverUrl) {
      const name = `mnbara_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
      const admin = openNodeDatabase({ databaseUrl: serverUrl, neonWsProxy: stack.neonWsProxy });
      try {
        await admin.pool.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      databaseUrl = withDatabase(serverUrl, name);
      dropDatabase = async () => {
        const dropper = openNodeDatabase({ databaseUrl: serverUrl, neonWsProxy: stack.neonWsProxy });
        try {
          await dropper.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      };
    }
    await migrateDatabase({ databaseUrl, neonWsProxy: stack.neonWsProxy });
    await seedCategories({ databaseUrl, neonWsProxy: stack.neonWsProxy });
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return {
    stack,
    databaseUrl,
    async stop() {
      try {
        await dropDatabase?.();
      } finally {
        await stack.stop();
      }
    },
  };
}
