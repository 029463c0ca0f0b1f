// Starts the whole platform on one machine: Postgres (or PGlite), the Neon proxy, the Redis bridge, migrations, demo users, web build, wrangler dev, cron.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { migrateDatabase } from "../db/migrate";
import { startLocalStack, type LocalStack } from "../local-stack/index";
import { loadDevSecrets } from "./dev-secrets";
import { startLocalChain, type ChainMode, type ChainVars, type LocalChain } from "./local-chain";
import { seedCategories } from "./seed-categories";
import { seedDemoUsers } from "./seed-users";

export const ROOT = resolve(import.meta.dirname, "../..");
const WRANGLER_BIN = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
const VITE_BIN = join(ROOT, "node_modules/vite/bin/vite.js");
/** How long wrangler dev may take to answer /v1/health after start (first start bundles the Worker). */
const READY_TIMEOUT_MS = 90_000;
const READY_POLL_MS = 250;
/** Cron does not fire by itself under `wrangler dev`: we call /__scheduled on the production schedule (every minute). */
const CRON_INTERVAL_MS = 60_000;
const STOP_GRACE_MS = 5_000;

export interface PlatformOptions {
  port: number;
  /** Keeps the embedded database and dev secrets here; undefined = in memory, gone on stop. */
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
  redisUrl?: string | undefined;
  /** Build web/dist first (vite). The assets folder must exist before wrangler starts. */
  buildWeb: boolean;
  log: (message: string) => void;
  /** wrangler's own log level; "warn" keeps per-request lines out of benchmarks. */
  wranglerLogLevel?: "info" | "warn" | "error";
  /** Extra Worker vars, e.g. LOG_LEVEL=warn for benchmarks (each log line costs the wrangler dev proxy real CPU). */
  vars?: Record<string, string>;
  /** "anvil" (dev, browser tests): a local chain with the anchor contract, unless `chainVars` name one; default "off" (benchmarks: anchoring off). */
  chain?: ChainMode;
  /** POLYGON_RPC_URL, CHAIN_ID, ANCHOR_PRIVATE_KEY, ANCHOR_CONTRACT (and PUBLIC_CHAIN_RPC_URL) set by the developer; with any of the four no anvil is started. */
  chainVars?: ChainVars;
}

export interface Platform {
  url: string;
  stack: LocalStack;
  stop(): Promise<void>;
}

function run(command: string, args: string[], log: (message: string) => void): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [command, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolvePromise();
      else {
        log(output);
        reject(new Error(`${command} ${args.join(" ")} exited with ${code}`));
      }
    });
  });
}

export async function buildWeb(log: (message: string) => void): Promise<void> {
  log("building the web app (vite) …");
  await run(VITE_BIN, ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"], log);
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolvePromise) => setTimeout(resolvePromise, READY_POLL_MS));
  }
  throw new Error(`wrangler dev did not become healthy within ${READY_TIMEOUT_MS} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, STOP_GRACE_MS);
    child.once("exit", () => {
      clearTimeout(timer);
      resolvePromise();
    });
    try {
      process.kill(-child.pid!, "SIGTERM"); // the whole group: wrangler and its workerd children
    } catch {
      clearTimeout(timer);
      resolvePromise();
    }
  });
}

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { log } = options;
  if (options.buildWeb || !existsSync(join(ROOT, "web/dist/index.html"))) await buildWeb(log);

  const stack = await startLocalStack({
    databaseUrl: options.databaseUrl,
    redisUrl: options.redisUrl,
    dataDir: options.dataDir ? join(options.dataDir, "pglite") : undefined,
    log,
  });
  let child: ChildProcess | null = null;
  let cronTimer: NodeJS.Timeout | null = null;
  let chain: LocalChain | null = null;
  const stop = async () => {
    if (cronTimer) clearInterval(cronTimer);
    try {
      if (child) await stopChild(child);
      await stack.stop();
    } finally {
      // Last, and even when the rest failed to stop: the Worker may be sending an anchoring transaction until it is stopped.
      await chain?.stop();
    }
  };
  try {
    log(`postgres: ${stack.embedded ? `embedded PGlite (${options.dataDir ? join(options.dataDir, "pglite") : "in memory"})` : "DATABASE_URL"}`);
    log(stack.redis ? "redis: REDIS_URL through the local Upstash bridge" : "redis: not configured (REDIS_URL unset) — caching off, rate limits kept per isolate");
    await migrateDatabase({ databaseUrl: stack.databaseUrl, neonWsProxy: stack.neonWsProxy });
    const secrets = await loadDevSecrets(options.dataDir ? join(options.dataDir, "dev-secrets.json") : undefined);
    const target = { databaseUrl: stack.databaseUrl, neonWsProxy: stack.neonWsProxy };
    const categoryCount = await seedCategories(target);
    const created = await seedDemoUsers(target, secrets.PASSWORD_PEPPER);
    log(`migrations applied; ${categoryCount} categories; demo users: ${created} new`);
    chain = await startLocalChain({ mode: options.chain ?? "off", given: options.chainVars ?? {}, dataDir: options.dataDir, log });

    const url = `http://127.0.0.1:${options.port}`;
    const vars: Record<string, string> = {
      ...secrets,
      DATABASE_URL: stack.databaseUrl,
      NEON_WS_PROXY: stack.neonWsProxy,
      APP_ORIGIN: `http://localhost:${options.port}`,
      ...(stack.redis ? { UPSTASH_REDIS_REST_URL: stack.redis.url, UPSTASH_REDIS_REST_TOKEN: stack.redis.token } : {}),
      ...chain.vars,
      ...options.vars,
    };
    const envDir = options.dataDir ?? join(ROOT, ".data/tmp");
    await mkdir(envDir, { recursive: true });
    const envFile = join(envDir, `wrangler-${options.port}.env`);
    await writeFile(envFile, Object.entries(vars).map(([key, value]) => `${key}=${JSON.stringify(value)}`).join("\n") + "\n", { mode: 0o600 });

    child = spawn(
      process.execPath,
      [WRANGLER_BIN, "dev", "--port", String(options.port), "--ip", "127.0.0.1", "--env-file", envFile, "--test-scheduled", "--show-interactive-dev-session=false", "--log-level", options.wranglerLogLevel ?? "warn"],
      { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" } },
    );
    child.stdout?.on("data", (chunk: Buffer) => process.stdout.write(chunk));
    child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    await waitUntilReady(url, child);
    cronTimer = setInterval(() => {
      fetch(`${url}/__scheduled?cron=${encodeURIComponent("* * * * *")}`).catch((error: unknown) => log(`cron call failed: ${String(error)}`));
    }, CRON_INTERVAL_MS);
    cronTimer.unref();
    return { url, stack, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
