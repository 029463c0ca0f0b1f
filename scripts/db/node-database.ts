// The Neon serverless driver from Node (migrations, seed, test fixtures): real WebSockets to Neon, or the local proxy in dev and tests.
import { neonConfig, Pool } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import ws from "ws";
import * as schema from "../../db/schema";

export interface NodeDatabaseTarget {
  databaseUrl: string;
  /** "127.0.0.1:<port>/v2" of the local WebSocket→TCP proxy; unset for Neon itself. */
  neonWsProxy?: string | undefined;
}

export function configureNeonForNode(target: NodeDatabaseTarget): void {
  neonConfig.webSocketConstructor = ws;
  if (target.neonWsProxy) {
    const proxy = target.neonWsProxy;
    neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
    neonConfig.pipelineTLS = false;
  }
}

/** A pool with one connection (the embedded database serves one at a time) and drizzle over it. Call `end()` when done. */
export function openNodeDatabase(target: NodeDatabaseTarget) {
  configureNeonForNode(target);
  const pool = new Pool({ connectionString: target.databaseUrl, max: 1 });
  pool.on("error", () => undefined); // idle-socket errors after end() are not failures of ours
  return { pool, orm: drizzle({ client: pool, schema }), end: () => pool.end() };
}
