// Postgres access: one Neon Pool per request (at most one connection), drizzle on top, and the transaction helper.
import { Pool, neonConfig } from "@neondatabase/serverless";
import { drizzle, type NeonDatabase } from "drizzle-orm/neon-serverless";
import * as schema from "../../db/schema";
import type { AppEnv } from "../env";

export type Orm = NeonDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Orm["transaction"]>[0]>[0];
/** Either the request's database or an open transaction: reads accept both. */
export type Queryable = Orm | Tx;

/** A bounded wait for the connection: misuse (a second connection while one is held) fails loudly instead of hanging. */
const CONNECTION_TIMEOUT_MS = 10_000;

/** Dev and test only: a local WebSocket→TCP proxy in front of plain Postgres, without TLS. The same for every request of an isolate. */
function configureLocalProxy(env: AppEnv): void {
  const proxy = env.NEON_WS_PROXY;
  if (!proxy) return;
  neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineConnect = false;
  neonConfig.pipelineTLS = false;
}

export interface Database {
  readonly orm: Orm;
  /** Ends the pool; safe to call when it was never used. */
  end(): Promise<void>;
}

/**
 * A lazily created pool with max one connection: everything a request does goes through one
 * connection (the embedded dev database serves one at a time, and Neon bills per connection).
 */
export function createDatabase(env: AppEnv, onError: (error: Error) => void): Database {
  let pool: Pool | null = null;
  let orm: Orm | null = null;
  const open = (): Orm => {
    if (orm) return orm;
    configureLocalProxy(env);
    pool = new Pool({ connectionString: env.DATABASE_URL, max: 1, connectionTimeoutMillis: CONNECTION_TIMEOUT_MS });
    // After end(), workerd reports lost sockets the driver never closed; they are not our failures.
    pool.on("error", onError);
    orm = drizzle({ client: pool, schema });
    return orm;
  };
  return {
    get orm() {
      return open();
    },
    async end() {
      const ending = pool;
      pool = null;
      orm = null;
      if (ending) await ending.end();
    },
  };
}
