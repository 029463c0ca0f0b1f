// The conventional baseline: a small Node HTTP service over Postgres that takes a bid with a row lock. Run as its own process by pg-baseline.ts.
// POST /bids/<auctionId> {"bidderId","amount"}: BEGIN; SELECT … FOR UPDATE; compare; UPDATE; INSERT; COMMIT. 201 accepted, 422 too low.
import { createServer, type IncomingMessage } from "node:http";
import pg from "pg";

const databaseUrl = process.env.BASELINE_DATABASE_URL;
const poolSize = Number(process.env.BASELINE_POOL_SIZE);
if (!databaseUrl || !(poolSize > 0)) throw new Error("BASELINE_DATABASE_URL and BASELINE_POOL_SIZE are required");

const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
pool.on("error", () => undefined); // an idle client dropped at shutdown is not a failed bid

const ROUTE = /^\/bids\/([A-Za-z0-9_-]{1,64})$/;

async function readJson(request: IncomingMessage): Promise<{ bidderId: string; amount: number }> {
  let text = "";
  for await (const chunk of request) text += chunk;
  return JSON.parse(text) as { bidderId: string; amount: number };
}

/** The same acceptance rule as the room's (reduced): a bid must beat the second-highest maximum; above the top it leads. */
async function placeBid(auctionId: string, bidderId: string, amount: number): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ top_amount: string; second_amount: string }>("SELECT top_amount, second_amount FROM bench_pg_auctions WHERE id = $1 FOR UPDATE", [auctionId]);
    const row = rows[0];
    if (!row) throw new Error(`no auction ${auctionId}`);
    const top = Number(row.top_amount);
    if (amount <= Number(row.second_amount)) {
      await client.query("ROLLBACK");
      return false;
    }
    if (amount > top) await client.query("UPDATE bench_pg_auctions SET top_amount = $2, second_amount = $3, top_bidder = $4, bid_count = bid_count + 1 WHERE id = $1", [auctionId, amount, top, bidderId]);
    else await client.query("UPDATE bench_pg_auctions SET second_amount = $2, bid_count = bid_count + 1 WHERE id = $1", [auctionId, amount]);
    await client.query("INSERT INTO bench_pg_bids (auction_id, bidder_id, amount) VALUES ($1, $2, $3)", [auctionId, bidderId, amount]);
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const server = createServer((request, response) => {
  const match = ROUTE.exec(request.url ?? "");
  if (!match || request.method !== "POST") {
    response.writeHead(404).end();
    return;
  }
  readJson(request)
    .then((body) => placeBid(match[1]!, String(body.bidderId), Number(body.amount)))
    .then((accepted) => {
      response.writeHead(accepted ? 201 : 422, { "Content-Type": "application/json" }).end(accepted ? '{"ok":true}' : '{"ok":false,"code":"BID_TOO_LOW"}');
    })
    .catch((error: unknown) => {
      response.writeHead(500, { "Content-Type": "text/plain" }).end(error instanceof Error ? error.message : String(error));
    });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (typeof address === "object" && address !== null) process.stdout.write(`listening ${address.port}\n`);
});
process.on("SIGTERM", () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
