// Benchmarks: fan-out of one bid to 1,000 and 10,000 watchers of one room, through the Miniflare API, against a bare hibernating object's broadcast.
import type { Benchmark, BenchmarkResult, Comparison, PreparedBenchmark, RequestOutcome } from "../benchmark";
import { describeCpuPerRequest } from "../cpu-usage";
import { createHttpClient, type HttpClient } from "../http-client";
import { amountFor, apiBid } from "../auctions/bids";
import { createAuction, registerBidders, type Bidder } from "../auctions/fixtures";
import { FANOUT_BASELINE_SAMPLES, measureFanout, medianRequestMs, openWatchers, type Watchers } from "../auctions/fanout";
import { MINIFLARE_PROCESS_LABELS, serveBareRoom, serveRealWorker, type ServedWorker } from "../auctions/miniflare-targets";

/** At least 50 bids per figure (the issue); a few more so p99 is not the single worst. */
const FANOUT_SAMPLES = 60;
const FANOUT_WARMUP_SAMPLES = 5;
/** The samples end by count; this only bounds a run gone wrong (60 × 15 s delivery timeout would be far past it). */
const FANOUT_MAX_MS = 180_000;
/** Bids sent one at a time: 60 + 5 warm-up + 20 without watchers, times three attempts, within 30 a minute per bidder. */
const FANOUT_BIDDERS = 20;
/** The issue's target: within 1.2× of the bare object's broadcast, at 10,000 watchers. */
const FANOUT_TARGET = 1.2;

const log = (message: string) => console.log(`[bench] ${message}`);

/** A `bid` message as the AuctionRoom sends it (durable-objects/auction-room/protocol.ts), for the ceiling to send the same size. */
function bidMessageLike(): string {
  const money = (amount: number) => ({ amount, currency: "USD" });
  return JSON.stringify({
    type: "bid",
    currentPrice: money(amountFor(1_000)),
    bidCount: 1_000,
    minNextBid: money(amountFor(1_000) + 10_000),
    endsAt: new Date().toISOString(),
    leadingBidderAlias: "Bidder 12",
    reserveMet: true,
    buyItNowAvailable: false,
  });
}

interface FanoutTarget {
  served: ServedWorker;
  liveUrl: string;
  /** Messages each watcher gets on connecting. */
  greetings: number;
  send: (index: number) => Promise<RequestOutcome>;
}

/** Shared by the real room and the ceiling: request time without watchers, then the watchers, then samples. */
async function prepareFanout(target: FanoutTarget, http: HttpClient, watcherCount: number, describe: (result: Omit<BenchmarkResult, "interpretation">, figures: { requestMs: number; rawMs: number[]; bytes: number }) => string): Promise<PreparedBenchmark> {
  let watchers: Watchers | null = null;
  const dispose = async () => {
    await watchers?.close();
    http.close();
    await target.served.dispose();
  };
  try {
    const requestMs = await medianRequestMs(target.send, 0);
    const started = performance.now();
    watchers = await openWatchers(target.liveUrl, watcherCount, target.greetings);
    log(`${watcherCount.toLocaleString("en-US")} watchers connected in ${((performance.now() - started) / 1000).toFixed(1)} s; request alone: ${requestMs.toFixed(1)} ms`);
    const open = watchers;
    const rawMs: number[] = [];
    return {
      request: () => Promise.reject(new Error("fan-out measures itself")),
      measure: ({ firstIndex, count, durationMs }) => {
        rawMs.length = 0; // the last measurement's raw figures are the ones interpreted (warm-up and retries come first)
        return measureFanout(open, target.send, { firstIndex: firstIndex + FANOUT_BASELINE_SAMPLES, count, durationMs, requestMs, rawMs });
      },
      processLabels: MINIFLARE_PROCESS_LABELS,
      followsWorkerThread: false,
      interpret: (result) => describe(result, { requestMs, rawMs: [...rawMs].sort((a, b) => a - b), bytes: open.lastMessageBytes }),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

const median = (sorted: readonly number[]) => sorted[Math.floor(sorted.length / 2)] ?? 0;
const p99 = (sorted: readonly number[]) => sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)] ?? 0;

function describeFanout(result: Omit<BenchmarkResult, "interpretation">, figures: { requestMs: number; rawMs: number[]; bytes: number }, watcherCount: number, what: string): string {
  const latency = result.summary.latency;
  const sentences = [
    latency
      ? `Last of ${watcherCount.toLocaleString("en-US")} watchers had the ${figures.bytes}-byte message p50 ${latency.p50Ms.toFixed(1)} ms, p99 ${latency.p99Ms.toFixed(1)} ms after the ${what} was accepted (${(latency.p50Ms * 1000 / watcherCount).toFixed(1)} µs per watcher at p50), over ${result.summary.count} ${what}s one at a time.`
      : `No ${what} reached every watcher.`,
    `Measured as the time from sending the ${what} to the last watcher's receipt (p50 ${median(figures.rawMs).toFixed(1)} ms, p99 ${p99(figures.rawMs).toFixed(1)} ms) less the same request's median time with no watcher (${figures.requestMs.toFixed(1)} ms).`,
  ];
  if (result.cpu) sentences.push(`CPU per ${what}: ${describeCpuPerRequest(result.cpu, result.summary.throughputPerSecond)}; workerd writes every frame on its one thread, and this process's one thread reads all ${watcherCount.toLocaleString("en-US")}.`);
  return sentences.join(" ");
}

function realFanout(watcherCount: number, name: string): Benchmark {
  return {
    name,
    description: `${watcherCount.toLocaleString("en-US")} watchers on one auction's \`GET /v1/auctions/:id/live\` WebSocket (the \`ws\` package in the bench process, no compression), the real Worker in workerd through the Miniflare API; then ${FANOUT_SAMPLES} bids one at a time through \`POST …/bids\`, each timed until the last watcher has its \`bid\` message. The latency columns are that fan-out time; the throughput column is only the pace of the one-at-a-time sampler.`,
    concurrency: 1,
    durationMs: FANOUT_MAX_MS,
    maxRequests: FANOUT_SAMPLES,
    warmup: { durationMs: FANOUT_MAX_MS, maxRequests: FANOUT_WARMUP_SAMPLES },
    async prepare(ctx) {
      const served = await serveRealWorker({ databaseUrl: ctx.database.databaseUrl, neonWsProxy: ctx.database.neonWsProxy ?? "", redis: ctx.redis, secrets: ctx.secrets, log });
      const http = createHttpClient(served.url, 1);
      let fixtures: { listingId: string; bidders: Bidder[] };
      try {
        const auction = await createAuction(served.url, ctx.runTag, `fanout${watcherCount}`);
        fixtures = { listingId: auction.listingId, bidders: await registerBidders(served.url, ctx.runTag, `fanout${watcherCount}-bidder`, FANOUT_BIDDERS) };
      } catch (error) {
        http.close();
        await served.dispose();
        throw error;
      }
      const liveUrl = `${served.url.replace(/^http/, "ws")}/v1/auctions/${fixtures.listingId}/live`;
      // From here prepareFanout owns the server and the client, and releases them on failure too.
      return prepareFanout({ served, liveUrl, greetings: 1, send: apiBid(http, fixtures.listingId, fixtures.bidders, ctx.runTag) }, http, watcherCount, (result, figures) => describeFanout(result, figures, watcherCount, "bid"));
    },
    compare: (result, all) => fanoutComparisons(result, all, `${name}-ceiling`, watcherCount),
  };
}

function ceilingFanout(watcherCount: number, name: string): Benchmark {
  return {
    name,
    description: `Ceiling for the fan-out to ${watcherCount.toLocaleString("en-US")} watchers: the bench-only bare hibernating object (scripts/bench/auctions/bare-room.worker.js) in workerd through the Miniflare API, the same watchers, broadcasting a message the size of a \`bid\` message, one broadcast at a time.`,
    concurrency: 1,
    durationMs: FANOUT_MAX_MS,
    maxRequests: FANOUT_SAMPLES,
    warmup: { durationMs: FANOUT_MAX_MS, maxRequests: FANOUT_WARMUP_SAMPLES },
    async prepare(ctx) {
      const served = await serveBareRoom(log);
      const http = createHttpClient(served.url, 1);
      const room = `fanout-${watcherCount}-${ctx.runTag}`;
      const message = bidMessageLike();
      // The message goes as {"text": …} and the bare Worker broadcasts the text as it is.
      const broadcast = async (): Promise<RequestOutcome> => {
        const response = await http.send({ method: "POST", path: `/broadcast/${room}`, json: { text: message } });
        return response.status === 200 ? { ok: true, status: 200 } : { ok: false, status: response.status, detail: response.errorBody ?? "" };
      };
      return prepareFanout({ served, liveUrl: `${served.url.replace(/^http/, "ws")}/live/${room}`, greetings: 0, send: broadcast }, http, watcherCount, (result, figures) => describeFanout(result, figures, watcherCount, "broadcast"));
    },
  };
}

function fanoutComparisons(result: BenchmarkResult, all: readonly BenchmarkResult[], ceilingName: string, watcherCount: number): Comparison[] {
  const ceiling = all.find((candidate) => candidate.name === ceilingName);
  const mine = result.summary.latency;
  const theirs = ceiling?.summary.latency;
  if (!ceiling || !mine || !theirs) return [];
  const targetNote = watcherCount === 10_000 ? "" : " (The issue sets the 1.2× target at 10,000 watchers; at 1,000 it is shown for scale.)";
  return (["p50", "p99"] as const).map((percentile): Comparison => {
    const subject = percentile === "p50" ? mine.p50Ms : mine.p99Ms;
    const reference = percentile === "p50" ? theirs.p50Ms : theirs.p99Ms;
    const ratio = subject / reference;
    return {
      title: `Fan-out to ${watcherCount.toLocaleString("en-US")} watchers (${percentile}): real room vs bare hibernating object`,
      metric: `${percentile} to the last watcher (ms)`,
      subject: { name: result.name, value: subject },
      reference: { name: ceiling.name, value: reference },
      ratio,
      better: "lower",
      target: FANOUT_TARGET,
      meets: ratio <= FANOUT_TARGET,
      reading: `Both send one frame per watcher from one object on workerd's single thread, and both reach the same sockets in this process. ${ratio <= FANOUT_TARGET ? "The room adds little to the sends themselves: building one JSON message per bid, and the wait for its SQLite commit to be durable before the output gate releases the frames." : "The room's extra cost per bid (its SQLite commit, which the output gate waits for before any frame leaves, and the bid's own work on the same thread) weighs more than the target allows here."}${percentile === "p99" ? ` With ${FANOUT_SAMPLES} bids, p99 is the worst one: one stall (a GC pause, another process taking the core) moves it.` : ""}${targetNote}`,
    };
  });
}

export const AUCTION_FANOUT_BENCHMARKS: readonly Benchmark[] = [
  realFanout(1_000, "auction-fanout-1k"),
  ceilingFanout(1_000, "auction-fanout-1k-ceiling"),
  realFanout(10_000, "auction-fanout-10k"),
  ceilingFanout(10_000, "auction-fanout-10k-ceiling"),
];
