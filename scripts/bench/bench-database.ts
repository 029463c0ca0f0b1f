// A throwaway database on the DATABASE_URL server for one bench run, so runs never see each other's rows.
import { randomBytes } from "node:crypto";
import { openNodeDatabase } from "../db/node-database";
import { startNeonWsProxy } from "../local-stack/index";

/** Random bytes in the database name (hex), so two runs started in the same millisecond still differ. */
const NAME_SUFFIX_BYTES = 3;
/** Postgres' default port, for URLs that do not name one. */
const DEFAULT_POSTGRES_PORT = 5432;

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates `mnbara_bench_<time>_<hex>` next to the database that `serverUrl` names; `drop()` removes it (also with connections left open). */
export async function createBenchDatabase(serverUrl: string, log: (message: string) => void): Promise<BenchDatabase> {
  const server = new URL(serverUrl);
  const name = `mnbara_bench_${Date.now()}_${randomBytes(NAME_SUFFIX_BYTES).toString("hex")}`;
  // The Node driver speaks to Postgres only through the WebSocket proxy; this one serves the admin statements.
  const proxy = await startNeonWsProxy({ allowedAddresses: [`${server.hostname}:${server.port || DEFAULT_POSTGRES_PORT}`], log });
  const admin = async (statement: string) => {
    const database = openNodeDatabase({ databaseUrl: serverUrl, neonWsProxy: proxy.wsProxy });
    try {
      await database.pool.query(statement);
    } finally {
      await database.end();
    }
  };
  try {
    await admin(`CREATE DATABASE ${name}`);
  } catch (error) {
    await proxy.stop();
    throw error;
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  log(`database: ${name} (dropped at the end)`);
  return {
    url: url.toString(),
    async drop() {
      try {
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await proxy.stop();
      }
    },
  };
}
