// Tests: startLocalStack picks embedded PGlite or a given database, wires the proxy to it, and stop() frees every port.
import { connect } from "node:net";
import { Client, neonConfig } from "@neondatabase/serverless";
import WebSocket from "ws";
import { describe, expect, it } from "vitest";
import { startLocalStack } from "./index";

const proxyPort = (neonWsProxy: string) => Number(/^127\.0\.0\.1:(\d+)\/v2$/.exec(neonWsProxy)?.[1]);

/** Resolves with the status of a WebSocket upgrade through the proxy (101 when it upgraded). */
function upgradeStatus(port: number, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/v2?address=${address}`);
    socket.on("unexpected-response", (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on("open", () => {
      resolve(101);
      socket.terminate();
    });
    socket.on("error", reject);
  });
}

/** True when something accepts TCP connections on the port. */
function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("startLocalStack", () => {
  it("starts embedded Postgres behind the proxy when no databaseUrl is given, and no Redis bridge without redisUrl", async () => {
    const stack = await startLocalStack({ log: () => {} });
    try {
      expect(stack.embedded).toBe(true);
      expect(stack.redis).toBeNull();
      expect(stack.databaseUrl).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      expect(stack.neonWsProxy).toMatch(/^127\.0\.0\.1:\d+\/v2$/);

      neonConfig.webSocketConstructor = WebSocket;
      neonConfig.wsProxy = (host, port) => `${stack.neonWsProxy}?address=${host}:${port}`;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineConnect = false;
      neonConfig.pipelineTLS = false;
      const client = new Client(stack.databaseUrl);
      client.on("error", () => {});
      await client.connect();
      const { rows } = await client.query("SELECT 1 + 1 AS two");
      await client.end();
      expect(rows).toEqual([{ two: 2 }]);
    } finally {
      await stack.stop();
    }
    const gatePort = Number(new URL(stack.databaseUrl).port);
    expect(await isListening(gatePort)).toBe(false);
    expect(await isListening(proxyPort(stack.neonWsProxy))).toBe(false);
    // A second stop() is harmless.
    await stack.stop();
  }, 60_000);

  it("lets the proxy reach only the host:port of a given databaseUrl", async () => {
    const stack = await startLocalStack({ databaseUrl: "postgres://app@127.0.0.1:5999/shop", log: () => {} });
    try {
      expect(stack.embedded).toBe(false);
      expect(stack.databaseUrl).toBe("postgres://app@127.0.0.1:5999/shop");
      const port = proxyPort(stack.neonWsProxy);
      expect(await upgradeStatus(port, "127.0.0.1:5999")).toBe(101);
      expect(await upgradeStatus(port, "127.0.0.1:5432")).toBe(403);
    } finally {
      await stack.stop();
    }
  });

  it("refuses a databaseUrl that is not a URL", async () => {
    await expect(startLocalStack({ databaseUrl: "not a url", log: () => {} })).rejects.toThrow(
      "databaseUrl is not a valid URL (expected postgres://user@host:port/database)",
    );
  });
});
