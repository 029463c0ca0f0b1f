// Bench-only ceiling (scripts/bench/auctions): the least a bid on one room can cost, and the least a broadcast to its watchers can.
// Plain JavaScript on purpose: it imports nothing of the app and is served as is by wrangler dev and by Miniflare.
import { DurableObject } from "cloudflare:workers";

/**
 * One SQLite Durable Object per room. A bid reads the top bid, compares, updates it and appends a row to the
 * log, all in the object's implicit transaction; watchers are hibernatable WebSockets, as in the real AuctionRoom.
 */
export class BareRoom extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS top_bid (id INTEGER PRIMARY KEY CHECK (id = 1), bidder_id TEXT NOT NULL, amount INTEGER NOT NULL, second_amount INTEGER NOT NULL)");
    this.sql.exec("CREATE TABLE IF NOT EXISTS bids (seq INTEGER PRIMARY KEY AUTOINCREMENT, bidder_id TEXT NOT NULL, amount INTEGER NOT NULL, at_ms INTEGER NOT NULL)");
  }

  /**
   * The acceptance rule of proxy bidding, reduced to its core: a bid must beat the second-highest maximum (the
   * price follows it); above the top it leads, below it it is accepted as the new runner-up.
   */
  bid(bidderId, amount) {
    const top = this.sql.exec("SELECT bidder_id, amount, second_amount FROM top_bid WHERE id = 1").toArray()[0] ?? { bidder_id: "", amount: 0, second_amount: 0 };
    if (amount <= top.second_amount) return { ok: false, top: top.amount };
    const leads = amount > top.amount;
    this.sql.exec(
      "INSERT INTO top_bid (id, bidder_id, amount, second_amount) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET bidder_id = excluded.bidder_id, amount = excluded.amount, second_amount = excluded.second_amount",
      leads ? bidderId : top.bidder_id, leads ? amount : top.amount, leads ? top.amount : amount,
    );
    this.sql.exec("INSERT INTO bids (bidder_id, amount, at_ms) VALUES (?, ?, ?)", bidderId, amount, Date.now());
    return { ok: true, top: Math.max(amount, top.amount) };
  }

  /** Sends `text` to every watcher, as the AuctionRoom's broadcast does: one send per socket, in one turn. */
  broadcast(text) {
    let sent = 0;
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(text);
        sent++;
      } catch {
        // a socket closing mid-broadcast is not the others' problem
      }
    }
    return sent;
  }

  async fetch(request) {
    if (request.headers.get("Upgrade") !== "websocket") return new Response("expected a WebSocket upgrade", { status: 426 });
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  webSocketMessage() {}

  webSocketClose(ws, code) {
    try {
      ws.close(code === 1005 ? 1000 : code, "bye");
    } catch {
      // already closed
    }
  }
}

const ROUTE = /^\/(bid|live|broadcast)\/([A-Za-z0-9_-]{1,64})$/;

export default {
  async fetch(request, env) {
    const match = ROUTE.exec(new URL(request.url).pathname);
    if (!match) return new Response("not found", { status: 404 });
    const [, action, room] = match;
    const stub = env.BARE_ROOM.get(env.BARE_ROOM.idFromName(room));
    if (action === "live") return stub.fetch(request);
    if (request.method !== "POST") return new Response("method not allowed", { status: 405 });
    if (action === "broadcast") return Response.json({ sent: await stub.broadcast(String((await request.json()).text)) });
    const body = await request.json();
    const result = await stub.bid(String(body.bidderId), Number(body.amount));
    return Response.json(result, { status: result.ok ? 201 : 422 });
  },
};
