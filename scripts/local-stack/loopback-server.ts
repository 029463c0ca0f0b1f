// Helpers shared by the local-stack servers: bind to a loopback port and close without leaking sockets.
import type { Server } from "node:net";

/** Everything in the local stack listens on IPv4 loopback only: nothing here is meant to be reachable from the network. */
export const LOOPBACK_HOST = "127.0.0.1";

/**
 * Listens on `port` (0 = let the OS pick a free one, which avoids the race of probing for a free
 * port first and binding later) and resolves with the port actually bound.
 */
export function listenOnLoopback(server: Server, port = 0): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off("listening", onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off("error", onError);
      const address = server.address();
      if (address === null || typeof address === "string") {
        reject(new Error(`expected a TCP address, got ${String(address)}`));
        return;
      }
      resolve(address.port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, LOOPBACK_HOST);
  });
}

/**
 * Stops accepting connections and resolves once the server is closed. Callers destroy their own
 * sockets first (net.Server#close waits for them); a server that is not listening counts as closed.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    // The callback's error only ever says "not running", which is the state we want anyway.
    server.close(() => resolve());
  });
}

/** Parses "host:port" (IPv6 hosts in brackets) into its parts, or null when it is not one. */
export function parseHostPort(address: string): { host: string; port: number } | null {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(address);
  if (match === null) return null;
  const host = match[1] ?? match[2];
  const port = Number(match[3]);
  if (host === undefined || host === "" || !Number.isInteger(port) || port < 1 || port > 65_535) return null;
  return { host, port };
}
