// Tests: the connection gate's queuing limits, Terminate detection, and the embedded Postgres keeping its data dir across restarts.
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, connect, type AddressInfo, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, neonConfig } from "@neondatabase/serverless";
import WebSocket from "ws";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { startNeonWsProxy } from "./neon-ws-proxy";
import { createTerminateWatcher } from "./postgres-terminate-watcher";
import { startTcpConnectionGate, type TcpConnectionGate } from "./tcp-connection-gate";

/** Long enough for loopback round trips on a busy 2-core machine, short enough to keep the tests quick. */
const SETTLE_MS = 150;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the TCP connection gate", () => {
  let echo: Server;
  let echoPort: number;
  let gate: TcpConnectionGate | undefined;
  const openSockets: Socket[] = [];

  beforeAll(async () => {
    echo = createServer((socket) => {
      socket.on("error", () => {});
      socket.pipe(socket);
    });
    await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
    echoPort = (echo.address() as AddressInfo).port;
  });

  afterEach(async () => {
    for (const socket of openSockets.splice(0)) socket.destroy();
    await gate?.stop();
    gate = undefined;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  });

  /** Connects to the gate and records everything echoed back, and whether the socket closed. */
  function client(port: number) {
    const socket = connect({ host: "127.0.0.1", port });
    openSockets.push(socket);
    const state = { received: "", closed: false, socket };
    socket.on("data", (chunk: Buffer) => (state.received += chunk.toString()));
    socket.on("error", () => {});
    socket.on("close", () => (state.closed = true));
    return state;
  }

  it("pipes one connection at a time and admits the next one when the first closes", async () => {
    let resets = 0;
    gate = await startTcpConnectionGate({
      upstreamHost: "127.0.0.1",
      upstreamPort: echoPort,
      beforeNextConnection: async () => {
        resets += 1;
      },
      log: () => {},
    });
    const first = client(gate.port);
    first.socket.write("one");
    await sleep(SETTLE_MS);
    const second = client(gate.port);
    second.socket.write("two");
    await sleep(SETTLE_MS);
    expect(first.received).toBe("one");
    expect(second.received).toBe("");
    expect(gate.stats()).toEqual({ active: 1, queued: 1, admitted: 1, refused: 0, timedOut: 0 });

    first.socket.end();
    await sleep(SETTLE_MS);
    expect(second.received).toBe("two");
    expect(resets).toBe(1);
    expect(gate.stats()).toEqual({ active: 1, queued: 0, admitted: 2, refused: 0, timedOut: 0 });
  });

  it("refuses connections beyond the queue limit", async () => {
    const logs: string[] = [];
    gate = await startTcpConnectionGate({
      upstreamHost: "127.0.0.1",
      upstreamPort: echoPort,
      maxQueuedConnections: 1,
      log: (msg) => logs.push(msg),
    });
    client(gate.port);
    await sleep(SETTLE_MS);
    const queued = client(gate.port);
    await sleep(SETTLE_MS);
    const refused = client(gate.port);
    await sleep(SETTLE_MS);
    expect(queued.closed).toBe(false);
    expect(refused.closed).toBe(true);
    expect(gate.stats()).toEqual({ active: 1, queued: 1, admitted: 1, refused: 1, timedOut: 0 });
    expect(logs).toEqual(["refusing connection #3: 1 connections already waiting (limit 1)"]);
  });

  it("logs a connection that waits long, then drops it after the wait timeout", async () => {
    const logs: string[] = [];
    gate = await startTcpConnectionGate({
      upstreamHost: "127.0.0.1",
      upstreamPort: echoPort,
      slowQueueLogMs: 50,
      queueTimeoutMs: 200,
      log: (msg) => logs.push(msg),
    });
    client(gate.port);
    await sleep(SETTLE_MS / 3);
    const waiting = client(gate.port);
    await sleep(200 + SETTLE_MS);
    expect(waiting.closed).toBe(true);
    expect(gate.stats()).toEqual({ active: 1, queued: 0, admitted: 1, refused: 0, timedOut: 1 });
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(/^connection #2 has waited 50 ms \(queue length 1\), blocked by connection #1 \(open for \d+ ms\)/);
    expect(logs[1]).toMatch(/^dropping connection #2: waited 200 ms, still blocked by connection #1 \(open for \d+ ms\)$/);
  });

  it("closes the session when the goodbye detector fires, as Postgres does on Terminate", async () => {
    gate = await startTcpConnectionGate({
      upstreamHost: "127.0.0.1",
      upstreamPort: echoPort,
      createGoodbyeDetector: () => (chunk) => chunk.includes("bye"),
      log: () => {},
    });
    const leaving = client(gate.port);
    leaving.socket.write("hello");
    await sleep(SETTLE_MS);
    leaving.socket.write("bye");
    await sleep(SETTLE_MS);
    expect(leaving.closed).toBe(true);
    expect(gate.stats()).toEqual({ active: 0, queued: 0, admitted: 1, refused: 0, timedOut: 0 });
  });
});

describe("the Postgres Terminate watcher", () => {
  const startup = (() => {
    const params = Buffer.from("user\0postgres\0database\0postgres\0\0");
    const header = Buffer.alloc(8);
    header.writeInt32BE(8 + params.length, 0);
    header.writeInt32BE(196_608, 4); // protocol 3.0
    return Buffer.concat([header, params]);
  })();
  const sslRequest = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
  const query = (() => {
    const sql = Buffer.from("SELECT 'X'\0");
    const header = Buffer.alloc(5);
    header.write("Q", 0);
    header.writeInt32BE(4 + sql.length, 1);
    return Buffer.concat([header, sql]);
  })();
  const terminate = Buffer.from([0x58, 0, 0, 0, 4]);

  it("fires only on the Terminate message, even when fed one byte at a time", () => {
    const watch = createTerminateWatcher();
    const stream = Buffer.concat([sslRequest, startup, query, query, terminate]);
    const answers: boolean[] = [];
    for (let i = 0; i < stream.length; i++) answers.push(watch(stream.subarray(i, i + 1)));
    // It can only know once the 5-byte header is complete, i.e. on the last byte of the stream.
    expect(answers.indexOf(true)).toBe(stream.length - 1);
    expect(answers.at(-1)).toBe(true);
  });

  it("does not mistake an 'X' inside a startup packet or a query for Terminate", () => {
    const watch = createTerminateWatcher();
    expect(watch(Buffer.concat([startup, query]))).toBe(false);
    expect(watch(terminate)).toBe(true);
  });
});

describe("the embedded Postgres with a data directory", () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "mnbara-pglite-"));
    neonConfig.webSocketConstructor = WebSocket;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
    neonConfig.pipelineTLS = false;
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}.lock`, { force: true });
  });

  async function withDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const postgres = await startEmbeddedPostgres({ dataDir, log: () => {} });
    const proxy = await startNeonWsProxy({ allowedAddresses: [`${postgres.host}:${postgres.port}`], log: () => {} });
    neonConfig.wsProxy = (host, port) => `${proxy.wsProxy}?address=${host}:${port}`;
    try {
      const client = new Client(postgres.url);
      client.on("error", () => {});
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    } finally {
      await proxy.stop();
      await postgres.stop();
    }
  }

  it("keeps committed rows and the pg_trgm extension across a restart", async () => {
    await withDatabase(async (client) => {
      await client.query("CREATE TABLE kept (name text)");
      await client.query("INSERT INTO kept VALUES ('survives')");
    });
    const after = await withDatabase(async (client) => {
      const rows = (await client.query("SELECT name FROM kept")).rows;
      const extensions = (await client.query("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")).rows;
      return { rows, extensions };
    });
    expect(after).toEqual({ rows: [{ name: "survives" }], extensions: [{ extname: "pg_trgm" }] });
  }, 60_000);

  it("refuses a second instance on a data dir that is in use, and frees it on stop", async () => {
    const first = await startEmbeddedPostgres({ dataDir, log: () => {} });
    try {
      await expect(startEmbeddedPostgres({ dataDir, log: () => {} })).rejects.toThrow(
        `the embedded Postgres data dir ${dataDir} is in use by process ${process.pid} (lock file ${dataDir}.lock)`,
      );
    } finally {
      await first.stop();
    }
    const again = await startEmbeddedPostgres({ dataDir, log: () => {} });
    await again.stop();
  }, 60_000);
});
