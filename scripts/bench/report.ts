// BENCHMARKS.md and docs/bench/<name>.svg from one run's results; the table is also what the terminal shows.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describeTarget, formatRatio, renderComparisonChart } from "./auctions/comparison-chart";
import type { BenchmarkResult, Comparison, RunMode } from "./benchmark";
import { renderLatencyChart } from "./chart";
import type { MachineInfo } from "./machine";

export interface RunReport {
  machine: MachineInfo;
  startedAt: Date;
  mode: RunMode;
  warmupMs: number;
  /** Share of the machine busy before any load, with the platform idle; null without /proc. */
  idleBusyPercent: number | null;
  results: BenchmarkResult[];
  /** Benchmarks this run could not do, with why (e.g. no Postgres server for the baseline). */
  skipped?: SkippedBenchmark[];
}

export interface SkippedBenchmark {
  name: string;
  reason: string;
}

const CHART_FOLDER = "docs/bench";

const integer = (value: number) => Math.round(value).toLocaleString("en-US");
const milliseconds = (value: number | undefined) => (value === undefined ? "–" : value.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
/** Below 100 req/s a decimal still says something; above it, it is noise. */
const throughput = (value: number) => (value < 100 ? value.toFixed(1) : integer(value));

export function resultsTable(results: readonly BenchmarkResult[]): string {
  const rows = results.map((result) => {
    const latency = result.summary.latency;
    const cpu = result.cpu ? `${Math.round(result.cpu.machineBusyPercent)}%` : "–";
    return `| ${result.name} | ${result.concurrency} | ${integer(result.requests)} | ${integer(result.errors)} | ${throughput(result.summary.throughputPerSecond)} | ${milliseconds(latency?.p50Ms)} | ${milliseconds(latency?.p95Ms)} | ${milliseconds(latency?.p99Ms)} | ${milliseconds(latency?.maxMs)} | ${cpu} |`;
  });
  return [
    "| benchmark | clients | requests | errors | throughput (req/s) | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | machine CPU busy |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ...rows,
  ].join("\n");
}

/** Every comparison of the run as one table (each result against its ceiling or baseline), or "" when there is none. */
export function comparisonsTable(results: readonly BenchmarkResult[]): string {
  const comparisons = results.flatMap((result) => result.comparisons ?? []);
  if (comparisons.length === 0) return "";
  const value = (figure: number) => (figure < 100 ? figure.toFixed(1) : integer(figure));
  const rows = comparisons.map(
    (comparison) =>
      `| ${comparison.title} | ${comparison.metric} | ${comparison.subject.name}: ${value(comparison.subject.value)} | ${comparison.reference.name}: ${value(comparison.reference.value)} | ${formatRatio(comparison.ratio)} | ${describeTarget(comparison)} | ${comparison.meets ? "met" : "**missed**"} |`,
  );
  return ["| comparison | metric | measured | against | ratio | target | |", "|---|---|--:|--:|--:|--:|---|", ...rows].join("\n");
}

/** File name of a comparison's chart: the subject's name, the reference's, and the metric's first word (two percentiles of one pair differ). */
function comparisonChartName(comparison: Comparison): string {
  const metric = (comparison.metric.split(" ")[0] ?? "").toLowerCase().replace(/[^a-z0-9]/g, "");
  return `${comparison.subject.name}-vs-${comparison.reference.name}-${metric}`;
}

function comparisonSection(comparison: Comparison): string {
  return [
    `### ${comparison.title}`,
    "",
    `![${comparison.title}](${CHART_FOLDER}/${comparisonChartName(comparison)}.svg)`,
    "",
    `**${comparison.meets ? "Met" : "Missed"}:** ${formatRatio(comparison.ratio)} against a target of ${describeTarget(comparison)}. ${comparison.reading}`,
  ].join("\n");
}

function describeCpu(result: BenchmarkResult): string {
  if (!result.cpu) return "";
  const processes = result.cpu.processes.map((entry) => `${entry.label} ${entry.cores.toFixed(2)}`).join(", ");
  const thread = result.cpu.workerThread;
  const threadLine = thread ? ` The Worker's JavaScript thread was running ${Math.round(thread.runningPercent)}% of the time and waiting for a core ${Math.round(thread.waitingPercent)}%.` : "";
  return `CPU while measuring, in cores of ${result.cpu.cores}: ${processes}. Other work on the machine: ${result.cpu.otherWorkCores.toFixed(2)}.${threadLine}`;
}

function describeDisturbance(result: BenchmarkResult): string {
  return result.disturbance ? `**Disturbed on every attempt:** ${result.disturbance}. Run again on a quiet machine and work tree.` : "";
}

function describeErrors(result: BenchmarkResult): string {
  const entries = Object.entries(result.errorsByStatus);
  if (entries.length === 0) return "";
  const lines = entries.map(([status, count]) => {
    const detail = result.firstErrorDetails[status];
    return `- ${status === "0" ? "no response" : status} × ${integer(count)}${detail ? `, the first: \`${detail.replaceAll("`", "'").replaceAll("\n", " ")}\`` : ""}`;
  });
  return ["Errors by status:", "", ...lines].join("\n");
}

function section(result: BenchmarkResult): string {
  return [
    `### ${result.name}`,
    "",
    `${result.description}`,
    "",
    `![${result.name} latency chart](${CHART_FOLDER}/${result.name}.svg)`,
    "",
    ...[describeDisturbance(result), describeCpu(result), describeErrors(result)].filter((line) => line !== "").flatMap((line) => [line, ""]),
    `**Reading:** ${result.interpretation}`,
  ].join("\n");
}

function comparisonsPart(results: readonly BenchmarkResult[]): string {
  const table = comparisonsTable(results);
  if (!table) return "";
  const sections = results.flatMap((result) => result.comparisons ?? []).map(comparisonSection);
  return `
## Comparisons

Ratios between results of this same run (the machine is noisy; ratios travel better than figures), each with its target.

${table}

${sections.join("\n\n")}
`;
}

export function renderMarkdown(report: RunReport): string {
  const { machine, mode } = report;
  return `# Benchmarks

<!-- Generated by \`npm run bench\` (scripts/bench/run.ts). Change the benchmarks in scripts/bench/benchmarks/, not this file. -->

Load tests of the Mnbara API on one machine: the whole platform started locally, requests through \`wrangler dev\`.

## How to run

\`\`\`sh
npm run bench                    # embedded PGlite, no Redis
DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 npm run bench
npm run bench -- health          # only the named benchmarks: prints the table, leaves this file as it is
\`\`\`

With \`DATABASE_URL\` each run creates a throwaway database on that server (\`mnbara_bench_…\`) and drops it at the end.
A full run rewrites this file and the charts in \`${CHART_FOLDER}/\`.

## This run

| | |
|---|---|
| date (UTC) | ${report.startedAt.toISOString().replace("T", " ").slice(0, 16)} |
| CPU | ${machine.cpuModel}, ${machine.cores} cores |
| memory | ${machine.memoryGiB} GiB |
| OS | ${machine.os} |
| Node | ${machine.node} |
| database | ${mode.database === "postgres" ? "PostgreSQL server from `DATABASE_URL` (a throwaway database on it), through the local Neon WebSocket proxy" : "embedded PGlite (one connection at a time), through the local Neon WebSocket proxy"} |
| Redis | ${mode.redis ? "`REDIS_URL` through the local Upstash REST bridge (shared rate limits)" : "none: rate limits kept per isolate"} |
| machine busy before load | ${report.idleBusyPercent === null ? "unknown (no /proc)" : `${Math.round(report.idleBusyPercent)}% (platform started, idle)`} |
| load | closed loop (each client sends its next request when the previous one has answered); ${report.warmupMs / 1000} s warm-up at the same concurrency, not counted; \`node:http\` with a keep-alive agent |

## Results

${resultsTable(report.results)}

Throughput and latencies count successful responses; errors are counted apart. "Machine CPU busy" is the share of all cores in use during the measured window.

${report.results.map(section).join("\n\n")}
${(report.skipped ?? []).map((skip) => `\n### ${skip.name}\n\n**Skipped:** ${skip.reason}\n`).join("")}${comparisonsPart(report.results)}
## Notes

- \`wrangler dev\` routes every request through an extra, single-threaded workerd proxy in front of the Worker (the "wrangler dev proxy" above), so it tops out near 2,000 simple requests/s on this kind of machine (see STACK.md), and it runs the Worker in one isolate on one thread. These are local figures for comparing changes, not production ones: on Cloudflare there is no such proxy and requests spread over many isolates.
- The Worker logs one JSON line per request at \`LOG_LEVEL\` info (wrangler.toml), and under \`wrangler dev\` each line crosses into wrangler's Node process ("wrangler (node)" above). Measured once while writing this bench: a route that touches no database served ~650 req/s so, and ~1,900 req/s with \`LOG_LEVEL=warn\`.
- Everything shares the same cores: the load generator, the Neon WebSocket proxy and the Upstash bridge (and PGlite, when embedded) run in one Node process, next to workerd, wrangler, Postgres and Redis. The CPU lines say who used what; "other work" is CPU used by processes outside this run, which lowers the figures.
- Login requests carry a made-up \`CF-Connecting-IP\` from 10.0.0.0/8 (wrangler dev passes the header through), one address per request, so the per-IP limit never applies; every request still goes to 127.0.0.1.
- The \`…-miniflare…\` and fan-out benchmarks skip \`wrangler dev\`: they bundle the Worker (\`wrangler deploy --dry-run\`), or a bench-only Worker from \`scripts/bench/auctions/\`, and serve it straight from workerd through the Miniflare API, with the same bindings, Postgres and Redis (each instance under its own Redis key prefix). Their workerd shows as "workerd (Miniflare, the Worker)". The fan-out watchers are \`ws\` sockets in the bench process: 10,000 of them need 10,000 descriptors here and as many in workerd, under the 20,000 open-file limit (\`wrangler dev\`'s proxy would need ~6 per socket and die near 3,300).
- Bids go round-robin over a few hundred bidders registered through the API (each registration from its own made-up \`CF-Connecting-IP\`), so none passes 30 bids a minute. Concurrent bids reach the room out of the order they were sent; one overtaken by two later, higher bids is refused as \`BID_TOO_LOW\`, as in a real room: those refusals are counted as errors (status 422), and throughput counts accepted bids only. The bare ceiling and the Postgres baseline apply the same rule (a bid must beat the second-highest maximum).
- In production the Worker reaches Neon and Upstash over the network, with more latency per round trip than loopback but without their CPU on the Worker's machine.
`;
}

export async function writeReport(root: string, report: RunReport): Promise<void> {
  await mkdir(join(root, CHART_FOLDER), { recursive: true });
  for (const result of report.results) {
    await writeFile(join(root, CHART_FOLDER, `${result.name}.svg`), await renderLatencyChart(result));
    for (const comparison of result.comparisons ?? []) await writeFile(join(root, CHART_FOLDER, `${comparisonChartName(comparison)}.svg`), await renderComparisonChart(comparison));
  }
  await writeFile(join(root, "BENCHMARKS.md"), renderMarkdown(report));
}
