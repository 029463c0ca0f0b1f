// Starts the conventional baseline (pg-baseline-service.ts) as its own Node process against Postgres, directly or through the delay proxy.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { ROOT } from "../../platform/start-platform";
import { startDelayProxy, type DelayProxy } from "./delay-proxy";
import { BENCH_FOLDER, type ServedWorker } from "./miniflare-targets";

/** Connections in the service's pool: plenty for one hot row (more only queue on its lock), well under max_connections. */
export const BASELINE_POOL_SIZE = 16;
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
/** Round trips timed to say what the delay proxy really adds. */
const ROUND_TRIP_SAMPLES = 50;

export interface PgBaseline extends ServedWorker {
  auctionId: string;
  /** Median `SELECT 1` round trip from Node to Postgres on the service's path (through the proxy when there is one). */
  roundTripMs: number;
}

async function medianRoundTripMs(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const samples: number[] = [];
    for (let i = 0; i < ROUND_TRIP_SAMPLES; i++) {
      const started = performance.now();
      await client.query("SELECT 1");
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)]!;
  } finally {
    await client.end();
  }
}

/** The auction row and the bid table, in the run's throwaway database (dropped with it). */
async function createTables(databaseUrl: string, auctionId: string, startAmount: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS bench_pg_auctions (id text PRIMARY KEY, top_amount bigint NOT NULL, second_amount bigint NOT NULL, top_bidder text, bid_count integer NOT NULL DEFAULT 0)`);
    await client.query(`CREATE TABLE IF NOT EXISTS bench_pg_bids (id bigserial PRIMARY KEY, auction_id text NOT NULL REFERENCES bench_pg_auctions (id), bidder_id text NOT NULL, amount bigint NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
    await client.query(`INSERT INTO bench_pg_auctions (id, top_amount, second_amount) VALUES ($1, $2, $2)`, [auctionId, startAmount]);
  } finally {
    await client.end();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * `databaseUrl` names the run's throwaway database on a real Postgres server. With `oneWayDelayMs`, the service
 * reaches it through the delay proxy, which holds each chunk that long each way.
 */
export async function startPgBaseline(options: { databaseUrl: string; auctionId: string; startAmount: number; oneWayDelayMs: number; log: (message: string) => void }): Promise<PgBaseline> {
  await createTables(options.databaseUrl, options.auctionId, options.startAmount);
  let proxy: DelayProxy | null = null;
  let serviceUrl = options.databaseUrl;
  if (options.oneWayDelayMs > 0) {
    const target = new URL(options.databaseUrl);
    proxy = await startDelayProxy({ host: target.hostname, port: Number(target.port || 5432) }, options.oneWayDelayMs);
    const through = new URL(options.databaseUrl);
    through.hostname = proxy.host;
    through.port = String(proxy.port);
    serviceUrl = through.toString();
  }
  const roundTripMs = await medianRoundTripMs(serviceUrl);
  const child = spawn(process.execPath, ["--import=tsx", join(BENCH_FOLDER, "pg-baseline-service.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, BASELINE_DATABASE_URL: serviceUrl, BASELINE_POOL_SIZE: String(BASELINE_POOL_SIZE) },
  });
  const dispose = async () => {
    await stopChild(child);
    await proxy?.stop();
  };
  try {
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the baseline service did not start within ${READY_TIMEOUT_MS} ms: ${errors}`)), READY_TIMEOUT_MS);
      child.once("exit", (code) => reject(new Error(`the baseline service exited with ${code}: ${errors}`)));
      createInterface({ input: child.stdout }).on("line", (line) => {
        const match = /^listening (\d+)$/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
    });
    options.log(`baseline service on 127.0.0.1:${port}; Postgres round trip ${roundTripMs.toFixed(2)} ms${proxy ? " (through the delay proxy)" : ""}`);
    return { url: `http://127.0.0.1:${port}`, auctionId: options.auctionId, roundTripMs, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
