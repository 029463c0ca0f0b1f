// The orders domain's rows: load and lock an order, write a status change with its timeline entry and event, build views.
import { and, asc, eq, inArray } from "drizzle-orm";
import { disputes, orders, orderTimeline } from "../../db/schema";
import { listingTitles } from "../catalog/auction-terms";
import type { ServiceContext } from "../platform/context";
import type { Queryable, Tx } from "../platform/db";
import { AppError } from "../platform/errors";
import type { OrderEventPayload, TxScope } from "../platform/events";
import { newId } from "../platform/ids";
import { ORDER_AUTO_RELEASE_DAYS } from "../platform/limits";
import { parsePlatformFeeBps } from "./escrow-math";
import { toOrderView, type OrderRow, type OrderView, type Viewer } from "./order-view";
import type { OrderStatus } from "./state-machine";

export type OrderInsert = typeof orders.$inferInsert;

export const feeBps = (ctx: ServiceContext): number => parsePlatformFeeBps(ctx.env.PLATFORM_FEE_BPS);

export async function findOrder(q: Queryable, orderId: string): Promise<OrderRow | null> {
  const [row] = await q.select().from(orders).where(eq(orders.id, orderId)).limit(1);
  return row ?? null;
}

/** The order, locked until the transaction ends: every change to an order starts here, so changes to one order serialize. */
export async function lockOrder(tx: Tx, orderId: string): Promise<OrderRow> {
  const [row] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
  if (!row) throw new AppError("NOT_FOUND", "No such order.");
  return row;
}

export function eventPayload(order: OrderRow): OrderEventPayload {
  return { orderId: order.id, listingId: order.listingId, buyerId: order.buyerId, sellerId: order.sellerId, totalMinor: order.totalMinor, currency: order.currency };
}

async function appendTimeline(tx: Tx, orderId: string, status: OrderStatus, actorId: string | null, note: string | null, at: Date): Promise<void> {
  await tx.insert(orderTimeline).values({ id: newId("orderTimeline", at.getTime()), orderId, status, actorId, note, at });
}

/**
 * Writes a new order with its first timeline entry and order.created. Null when a unique rule already holds one like it
 * (one order per auction and bidder, one second chance per expired order): the caller reads that one instead.
 */
export async function insertOrder(scope: TxScope, ctx: ServiceContext, values: Omit<OrderInsert, "status" | "createdAt" | "updatedAt">, actorId: string | null): Promise<OrderRow | null> {
  const now = ctx.now();
  const [row] = await scope.tx
    .insert(orders)
    .values({ ...values, status: "pending_payment", createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  await appendTimeline(scope.tx, row.id, "pending_payment", actorId, null, now);
  await scope.emit("order.created", { ...eventPayload(row), source: row.source, paymentDueAt: row.paymentDueAt.toISOString() });
  return row;
}

/** Emits the event that goes with reaching `status` (in_transit has none: nobody listens for it yet). */
async function emitFor(scope: TxScope, order: OrderRow): Promise<void> {
  const base = eventPayload(order);
  switch (order.status) {
    case "paid":
      return scope.emit("order.paid", { ...base, paymentSource: order.paymentSource ?? "wallet" });
    case "shipped":
      return scope.emit("order.shipped", { ...base, carrier: order.carrier, trackingNumber: order.trackingNumber });
    case "delivered":
      return scope.emit("order.delivered", base);
    case "completed":
      return scope.emit("order.completed", { ...base, feeMinor: order.feeMinor ?? 0, refundedMinor: order.refundedMinor });
    case "cancelled":
      return scope.emit("order.cancelled", { ...base, refundedMinor: order.refundedMinor });
    case "expired":
      return scope.emit("order.expired", base);
    case "refunded":
      return scope.emit("order.refunded", { ...base, refundedMinor: order.refundedMinor });
    case "disputed": {
      const [dispute] = await scope.tx.select({ id: disputes.id }).from(disputes).where(eq(disputes.orderId, order.id));
      return scope.emit("order.disputed", { ...base, disputeId: dispute?.id ?? "" });
    }
    default:
      return;
  }
}

/**
 * Moves a locked order to `to` (the state machine has already allowed it), with any other columns that change with it,
 * a timeline entry and the matching event. The status in the WHERE makes a lost lock a loud failure, not a silent overwrite.
 */
export async function moveOrder(
  scope: TxScope,
  ctx: ServiceContext,
  order: OrderRow,
  to: OrderStatus,
  change: { actorId: string | null; note?: string | null; set?: Partial<OrderInsert> },
): Promise<OrderRow> {
  const now = ctx.now();
  const [moved] = await scope.tx
    .update(orders)
    .set({ ...change.set, status: to, version: order.version + 1, updatedAt: now })
    .where(and(eq(orders.id, order.id), eq(orders.version, order.version)))
    .returning();
  if (!moved) throw new Error(`invariant failed: order ${order.id} changed while locked`);
  await appendTimeline(scope.tx, order.id, to, change.actorId, change.note ?? null, now);
  await emitFor(scope, moved);
  return moved;
}

/** Views of several orders with two queries for all their timelines and disputes, and one for titles. */
export async function orderViews(ctx: ServiceContext, q: Queryable, rows: readonly OrderRow[], viewerOf: (row: OrderRow) => Viewer): Promise<OrderView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [timeline, disputeRows, titles] = [
    await q.select().from(orderTimeline).where(inArray(orderTimeline.orderId, ids)).orderBy(asc(orderTimeline.at), asc(orderTimeline.id)),
    await q.select().from(disputes).where(inArray(disputes.orderId, ids)),
    await listingTitles(q, [...new Set(rows.map((row) => row.listingId))]),
  ];
  const bps = feeBps(ctx);
  return rows.map((row) =>
    toOrderView(row, {
      title: titles.get(row.listingId) ?? "",
      timeline: timeline.filter((entry) => entry.orderId === row.id),
      dispute: disputeRows.find((dispute) => dispute.orderId === row.id) ?? null,
      viewer: viewerOf(row),
      feeBps: bps,
      autoReleaseDays: ORDER_AUTO_RELEASE_DAYS,
    }),
  );
}

export async function orderView(ctx: ServiceContext, q: Queryable, row: OrderRow, viewer: Viewer): Promise<OrderView> {
  const [view] = await orderViews(ctx, q, [row], () => viewer);
  return view!;
}
