// A TCP proxy that holds every chunk for a while in each direction: a database some milliseconds away, on one machine.
import { createConnection, createServer, type Socket } from "node:net";

export interface DelayProxy {
  /** "127.0.0.1:<port>": connect here instead of the target. */
  host: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Forwards connections to `target` and delays each chunk by `oneWayDelayMs` each way, keeping their order, so a
 * query's round trip grows by about twice that. Node timers fire on whole milliseconds at the earliest, so the real
 * delay is a little over; `measureRoundTripMs` (in the caller) says what it came to.
 */
export async function startDelayProxy(target: { host: string; port: number }, oneWayDelayMs: number): Promise<DelayProxy> {
  const sockets = new Set<Socket>();
  const pipeDelayed = (from: Socket, to: Socket) => {
    const queue: Array<{ dueMs: number; chunk: Buffer }> = [];
    let timer: NodeJS.Timeout | null = null;
    const flush = () => {
      timer = null;
      const now = performance.now();
      // Bounded by the queue's length.
      while (queue.length > 0 && queue[0]!.dueMs <= now) to.write(queue.shift()!.chunk);
      if (queue.length > 0) timer = setTimeout(flush, Math.max(1, Math.ceil(queue[0]!.dueMs - now)));
    };
    from.on("data", (chunk: Buffer) => {
      queue.push({ dueMs: performance.now() + oneWayDelayMs, chunk });
      timer ??= setTimeout(flush, Math.max(1, Math.ceil(oneWayDelayMs)));
    });
    from.on("end", () => {
      // Half-close after what is still queued has gone.
      const finish = () => (queue.length === 0 ? to.end() : setTimeout(finish, 1));
      finish();
    });
  };
  const server = createServer((client) => {
    client.setNoDelay(true);
    const upstream = createConnection({ host: target.host, port: target.port });
    upstream.setNoDelay(true);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    pipeDelayed(client, upstream);
    pipeDelayed(upstream, client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("delay proxy: no address");
  return {
    host: "127.0.0.1",
    port: address.port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
