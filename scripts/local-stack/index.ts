// Starts the local services the Worker needs in dev and tests: Postgres (given or embedded PGlite) behind the Neon WebSocket proxy, and the Upstash bridge to Redis.
import { randomBytes } from "node:crypto";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { startNeonWsProxy, type NeonWsProxy } from "./neon-ws-proxy";
import { startUpstashBridge, type UpstashBridge } from "./upstash-bridge";

export { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
export { startNeonWsProxy, type NeonWsProxy } from "./neon-ws-proxy";
export { startUpstashBridge, type UpstashBridge } from "./upstash-bridge";

/** Postgres' default port, for URLs that do not name one. */
const DEFAULT_POSTGRES_PORT = 5432;
/** Random bytes in the dev-only bridge token (hex-encoded, so twice as many characters). */
const DEV_TOKEN_BYTES = 24;

export interface LocalStack {
  /** For Node clients (pg) and for the Worker's DATABASE_URL. */
  databaseUrl: string;
  /** "127.0.0.1:<port>/v2", for the Worker's NEON_WS_PROXY binding. */
  neonWsProxy: string;
  /** True when PGlite is used. */
  embedded: boolean;
  /** Upstash REST url + token for the Worker; null when no REDIS_URL was given. */
  redis: { url: string; token: string } | null;
  /** Stops everything it started, in reverse order. */
  stop(): Promise<void>;
}

export async function startLocalStack(
  options: { databaseUrl?: string; redisUrl?: string; dataDir?: string; log?: (msg: string) => void } = {},
): Promise<LocalStack> {
  const log = options.log ?? ((msg: string) => console.log(`[local-stack] ${msg}`));
  // Stopped last-in first-out, also when a later service fails to start.
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    const failures: unknown[] = [];
    // Bounded: one iteration per service started.
    while (stops.length > 0) {
      const stop = stops.pop();
      try {
        await stop?.();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, "some local services failed to stop");
  };

  try {
    let databaseUrl: string;
    let embedded: EmbeddedPostgres | null = null;
    if (options.databaseUrl !== undefined && options.databaseUrl !== "") {
      databaseUrl = options.databaseUrl;
    } else {
      const started = await startEmbeddedPostgres({ dataDir: options.dataDir, log });
      stops.push(() => started.stop());
      embedded = started;
      databaseUrl = started.url;
    }

    const proxy: NeonWsProxy = await startNeonWsProxy({ allowedAddresses: [postgresAddress(databaseUrl)], log });
    stops.push(() => proxy.stop());

    let bridge: UpstashBridge | null = null;
    if (options.redisUrl !== undefined && options.redisUrl !== "") {
      // A fresh random token per start: it only guards the loopback port against other local processes.
      const token = randomBytes(DEV_TOKEN_BYTES).toString("hex");
      bridge = await startUpstashBridge({ redisUrl: options.redisUrl, token, log });
      const started = bridge;
      stops.push(() => started.stop());
    }

    let stopping: Promise<void> | undefined;
    return {
      databaseUrl,
      neonWsProxy: proxy.wsProxy,
      embedded: embedded !== null,
      redis: bridge === null ? null : { url: bridge.url, token: bridge.token },
      stop(): Promise<void> {
        stopping ??= stopAll();
        return stopping;
      },
    };
  } catch (error) {
    await stopAll().catch((stopError: unknown) => log(`cleanup after a failed start: ${String(stopError)}`));
    throw error;
  }
}

/** "host:port" of a postgres:// URL, as the Neon driver will ask the proxy for it. */
function postgresAddress(databaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error("databaseUrl is not a valid URL (expected postgres://user@host:port/database)");
  }
  if (url.hostname === "") throw new Error("databaseUrl has no host");
  // The driver asks for the hostname as written in the URL. (IPv6 literals come out without
  // brackets in the driver's `address=` and are refused by the proxy: use a name or IPv4.)
  return `${url.hostname}:${url.port === "" ? DEFAULT_POSTGRES_PORT : url.port}`;
}
