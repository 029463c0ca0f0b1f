// Bench-only Worker (scripts/bench/auctions): the real AuctionRoom with no API in front, to split a bid's cost into the room's and the API's.
// Plain JavaScript so the scripts' type check (Node types only) leaves it alone; wrangler bundles it with the room's TypeScript.
export { AuctionRoom } from "../../../durable-objects/auction-room/auction-room";

const ROUTE = /^\/(configure|bid)\/([A-Za-z0-9_-]{1,64})$/;

export default {
  async fetch(request, env) {
    const match = ROUTE.exec(new URL(request.url).pathname);
    if (!match || request.method !== "POST") return new Response("not found", { status: 404 });
    const [, action, listingId] = match;
    const stub = env.AUCTION_ROOM.get(env.AUCTION_ROOM.idFromName(listingId));
    const body = await request.json();
    if (action === "configure") return Response.json(await stub.configure(body), { status: 201 });
    // The same single call as workers/auctions' bid path.
    const result = await stub.bid({ bidderId: String(body.bidderId), maxMinor: Number(body.maxMinor), currency: String(body.currency), idempotencyKey: String(body.idempotencyKey) });
    if (!result.ok && result.code === "NOT_CONFIGURED") return new Response("not configured", { status: 404 });
    return Response.json(result, { status: result.ok ? 201 : 422 });
  },
};
