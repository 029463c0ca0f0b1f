// Workers served straight from workerd through the Miniflare API (no wrangler dev proxy): the real Worker bundle, the room alone, the bare ceiling.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import type { DevSecrets } from "../../platform/dev-secrets";
import { ROOT } from "../../platform/start-platform";

/** Same date and flags as wrangler.toml, so the same workerd behaviour. */
export const COMPATIBILITY_DATE = "2026-04-20";
export const COMPATIBILITY_FLAGS = ["nodejs_compat"];
const WRANGLER_BIN = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
export const BENCH_FOLDER = import.meta.dirname;
/** Worker error lines passed on to the bench log; the rest are counted. */
const MAX_FORWARDED_ERROR_LINES = 5;
/** The vars of wrangler.toml's [vars] that the Worker reads (APP_ORIGIN is set per instance). */
const WRANGLER_VARS = { JWT_ISSUER: "https://mnbara.local", JWT_AUDIENCE: "mnbara-api", LOG_LEVEL: "info" };
/** The label cpu-usage.ts gives a workerd that is not wrangler dev's: here it is the one this benchmark started. */
export const MINIFLARE_PROCESS_LABELS = { "workerd (not this platform)": "workerd (Miniflare, the Worker)" };

export interface ServedWorker {
  url: string;
  dispose(): Promise<void>;
}

/** Bundles a Worker as `wrangler deploy` would (esbuild, nodejs_compat polyfills), without deploying: returns the entry module's path. */
export async function bundleWorker(outDir: string, configPath?: string): Promise<string> {
  const args = [WRANGLER_BIN, "deploy", "--dry-run", "--outdir", outDir, ...(configPath ? ["--config", configPath] : [])];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`wrangler deploy --dry-run exited with ${code}: ${output.slice(-2000)}`))));
  });
  // Named after the entry: index.js for workers/index.ts, room-only.worker.js for the room-only Worker.
  const entry = (await readdir(outDir)).find((file) => file.endsWith(".js"));
  if (!entry) throw new Error(`wrangler deploy --dry-run wrote no .js file to ${outDir}`);
  return join(outDir, entry);
}

/**
 * workerd's stdout carries the Worker's JSON log lines (one per request at LOG_LEVEL info, as in production, where
 * they go to Workers Logs): read and dropped here, so they cost workerd what they cost it, and the terminal nothing.
 * Error lines are counted and the first few shown.
 */
export function drainStdio(log: (message: string) => void): (stdout: Readable, stderr: Readable) => void {
  let forwarded = 0;
  return (stdout, stderr) => {
    stdout.resume();
    createInterface({ input: stderr }).on("line", (line) => {
      if (forwarded < MAX_FORWARDED_ERROR_LINES && line.trim() !== "" && !line.includes("Request.cf object")) {
        forwarded++;
        log(`workerd: ${line.slice(0, 300)}`);
      }
    });
  };
}

export async function serve(options: ConstructorParameters<typeof Miniflare>[0], persistDir: string): Promise<ServedWorker> {
  const miniflare = new Miniflare(options);
  try {
    const url = await miniflare.ready;
    return {
      url: url.origin,
      async dispose() {
        await miniflare.dispose();
        await rm(persistDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await miniflare.dispose().catch(() => undefined);
    await rm(persistDir, { recursive: true, force: true });
    throw error;
  }
}

export interface RealWorkerOptions {
  databaseUrl: string;
  neonWsProxy: string;
  redis: { url: string; token: string } | null;
  secrets: DevSecrets;
  log: (message: string) => void;
}

/**
 * The real Worker (workers/index.ts bundled by wrangler) in workerd, with the bindings of wrangler.toml: the
 * AuctionRoom and the CourierSession on SQLite, the events queue and its dead-letter queue with their consumers, R2, and the same
 * Postgres (through the Neon proxy) and Redis (through the Upstash bridge) as the platform. Durable Object
 * storage is on disk, as under wrangler dev.
 */
export async function serveRealWorker(options: RealWorkerOptions): Promise<ServedWorker> {
  const persistDir = await mkdtemp(join(tmpdir(), "mnbara-bench-mf-"));
  const scriptPath = await bundleWorker(join(persistDir, "bundle"));
  return serve(
    {
      name: "mnbara",
      modules: true,
      // Module names are paths relative to this; the default (the working directory) cannot reach a bundle in /tmp.
      modulesRoot: dirname(scriptPath),
      scriptPath,
      compatibilityDate: COMPATIBILITY_DATE,
      compatibilityFlags: COMPATIBILITY_FLAGS,
      host: "127.0.0.1",
      port: 0,
      bindings: {
        ...WRANGLER_VARS,
        APP_ORIGIN: "http://localhost:8787",
        ...options.secrets,
        DATABASE_URL: options.databaseUrl,
        NEON_WS_PROXY: options.neonWsProxy,
        ...(options.redis ? { UPSTASH_REDIS_REST_URL: options.redis.url, UPSTASH_REDIS_REST_TOKEN: options.redis.token } : {}),
        // Its own Redis namespace, as a second deployment sharing one Redis would have: its rate-limit counts start at zero.
        REDIS_KEY_PREFIX: `mnbara-bench-mf-${randomBytes(4).toString("hex")}`,
      },
      durableObjects: { AUCTION_ROOM: { className: "AuctionRoom", useSQLite: true }, COURIER_SESSION: { className: "CourierSession", useSQLite: true } },
      queueProducers: { EVENTS_QUEUE: { queueName: "events" }, EVENTS_DLQ: { queueName: "events-dlq" } },
      queueConsumers: {
        events: { maxBatchSize: 100, maxBatchTimeout: 0, maxRetries: 5, deadLetterQueue: "events-dlq" },
        "events-dlq": { maxBatchSize: 100, maxBatchTimeout: 0, maxRetries: 3 },
      },
      r2Buckets: ["LISTING_IMAGES"],
      // The web app is not under test: API paths never reach it.
      serviceBindings: { ASSETS: () => new Response("not found", { status: 404 }) },
      durableObjectsPersist: join(persistDir, "do"),
      r2Persist: join(persistDir, "r2"),
      handleRuntimeStdio: drainStdio(options.log),
    },
    persistDir,
  );
}

/** The bench-only bare room (bare-room.worker.js), served the same way: the ceiling for a bid and for a broadcast. */
export async function serveBareRoom(log: (message: string) => void): Promise<ServedWorker> {
  const persistDir = await mkdtemp(join(tmpdir(), "mnbara-bench-mf-bare-"));
  return serve(
    {
      name: "mnbara-bench-bare-room",
      modules: true,
      scriptPath: join(BENCH_FOLDER, "bare-room.worker.js"),
      compatibilityDate: COMPATIBILITY_DATE,
      compatibilityFlags: COMPATIBILITY_FLAGS,
      host: "127.0.0.1",
      port: 0,
      durableObjects: { BARE_ROOM: { className: "BareRoom", useSQLite: true } },
      durableObjectsPersist: join(persistDir, "do"),
      handleRuntimeStdio: drainStdio(log),
    },
    persistDir,
  );
}

/** Stands in for the events queue: takes a batch and drops it, so the room's queue send costs one RPC and nothing more. */
const NULL_QUEUE_WORKER = `import { WorkerEntrypoint } from "cloudflare:workers";
export class NullQueue extends WorkerEntrypoint { async sendBatch() {} }
export default { fetch: () => new Response("null queue") };`;

/**
 * The real AuctionRoom behind a bench-only Worker with no API in front (room-only.worker.js): the same two
 * RPCs a bid makes (isConfigured, bid), without authentication, rate limit, Hono or the queue's consumer.
 * It splits the real path's cost into the room's and the API's. With `nullQueue` the room's EVENTS_QUEUE is a
 * stand-in that drops batches, to tell the queue send's share from the rest of the room's work.
 */
export async function serveRoomOnly(log: (message: string) => void, options: { nullQueue: boolean } = { nullQueue: false }): Promise<ServedWorker> {
  const persistDir = await mkdtemp(join(tmpdir(), "mnbara-bench-mf-room-"));
  const scriptPath = await bundleWorker(join(persistDir, "bundle"), join(BENCH_FOLDER, "wrangler.room-only.toml"));
  const room = {
    name: "mnbara-bench-room-only",
    modules: true,
    modulesRoot: dirname(scriptPath),
    scriptPath,
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: COMPATIBILITY_FLAGS,
    bindings: { LOG_LEVEL: WRANGLER_VARS.LOG_LEVEL },
    durableObjects: { AUCTION_ROOM: { className: "AuctionRoom", useSQLite: true } },
  };
  const shared = { host: "127.0.0.1", port: 0, durableObjectsPersist: join(persistDir, "do"), handleRuntimeStdio: drainStdio(log) };
  if (options.nullQueue) {
    return serve(
      {
        ...shared,
        workers: [
          { ...room, serviceBindings: { EVENTS_QUEUE: { name: "null-queue", entrypoint: "NullQueue" } } },
          { name: "null-queue", modules: true, script: NULL_QUEUE_WORKER, compatibilityDate: COMPATIBILITY_DATE },
        ],
      },
      persistDir,
    );
  }
  // The room sends its events to the queue in every bid, as in the real Worker; nobody consumes them here.
  return serve({ ...shared, ...room, queueProducers: { EVENTS_QUEUE: { queueName: "room-only-events" } } }, persistDir);
}
