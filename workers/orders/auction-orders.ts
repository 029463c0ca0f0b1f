// Orders from auctions: the winner's (or Buy It Now buyer's) order on auction.closed, and the seller's second-chance offer.
import { and, eq, inArray } from "drizzle-orm";
import { orders } from "../../db/schema";
import { runnerUp } from "../auctions/results-service";
import { saleTerms } from "../catalog/sale-terms";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { inTransaction, type EventPayloads, type TxScope } from "../platform/events";
import { newId } from "../platform/ids";
import { AUCTION_ORDER_PAYMENT_WINDOW_SECONDS } from "../platform/limits";
import type { Money } from "../platform/money";
import { orderTotal } from "./order-service";
import { insertOrder, lockOrder, orderView } from "./order-store";
import type { OrderRow, OrderView } from "./order-view";
import { partyOf } from "./order-actions";

const AUCTION_SOURCES = ["auction", "buy_now"] as const;

/** An auction order for `buyerId` at `priceMinor`; shipping is the listing's cost until the buyer chooses delivery when paying. */
async function insertAuctionOrder(
  scope: TxScope,
  ctx: ServiceContext,
  sale: { listingId: string; sellerId: string; buyerId: string; priceMinor: number; currency: string; source: "auction" | "buy_now"; secondChanceOf?: string },
  actorId: string | null,
): Promise<OrderRow | null> {
  const terms = await saleTerms(scope.tx, sale.listingId);
  const shippingCostMinor = terms?.shipping?.cost.amount ?? 0;
  return insertOrder(
    scope,
    ctx,
    {
      id: newId("order"),
      listingId: sale.listingId,
      buyerId: sale.buyerId,
      sellerId: sale.sellerId,
      source: sale.source,
      quantity: 1,
      currency: sale.currency,
      unitPriceMinor: sale.priceMinor,
      shippingCostMinor,
      totalMinor: orderTotal(sale.priceMinor, 1, shippingCostMinor),
      delivery: null,
      paymentDueAt: new Date(ctx.now().getTime() + AUCTION_ORDER_PAYMENT_WINDOW_SECONDS * 1000),
      secondChanceOf: sale.secondChanceOf ?? null,
    },
    actorId,
  );
}

/** The order of an auction's buyer, made once: a unique index allows one per auction and buyer, so a second call finds the first. */
async function orderOfAuctionBuyer(scope: TxScope, ctx: ServiceContext, sale: Parameters<typeof insertAuctionOrder>[2]): Promise<OrderRow> {
  const created = await insertAuctionOrder(scope, ctx, sale, null);
  if (created) return created;
  const [existing] = await scope.tx
    .select()
    .from(orders)
    .where(and(eq(orders.listingId, sale.listingId), eq(orders.buyerId, sale.buyerId), inArray(orders.source, [...AUCTION_SOURCES])));
  if (!existing) throw new Error(`invariant failed: the auction order of ${sale.buyerId} on ${sale.listingId} conflicted but cannot be found`);
  return existing;
}

/**
 * auction.closed → the winner's order (source "auction", or "buy_now" when it closed by Buy It Now), quantity 1 at the
 * final price. No stock to reserve: the close already took the listing's single item off sale. Idempotent, so a
 * redelivered event, or the Buy It Now request that made the order first, changes nothing.
 */
export async function orderForClosedAuction(scope: TxScope, ctx: ServiceContext, closed: EventPayloads["auction.closed"]): Promise<OrderRow | null> {
  if (!closed.winnerId || closed.finalPriceMinor === null) return null;
  const source = closed.reason === "bought" ? "buy_now" : "auction";
  return orderOfAuctionBuyer(scope, ctx, { listingId: closed.listingId, sellerId: closed.sellerId, buyerId: closed.winnerId, priceMinor: closed.finalPriceMinor, currency: closed.currency, source });
}

/**
 * For the auctions domain: the buyer just bought at the Buy It Now price, so answer with their order at once rather
 * than when auction.closed arrives (which then finds it). Same order either way.
 */
export async function buyNowOrder(ctx: ServiceContext, buyerId: string, listingId: string, price: Money): Promise<OrderView> {
  return inTransaction(ctx, async (scope) => {
    const terms = await saleTerms(scope.tx, listingId);
    if (!terms) throw new Error(`invariant failed: listing ${listingId} was bought but does not exist`);
    const order = await orderOfAuctionBuyer(scope, ctx, { listingId, sellerId: terms.sellerId, buyerId, priceMinor: price.amount, currency: price.currency, source: "buy_now" });
    return orderView(ctx, scope.tx, order, "buyer");
  });
}

/**
 * The seller offers the item of an expired auction order to the best remaining bidder at that bidder's maximum.
 * Once per expired order, and only while no other order for the auction is open or done.
 */
export async function offerSecondChance(ctx: ServiceContext, auth: AuthContext, orderId: string): Promise<OrderView> {
  return inTransaction(ctx, async (scope) => {
    const order = await lockOrder(scope.tx, orderId);
    if (partyOf(auth, order) !== "seller") throw new AppError("FORBIDDEN", "Only the seller can offer the item to another bidder.");
    if (order.source === "fixed_price") throw new AppError("ORDER_STATE_CONFLICT", "Second-chance offers are for auction orders.", { extra: { status: order.status } });
    if (order.status !== "expired") throw new AppError("ORDER_STATE_CONFLICT", `Only an expired order can be offered to another bidder; this one is ${order.status}.`, { extra: { status: order.status } });
    const siblings = await scope.tx
      .select({ id: orders.id, buyerId: orders.buyerId, status: orders.status, secondChanceOf: orders.secondChanceOf })
      .from(orders)
      .where(and(eq(orders.listingId, order.listingId), inArray(orders.source, [...AUCTION_SOURCES])));
    if (siblings.some((sibling) => sibling.secondChanceOf === order.id)) throw new AppError("ORDER_STATE_CONFLICT", "This order was already offered to another bidder.", { extra: { status: order.status } });
    if (siblings.some((sibling) => sibling.status !== "expired" && sibling.status !== "cancelled")) {
      throw new AppError("ORDER_STATE_CONFLICT", "Another order for this auction is open or done.", { extra: { status: order.status } });
    }
    const next = await runnerUp(scope.tx, order.listingId, siblings.map((sibling) => sibling.buyerId));
    if (!next) throw new AppError("NO_RUNNER_UP", "No other bidder is left to offer the item to.");
    const created = await insertAuctionOrder(
      scope,
      ctx,
      { listingId: order.listingId, sellerId: order.sellerId, buyerId: next.bidderId, priceMinor: next.maxMinor, currency: order.currency, source: "auction", secondChanceOf: order.id },
      auth.userId,
    );
    if (!created) throw new Error(`invariant failed: second-chance order for ${order.id} collided although checked under lock`);
    return orderView(ctx, scope.tx, created, "seller");
  });
}
