// Stock: reserve for an order, consume when it is paid, release when it is cancelled or lapses. Never oversells.
import { and, eq, lt, sql } from "drizzle-orm";
import { listings, stockReservations } from "../../db/schema";
import type { ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { inTransaction, type TxScope } from "../platform/events";
import { newId } from "../platform/ids";
import { STOCK_RELEASE_BATCH_SIZE, STOCK_RESERVATION_DEFAULT_TTL_SECONDS, STOCK_RESERVATION_MAX_TTL_SECONDS } from "../platform/limits";

export interface Reservation {
  id: string;
  listingId: string;
  quantity: number;
  holderRef: string;
  status: "active" | "consumed" | "released";
  expiresAt: string;
}

type ReservationRow = typeof stockReservations.$inferSelect;

const toReservation = (row: ReservationRow): Reservation => ({
  id: row.id,
  listingId: row.listingId,
  quantity: row.quantity,
  holderRef: row.holderRef,
  status: row.status,
  expiresAt: row.expiresAt.toISOString(),
});

async function findReservation(scope: TxScope, listingId: string, holderRef: string): Promise<ReservationRow | null> {
  const [row] = await scope.tx
    .select()
    .from(stockReservations)
    .where(and(eq(stockReservations.listingId, listingId), eq(stockReservations.holderRef, holderRef)))
    .for("update");
  return row ?? null;
}

/**
 * Takes `quantity` out of a listing's available stock for `holderRef` (an order id). The decrement is one
 * conditional UPDATE, so concurrent buyers serialize on the row and the last units go to exactly one of them.
 * Idempotent per (listing, holder): asking again returns the same reservation.
 */
export async function reserveStock(
  ctx: ServiceContext,
  input: { listingId: string; quantity: number; holderRef: string; ttlSeconds?: number },
): Promise<Reservation> {
  return inTransaction(ctx, (scope) => reserveStockInTransaction(scope, ctx, input));
}

/** reserveStock inside the caller's transaction, so the reservation commits or rolls back with what needed it (a new order). */
export async function reserveStockInTransaction(
  scope: TxScope,
  ctx: ServiceContext,
  input: { listingId: string; quantity: number; holderRef: string; ttlSeconds?: number },
): Promise<Reservation> {
  const ttlSeconds = Math.min(input.ttlSeconds ?? STOCK_RESERVATION_DEFAULT_TTL_SECONDS, STOCK_RESERVATION_MAX_TTL_SECONDS);
  if (!Number.isInteger(input.quantity) || input.quantity < 1) throw new AppError("VALIDATION_FAILED", "Reserve at least one unit.", { errors: [{ path: "quantity", message: "must be a positive integer" }] });
  const existing = await findReservation(scope, input.listingId, input.holderRef);
  if (existing) return toReservation(existing);
  const taken = await scope.tx
    .update(listings)
    .set({ quantityAvailable: sql`${listings.quantityAvailable} - ${input.quantity}`, version: sql`${listings.version} + 1` })
    .where(and(eq(listings.id, input.listingId), eq(listings.status, "active"), eq(listings.format, "fixed"), sql`${listings.quantityAvailable} >= ${input.quantity}`))
    .returning({ id: listings.id });
  if (taken.length === 0) {
    const [listing] = await scope.tx.select({ status: listings.status, format: listings.format, available: listings.quantityAvailable }).from(listings).where(eq(listings.id, input.listingId));
    if (!listing) throw new AppError("NOT_FOUND", "No such listing.");
    if (listing.status !== "active" || listing.format !== "fixed") throw new AppError("LISTING_NOT_ACTIVE", "This listing is not for sale at a fixed price right now.");
    throw new AppError("OUT_OF_STOCK", `Only ${listing.available} left.`, { extra: { available: listing.available } });
  }
  const [row] = await scope.tx
    .insert(stockReservations)
    .values({
      id: newId("reservation"),
      listingId: input.listingId,
      quantity: input.quantity,
      holderRef: input.holderRef,
      status: "active",
      expiresAt: new Date(ctx.now().getTime() + ttlSeconds * 1000),
      createdAt: ctx.now(),
    })
    .returning();
  await scope.emit("listing.updated", { listingId: input.listingId });
  return toReservation(row!);
}

async function settle(scope: TxScope, ctx: ServiceContext, row: ReservationRow, to: "consumed" | "released"): Promise<Reservation> {
  if (row.status !== "active") return toReservation(row); // already settled: settling twice is a no-op
  const [settled] = await scope.tx.update(stockReservations).set({ status: to, settledAt: ctx.now() }).where(eq(stockReservations.id, row.id)).returning();
  if (to === "released") {
    await scope.tx
      .update(listings)
      .set({ quantityAvailable: sql`${listings.quantityAvailable} + ${row.quantity}`, version: sql`${listings.version} + 1` })
      .where(eq(listings.id, row.listingId));
  } else {
    // Sold out once nothing is available and nothing is still held for an unpaid order.
    await scope.tx
      .update(listings)
      .set({ status: "sold", endedAt: ctx.now(), version: sql`${listings.version} + 1` })
      .where(
        and(
          eq(listings.id, row.listingId),
          eq(listings.status, "active"),
          eq(listings.quantityAvailable, 0),
          sql`not exists (select 1 from ${stockReservations} where ${stockReservations.listingId} = ${row.listingId} and ${stockReservations.status} = 'active')`,
        ),
      );
  }
  await scope.emit("listing.updated", { listingId: row.listingId });
  return toReservation(settled!);
}

async function settleByHolder(ctx: ServiceContext, listingId: string, holderRef: string, to: "consumed" | "released"): Promise<Reservation> {
  return inTransaction(ctx, (scope) => settleStockInTransaction(scope, ctx, { listingId, holderRef }, to));
}

/** consumeStock / releaseStock inside the caller's transaction, so the stock settles together with the order's payment or cancellation. */
export async function settleStockInTransaction(scope: TxScope, ctx: ServiceContext, input: { listingId: string; holderRef: string }, to: "consumed" | "released"): Promise<Reservation> {
  const row = await findReservation(scope, input.listingId, input.holderRef);
  if (!row) throw new AppError("NOT_FOUND", "No such reservation.");
  if (to === "consumed" && row.status === "released") throw new AppError("CONFLICT", "The reservation was released (it lapsed or was cancelled).");
  return settle(scope, ctx, row, to);
}

/** The order was paid: the units are sold. */
export const consumeStock = (ctx: ServiceContext, input: { listingId: string; holderRef: string }) => settleByHolder(ctx, input.listingId, input.holderRef, "consumed");
/** The order was cancelled: the units go back on sale. Also the compensation step when creating the order fails. */
export const releaseStock = (ctx: ServiceContext, input: { listingId: string; holderRef: string }) => settleByHolder(ctx, input.listingId, input.holderRef, "released");

/** Cron: puts back stock whose reservation lapsed. Bounded per run; the next run takes the rest. */
export async function releaseExpiredReservations(ctx: ServiceContext): Promise<number> {
  const expired = await ctx.db.orm
    .select()
    .from(stockReservations)
    .where(and(eq(stockReservations.status, "active"), lt(stockReservations.expiresAt, ctx.now())))
    .limit(STOCK_RELEASE_BATCH_SIZE);
  for (const row of expired) {
    await inTransaction(ctx, async (scope) => {
      const locked = await findReservation(scope, row.listingId, row.holderRef);
      if (locked) await settle(scope, ctx, locked, "released");
    });
  }
  return expired.length;
}
