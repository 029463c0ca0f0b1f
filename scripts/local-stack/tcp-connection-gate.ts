// TCP gate that queues whole client connections and pipes one at a time to a single-session upstream (PGlite).
import { createServer, connect, type Socket } from "node:net";
import { LOOPBACK_HOST, closeServer, listenOnLoopback } from "./loopback-server";

/** Waiting connections beyond this are refused at once: a leak somewhere should fail loudly, not eat memory. */
export const DEFAULT_MAX_QUEUED_CONNECTIONS = 1_000;
/** A connection that waited this long is dropped (with a log line): something holds the session. */
export const DEFAULT_QUEUE_TIMEOUT_MS = 60_000;
/** One log line when a connection has waited this long, to make deadlocks visible early. */
export const DEFAULT_SLOW_QUEUE_LOG_MS = 5_000;
/** After one side of a session closed, the other gets this long to flush and close before it is destroyed. */
const SESSION_CLOSE_GRACE_MS = 5_000;

export interface TcpConnectionGateOptions {
  upstreamHost: string;
  upstreamPort: number;
  /** Runs after a session ended and before the next queued connection is admitted (session reset). */
  beforeNextConnection?: () => Promise<void>;
  /**
   * Per session: gets the client's bytes in order and returns true when the client said goodbye at
   * the protocol level, after which the gate closes the session as a real server would.
   */
  createGoodbyeDetector?: () => (chunk: Buffer) => boolean;
  maxQueuedConnections?: number;
  queueTimeoutMs?: number;
  slowQueueLogMs?: number;
  log?: (msg: string) => void;
}

export interface TcpConnectionGateStats {
  /** 1 while a client is piped to the upstream (or its session is being reset), else 0. */
  active: number;
  queued: number;
  admitted: number;
  refused: number;
  timedOut: number;
}

export interface TcpConnectionGate {
  host: string;
  port: number;
  stats(): TcpConnectionGateStats;
  stop(): Promise<void>;
}

interface QueuedConnection {
  id: number;
  socket: Socket;
  timeoutTimer: NodeJS.Timeout;
  slowTimer: NodeJS.Timeout;
}

interface ActiveSession {
  id: number;
  client: Socket;
  upstream: Socket;
  startedAt: number;
}

export async function startTcpConnectionGate(options: TcpConnectionGateOptions): Promise<TcpConnectionGate> {
  const log = options.log ?? ((msg: string) => console.log(`[tcp-gate] ${msg}`));
  const maxQueued = options.maxQueuedConnections ?? DEFAULT_MAX_QUEUED_CONNECTIONS;
  const queueTimeoutMs = options.queueTimeoutMs ?? DEFAULT_QUEUE_TIMEOUT_MS;
  const slowQueueLogMs = options.slowQueueLogMs ?? DEFAULT_SLOW_QUEUE_LOG_MS;

  const queue: QueuedConnection[] = [];
  let active: ActiveSession | null = null;
  // Set from the end of a session until its reset finished: nobody is admitted meanwhile.
  let resetting: Promise<void> | null = null;
  let stopped = false;
  let nextId = 1;
  const counters = { admitted: 0, refused: 0, timedOut: 0 };

  const removeFromQueue = (entry: QueuedConnection): void => {
    clearTimeout(entry.timeoutTimer);
    clearTimeout(entry.slowTimer);
    const index = queue.indexOf(entry);
    if (index !== -1) queue.splice(index, 1);
  };

  const describeActive = (): string =>
    active === null
      ? resetting !== null
        ? "the session reset of the previous connection"
        : "nothing (gate idle)"
      : `connection #${active.id} (open for ${Date.now() - active.startedAt} ms)`;

  const admitNext = (): void => {
    if (stopped || active !== null || resetting !== null) return;
    // Bounded: every iteration removes one entry from the queue.
    while (queue.length > 0) {
      const entry = queue.shift();
      if (entry === undefined) return;
      clearTimeout(entry.timeoutTimer);
      clearTimeout(entry.slowTimer);
      if (entry.socket.destroyed) continue;
      startSession(entry.id, entry.socket);
      return;
    }
  };

  const startSession = (id: number, client: Socket): void => {
    counters.admitted += 1;
    const upstream = connect({ host: options.upstreamHost, port: options.upstreamPort });
    upstream.setNoDelay(true);
    const session: ActiveSession = { id, client, upstream, startedAt: Date.now() };
    active = session;
    let clientClosed = false;
    let upstreamClosed = false;
    let graceTimer: NodeJS.Timeout | undefined;
    // The session is over only when both sides are closed, so bytes already in flight (a COMMIT
    // written just before the client hung up) still reach the upstream before the reset runs.
    const closeBothSoon = (): void => {
      graceTimer ??= setTimeout(() => {
        client.destroy();
        upstream.destroy();
      }, SESSION_CLOSE_GRACE_MS);
    };
    const finishIfClosed = (): void => {
      if (!clientClosed || !upstreamClosed) return;
      clearTimeout(graceTimer);
      resetting = runReset(session).finally(() => {
        resetting = null;
        active = null;
        admitNext();
      });
    };
    // "close" always follows "error" on net sockets, so the error listeners only log.
    upstream.on("error", (error) => {
      if (!stopped) log(`upstream error for connection #${id}: ${error.message}`);
    });
    // Client errors (ECONNRESET and the like) are how clients usually vanish: not worth a log line.
    client.on("error", () => {});
    // Once the client is gone (or said goodbye), whatever the upstream still sends is dropped; it
    // must keep flowing, or the upstream's own FIN is never read and the session never ends.
    const stopForwardingToClient = (): void => {
      upstream.unpipe(client);
      upstream.resume();
    };
    client.once("close", () => {
      clientClosed = true;
      stopForwardingToClient();
      upstream.end();
      closeBothSoon();
      finishIfClosed();
    });
    upstream.once("close", () => {
      upstreamClosed = true;
      client.end();
      closeBothSoon();
      finishIfClosed();
    });
    // Bytes flow only between this client and the upstream; the next client waits for "close".
    const saidGoodbye = options.createGoodbyeDetector?.();
    let waitingForDrain = false;
    let goodbyeSeen = false;
    client.on("data", (chunk: Buffer) => {
      // Nothing may follow a goodbye; writing after upstream.end() would only raise errors.
      if (goodbyeSeen) return;
      if (!upstream.write(chunk) && !waitingForDrain) {
        waitingForDrain = true;
        client.pause();
        upstream.once("drain", () => {
          waitingForDrain = false;
          client.resume();
        });
      }
      if (saidGoodbye?.(chunk) === true) {
        goodbyeSeen = true;
        stopForwardingToClient();
        client.end();
        upstream.end();
      }
    });
    client.once("end", () => upstream.end());
    upstream.pipe(client);
    // The socket was paused while queued; a "data" listener alone does not restart a paused stream.
    client.resume();
  };

  const runReset = async (session: ActiveSession): Promise<void> => {
    if (options.beforeNextConnection === undefined || stopped) return;
    try {
      await options.beforeNextConnection();
    } catch (error) {
      log(`session reset after connection #${session.id} failed: ${(error as Error).message}`);
    }
  };

  const server = createServer({ noDelay: true }, (socket) => {
    const id = nextId++;
    socket.on("error", () => {
      // Handled through "close" below; the listener only keeps the error from crashing the process.
    });
    if (stopped) {
      socket.destroy();
      return;
    }
    if (queue.length >= maxQueued) {
      counters.refused += 1;
      log(`refusing connection #${id}: ${queue.length} connections already waiting (limit ${maxQueued})`);
      socket.destroy();
      return;
    }
    // No data listener yet, so nothing is read: the client's first bytes stay buffered until admission.
    socket.pause();
    const entry: QueuedConnection = {
      id,
      socket,
      timeoutTimer: setTimeout(() => {
        counters.timedOut += 1;
        removeFromQueue(entry);
        log(`dropping connection #${id}: waited ${queueTimeoutMs} ms, still blocked by ${describeActive()}`);
        socket.destroy();
      }, queueTimeoutMs),
      slowTimer: setTimeout(() => {
        log(
          `connection #${id} has waited ${slowQueueLogMs} ms (queue length ${queue.length}), blocked by ${describeActive()}` +
            " — does one request hold two connections?",
        );
      }, slowQueueLogMs),
    };
    socket.once("close", () => removeFromQueue(entry));
    queue.push(entry);
    admitNext();
  });
  server.on("error", (error) => log(`server error: ${error.message}`));

  const port = await listenOnLoopback(server);

  return {
    host: LOOPBACK_HOST,
    port,
    stats: () => ({
      active: active === null && resetting === null ? 0 : 1,
      queued: queue.length,
      ...counters,
    }),
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      const closing = closeServer(server);
      // Bounded: each iteration removes one entry.
      while (queue.length > 0) {
        const entry = queue.shift();
        if (entry === undefined) break;
        clearTimeout(entry.timeoutTimer);
        clearTimeout(entry.slowTimer);
        entry.socket.destroy();
      }
      if (active !== null) {
        active.client.destroy();
        active.upstream.destroy();
      }
      await resetting;
      await closing;
    },
  };
}
