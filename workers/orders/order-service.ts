// Orders from fixed-price listings, and reading orders: create (reserving stock), one order, the caller's orders.
import { and, desc, eq } from "drizzle-orm";
import { orders, type Delivery } from "../../db/schema";
import { reserveStockInTransaction } from "../catalog/inventory-service";
import { saleTerms, type SaleTerms } from "../catalog/sale-terms";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { newestFirstAfter, toPage } from "../platform/cursor";
import { AppError } from "../platform/errors";
import { inTransaction } from "../platform/events";
import { newId } from "../platform/ids";
import { ORDER_PAYMENT_WINDOW_SECONDS, ORDER_RESERVATION_GRACE_SECONDS } from "../platform/limits";
import { MAX_MONEY_AMOUNT_MINOR } from "../platform/money";
import { deliveryCost } from "./delivery-rules";
import { partyOf } from "./order-actions";
import { findOrder, insertOrder, orderView, orderViews } from "./order-store";
import type { OrderView } from "./order-view";
import type { OrderStatus } from "./state-machine";

export interface CreateOrderInput {
  listingId: string;
  quantity: number;
  delivery: Delivery;
}

/** The shipping cost for `delivery`, or 422 DELIVERY_NOT_AVAILABLE naming why not. */
export function shippingCostFor(terms: SaleTerms, delivery: Delivery): number {
  const verdict = deliveryCost(terms, delivery);
  if (!verdict.ok) throw new AppError("DELIVERY_NOT_AVAILABLE", verdict.detail, { extra: { method: delivery.method } });
  return verdict.shippingCostMinor;
}

export function orderTotal(unitPriceMinor: number, quantity: number, shippingCostMinor: number): number {
  const total = unitPriceMinor * quantity + shippingCostMinor;
  if (total > MAX_MONEY_AMOUNT_MINOR) throw new AppError("BUSINESS_RULE", "The order total is larger than one payment may be; buy fewer at a time.");
  return total;
}

async function buyableTerms(ctx: ServiceContext, auth: AuthContext, listingId: string, q = ctx.db.orm): Promise<SaleTerms> {
  const terms = await saleTerms(q, listingId);
  if (!terms || terms.status === "draft") throw new AppError("NOT_FOUND", "No such listing.");
  if (terms.format !== "fixed") throw new AppError("BUSINESS_RULE", "An auction is bought by bidding or with Buy It Now; its order follows from its close.");
  if (terms.status !== "active") throw new AppError("LISTING_NOT_ACTIVE", `This listing is ${terms.status}.`);
  if (terms.sellerId === auth.userId) throw new AppError("SELLER_CANNOT_BUY", "You cannot buy your own listing.");
  return terms;
}

/**
 * An order for an active fixed-price listing, in one transaction: the stock reservation (held a little past the payment
 * deadline so the expiry cron, not the catalog's lapse sweep, gives it back), the order and order.created.
 */
export async function createOrder(ctx: ServiceContext, auth: AuthContext, input: CreateOrderInput): Promise<OrderView> {
  return inTransaction(ctx, async (scope) => {
    const checked = await buyableTerms(ctx, auth, input.listingId, scope.tx);
    const shippingCostMinor = shippingCostFor(checked, input.delivery);
    const orderId = newId("order");
    await reserveStockInTransaction(scope, ctx, {
      listingId: input.listingId,
      quantity: input.quantity,
      holderRef: orderId,
      ttlSeconds: ORDER_PAYMENT_WINDOW_SECONDS + ORDER_RESERVATION_GRACE_SECONDS,
    });
    // Read again now that the reservation holds the listing's row: the price cannot change under us any more.
    const terms = await buyableTerms(ctx, auth, input.listingId, scope.tx);
    const row = await insertOrder(
      scope,
      ctx,
      {
        id: orderId,
        listingId: terms.listingId,
        buyerId: auth.userId,
        sellerId: terms.sellerId,
        source: "fixed_price",
        quantity: input.quantity,
        currency: terms.price.currency,
        unitPriceMinor: terms.price.amount,
        shippingCostMinor,
        totalMinor: orderTotal(terms.price.amount, input.quantity, shippingCostMinor),
        delivery: input.delivery,
        paymentDueAt: new Date(ctx.now().getTime() + ORDER_PAYMENT_WINDOW_SECONDS * 1000),
      },
      auth.userId,
    );
    if (!row) throw new Error(`invariant failed: new order id ${orderId} already taken`);
    return orderView(ctx, scope.tx, row, "buyer");
  });
}

/** One order, for its buyer, its seller or an admin; anyone else gets 404. */
export async function getOrder(ctx: ServiceContext, auth: AuthContext, orderId: string): Promise<OrderView> {
  const row = await findOrder(ctx.db.orm, orderId);
  if (!row) throw new AppError("NOT_FOUND", "No such order.");
  return orderView(ctx, ctx.db.orm, row, partyOf(auth, row));
}

/** The caller's orders as buyer (default) or seller, newest first, optionally of one status. */
export async function listMyOrders(
  ctx: ServiceContext,
  auth: AuthContext,
  page: { role: "buyer" | "seller"; status?: OrderStatus | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: OrderView[]; nextCursor: string | null }> {
  const party = page.role === "seller" ? orders.sellerId : orders.buyerId;
  const rows = await ctx.db.orm
    .select()
    .from(orders)
    .where(and(eq(party, auth.userId), page.status ? eq(orders.status, page.status) : undefined, newestFirstAfter(orders.createdAt, orders.id, page.cursor)))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(page.limit + 1);
  const { items, nextCursor } = toPage(rows, page.limit, (row) => ({ key: row.createdAt.toISOString(), id: row.id }));
  return { items: await orderViews(ctx, ctx.db.orm, items, () => page.role), nextCursor };
}
