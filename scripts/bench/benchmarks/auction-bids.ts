// Benchmarks: bids on one auction room, through the real API and against its ceiling (a bare SQLite Durable Object) and a conventional baseline (Node + Postgres row lock).
import type { Benchmark, BenchmarkContext, BenchmarkResult, PreparedBenchmark, RequestOutcome } from "../benchmark";
import { coresOf, describeCpuPerRequest } from "../cpu-usage";
import { formatRatio } from "../auctions/comparison-chart";
import { createHttpClient, type HttpClient } from "../http-client";
import { acceptedShare, amountFor, answeredRate, apiBid, biddersFor, percent, perSecond, plainBid, rejectedBids, roomOnlyBid, throughputComparison } from "../auctions/bids";
import { createAuction, registerBidders, START_PRICE_MINOR, waitForEventsToSettle, type Bidder } from "../auctions/fixtures";
import { MINIFLARE_PROCESS_LABELS, serveBareRoom, serveRealWorker, serveRoomOnly, type ServedWorker } from "../auctions/miniflare-targets";
import { BASELINE_POOL_SIZE, startPgBaseline } from "../auctions/pg-baseline";
import { serveBareRoomWithWranglerDev } from "../auctions/wrangler-dev-target";

/** Concurrent bidders on the one room, in a closed loop. */
const BID_CONCURRENCY = 16;
const BID_DURATION_MS = 10_000;
/**
 * Bids in the measured window and in the warm-up, at most. They bound a fast machine; on this one time ends the
 * window first. One attempt's bids fit the shared bidders' quota (BID_BIDDERS × 30 a minute).
 */
const WRANGLER_MAX_BIDS = 4_000;
const MINIFLARE_MAX_BIDS = 7_000;
const WRANGLER_WARMUP_BIDS = 1_000;
const MINIFLARE_WARMUP_BIDS = 1_500;
/**
 * Bidders registered once per run and shared by the real-path bid benchmarks: each Miniflare instance keeps its
 * rate-limit counts under its own Redis prefix, so the per-user limit starts afresh there. Registration hashes a
 * password per user (~10 ms of the Worker's thread), so a few hundred cost a few seconds to a few dozen.
 */
const BID_BIDDERS = biddersFor(Math.max(WRANGLER_MAX_BIDS + WRANGLER_WARMUP_BIDS, MINIFLARE_MAX_BIDS + MINIFLARE_WARMUP_BIDS) * 1.5);
/** Bare, room-only and baseline bids (and GET /v1/me) use no bid quota: their window ends by time, far under this. */
const UNBOUNDED_BIDS = 100_000;
/** Bare and baseline requests need no accounts, only bidder ids: these are made up. */
const FAKE_BIDDERS = Array.from({ length: 1_000 }, (_, n): Bidder => ({ id: `usr_bench_${n}`, accessToken: "" }));
/** Ratios the issue asks for. */
const CEILING_TARGET = 0.8;
const LOOPBACK_BASELINE_TARGET = 1.5;
const DELAYED_BASELINE_TARGET = 10;
/** Added round trip between the baseline service and Postgres: about what a Worker sees per query to Neon. */
const BASELINE_ONE_WAY_DELAY_MS = 2.5;

const log = (message: string) => console.log(`[bench] ${message}`);

/** The room's own share: the AuctionRoom alone against the bare object, on the Miniflare path, when both ran. */
function describeRoom(all: readonly BenchmarkResult[]): string {
  const room = all.find((result) => result.name === "auction-bids-miniflare-room");
  const ceiling = all.find((result) => result.name === "auction-bids-miniflare-ceiling");
  if (!room || !ceiling || ceiling.summary.throughputPerSecond === 0) return "";
  return ` The room alone (no API in front, auction-bids-miniflare-room) does ${perSecond(room.summary.throughputPerSecond)} accepted bids/s, ${formatRatio(room.summary.throughputPerSecond / ceiling.summary.throughputPerSecond)} of the bare object on the Miniflare path: the rest of the gap is the API.`;
}

/** The AuctionRoom alone against a baseline, when both ran: the same comparison without the API's cost. */
function describeRoomAgainst(all: readonly BenchmarkResult[], baselineName: string): string {
  const room = all.find((result) => result.name === "auction-bids-miniflare-room");
  const baseline = all.find((result) => result.name === baselineName);
  if (!room || !baseline || baseline.summary.throughputPerSecond === 0) return "";
  return ` Without the API (the room alone, auction-bids-miniflare-room) the ratio is ${formatRatio(room.summary.throughputPerSecond / baseline.summary.throughputPerSecond)}.`;
}

let sharedBidders: { runTag: string; bidders: Promise<Bidder[]> } | null = null;

/** The run's bidders, registered through the platform's API on first use (their tokens last 15 minutes: long enough for the bid benchmarks). */
function bidders(ctx: BenchmarkContext): Promise<Bidder[]> {
  if (sharedBidders?.runTag !== ctx.runTag) {
    const started = performance.now();
    const registering = registerBidders(ctx.url, ctx.runTag, "bidder", BID_BIDDERS).then(async (registered) => {
      log(`${BID_BIDDERS} bidders registered through the API in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      // Each registration emits user.registered; its consumers (welcome notifications) must be done before measuring.
      await waitForEventsToSettle(ctx.database, log);
      return registered;
    });
    sharedBidders = { runTag: ctx.runTag, bidders: registering };
    registering.catch(() => (sharedBidders = null));
  }
  return sharedBidders.bidders;
}

/** The bid figures every bid benchmark states first: accepted/s, refusals, and CPU per accepted bid. */
function describeBids(result: Omit<BenchmarkResult, "interpretation">): string {
  const rejected = rejectedBids(result);
  const sentences = [
    `${perSecond(result.summary.throughputPerSecond)} accepted bids/s; ${percent(acceptedShare(result))} of ${result.requests.toLocaleString("en-US")} bids accepted${rejected > 0 ? `, ${rejected.toLocaleString("en-US")} refused as BID_TOO_LOW (overtaken in flight by two later, higher bids)` : ""}.`,
  ];
  if (result.cpu) sentences.push(`Machine ${Math.round(result.cpu.machineBusyPercent)}% busy; CPU per accepted bid: ${describeCpuPerRequest(result.cpu, result.summary.throughputPerSecond)}.`);
  return sentences.join(" ");
}

/**
 * How much of a real-path bid is the authenticated request around it: `GET /v1/me` (auction-bids-auth…) measured
 * the same way, right after, with the same tokens and clients. Both saturate the machine, so the inverse of each
 * rate is what one request costs it.
 */
function describeAuth(bids: BenchmarkResult, all: readonly BenchmarkResult[], authName: string): string {
  const auth = all.find((result) => result.name === authName);
  const bidRate = answeredRate(bids);
  const meRate = auth?.summary.throughputPerSecond ?? 0;
  if (!(meRate > 0) || !(bidRate > 0)) return "";
  const meMs = 1000 / meRate;
  const bidMs = 1000 / bidRate;
  return ` Authentication (${authName}): \`GET /v1/me\` with the same tokens and clients runs at ${perSecond(meRate)}/s, ${meMs.toFixed(1)} ms of the machine per request, against ${bidMs.toFixed(1)} ms per bid request answered (${perSecond(bidRate)}/s, accepted or refused): the authenticated request around a bid is about ${percent(Math.min(1, meMs / bidMs))} of its cost, and most of that is the new Postgres connection per request (Postgres forks a backend for each, and the driver's WebSocket goes through the Neon proxy in the bench process); the rest is the Redis limit call, the two room RPCs, the room's work and the queue consumer's copies to Postgres.`;
}

/** The real API: a seller's auction listing, the run's bidders, then bids through the Worker's HTTP path. */
async function prepareApiBids(ctx: BenchmarkContext, http: HttpClient, baseUrl: string, label: string) {
  const auction = await createAuction(baseUrl, ctx.runTag, label);
  const registered = await bidders(ctx);
  log(`${label}: auction ${auction.listingId}`);
  return { auction, request: apiBid(http, auction.listingId, registered, ctx.runTag) };
}

export const auctionBidsBenchmark: Benchmark = {
  name: "auction-bids",
  description: `\`POST /v1/auctions/:id/bids\` through \`wrangler dev\`: ${BID_CONCURRENCY} bidders at once on one auction, each bid higher than the last sent (\`Idempotency-Key\`, bearer token). Per bid: JWT check and session query (Postgres), the per-user bid limit (Redis), then the AuctionRoom: engine, hash-chained log row, state, event rows in one SQLite transaction, broadcast to watchers (none here), events to the queue, whose consumer copies each bid to Postgres.`,
  concurrency: BID_CONCURRENCY,
  durationMs: BID_DURATION_MS,
  maxRequests: WRANGLER_MAX_BIDS,
  warmup: { durationMs: 2_000, maxRequests: WRANGLER_WARMUP_BIDS },
  async prepare(ctx) {
    const prepared = await prepareApiBids(ctx, ctx.http, ctx.url, "bids");
    return {
      request: prepared.request,
      interpret(result) {
        const thread = result.cpu?.workerThread;
        const threadLine = thread ? ` The Worker's one thread ran ${Math.round(thread.runningPercent)}% of the window and waited for a core ${Math.round(thread.waitingPercent)}%.` : "";
        return `${describeBids(result)}${threadLine}`;
      },
    };
  },
  compare: (result, all) =>
    throughputComparison(result, all, "auction-bids-ceiling", {
      title: "Bids through wrangler dev: real path vs bare SQLite Durable Object",
      target: CEILING_TARGET,
      reading: (ratio, ceiling) =>
        `Both through wrangler dev on this machine, same clients and amounts. The bare object does the least a bid needs (read the top bid, compare, update, append a row) with no authentication; ${ratio < CEILING_TARGET ? `the real path reaches ${percent(ratio)} of the ceiling where ${percent(CEILING_TARGET)} is asked. The gap is mostly the API around the room: authentication (a new Postgres connection per request), the Redis rate-limit call, the per-request log line crossing into wrangler's Node process, and the queue consumer's copies to Postgres.` : "the room and the API around it keep up with the bare object."} Ceiling: ${perSecond(ceiling.summary.throughputPerSecond)} bids/s.${describeAuth(result, all, "auction-bids-auth")}${describeRoom(all)}`,
    }),
};

/** `GET /v1/me` with the bid benchmarks' tokens and clients: the authenticated request around a bid, and nothing else. */
function authBenchmark(name: string, path: "wrangler dev" | "Miniflare"): Benchmark {
  return {
    name,
    description: `\`GET /v1/me\` through ${path === "wrangler dev" ? "`wrangler dev`" : "the real Worker in workerd through the Miniflare API"}, with the bid benchmarks' tokens and ${BID_CONCURRENCY} clients: verify the JWT, open a Postgres connection, the session query, one more row read. What authenticating a bid costs on this path.`,
    concurrency: BID_CONCURRENCY,
    durationMs: BID_DURATION_MS,
    maxRequests: UNBOUNDED_BIDS,
    async prepare(ctx) {
      const make = async (http: HttpClient) => {
        const registered = await bidders(ctx);
        return {
          request: async (index: number): Promise<RequestOutcome> => {
            const response = await http.send({ method: "GET", path: "/v1/me", headers: { Authorization: `Bearer ${registered[index % registered.length]!.accessToken}` } });
            return response.status === 200 ? { ok: true, status: 200 } : { ok: false, status: response.status, detail: response.errorBody ?? "" };
          },
          interpret: (result: Omit<BenchmarkResult, "interpretation">) =>
            `${perSecond(result.summary.throughputPerSecond)} authenticated requests/s${result.cpu ? ` with the machine ${Math.round(result.cpu.machineBusyPercent)}% busy; CPU per request: ${describeCpuPerRequest(result.cpu, result.summary.throughputPerSecond)}` : ""}. Each opens a new Postgres connection (one Neon Pool per request, through the WebSocket proxy): Postgres forks a backend for it.`,
        };
      };
      if (path === "wrangler dev") return make(ctx.http);
      const served = await serveRealWorker({ databaseUrl: ctx.database.databaseUrl, neonWsProxy: ctx.database.neonWsProxy ?? "", redis: ctx.redis, secrets: ctx.secrets, log });
      return withServed(served, make);
    },
  };
}

export const auctionBidsAuthBenchmark = authBenchmark("auction-bids-auth", "wrangler dev");
export const auctionBidsMiniflareAuthBenchmark = authBenchmark("auction-bids-miniflare-auth", "Miniflare");

export const auctionBidsCeilingBenchmark: Benchmark = {
  name: "auction-bids-ceiling",
  description: `Ceiling for \`auction-bids\`: a bench-only Worker with a bare SQLite Durable Object (scripts/bench/auctions/bare-room.worker.js) served by its own \`wrangler dev\`: per bid one RPC that reads the top bid, compares, updates it and appends a row. No authentication, no rate limit, no events. Same clients, concurrency and amounts.`,
  concurrency: BID_CONCURRENCY,
  durationMs: BID_DURATION_MS,
  maxRequests: UNBOUNDED_BIDS,
  async prepare(ctx) {
    const served = await serveBareRoomWithWranglerDev(log);
    const http = createHttpClient(served.url, BID_CONCURRENCY);
    return {
      request: plainBid(http, `/bid/room-${ctx.runTag}`, FAKE_BIDDERS),
      followsWorkerThread: false,
      interpret: (result) => `${describeBids(result)} Bound by wrangler dev's path: its single-threaded proxy, wrangler's Node process and the Worker's one thread share 2 cores with the load generator.`,
      async dispose() {
        http.close();
        await served.dispose();
      },
    };
  },
};

/** Starts a Miniflare target and its client; everything it made is released by dispose(). */
async function withServed(served: ServedWorker, make: (http: HttpClient) => Promise<Omit<PreparedBenchmark, "dispose">>): Promise<PreparedBenchmark> {
  const http = createHttpClient(served.url, BID_CONCURRENCY);
  const dispose = async () => {
    http.close();
    await served.dispose();
  };
  try {
    return { processLabels: MINIFLARE_PROCESS_LABELS, followsWorkerThread: false, ...(await make(http)), dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

const MINIFLARE_NOTE = "Straight to workerd through the Miniflare API (no wrangler dev proxy).";

export const auctionBidsMiniflareBenchmark: Benchmark = {
  name: "auction-bids-miniflare",
  description: `The same bids as \`auction-bids\` against the real Worker bundle (\`wrangler deploy --dry-run\`) in workerd through the Miniflare API, with wrangler.toml's bindings: the AuctionRoom on SQLite (on disk), the events queue and its consumer, R2, the same Postgres and Redis. No wrangler dev proxy in front.`,
  concurrency: BID_CONCURRENCY,
  durationMs: BID_DURATION_MS,
  maxRequests: MINIFLARE_MAX_BIDS,
  warmup: { durationMs: 2_000, maxRequests: MINIFLARE_WARMUP_BIDS },
  async prepare(ctx) {
    const served = await serveRealWorker({ databaseUrl: ctx.database.databaseUrl, neonWsProxy: ctx.database.neonWsProxy ?? "", redis: ctx.redis, secrets: ctx.secrets, log });
    return withServed(served, async (http) => {
      const prepared = await prepareApiBids(ctx, http, served.url, "mf-bids");
      return {
        request: prepared.request,
        interpret: (result) => `${MINIFLARE_NOTE} ${describeBids(result)}`,
      };
    });
  },
  compare: (result, all) => [
    ...throughputComparison(result, all, "auction-bids-miniflare-ceiling", {
      title: "Bids through Miniflare: real path vs bare SQLite Durable Object",
      target: CEILING_TARGET,
      reading: (ratio, ceiling) =>
        `Both straight to workerd. ${ratio < CEILING_TARGET ? `The real path reaches ${percent(ratio)} of the ceiling (${perSecond(ceiling.summary.throughputPerSecond)} bids/s) where ${percent(CEILING_TARGET)} is asked. Per bid the Worker opens a Postgres connection to authenticate (Postgres forks a backend; the Neon proxy in the bench process relays it), calls Redis for the bid limit, and the queue consumer writes each bid's copies to Postgres.` : `The ceiling did ${perSecond(ceiling.summary.throughputPerSecond)} bids/s.`}${describeAuth(result, all, "auction-bids-miniflare-auth")}${describeRoom(all)}`,
    }),
    ...throughputComparison(result, all, "auction-bids-postgres", {
      title: "Real Durable Object bid path (Miniflare) vs Node + Postgres row lock, loopback",
      target: LOOPBACK_BASELINE_TARGET,
      reading: (ratio) =>
        `The baseline takes no authentication and no rate limit; the real path does both per bid, and its Postgres connection per request (auction-bids-miniflare-auth) costs more than the baseline's whole transaction on a pooled connection.${describeRoomAgainst(all, "auction-bids-postgres")}`,
    }),
    ...throughputComparison(result, all, "auction-bids-postgres-5ms", {
      title: "Real Durable Object bid path (Miniflare) vs Node + Postgres row lock, 5 ms away",
      target: DELAYED_BASELINE_TARGET,
      reading: (ratio, baseline) =>
        `The baseline holds the row lock from the moment Postgres grants it (answering SELECT … FOR UPDATE) until its COMMIT lands: half a round trip plus three more (UPDATE, INSERT, COMMIT), so ~6.5 ms of round trip caps one auction at ~${perSecond(baseline.summary.throughputPerSecond)} bids/s however many connections it has; the room's rule runs next to its storage with no network inside the serialized part. Here the real path's own queries (the session check, the consumer's copies) stay on loopback: in production they too would be ~5 ms away, which adds latency to each bid but does not serialize bids, so the throughput ratio stands. ${ratio >= DELAYED_BASELINE_TARGET ? "" : "Missed: the real path's per-request Postgres connection and the rest of the API bound it on this 2-core machine."}${describeRoomAgainst(all, "auction-bids-postgres-5ms")}`,
    }),
  ],
};

/** Per-bid costs of the room's pieces, timed once in workerd while writing this bench (2,000 iterations inside one object). */
const ROOM_PIECES_NOTE =
  "Timed apart in workerd on this machine while writing this bench: the room's eleven SQL statements per bid ~35 µs, its two SHA-256 (node:crypto) ~15 µs, the extra isConfigured RPC ~15 µs; together well under the gap, so most of it must be in the per-bid asynchronous pieces: the queue send (measured apart by auction-bids-miniflare-room-null-queue) and, after it, a second storage write that deletes the sent event rows (not measured apart).";

function roomOnlyBenchmark(name: string, nullQueue: boolean): Benchmark {
  return {
    name,
    description: nullQueue
      ? "As `auction-bids-miniflare-room`, but the room's EVENTS_QUEUE is a stand-in Worker whose `sendBatch` drops the batch: the difference is what sending each bid's events to the queue costs the room."
      : "The real AuctionRoom with no API in front (scripts/bench/auctions/room-only.worker.js, bundled with the room's code): per bid the same single RPC as the API (`bid`) with the same arguments and amounts, through the Miniflare API. No authentication, rate limit, Hono, log line or queue consumer (the events go to a queue nobody reads). It says what the room costs apart from the API.",
    concurrency: BID_CONCURRENCY,
    durationMs: BID_DURATION_MS,
    maxRequests: UNBOUNDED_BIDS,
    async prepare(ctx) {
      const served = await serveRoomOnly(log, { nullQueue });
      return withServed(served, async (http) => {
        const listingId = `lst_bench_${ctx.runTag}`;
        const terms = { listingId, sellerId: "usr_bench_seller", currency: "USD", startPriceMinor: START_PRICE_MINOR, reservePriceMinor: null, buyItNowPriceMinor: null, endsAtMs: Date.now() + 24 * 3_600_000, closeMode: "soft", softCloseSeconds: 120, maxExtensionSeconds: 3_600 };
        const configured = await fetch(`${served.url}/configure/${listingId}`, { method: "POST", body: JSON.stringify(terms) });
        if (configured.status !== 201) throw new Error(`configuring the room answered ${configured.status}: ${await configured.text()}`);
        return {
          request: roomOnlyBid(http, listingId, FAKE_BIDDERS, ctx.runTag),
          interpret: (result) =>
            `${MINIFLARE_NOTE} ${describeBids(result)} The room's work per bid: the idempotency lookup, the engine, SHA-256 of the request and of the chain entry, the alias lookup, one SQLite transaction (log row, head hash, state, event rows), the broadcast loop (no watchers here), then${nullQueue ? " a stand-in queue send" : " a queue send of the events"} and the deletion of the sent event rows.`,
        };
      });
    },
    compare: (result, all) =>
      nullQueue
        ? throughputComparison(result, all, "auction-bids-miniflare-ceiling", {
            title: "The AuctionRoom alone with a stand-in queue (Miniflare) vs bare SQLite Durable Object",
            target: CEILING_TARGET,
            reading: (ratio) => {
              const withQueue = all.find((other) => other.name === "auction-bids-miniflare-room");
              return `Shown to split the room's cost: ${withQueue ? `with the real queue binding the room did ${perSecond(withQueue.summary.throughputPerSecond)} accepted bids/s, here ${perSecond(result.summary.throughputPerSecond)}, so the queue send is about ${percent(Math.max(0, 1 - withQueue.summary.throughputPerSecond / result.summary.throughputPerSecond))} of the room's cost per bid, and` : ""} the rest of the gap to the bare object is the room's own work (${percent(ratio)} of the ceiling without the queue).`;
            },
          })
        : [
            ...throughputComparison(result, all, "auction-bids-miniflare-ceiling", {
              title: "The AuctionRoom alone (Miniflare) vs bare SQLite Durable Object",
              target: CEILING_TARGET,
              reading: (ratio) =>
                ratio >= CEILING_TARGET
                  ? "The room's own work (engine, hash chain, broadcast, events) keeps within the target of the bare object: each bid still costs one disk sync, which both pay."
                  : `The room's own work (engine, hash chain, events) costs more than the target allows: it reaches ${percent(ratio)} of the ceiling where ${percent(CEILING_TARGET)} is asked. ${ROOM_PIECES_NOTE}`,
            }),
            ...throughputComparison(result, all, "auction-bids-postgres", {
              title: "The AuctionRoom alone (Miniflare) vs Node + Postgres row lock, loopback",
              target: LOOPBACK_BASELINE_TARGET,
              reading: (ratio) =>
                `The same work on both sides (no authentication, no rate limit): a bid's rule and its durable write on one auction. ${ratio < LOOPBACK_BASELINE_TARGET ? "On loopback Postgres holds the row lock for only ~1 ms (four round trips of ~0.06 ms, one WAL flush), and its backends run on both cores, while the room's work and workerd's I/O share one thread." : ""}`,
            }),
            ...throughputComparison(result, all, "auction-bids-postgres-5ms", {
              title: "The AuctionRoom alone (Miniflare) vs Node + Postgres row lock, 5 ms away",
              target: DELAYED_BASELINE_TARGET,
              reading: () => "The same work on both sides; the baseline's row lock spans three and a half round trips to a database ~6.5 ms away, while the room's rule runs next to its storage.",
            }),
          ],
  };
}

export const auctionBidsRoomBenchmark = roomOnlyBenchmark("auction-bids-miniflare-room", false);
export const auctionBidsRoomNullQueueBenchmark = roomOnlyBenchmark("auction-bids-miniflare-room-null-queue", true);

export const auctionBidsMiniflareCeilingBenchmark: Benchmark = {
  name: "auction-bids-miniflare-ceiling",
  description: "Ceiling for the Miniflare bid benchmarks: the same bare SQLite Durable Object as `auction-bids-ceiling`, served straight from workerd through the Miniflare API.",
  concurrency: BID_CONCURRENCY,
  durationMs: BID_DURATION_MS,
  maxRequests: UNBOUNDED_BIDS,
  async prepare(ctx) {
    const served = await serveBareRoom(log);
    return withServed(served, async (http) => ({
      request: plainBid(http, `/bid/room-${ctx.runTag}`, FAKE_BIDDERS),
      interpret: (result) => {
        const workerd = result.cpu ? coresOf(result.cpu, MINIFLARE_PROCESS_LABELS["workerd (not this platform)"]) : 0;
        return `${MINIFLARE_NOTE} ${describeBids(result)}${workerd > 0 ? ` workerd used ${workerd.toFixed(2)} cores: its one thread runs the Worker, the object and the entry worker, and each bid waits for a disk sync before its answer is released.` : ""}`;
      },
    }));
  },
};

/** Skipped without a Postgres server: the baseline needs real Postgres, not the embedded one. */
const needsPostgres = (ctx: Omit<BenchmarkContext, "http">) => (ctx.mode.database === "postgres" ? null : "DATABASE_URL is not set: the conventional baseline needs a PostgreSQL server (the embedded PGlite is not one).");

function pgBaselineBenchmark(name: string, oneWayDelayMs: number): Benchmark {
  const delayed = oneWayDelayMs > 0;
  return {
    name,
    description: `Conventional baseline: a small Node HTTP service (its own process, \`pg\` pool of ${BASELINE_POOL_SIZE}) that per bid runs BEGIN; SELECT … FOR UPDATE on the auction row; compare; UPDATE; INSERT the bid; COMMIT, against the local Postgres${delayed ? `, through a TCP proxy in the bench process that holds every chunk ${oneWayDelayMs} ms each way (about a Worker's round trip to Neon)` : " on loopback"}. Same clients, concurrency and amounts as the room.`,
    concurrency: BID_CONCURRENCY,
    durationMs: BID_DURATION_MS,
    maxRequests: UNBOUNDED_BIDS,
    skipReason: needsPostgres,
    async prepare(ctx) {
      const baseline = await startPgBaseline({ databaseUrl: ctx.database.databaseUrl, auctionId: `auction_${delayed ? "delayed" : "loopback"}_${ctx.runTag}`, startAmount: amountFor(-1), oneWayDelayMs, log });
      return withServed(baseline, async (http) => ({
        request: plainBid(http, `/bids/${baseline.auctionId}`, FAKE_BIDDERS),
        processLabels: {},
        interpret: (result) => {
          const lockHeldMs = result.summary.throughputPerSecond > 0 ? 1000 / result.summary.throughputPerSecond : 0;
          return `${describeBids(result)} Postgres round trip from the service: ${baseline.roundTripMs.toFixed(2)} ms (median \`SELECT 1\`). One row serializes every bid: ${lockHeldMs.toFixed(2)} ms per accepted bid, ${delayed ? "nearly all of it the row lock held across the round trips from the SELECT … FOR UPDATE answer to the COMMIT's" : "the lock held from the SELECT … FOR UPDATE to the COMMIT, including one WAL flush"}.`;
        },
      }));
    },
  };
}

export const auctionBidsPostgresBenchmark = pgBaselineBenchmark("auction-bids-postgres", 0);
export const auctionBidsPostgresDelayedBenchmark = pgBaselineBenchmark("auction-bids-postgres-5ms", BASELINE_ONE_WAY_DELAY_MS);

export const AUCTION_BID_BENCHMARKS: readonly Benchmark[] = [
  auctionBidsBenchmark,
  auctionBidsAuthBenchmark,
  auctionBidsCeilingBenchmark,
  auctionBidsMiniflareBenchmark,
  auctionBidsMiniflareAuthBenchmark,
  auctionBidsRoomBenchmark,
  auctionBidsRoomNullQueueBenchmark,
  auctionBidsMiniflareCeilingBenchmark,
  auctionBidsPostgresBenchmark,
  auctionBidsPostgresDelayedBenchmark,
];
