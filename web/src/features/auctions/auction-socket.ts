// The live room's WebSocket: pings so idle proxies keep it open, and reconnects with backoff whenever it drops.
import type { AuctionLiveMessage } from "../../api/types";
import type { Connection } from "./auction-room-state";

// Intermediaries commonly drop a silent socket after about a minute.
const pingIntervalMs = 30_000;
const retryBaseMs = 1_000;
const retryMaxMs = 30_000;
const ping = JSON.stringify({ type: "ping" });
const messageTypes = new Set(["state", "bid", "extended", "closed", "pong"]);

interface AuctionSocketHandlers {
  onMessage: (message: AuctionLiveMessage) => void;
  onConnection: (connection: Connection) => void;
  // The socket is open again after a drop: anything said meanwhile was missed, so the caller catches up.
  onReconnected: () => void;
}

export interface AuctionSocket {
  close(): void;
}

export function connectAuctionSocket(url: string, handlers: AuctionSocketHandlers): AuctionSocket {
  let socket: WebSocket | null = null;
  let failures = 0;
  let opened = false;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;

  function connect(): void {
    if (stopped) return;
    const current = new WebSocket(url);
    socket = current;
    current.addEventListener("open", () => {
      if (socket !== current) return;
      failures = 0;
      handlers.onConnection("live");
      if (opened) handlers.onReconnected();
      opened = true;
      pingTimer = setInterval(() => {
        if (current.readyState === WebSocket.OPEN) current.send(ping);
      }, pingIntervalMs);
    });
    current.addEventListener("message", (event: MessageEvent<unknown>) => {
      if (socket !== current || typeof event.data !== "string") return;
      const message = parseMessage(event.data);
      if (message !== null) handlers.onMessage(message);
    });
    // "error" is always followed by "close", so closing is the one place that retries.
    current.addEventListener("close", () => {
      if (socket !== current) return;
      clearInterval(pingTimer);
      socket = null;
      if (stopped) return;
      handlers.onConnection("reconnecting");
      // Exponential with jitter, so a restarted server is not met by every watcher in the same instant.
      const delay = Math.min(retryMaxMs, retryBaseMs * 2 ** failures) * (0.5 + Math.random() / 2);
      failures += 1;
      retryTimer = setTimeout(connect, delay);
    });
  }

  // Back online, or back to a tab the browser had throttled: try now instead of waiting out the backoff.
  function reconnectNow(): void {
    if (stopped || socket !== null || document.visibilityState === "hidden") return;
    clearTimeout(retryTimer);
    connect();
  }

  window.addEventListener("online", reconnectNow);
  document.addEventListener("visibilitychange", reconnectNow);
  connect();

  return {
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      window.removeEventListener("online", reconnectNow);
      document.removeEventListener("visibilitychange", reconnectNow);
      const current = socket;
      socket = null;
      current?.close(1000, "leaving");
    },
  };
}

function parseMessage(text: string): AuctionLiveMessage | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || !("type" in value) || typeof value.type !== "string" || !messageTypes.has(value.type)) return null;
    return value as AuctionLiveMessage;
  } catch {
    return null;
  }
}
