// WebSocket→TCP proxy speaking Neon's wsproxy protocol, so the Neon serverless driver can reach a local Postgres.
import { createServer, type IncomingMessage } from "node:http";
import { connect, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { closeServer, listenOnLoopback, parseHostPort } from "./loopback-server";

/** The path the Neon driver uses by default (`host/v2?address=host:port`). */
const PROXY_PATH = "/v2";
/** Postgres messages are far smaller; this only stops a runaway frame from eating memory. */
const MAX_WS_PAYLOAD_BYTES = 64 * 1024 * 1024;
/** Stop reading from Postgres while this much is waiting to go out on the WebSocket… */
const WS_HIGH_WATER_BYTES = 4 * 1024 * 1024;
/** …and read again once it has drained below this. */
const WS_LOW_WATER_BYTES = 1024 * 1024;
/** A side that was asked to close gently gets this long before it is destroyed. */
const CLOSE_GRACE_MS = 5_000;
/** WebSocket close codes: normal closure, and "the server hit an unexpected condition". */
const WS_CLOSE_NORMAL = 1000;
const WS_CLOSE_INTERNAL_ERROR = 1011;

export interface NeonWsProxy {
  port: number;
  /** For neonConfig.wsProxy / the Worker's NEON_WS_PROXY binding: "127.0.0.1:<port>/v2". */
  wsProxy: string;
  stop(): Promise<void>;
}

interface Bridge {
  ws: WebSocket;
  tcp: Socket;
}

export async function startNeonWsProxy(options: {
  allowedAddresses: string[] /* "host:port" */;
  port?: number;
  log?: (msg: string) => void;
}): Promise<NeonWsProxy> {
  const log = options.log ?? ((msg: string) => console.log(`[neon-ws-proxy] ${msg}`));
  // Only these targets, ever: anything else would turn a dev tool into an open TCP relay.
  const allowed = new Set(options.allowedAddresses.map(normalizeAddress));
  const bridges = new Set<Bridge>();
  // Sockets of refused upgrades, still flushing their 403: destroyed on stop() so it never waits on them.
  const refusedSockets = new Set<Duplex>();
  let stopped = false;

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_WS_PAYLOAD_BYTES });
  wss.on("error", (error) => log(`WebSocket server error: ${error.message}`));

  const server = createServer((_req, res) => {
    res.writeHead(426, { "Content-Type": "text/plain", Connection: "close" });
    res.end("this endpoint only accepts WebSocket upgrades\n");
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  server.on("error", (error) => log(`server error: ${error.message}`));

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const target = targetOf(req);
    if (stopped || target === null || !allowed.has(target)) {
      if (!stopped) log(`refused WebSocket upgrade for ${JSON.stringify(req.url ?? "")}: only ${PROXY_PATH}?address=<allowed host:port> is proxied`);
      refusedSockets.add(socket);
      socket.once("close", () => refusedSockets.delete(socket));
      rejectUpgrade(socket, 403, "Forbidden");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // stop() may have run while the handshake was in flight.
      if (stopped) ws.terminate();
      else bridge(ws, target);
    });
  });

  const bridge = (ws: WebSocket, target: string): void => {
    const address = parseHostPort(target);
    if (address === null) {
      ws.close(WS_CLOSE_INTERNAL_ERROR, "bad address");
      return;
    }
    const tcp = connect({ host: address.host, port: address.port });
    tcp.setNoDelay(true);
    const entry: Bridge = { ws, tcp };
    bridges.add(entry);
    let graceTimer: NodeJS.Timeout | undefined;
    const destroyBothSoon = (): void => {
      graceTimer ??= setTimeout(() => {
        ws.terminate();
        tcp.destroy();
      }, CLOSE_GRACE_MS);
    };

    let waitingForDrain = false;
    // Client → Postgres. net buffers writes made while still connecting, so nothing is lost.
    ws.on("message", (data: RawData) => {
      if (tcp.destroyed) return;
      if (!tcp.write(toBuffer(data)) && !waitingForDrain) {
        waitingForDrain = true;
        ws.pause();
        tcp.once("drain", () => {
          waitingForDrain = false;
          ws.resume();
        });
      }
    });
    // Postgres → client, as binary frames; pause reading while the WebSocket is backed up.
    tcp.on("data", (chunk: Buffer) => {
      if (ws.readyState !== ws.OPEN) return;
      ws.send(chunk, { binary: true }, () => {
        if (tcp.isPaused() && ws.bufferedAmount < WS_LOW_WATER_BYTES) tcp.resume();
      });
      if (ws.bufferedAmount > WS_HIGH_WATER_BYTES) tcp.pause();
    });

    ws.on("error", (error) => {
      if (!stopped) log(`WebSocket error (${target}): ${error.message}`);
    });
    tcp.on("error", (error) => {
      if (!stopped) log(`TCP error (${target}): ${error.message}`);
    });
    ws.on("close", () => {
      // end() rather than destroy(): a Terminate message written just before still gets sent.
      // resume(): if paused for backpressure, the TCP side must keep reading to see its FIN.
      tcp.end();
      tcp.resume();
      destroyBothSoon();
    });
    tcp.on("close", (hadError) => {
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) {
        ws.close(hadError ? WS_CLOSE_INTERNAL_ERROR : WS_CLOSE_NORMAL);
      }
      destroyBothSoon();
    });
    // Forget the bridge only once both sides are gone.
    const forgetIfDone = (): void => {
      if (tcp.destroyed && ws.readyState === ws.CLOSED) {
        clearTimeout(graceTimer);
        bridges.delete(entry);
      }
    };
    ws.on("close", forgetIfDone);
    tcp.on("close", forgetIfDone);
  };

  const port = await listenOnLoopback(server, options.port ?? 0);
  return {
    port,
    wsProxy: `127.0.0.1:${port}${PROXY_PATH}`,
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      const closing = closeServer(server);
      for (const { ws, tcp } of bridges) {
        ws.terminate();
        tcp.destroy();
      }
      bridges.clear();
      for (const socket of refusedSockets) socket.destroy();
      refusedSockets.clear();
      server.closeAllConnections();
      await new Promise<void>((done) => wss.close(() => done()));
      await closing;
    },
  };
}

/** The "host:port" the client asked for, from `/v2?address=host:port`, or null. */
function targetOf(req: IncomingMessage): string | null {
  let url: URL;
  try {
    url = new URL(req.url ?? "", "http://proxy.invalid");
  } catch {
    return null;
  }
  if (url.pathname !== PROXY_PATH) return null;
  const address = url.searchParams.get("address");
  if (address === null || parseHostPort(address) === null) return null;
  return normalizeAddress(address);
}

function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = JSON.stringify({ error: reason });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  // end() flushes the response; destroy soon after in case the client never closes its side.
  setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
