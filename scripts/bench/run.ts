// `npm run bench [name…]`: starts the platform, runs the benchmarks (all or those named), prints a table; a full run writes BENCHMARKS.md and docs/bench/*.svg.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDevSecrets } from "../platform/dev-secrets";
import { ROOT, startPlatform } from "../platform/start-platform";
import type { Benchmark, BenchmarkContext, BenchmarkResult, RunMode } from "./benchmark";
import { createBenchDatabase } from "./bench-database";
import { BENCHMARKS } from "./benchmarks/index";
import { cpuUsageBetween, takeCpuSnapshot, workerRestartedBetween } from "./cpu-usage";
import { createHttpClient } from "./http-client";
import { runLoad } from "./load";
import { describeMachine } from "./machine";
import { resultsTable, writeReport } from "./report";
import { summarize } from "./stats";

/** Before measuring: the Worker's code is compiled, keep-alive sockets and database paths are opened, caches fill. */
const WARMUP_MS = 2_000;
/** Bounds the warm-up by count too; 2 s cannot come near it at wrangler dev's ~2,000 req/s. */
const WARMUP_MAX_REQUESTS = 20_000;
/** How long the idle machine is watched before any load, to tell whether other work shares it. */
const IDLE_CHECK_MS = 1_000;
/** Busier than this while idle: something else is running, and the figures may come out low. */
const BUSY_WARNING_PERCENT = 10;
/**
 * A measurement is taken again, this many times in all at most, when it was disturbed: wrangler dev
 * restarted the Worker (it watches the work tree, and others may be editing), or other work took CPU…
 */
const MAX_MEASUREMENT_ATTEMPTS = 3;
/** …after letting a rebuild or the other work settle this long. */
const DISTURBANCE_SETTLE_MS = 5_000;
/** Other work above this (a tenth of a 2-core machine) moves the figures more than run-to-run noise does. */
const OTHER_WORK_LIMIT_CORES = 0.2;
/** Random bytes in the run tag (hex) that keeps one run's data and Redis keys apart from another's. */
const RUN_TAG_BYTES = 4;
/** Exit codes after a signal, as shells report them: 128 + the signal number. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

const log = (message: string) => console.log(`[bench] ${message}`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function selectBenchmarks(names: string[]): readonly Benchmark[] {
  if (names.length === 0) return BENCHMARKS;
  const known = new Set(BENCHMARKS.map((benchmark) => benchmark.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Error(`no benchmark named ${unknown.join(", ")}; known: ${[...known].join(", ")}`);
  return BENCHMARKS.filter((benchmark) => names.includes(benchmark.name));
}

/** Postgres and Redis are shared servers: their CPU is the run's when it uses them, other work otherwise. */
function servicePrograms(mode: RunMode): string[] {
  return [...(mode.database === "postgres" ? ["postgres"] : []), ...(mode.redis ? ["redis-server"] : [])];
}

/** Share of the machine busy while the platform sits idle, or null without /proc; says who was busy when it is high. */
async function idleMachineBusyPercent(): Promise<number | null> {
  const before = await takeCpuSnapshot();
  await new Promise((resolve) => setTimeout(resolve, IDLE_CHECK_MS));
  const after = await takeCpuSnapshot();
  if (!before || !after) return null;
  const usage = cpuUsageBetween(before, after, []);
  if (usage.machineBusyPercent > BUSY_WARNING_PERCENT) {
    const busiest = usage.processes.map((entry) => `${entry.label} ${entry.cores.toFixed(2)}`).join(", ");
    log(`the machine is ${Math.round(usage.machineBusyPercent)}% busy before any load (${busiest} cores): the figures may come out low`);
  }
  return usage.machineBusyPercent;
}

async function runBenchmark(benchmark: Benchmark, base: Omit<BenchmarkContext, "http">): Promise<BenchmarkResult> {
  const http = createHttpClient(base.url, benchmark.concurrency);
  try {
    log(`${benchmark.name}: preparing …`);
    const prepared = await benchmark.prepare({ ...base, http });
    let nextIndex = 0;
    // Bounded by MAX_MEASUREMENT_ATTEMPTS.
    for (let attempt = 1; ; attempt++) {
      log(`${benchmark.name}: warming up for ${WARMUP_MS / 1000} s …`);
      const warmup = await runLoad({ concurrency: benchmark.concurrency, durationMs: WARMUP_MS, maxRequests: WARMUP_MAX_REQUESTS, firstIndex: nextIndex, request: prepared.request });
      log(`${benchmark.name}: measuring for up to ${benchmark.durationMs / 1000} s at ${benchmark.concurrency} clients …`);
      const cpuBefore = await takeCpuSnapshot();
      const load = await runLoad({
        concurrency: benchmark.concurrency,
        durationMs: benchmark.durationMs,
        maxRequests: benchmark.maxRequests,
        firstIndex: warmup.nextIndex,
        request: prepared.request,
      });
      const cpuAfter = await takeCpuSnapshot();
      nextIndex = load.nextIndex;
      const cpu = cpuBefore && cpuAfter ? cpuUsageBetween(cpuBefore, cpuAfter, servicePrograms(base.mode)) : null;
      let disturbance: string | null = null;
      if (cpuBefore && cpuAfter && workerRestartedBetween(cpuBefore, cpuAfter)) disturbance = "wrangler dev restarted the Worker while measuring (a source file changed)";
      else if (cpu && cpu.otherWorkCores > OTHER_WORK_LIMIT_CORES) disturbance = `other work on the machine took ${cpu.otherWorkCores.toFixed(2)} cores while measuring`;
      if (disturbance && attempt < MAX_MEASUREMENT_ATTEMPTS) {
        log(`${benchmark.name}: ${disturbance}; measuring again`);
        await new Promise((resolve) => setTimeout(resolve, DISTURBANCE_SETTLE_MS));
        continue;
      }
      const measured = {
        name: benchmark.name,
        description: benchmark.description,
        concurrency: benchmark.concurrency,
        requests: load.requests,
        errors: Object.values(load.errorsByStatus).reduce((sum, count) => sum + count, 0),
        errorsByStatus: load.errorsByStatus,
        firstErrorDetails: load.firstErrorDetails,
        summary: summarize(load.latenciesMs, load.elapsedMs),
        disturbance,
        cpu,
      };
      return { ...measured, interpretation: prepared.interpret(measured) };
    }
  } finally {
    http.close();
  }
}

async function main(): Promise<void> {
  const selected = selectBenchmarks(process.argv.slice(2));
  const fullRun = selected.length === BENCHMARKS.length;
  const startedAt = new Date();
  const mode: RunMode = { database: process.env.DATABASE_URL ? "postgres" : "pglite", redis: Boolean(process.env.REDIS_URL) };

  // Undone last-in first-out: wrangler and the local stack, then the throwaway database, then the temp folder.
  const cleanups: Array<() => Promise<void>> = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      // Bounded: one step per resource acquired.
      while (cleanups.length > 0) {
        try {
          await cleanups.pop()?.();
        } catch (error) {
          log(`cleanup failed: ${String(error)}`);
        }
      }
    })());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping …`);
      void cleanup().finally(() => process.exit(SIGNAL_EXIT_CODES[signal]));
    });
  }

  try {
    const dataDir = await mkdtemp(join(tmpdir(), "mnbara-bench-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    let databaseUrl: string | undefined;
    if (process.env.DATABASE_URL) {
      const database = await createBenchDatabase(process.env.DATABASE_URL, log);
      cleanups.push(() => database.drop());
      databaseUrl = database.url;
    }
    const platform = await startPlatform({ port: await freePort(), dataDir, databaseUrl, redisUrl: process.env.REDIS_URL, buildWeb: false, log, wranglerLogLevel: "warn" });
    cleanups.push(() => platform.stop());
    const base: Omit<BenchmarkContext, "http"> = {
      url: platform.url,
      database: { databaseUrl: platform.stack.databaseUrl, neonWsProxy: platform.stack.neonWsProxy },
      secrets: await loadDevSecrets(join(dataDir, "dev-secrets.json")),
      runTag: `${Date.now().toString(36)}${randomBytes(RUN_TAG_BYTES).toString("hex")}`,
      mode,
    };

    const idleBusyPercent = await idleMachineBusyPercent();

    const results: BenchmarkResult[] = [];
    for (const benchmark of selected) {
      const result = await runBenchmark(benchmark, base);
      results.push(result);
      log(`${benchmark.name}: ${result.interpretation}`);
    }

    console.log(`\n${resultsTable(results)}\n`);
    const report = { machine: describeMachine(), startedAt, mode, warmupMs: WARMUP_MS, idleBusyPercent, results };
    if (fullRun) {
      await writeReport(ROOT, report);
      log("wrote BENCHMARKS.md and docs/bench/*.svg");
    } else {
      log("only some benchmarks ran: BENCHMARKS.md left as it is (a full run rewrites it)");
    }
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
