// Fan-out: N watchers on one room (WebSockets from this process, `ws`), then one bid or broadcast at a time, each timed until its last watcher has it.
import WebSocket from "ws";
import type { RequestOutcome } from "../benchmark";
import type { LoadResult } from "../load";

/** Sockets opened at once: enough to connect 10,000 in seconds, few enough not to flood workerd's accept queue. */
const CONNECT_BATCH = 200;
const CONNECT_TIMEOUT_MS = 30_000;
/** A bid whose message has not reached every watcher by then counts as an error (status 0, with how many missed it). */
const DELIVERY_TIMEOUT_MS = 15_000;
/** Quiet time between samples, so one broadcast's tail never overlaps the next request. */
const PAUSE_BETWEEN_SAMPLES_MS = 100;
const CLOSE_TIMEOUT_MS = 15_000;
/** Requests timed with no watcher connected, to take the request's own time off the fan-out figures. */
const BASELINE_SAMPLES = 20;

export interface Watchers {
  count: number;
  /** Bytes of the last message a watcher received (the broadcast's size). */
  lastMessageBytes: number;
  /** Sends `send()` once, waits until every watcher has one more message; resolves with ms from before the send to the last arrival. */
  timeDelivery(send: () => Promise<RequestOutcome>): Promise<{ outcome: RequestOutcome; lastArrivalMs: number | null; missing: number }>;
  close(): Promise<void>;
}

/**
 * Opens `count` WebSockets to `url` in batches. `perMessageDeflate` is off: browsers offer it and workerd accepts,
 * which roughly doubles fan-out time (STACK.md); the ceiling is measured the same way, so the ratio holds either way.
 * `initialMessages` is how many messages each socket gets on connecting (the room sends its state first).
 */
export async function openWatchers(url: string, count: number, initialMessages: number): Promise<Watchers> {
  const sockets: WebSocket[] = [];
  let received = 0;
  let target = Number.POSITIVE_INFINITY;
  let onAll: (() => void) | null = null;
  let lastMessageBytes = 0;
  const onMessage = (data: WebSocket.RawData) => {
    received++;
    if (received >= target && onAll) {
      lastMessageBytes = Array.isArray(data) ? data.reduce((sum, part) => sum + part.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;
      const done = onAll;
      onAll = null;
      done();
    }
  };
  const closeAll = async () => {
    const open = sockets.filter((socket) => socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING);
    await Promise.race([
      Promise.all(
        open.map(
          (socket) =>
            new Promise<void>((resolve) => {
              socket.once("close", () => resolve());
              socket.close(1000, "done");
            }),
        ),
      ),
      new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS)),
    ]);
    for (const socket of sockets) socket.terminate();
  };
  try {
    // Bounded by count / CONNECT_BATCH batches.
    for (let start = 0; start < count; start += CONNECT_BATCH) {
      const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - start) }, () => {
        const socket = new WebSocket(url, { perMessageDeflate: false });
        sockets.push(socket);
        socket.on("message", onMessage);
        socket.on("error", () => undefined); // a failed socket shows as a missing delivery or a failed connect
        return new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`a watcher did not connect within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
          socket.once("open", () => {
            clearTimeout(timer);
            resolve();
          });
          socket.once("unexpected-response", (_request, response) => {
            clearTimeout(timer);
            reject(new Error(`a watcher's upgrade was answered ${response.statusCode}`));
          });
          socket.once("error", (error) => {
            clearTimeout(timer);
            reject(error);
          });
        });
      });
      await Promise.all(batch);
    }
    // The room's greeting (its state) to every watcher, before any sample.
    if (initialMessages > 0) {
      target = count * initialMessages;
      if (received < target) {
        await new Promise<void>((resolve, reject) => {
          onAll = resolve;
          setTimeout(() => reject(new Error(`only ${received} of ${target} greetings arrived`)), CONNECT_TIMEOUT_MS);
        });
      }
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  return {
    count,
    get lastMessageBytes() {
      return lastMessageBytes;
    },
    async timeDelivery(send) {
      received = 0;
      target = count;
      const arrived = new Promise<boolean>((resolve) => {
        onAll = () => resolve(true);
        setTimeout(() => resolve(false), DELIVERY_TIMEOUT_MS);
      });
      const startedMs = performance.now();
      const outcome = await send();
      if (!outcome.ok) {
        onAll = null;
        return { outcome, lastArrivalMs: null, missing: count };
      }
      const complete = await arrived;
      const lastArrivalMs = complete ? performance.now() - startedMs : null;
      onAll = null;
      const missing = complete ? 0 : count - received;
      await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_SAMPLES_MS));
      return { outcome, lastArrivalMs, missing };
    },
    close: closeAll,
  };
}

/** Median time of `send` alone (no watcher connected): what a request takes to be accepted and answered. */
export async function medianRequestMs(send: (index: number) => Promise<RequestOutcome>, firstIndex: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < BASELINE_SAMPLES; i++) {
    const started = performance.now();
    const outcome = await send(firstIndex + i);
    if (!outcome.ok) throw new Error(`a request with no watchers failed: ${outcome.status} ${outcome.detail ?? ""}`);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}
export const FANOUT_BASELINE_SAMPLES = BASELINE_SAMPLES;

/**
 * `count` samples one after another from `firstIndex`: the fan-out latency of each is the time from sending the
 * request to the last watcher's receipt, less `requestMs` (the same request's median time with no watchers).
 */
export async function measureFanout(watchers: Watchers, send: (index: number) => Promise<RequestOutcome>, options: { firstIndex: number; count: number; durationMs: number; requestMs: number; rawMs: number[] }): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const errorsByStatus: Record<string, number> = {};
  const firstErrorDetails: Record<string, string> = {};
  const startedMs = performance.now();
  let index = options.firstIndex;
  // Bounded by count and by durationMs.
  while (index < options.firstIndex + options.count && performance.now() - startedMs < options.durationMs) {
    const sampleIndex = index++;
    const { outcome, lastArrivalMs, missing } = await watchers.timeDelivery(() => send(sampleIndex));
    if (lastArrivalMs !== null) {
      options.rawMs.push(lastArrivalMs);
      latenciesMs.push(Math.max(0, lastArrivalMs - options.requestMs));
    } else {
      const status = outcome.ok ? "0" : String(outcome.status);
      errorsByStatus[status] = (errorsByStatus[status] ?? 0) + 1;
      firstErrorDetails[status] ??= outcome.ok ? `${missing} of ${watchers.count} watchers had no message within ${DELIVERY_TIMEOUT_MS} ms` : (outcome.detail ?? "");
    }
  }
  return { latenciesMs, requests: index - options.firstIndex, errorsByStatus, firstErrorDetails, elapsedMs: performance.now() - startedMs, nextIndex: index };
}
