// Tests: the Neon serverless driver reaches the embedded PGlite through the WebSocket proxy and the connection gate.
import { Client, neonConfig } from "@neondatabase/serverless";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { startNeonWsProxy, type NeonWsProxy } from "./neon-ws-proxy";

let postgres: EmbeddedPostgres;
let proxy: NeonWsProxy;
const logs: string[] = [];

beforeAll(async () => {
  postgres = await startEmbeddedPostgres({ log: (msg) => logs.push(msg) });
  proxy = await startNeonWsProxy({ allowedAddresses: [`${postgres.host}:${postgres.port}`], log: (msg) => logs.push(msg) });
  neonConfig.webSocketConstructor = WebSocket;
  neonConfig.wsProxy = (host, port) => `${proxy.wsProxy}?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineConnect = false;
  neonConfig.pipelineTLS = false;
  const setup = await connect();
  await setup.query("CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL)");
  await setup.end();
}, 60_000);

afterAll(async () => {
  await proxy?.stop();
  await postgres?.stop();
});

async function connect(): Promise<Client> {
  const client = new Client(postgres.url);
  // Errors after a deliberate disconnect are expected in some tests; unhandled they would fail the run.
  client.on("error", () => {});
  await client.connect();
  return client;
}

async function itemNames(): Promise<string[]> {
  const client = await connect();
  try {
    const { rows } = await client.query<{ name: string }>("SELECT name FROM items ORDER BY id");
    return rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

async function clearItems(): Promise<void> {
  const client = await connect();
  await client.query("DELETE FROM items");
  await client.end();
}

/** Answers with the HTTP status the proxy gave a WebSocket upgrade to `path`, or 101 when it upgraded. */
function upgradeStatus(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${proxy.port}${path}`);
    socket.on("unexpected-response", (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on("open", () => {
      resolve(101);
      socket.terminate();
    });
    socket.on("error", (error) => reject(error));
  });
}

describe("the Neon driver through the proxy to embedded Postgres", () => {
  it("connects, runs a transaction and reads back the committed rows", async () => {
    await clearItems();
    const client = await connect();
    await client.query("BEGIN");
    await client.query("INSERT INTO items (id, name) VALUES ($1, $2), ($3, $4)", [1, "phone", 2, "laptop"]);
    await client.query("COMMIT");
    const { rows } = await client.query("SELECT id, name FROM items ORDER BY id");
    await client.end();
    expect(rows).toEqual([
      { id: 1, name: "phone" },
      { id: 2, name: "laptop" },
    ]);
  });

  it("lets two concurrent clients each BEGIN, INSERT and COMMIT, one whole connection after the other", async () => {
    await clearItems();
    const events: string[] = [];
    const insertInTransaction = async (id: number, name: string): Promise<void> => {
      const client = await connect();
      events.push(`${name}:connected`);
      await client.query("BEGIN");
      await client.query("INSERT INTO items (id, name) VALUES ($1, $2)", [id, name]);
      await client.query("COMMIT");
      events.push(`${name}:committed`);
      await client.end();
    };
    await Promise.all([insertInTransaction(10, "first"), insertInTransaction(11, "second")]);

    expect(await itemNames()).toEqual(["first", "second"]);
    // The gate admits the second connection only after the first one closed: never interleaved.
    const firstIn = events[0]?.split(":")[0];
    const other = firstIn === "first" ? "second" : "first";
    expect(events).toEqual([`${firstIn}:connected`, `${firstIn}:committed`, `${other}:connected`, `${other}:committed`]);
  });

  it("rolls back the open transaction of a client that ends mid-transaction, so the next client never sees its row", async () => {
    await clearItems();
    const leaving = await connect();
    await leaving.query("BEGIN");
    await leaving.query("INSERT INTO items (id, name) VALUES (20, 'uncommitted')");
    await leaving.end();

    const next = await connect();
    const notices: string[] = [];
    next.on("notice", (notice) => notices.push(notice.message ?? ""));
    // BEGIN inside a leftover transaction would raise "there is already a transaction in progress".
    await next.query("BEGIN");
    const { rows } = await next.query("SELECT count(*)::int AS n FROM items WHERE name = 'uncommitted'");
    await next.query("ROLLBACK");
    await next.end();
    expect(rows).toEqual([{ n: 0 }]);
    expect(notices).toEqual([]);
  });

  it("rolls back the transaction of a client whose WebSocket drops without saying goodbye", async () => {
    await clearItems();
    const vanishing = await connect();
    await vanishing.query("BEGIN");
    await vanishing.query("INSERT INTO items (id, name) VALUES (30, 'dropped')");
    // Reach into the driver for its WebSocket: terminate() drops the TCP connection with no Terminate message.
    const stream = (vanishing as unknown as { connection: { stream: { ws: WebSocket } } }).connection.stream;
    stream.ws.terminate();

    expect(await itemNames()).toEqual([]);
  });

  it("does not leak session settings, prepared statements or temp tables to the next client", async () => {
    const first = await connect();
    await first.query("SET statement_timeout = 4321");
    await first.query({ name: "leaky_statement", text: "SELECT 1 AS one" });
    await first.query("CREATE TEMP TABLE scratch (x integer)");
    await first.end();

    const second = await connect();
    const { rows } = await second.query(
      "SELECT current_setting('statement_timeout') AS timeout, " +
        "(SELECT count(*)::int FROM pg_prepared_statements) AS prepared, " +
        "to_regclass('pg_temp.scratch')::text AS scratch",
    );
    await second.end();
    expect(rows).toEqual([{ timeout: "0", prepared: 0, scratch: null }]);
  });

  it("answers as user postgres in database postgres, as the URL says", async () => {
    const client = await connect();
    const { rows } = await client.query("SELECT current_user AS who, current_database() AS db");
    await client.end();
    expect(postgres.url).toBe(`postgres://postgres@127.0.0.1:${postgres.port}/postgres`);
    expect(rows).toEqual([{ who: "postgres", db: "postgres" }]);
  });

  it("has pg_trgm, so similarity() scores a typo above zero", async () => {
    const client = await connect();
    const { rows } = await client.query("SELECT similarity('phone', 'phnoe') AS score");
    await client.end();
    expect(rows).toEqual([{ score: 0.2 }]);
    expect(rows[0]?.score).toBeGreaterThan(0);
  });
});

describe("the proxy's allow-list", () => {
  it("upgrades a WebSocket to the allowed address", async () => {
    expect(await upgradeStatus(`/v2?address=${postgres.host}:${postgres.port}`)).toBe(101);
  });

  it("refuses an address that is not allowed with 403", async () => {
    expect(await upgradeStatus("/v2?address=127.0.0.1:22")).toBe(403);
    expect(await upgradeStatus(`/v2?address=localhost:${postgres.port}`)).toBe(403);
    expect(await upgradeStatus(`/other?address=${postgres.host}:${postgres.port}`)).toBe(403);
    expect(await upgradeStatus("/v2")).toBe(403);
  });

  it("makes the Neon Client fail to connect to a database that is not allowed", async () => {
    const client = new Client(`postgres://postgres@127.0.0.1:1/postgres`);
    client.on("error", () => {});
    await expect(client.connect()).rejects.toThrow();
  });
});
