// `npm run bench [name…]`: starts the platform, runs the benchmarks (all or those named), prints a table; a full run writes BENCHMARKS.md and docs/bench/*.svg.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDevSecrets } from "../platform/dev-secrets";
import { ROOT, startPlatform } from "../platform/start-platform";
import type { Benchmark, BenchmarkContext, BenchmarkResult, PreparedBenchmark, RunMode } from "./benchmark";
import { createBenchDatabase } from "./bench-database";
import { BENCHMARKS } from "./benchmarks/index";
import { cpuUsageBetween, takeCpuSnapshot, workerRestartedBetween, type CpuUsage } from "./cpu-usage";
import { createHttpClient } from "./http-client";
import { runLoad } from "./load";
import { describeMachine } from "./machine";
import { comparisonsTable, resultsTable, writeReport, type SkippedBenchmark } from "./report";
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
  // A name that is no benchmark's selects those it begins, e.g. "auction" for every auction-… benchmark.
  const matches = (name: string, benchmark: Benchmark) => benchmark.name === name || (!known.has(name) && benchmark.name.startsWith(`${name}-`));
  const unknown = names.filter((name) => !BENCHMARKS.some((benchmark) => matches(name, benchmark)));
  if (unknown.length > 0) throw new Error(`no benchmark named ${unknown.join(", ")}; known: ${[...known].join(", ")}`);
  return BENCHMARKS.filter((benchmark) => names.some((name) => matches(name, benchmark)));
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
  let prepared: PreparedBenchmark | undefined;
  try {
    log(`${benchmark.name}: preparing …`);
    prepared = await benchmark.prepare({ ...base, http });
    const measureLoad = (options: { durationMs: number; maxRequests: number; firstIndex: number }) =>
      prepared?.measure
        ? prepared.measure({ firstIndex: options.firstIndex, count: options.maxRequests, durationMs: options.durationMs })
        : runLoad({ concurrency: benchmark.concurrency, ...options, request: prepared!.request });
    const warmupMs = benchmark.warmup?.durationMs ?? WARMUP_MS;
    let nextIndex = 0;
    // Bounded by MAX_MEASUREMENT_ATTEMPTS.
    for (let attempt = 1; ; attempt++) {
      log(`${benchmark.name}: warming up for ${warmupMs / 1000} s …`);
      const warmup = await measureLoad({ durationMs: warmupMs, maxRequests: benchmark.warmup?.maxRequests ?? WARMUP_MAX_REQUESTS, firstIndex: nextIndex });
      log(`${benchmark.name}: measuring for up to ${benchmark.durationMs / 1000} s at ${benchmark.concurrency} clients …`);
      const cpuBefore = await takeCpuSnapshot();
      const load = await measureLoad({ durationMs: benchmark.durationMs, maxRequests: benchmark.maxRequests, firstIndex: warmup.nextIndex });
      const cpuAfter = await takeCpuSnapshot();
      nextIndex = load.nextIndex;
      const cpu = cpuBefore && cpuAfter ? relabelCpu(cpuUsageBetween(cpuBefore, cpuAfter, servicePrograms(base.mode)), prepared) : null;
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
    await prepared?.dispose?.();
  }
}

/** The benchmark's own names for processes it started, and no Worker thread when its load went elsewhere than the platform's Worker. */
function relabelCpu(cpu: CpuUsage, prepared: PreparedBenchmark | undefined): CpuUsage {
  const labels = prepared?.processLabels ?? {};
  const byLabel = new Map<string, number>();
  for (const entry of cpu.processes) {
    const label = labels[entry.label] ?? entry.label;
    byLabel.set(label, (byLabel.get(label) ?? 0) + entry.cores);
  }
  const processes = [...byLabel].map(([label, cores]) => ({ label, cores })).sort((a, b) => b.cores - a.cores);
  return { ...cpu, processes, workerThread: prepared?.followsWorkerThread === false ? null : cpu.workerThread };
}

/** Each result against the others of this run, once all have run. */
function compareResults(selected: readonly Benchmark[], results: BenchmarkResult[]): void {
  for (const result of results) {
    const benchmark = selected.find((candidate) => candidate.name === result.name);
    const comparisons = benchmark?.compare?.(result, results) ?? [];
    if (comparisons.length > 0) result.comparisons = comparisons;
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
      redis: platform.stack.redis,
      secrets: await loadDevSecrets(join(dataDir, "dev-secrets.json")),
      runTag: `${Date.now().toString(36)}${randomBytes(RUN_TAG_BYTES).toString("hex")}`,
      mode,
    };

    const idleBusyPercent = await idleMachineBusyPercent();

    const results: BenchmarkResult[] = [];
    const skipped: SkippedBenchmark[] = [];
    for (const benchmark of selected) {
      const skipReason = benchmark.skipReason?.(base) ?? null;
      if (skipReason) {
        log(`${benchmark.name}: skipped: ${skipReason}`);
        skipped.push({ name: benchmark.name, reason: skipReason });
        continue;
      }
      const result = await runBenchmark(benchmark, base);
      results.push(result);
      log(`${benchmark.name}: ${result.interpretation}`);
    }

    compareResults(selected, results);
    console.log(`\n${resultsTable(results)}\n`);
    const comparisons = comparisonsTable(results);
    if (comparisons) console.log(`${comparisons}\n`);
    const report = { machine: describeMachine(), startedAt, mode, warmupMs: WARMUP_MS, idleBusyPercent, results, skipped };
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
