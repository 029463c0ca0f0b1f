// Courier sessions under load: N sessions in workerd (Miniflare API), each with a traveller and a watcher socket; every traveller sends a position a second, each timed until its watcher has it.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import WebSocket from "ws";
import { bundleWorker, COMPATIBILITY_DATE, COMPATIBILITY_FLAGS, drainStdio, serve, type ServedWorker } from "../auctions/miniflare-targets";
import type { LoadResult } from "../load";

const BENCH_FOLDER = import.meta.dirname;
/** Sessions configured at once: each is one RPC to a new object; more only queue on workerd's one thread. */
const CONFIGURE_CONCURRENCY = 50;
/** Sockets opened at once: enough to connect thousands in seconds, few enough not to flood workerd's accept queue. */
const CONNECT_BATCH = 200;
const CONNECT_TIMEOUT_MS = 30_000;
/** A position its watcher has not seen by then counts as an error (status 0). */
const DELIVERY_TIMEOUT_MS = 10_000;
const CLOSE_TIMEOUT_MS = 15_000;
/** Degrees of latitude a courier moves per position: ~5.6 m a second, a cyclist; a trace point every ~18 s. */
const STEP_DEGREES = 0.00005;
const PARIS = { city: "Paris", country: "FR", lat: 48.8566, lng: 2.3522 };
const LONDON = { city: "London", country: "GB", lat: 51.5074, lng: -0.1278 };

/** The real CourierSession behind the bench-only Worker (courier-only.worker.js), with the platform's Postgres and Redis. */
export async function serveCourierOnly(options: { databaseUrl: string; neonWsProxy: string; redis: { url: string; token: string } | null; keyPrefix: string; log: (message: string) => void }): Promise<ServedWorker> {
  const persistDir = await mkdtemp(join(tmpdir(), "mnbara-bench-mf-courier-"));
  const scriptPath = await bundleWorker(join(persistDir, "bundle"), join(BENCH_FOLDER, "wrangler.courier-only.toml"));
  return serve(
    {
      name: "mnbara-bench-courier-only",
      modules: true,
      modulesRoot: dirname(scriptPath),
      scriptPath,
      compatibilityDate: COMPATIBILITY_DATE,
      compatibilityFlags: COMPATIBILITY_FLAGS,
      host: "127.0.0.1",
      port: 0,
      bindings: {
        LOG_LEVEL: "info",
        DATABASE_URL: options.databaseUrl,
        NEON_WS_PROXY: options.neonWsProxy,
        // The sessions write the couriers' geo index as they would in production (one write per session per interval).
        ...(options.redis ? { UPSTASH_REDIS_REST_URL: options.redis.url, UPSTASH_REDIS_REST_TOKEN: options.redis.token } : {}),
        REDIS_KEY_PREFIX: options.keyPrefix,
      },
      durableObjects: { COURIER_SESSION: { className: "CourierSession", useSQLite: true } },
      durableObjectsPersist: join(persistDir, "do"),
      handleRuntimeStdio: drainStdio(options.log),
    },
    persistDir,
  );
}

/** Configures `count` sessions (Paris → London, nothing picked up: positions raise no milestone) and returns their ids. */
export async function configureSessions(baseUrl: string, runTag: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, index) => `shp_bench_${runTag}_${index}`);
  let next = 0;
  const worker = async () => {
    // Bounded by count.
    while (next < ids.length) {
      const shipmentId = ids[next++]!;
      const setup = {
        shipmentId,
        travelerId: `usr_traveler_${shipmentId}`,
        watcherIds: [`usr_requester_${shipmentId}`],
        origin: PARIS,
        destination: LONDON,
        plannedArriveAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
        deliverBy: new Date(Date.now() + 48 * 3_600_000).toISOString(),
        pinHash: "bench-pin-hash",
        status: "accepted",
        milestones: [{ kind: "accepted", at: new Date().toISOString() }],
      };
      const response = await fetch(`${baseUrl}/configure/${shipmentId}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(setup) });
      await response.text();
      if (response.status !== 201) throw new Error(`configuring ${shipmentId} answered ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONFIGURE_CONCURRENCY }, worker));
  return ids;
}

interface Pair {
  traveler: WebSocket;
  watcher: WebSocket;
  lat: number;
  lastAtMs: number;
  /** Positions sent and not yet seen by the watcher: their `at` → when they were sent (performance.now()). */
  inFlight: Map<string, number>;
}

export interface CourierStreams {
  count: number;
  /** Every traveller sends one position per `intervalMs`, spread evenly over it, for `durationMs` or `maxPositions`. */
  stream(options: { durationMs: number; intervalMs: number; maxPositions: number; firstIndex: number }): Promise<LoadResult>;
  close(): Promise<void>;
}

function openSocket(url: string, onMessage: (data: WebSocket.RawData) => void): Promise<WebSocket> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  socket.on("message", onMessage);
  socket.on("error", () => undefined); // a failed socket shows as a failed connect or missing deliveries
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a socket did not connect within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
    socket.once("open", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("unexpected-response", (_request, response) => {
      clearTimeout(timer);
      reject(new Error(`an upgrade was answered ${response.statusCode}`));
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Opens a traveller and a watcher socket per session, in batches; each gets the session's state first. */
export async function openCourierStreams(baseUrl: string, shipmentIds: readonly string[]): Promise<CourierStreams> {
  const wsBase = baseUrl.replace(/^http/, "ws");
  const pairs: Pair[] = [];
  let latencies: number[] = [];
  const closeAll = async () => {
    const sockets = pairs.flatMap((pair) => [pair.traveler, pair.watcher]);
    const closing = sockets
      .filter((socket) => socket.readyState === WebSocket.OPEN)
      .map(
        (socket) =>
          new Promise<void>((resolve) => {
            socket.once("close", () => resolve());
            socket.close(1000, "done");
          }),
      );
    await Promise.race([Promise.all(closing), new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS))]);
    for (const socket of sockets) socket.terminate();
  };
  try {
    // Bounded by count / CONNECT_BATCH batches.
    for (let start = 0; start < shipmentIds.length; start += CONNECT_BATCH) {
      const batch = shipmentIds.slice(start, start + CONNECT_BATCH).map(async (shipmentId) => {
        const pair = { lat: PARIS.lat, lastAtMs: 0, inFlight: new Map<string, number>() } as Pair;
        const onWatcherMessage = (data: WebSocket.RawData) => {
          const text = data.toString();
          // Only position messages are timed; state and eta messages pass.
          if (!text.startsWith('{"type":"position"')) return;
          const at = (JSON.parse(text) as { at: string }).at;
          const sentAt = pair.inFlight.get(at);
          if (sentAt === undefined) return;
          pair.inFlight.delete(at);
          latencies.push(performance.now() - sentAt);
        };
        const live = (role: string) => `${wsBase}/live/${shipmentId}?role=${role}&user=usr_${role}_${shipmentId}`;
        pair.watcher = await openSocket(live("watcher"), onWatcherMessage);
        pair.traveler = await openSocket(live("traveler"), () => undefined);
        pairs.push(pair);
      });
      await Promise.all(batch);
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  return {
    count: pairs.length,
    async stream({ durationMs, intervalMs, maxPositions, firstIndex }) {
      latencies = [];
      let sent = 0;
      const startedMs = performance.now();
      const timers: NodeJS.Timeout[] = [];
      const send = (pair: Pair) => {
        if (sent >= maxPositions || performance.now() - startedMs >= durationMs) return;
        sent++;
        pair.lat += STEP_DEGREES;
        // Strictly newer than the last one, or the session would ignore it.
        pair.lastAtMs = Math.max(Date.now(), pair.lastAtMs + 1);
        const at = new Date(pair.lastAtMs).toISOString();
        pair.inFlight.set(at, performance.now());
        pair.traveler.send(`{"type":"position","lat":${pair.lat},"lng":${PARIS.lng},"at":"${at}"}`);
      };
      pairs.forEach((pair, index) => {
        // Spread evenly over the interval, as independent phones would be.
        timers.push(setTimeout(() => {
          send(pair);
          timers.push(setInterval(() => send(pair), intervalMs));
        }, (index / pairs.length) * intervalMs));
      });
      await new Promise((resolve) => setTimeout(resolve, durationMs));
      for (const timer of timers) clearTimeout(timer);
      const sendingEndedMs = performance.now();
      // Bounded by DELIVERY_TIMEOUT_MS.
      while (pairs.some((pair) => pair.inFlight.size > 0) && performance.now() - sendingEndedMs < DELIVERY_TIMEOUT_MS) await new Promise((resolve) => setTimeout(resolve, 50));
      const missing = pairs.reduce((sum, pair) => sum + pair.inFlight.size, 0);
      for (const pair of pairs) pair.inFlight.clear();
      const errorsByStatus: Record<string, number> = {};
      const firstErrorDetails: Record<string, string> = {};
      if (missing > 0) {
        errorsByStatus["0"] = missing;
        firstErrorDetails["0"] = `${missing} positions had not reached their watcher ${DELIVERY_TIMEOUT_MS} ms after sending stopped`;
      }
      return {
        latenciesMs: latencies,
        requests: sent,
        errorsByStatus,
        firstErrorDetails,
        elapsedMs: performance.now() - startedMs,
        nextIndex: firstIndex + sent,
      };
    },
    close: closeAll,
  };
}
