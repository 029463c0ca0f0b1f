// Bidding as the API offers it: the room does the rules; this adds auth-facing concerns (rate limit, idempotency, errors, my bids).
import { desc, eq, sql } from "drizzle-orm";
import { auctionBids, auctionResults, auctionStates } from "../../db/schema";
import type { AuctionSnapshot, BidAccepted, HistoryEntry, RoomRejection } from "../../durable-objects/auction-room/protocol";
import { listingTitles } from "../catalog/auction-terms";
import { buyNowOrder, type OrderView } from "../orders/service";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { decodeCursor, toPage } from "../platform/cursor";
import { AppError } from "../platform/errors";
import type { Currency, Money } from "../platform/money";
import { configureRoom, readyRoom, roomStub } from "./room";

function rejection(result: RoomRejection): never {
  const extra = result.minNextBid ? { minNextBid: result.minNextBid } : {};
  if (result.code === "NOT_CONFIGURED") throw new AppError("NOT_FOUND", "No such auction.");
  if (result.code === "RATE_LIMITED") {
    const retryAfterSeconds = result.retryAfterSeconds ?? 60;
    throw new AppError("RATE_LIMITED", result.detail, { headers: { "Retry-After": String(retryAfterSeconds) }, extra: { retryAfterSeconds } });
  }
  throw new AppError(result.code, result.detail, { extra });
}

export async function auctionSnapshot(ctx: ServiceContext, listingId: string, viewer: AuthContext | null): Promise<AuctionSnapshot> {
  return (await readyRoom(ctx, listingId)).snapshot(viewer?.userId ?? null);
}

export async function placeBid(ctx: ServiceContext, auth: AuthContext, listingId: string, maxAmount: Money, idempotencyKey: string): Promise<Omit<BidAccepted, "ok">> {
  const bid = { bidderId: auth.userId, maxMinor: maxAmount.amount, currency: maxAmount.currency, idempotencyKey };
  // One RPC on the hot path: a room that was never set up says so, and only then does the catalog get asked.
  let result = await roomStub(ctx, listingId).bid(bid);
  if (!result.ok && result.code === "NOT_CONFIGURED") result = await (await configureRoom(ctx, listingId)).bid(bid);
  if (!result.ok) rejection(result);
  const { ok: _ok, ...accepted } = result;
  return accepted;
}

/** The buyer's order (API.md: buy-now answers with the order; auction.closed later finds the same one), with the closed auction. */
export async function buyNow(ctx: ServiceContext, auth: AuthContext, listingId: string): Promise<OrderView & { auction: AuctionSnapshot }> {
  const room = await readyRoom(ctx, listingId);
  const result = await room.buyNow(auth.userId);
  if (!result.ok) rejection(result);
  const order = await buyNowOrder(ctx, auth.userId, listingId, result.finalPrice);
  return { ...order, auction: await room.snapshot(auth.userId) };
}

export async function bidHistory(ctx: ServiceContext, listingId: string, limit: number): Promise<HistoryEntry[]> {
  return (await readyRoom(ctx, listingId)).history(limit);
}

export interface MyBid {
  listingId: string;
  title: string;
  myMaxAmount: Money;
  currentPrice: Money;
  bidCount: number;
  endsAt: string;
  status: "leading" | "outbid" | "won" | "lost";
  lastBidAt: string;
}

/** The caller's auctions from the copied bid log, newest activity first, each with where they stand. */
export async function myBids(ctx: ServiceContext, auth: AuthContext, page: { limit: number; cursor?: string | undefined }): Promise<{ items: MyBid[]; nextCursor: string | null }> {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const mine = ctx.db.orm
    .select({ listingId: auctionBids.listingId, myMax: sql<number>`max(${auctionBids.maxMinor})`.mapWith(Number).as("my_max"), lastAt: sql<Date>`max(${auctionBids.at})`.as("last_at") })
    .from(auctionBids)
    .where(eq(auctionBids.bidderId, auth.userId))
    .groupBy(auctionBids.listingId)
    .as("mine");
  const rows = await ctx.db.orm
    .select({ listingId: mine.listingId, myMax: mine.myMax, lastAt: mine.lastAt, state: auctionStates, result: auctionResults })
    .from(mine)
    .innerJoin(auctionStates, eq(auctionStates.listingId, mine.listingId))
    .leftJoin(auctionResults, eq(auctionResults.listingId, mine.listingId))
    .where(after ? sql`(${mine.lastAt}, ${mine.listingId}) < (${new Date(String(after.key))}, ${after.id})` : undefined)
    .orderBy(desc(mine.lastAt), desc(mine.listingId))
    .limit(page.limit + 1);
  const titles = await listingTitles(ctx.db.orm, rows.map((row) => row.listingId));
  const items = rows.map(({ state, result, ...bid }): MyBid => {
    const currency = state.currency as Currency;
    const status = result ? (result.winnerId === auth.userId ? "won" : "lost") : state.leaderId === auth.userId ? "leading" : "outbid";
    return {
      listingId: bid.listingId,
      title: titles.get(bid.listingId) ?? "",
      myMaxAmount: { amount: bid.myMax, currency },
      currentPrice: { amount: result?.finalPriceMinor ?? state.currentPriceMinor, currency },
      bidCount: state.bidCount,
      endsAt: state.endsAt.toISOString(),
      status,
      lastBidAt: new Date(bid.lastAt).toISOString(),
    };
  });
  return toPage(items, page.limit, (item) => ({ key: item.lastBidAt, id: item.listingId }));
}

