// Benchmark: 1,000 courier sessions, each streaming a position a second to its watcher, through the Miniflare API straight against workerd.
import type { Benchmark, BenchmarkResult } from "../benchmark";
import { describeCpuPerRequest } from "../cpu-usage";
import { MINIFLARE_PROCESS_LABELS } from "../auctions/miniflare-targets";
import { configureSessions, openCourierStreams, serveCourierOnly, type CourierStreams } from "../crowdship/courier-fanout";

/** The load: 1,000 sessions, one position per second each, a watcher each. */
const SESSIONS = 1_000;
const POSITION_INTERVAL_MS = 1_000;
/** ~20 s of streaming: 20,000 positions, so p99 rests on 200 of them. */
const MEASURE_MS = 20_000;
const WARMUP_MS = 3_000;
/** Positions end by time; the count only bounds a run gone wrong. */
const MAX_POSITIONS = SESSIONS * 60;

const log = (message: string) => console.log(`[bench] ${message}`);

function describeSessions(result: Omit<BenchmarkResult, "interpretation">): string {
  const latency = result.summary.latency;
  const sentences = [
    latency
      ? `From a traveller's socket send to its watcher's receipt: p50 ${latency.p50Ms.toFixed(1)} ms, p99 ${latency.p99Ms.toFixed(1)} ms over ${result.summary.count.toLocaleString("en-US")} positions (${result.summary.throughputPerSecond.toFixed(0)} a second across ${SESSIONS.toLocaleString("en-US")} sessions).`
      : "No position reached its watcher.",
    "Each position is validated, stored in its session's SQLite (the state row, and a trace point when it is kept) and broadcast to the session's two sockets; the output gate holds the frames until the write is durable.",
  ];
  if (result.cpu) sentences.push(`CPU per position: ${describeCpuPerRequest(result.cpu, result.summary.throughputPerSecond)}; workerd runs every session on its one thread.`);
  return sentences.join(" ");
}

export const courierSessionsBenchmark: Benchmark = {
  name: "courier-sessions",
  description: `${SESSIONS.toLocaleString("en-US")} CourierSessions (the real Durable Object behind the bench-only scripts/bench/crowdship/courier-only.worker.js, in workerd through the Miniflare API), each with a traveller and a watcher WebSocket from this process (\`ws\`, no compression). Every traveller sends \`{ type: "position" }\` once a second, spread evenly over the second, for ${MEASURE_MS / 1000} s; each latency is from that send to the watcher's receipt of the \`position\` message.`,
  concurrency: SESSIONS,
  durationMs: MEASURE_MS,
  maxRequests: MAX_POSITIONS,
  warmup: { durationMs: WARMUP_MS, maxRequests: MAX_POSITIONS },
  async prepare(ctx) {
    const served = await serveCourierOnly({ databaseUrl: ctx.database.databaseUrl, neonWsProxy: ctx.database.neonWsProxy ?? "", redis: ctx.redis, keyPrefix: `mnbara-bench-courier-${ctx.runTag}`, log });
    let streams: CourierStreams | null = null;
    const dispose = async () => {
      await streams?.close();
      await served.dispose();
    };
    try {
      const started = performance.now();
      const ids = await configureSessions(served.url, ctx.runTag, SESSIONS);
      streams = await openCourierStreams(served.url, ids);
      log(`${SESSIONS.toLocaleString("en-US")} sessions configured and ${(streams.count * 2).toLocaleString("en-US")} sockets connected in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const open = streams;
      return {
        request: () => Promise.reject(new Error("courier sessions measure themselves")),
        measure: ({ firstIndex, count, durationMs }) => open.stream({ durationMs, intervalMs: POSITION_INTERVAL_MS, maxPositions: count, firstIndex }),
        processLabels: MINIFLARE_PROCESS_LABELS,
        followsWorkerThread: false,
        interpret: describeSessions,
        dispose,
      };
    } catch (error) {
      await dispose();
      throw error;
    }
  },
};
