// A live WebSocket that pings so idle proxies keep it open, and reconnects with backoff whenever it drops.

export type LiveConnection = "connecting" | "live" | "reconnecting";

// Intermediaries commonly drop a silent socket after about a minute.
const pingIntervalMs = 30_000;
const retryBaseMs = 1_000;
const retryMaxMs = 30_000;
const ping = JSON.stringify({ type: "ping" });

interface LiveSocketOptions<M> {
  // Called before every attempt: a socket that needs a single-use ticket gets a fresh one each time. A rejection counts as a failed attempt.
  url: () => string | Promise<string>;
  // The typed message, or null for a frame to ignore (unknown type, not JSON).
  parse: (text: string) => M | null;
  onMessage: (message: M) => void;
  onConnection: (connection: LiveConnection) => void;
  // The socket is open again after a drop: anything said meanwhile was missed, so the caller catches up.
  onReconnected: () => void;
}

export interface LiveSocket {
  close(): void;
}

export function connectLiveSocket<M>({ url, parse, onMessage, onConnection, onReconnected }: LiveSocketOptions<M>): LiveSocket {
  let socket: WebSocket | null = null;
  // True from the start of an attempt until its socket closes, so a wake-up never opens a second one.
  let attempting = false;
  let failures = 0;
  let opened = false;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;

  function retryLater(): void {
    attempting = false;
    if (stopped) return;
    onConnection("reconnecting");
    // Exponential with jitter, so a restarted server is not met by every watcher in the same instant.
    const delay = Math.min(retryMaxMs, retryBaseMs * 2 ** failures) * (0.5 + Math.random() / 2);
    failures += 1;
    retryTimer = setTimeout(() => void connect(), delay);
  }

  async function connect(): Promise<void> {
    if (stopped) return;
    attempting = true;
    let address: string;
    try {
      address = await url();
    } catch {
      return retryLater();
    }
    if (stopped) return;
    const current = new WebSocket(address);
    socket = current;
    current.addEventListener("open", () => {
      if (socket !== current) return;
      failures = 0;
      onConnection("live");
      if (opened) onReconnected();
      opened = true;
      pingTimer = setInterval(() => {
        if (current.readyState === WebSocket.OPEN) current.send(ping);
      }, pingIntervalMs);
    });
    current.addEventListener("message", (event: MessageEvent<unknown>) => {
      if (socket !== current || typeof event.data !== "string") return;
      const message = parse(event.data);
      if (message !== null) onMessage(message);
    });
    // "error" is always followed by "close", so closing is the one place that retries.
    current.addEventListener("close", () => {
      if (socket !== current) return;
      clearInterval(pingTimer);
      socket = null;
      retryLater();
    });
  }

  // Back online, or back to a tab the browser had throttled: try now instead of waiting out the backoff.
  function reconnectNow(): void {
    if (stopped || attempting || document.visibilityState === "hidden") return;
    clearTimeout(retryTimer);
    void connect();
  }

  window.addEventListener("online", reconnectNow);
  document.addEventListener("visibilitychange", reconnectNow);
  void connect();

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

/** A JSON text frame as `{ type, … }` when its type is one of `types`; null otherwise. */
export function parseTypedMessage<M extends { type: string }>(text: string, types: ReadonlySet<string>): M | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || !("type" in value) || typeof value.type !== "string" || !types.has(value.type)) return null;
    return value as M;
  } catch {
    return null;
  }
}
