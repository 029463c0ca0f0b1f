// HTTP (and the live WebSocket) for auctions: state, bids, history, Buy It Now, my bids.
import { createRoute, z } from "@hono/zod-openapi";
import { OrderSchema } from "../orders/service";
import { currentAuth, optionalAuth, signedIn } from "../platform/authorize";
import { AppError } from "../platform/errors";
import { createRouter } from "../platform/hono";
import { AUCTION_HISTORY_MAX_ITEMS, IDEMPOTENCY_KEY_MAX_LENGTH } from "../platform/limits";
import { MoneySchema } from "../platform/money";
import { authErrors, commonErrors, jsonBody, jsonResponse, PageQuerySchema } from "../platform/schemas";
import { auctionSnapshot, bidHistory, buyNow, myBids, placeBid } from "./bids-service";
import { roomStub, readyRoom } from "./room";

const ListingParams = z.object({ listingId: z.string().min(1).max(64) }).strict();

const SnapshotSchema = z
  .object({
    listingId: z.string(),
    status: z.enum(["scheduled", "open", "closed"]),
    currentPrice: MoneySchema,
    minNextBid: MoneySchema,
    bidCount: z.number().int(),
    endsAt: z.string(),
    reserveMet: z.boolean(),
    buyItNowAvailable: z.boolean(),
    buyItNowPrice: MoneySchema.nullable(),
    leadingBidderAlias: z.string().nullable(),
    leadingBidderId: z.string().optional(),
    winnerId: z.string().nullable().optional(),
    winnerAlias: z.string().nullable().optional(),
    finalPrice: MoneySchema.nullable().optional(),
  })
  .openapi("AuctionState");

const BidResultSchema = z
  .object({ bidId: z.string(), bidderAlias: z.string(), status: z.enum(["leading", "outbid"]), currentPrice: MoneySchema, minNextBid: MoneySchema, endsAt: z.string() })
  .openapi("BidResult");

const IdempotencyHeader = z.object({ "idempotency-key": z.string().min(1).max(IDEMPOTENCY_KEY_MAX_LENGTH).optional() });

const stateRoute = createRoute({
  method: "get",
  path: "/v1/auctions/{listingId}",
  tags: ["Auctions"],
  summary: "Live state of an auction (the leader's id only to the leader and the seller)",
  middleware: optionalAuth,
  request: { params: ListingParams },
  responses: { 200: jsonResponse("State", SnapshotSchema), 404: authErrors[404] },
});

const bidRoute = createRoute({
  method: "post",
  path: "/v1/auctions/{listingId}/bids",
  tags: ["Auctions"],
  summary: "Place a maximum bid (proxy bidding). Needs an Idempotency-Key header.",
  ...signedIn,
  request: { params: ListingParams, headers: IdempotencyHeader, body: jsonBody(z.object({ maxAmount: MoneySchema }).strict()) },
  responses: { 201: jsonResponse("Accepted", BidResultSchema), ...authErrors },
});

const historyRoute = createRoute({
  method: "get",
  path: "/v1/auctions/{listingId}/bids",
  tags: ["Auctions"],
  summary: "Bid history: visible prices and bidder aliases, never ids or maxima",
  request: { params: ListingParams, query: z.object({ limit: z.coerce.number().int().min(1).max(AUCTION_HISTORY_MAX_ITEMS).default(50) }).strict() },
  responses: { 200: jsonResponse("History", z.object({ items: z.array(z.object({ bidderAlias: z.string(), amount: MoneySchema, at: z.string() })) })), 404: authErrors[404] },
});

const buyNowRoute = createRoute({
  method: "post",
  path: "/v1/auctions/{listingId}/buy-now",
  tags: ["Auctions"],
  summary: "Buy at the Buy It Now price while it is offered; ends the auction and answers with the buyer's order (pay it with POST /v1/orders/{id}/pay)",
  ...signedIn,
  request: { params: ListingParams },
  responses: { 201: jsonResponse("The buyer's order, with the closed auction", OrderSchema.extend({ auction: SnapshotSchema })), ...authErrors },
});

const myBidsRoute = createRoute({
  method: "get",
  path: "/v1/me/bids",
  tags: ["Auctions"],
  summary: "The caller's auctions and where they stand: leading, outbid, won, lost",
  ...signedIn,
  request: { query: PageQuerySchema },
  responses: {
    200: jsonResponse(
      "A page",
      z.object({
        items: z.array(z.object({ listingId: z.string(), title: z.string(), myMaxAmount: MoneySchema, currentPrice: MoneySchema, bidCount: z.number().int(), endsAt: z.string(), status: z.enum(["leading", "outbid", "won", "lost"]), lastBidAt: z.string() })),
        nextCursor: z.string().nullable(),
      }),
    ),
    ...commonErrors,
  },
});

export const auctionRoutes = createRouter()
  .openapi(stateRoute, async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await auctionSnapshot(c.var.services, c.req.valid("param").listingId, c.var.auth), 200);
  })
  .openapi(bidRoute, async (c) => {
    const key = c.req.valid("header")["idempotency-key"];
    if (!key) throw new AppError("IDEMPOTENCY_KEY_REQUIRED", "Bids need an Idempotency-Key header, so a retried request never bids twice.");
    return c.json(await placeBid(c.var.services, currentAuth(c), c.req.valid("param").listingId, c.req.valid("json").maxAmount, key), 201);
  })
  .openapi(historyRoute, async (c) => c.json({ items: await bidHistory(c.var.services, c.req.valid("param").listingId, c.req.valid("query").limit) }, 200))
  .openapi(buyNowRoute, async (c) => c.json(await buyNow(c.var.services, currentAuth(c), c.req.valid("param").listingId), 201))
  .openapi(myBidsRoute, async (c) => c.json(await myBids(c.var.services, currentAuth(c), c.req.valid("query")), 200))
  // Watching needs no account (API.md); the room accepts the socket and sends `state` first.
  .get("/v1/auctions/:listingId/live", async (c) => {
    if (c.req.header("Upgrade") !== "websocket") throw new AppError("VALIDATION_FAILED", "Connect with a WebSocket upgrade.", { errors: [{ path: "Upgrade", message: "must be websocket" }] });
    await readyRoom(c.var.services, c.req.param("listingId"));
    return roomStub(c.var.services, c.req.param("listingId")).fetch(c.req.raw);
  });
