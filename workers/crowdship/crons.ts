// Cron work on crowdship: requests past their deliver-by expire, and trips that have arrived with nothing left on board complete.
import { and, asc, eq, inArray, lt, notExists, notInArray, sql } from "drizzle-orm";
import { shipmentOffers, shipmentRequests, shipments, trips } from "../../db/crowdship";
import type { ServiceContext } from "../platform/context";
import { CROWDSHIP_CRON_BATCH_SIZE, TRIP_COMPLETE_GRACE_HOURS } from "../platform/limits";
import { CLOSED_SHIPMENT_STATUSES } from "./shipment-store";

/**
 * Open requests whose deliver-by has passed → expired, and travellers' open offers on them declined: no trip can make it
 * any more. One statement each, on a bounded batch; an accept racing it locks the request first and finds it expired.
 */
export async function expireLateRequests(ctx: ServiceContext): Promise<number> {
  const now = ctx.now();
  return ctx.db.orm.transaction(async (tx) => {
    const due = tx
      .select({ id: shipmentRequests.id })
      .from(shipmentRequests)
      .where(and(eq(shipmentRequests.status, "open"), lt(shipmentRequests.deliverBy, now)))
      .orderBy(asc(shipmentRequests.deliverBy))
      .limit(CROWDSHIP_CRON_BATCH_SIZE)
      .for("update", { skipLocked: true });
    const expired = await tx.update(shipmentRequests).set({ status: "expired", updatedAt: now }).where(inArray(shipmentRequests.id, due)).returning({ id: shipmentRequests.id });
    if (expired.length === 0) return 0;
    const ids = expired.map((row) => row.id);
    await tx.update(shipmentOffers).set({ status: "declined", updatedAt: now }).where(and(inArray(shipmentOffers.requestId, ids), eq(shipmentOffers.status, "open")));
    return expired.length;
  });
}

/**
 * Scheduled trips that arrived more than TRIP_COMPLETE_GRACE_HOURS ago and carry nothing still open → completed, their open
 * offers withdrawn. A trip with a shipment still on its way (or locked, awaiting support) stays until that one closes.
 */
export async function completeArrivedTrips(ctx: ServiceContext): Promise<number> {
  const now = ctx.now();
  const arrivedBefore = new Date(now.getTime() - TRIP_COMPLETE_GRACE_HOURS * 3_600_000);
  return ctx.db.orm.transaction(async (tx) => {
    const stillCarrying = tx
      .select({ one: sql`1` })
      .from(shipments)
      .where(and(eq(shipments.tripId, trips.id), notInArray(shipments.status, [...CLOSED_SHIPMENT_STATUSES])));
    const due = tx
      .select({ id: trips.id })
      .from(trips)
      .where(and(eq(trips.status, "scheduled"), lt(trips.arriveAt, arrivedBefore), notExists(stillCarrying)))
      .orderBy(asc(trips.arriveAt))
      .limit(CROWDSHIP_CRON_BATCH_SIZE)
      .for("update", { skipLocked: true });
    const completed = await tx.update(trips).set({ status: "completed", updatedAt: now }).where(inArray(trips.id, due)).returning({ id: trips.id });
    if (completed.length === 0) return 0;
    const ids = completed.map((row) => row.id);
    await tx.update(shipmentOffers).set({ status: "withdrawn", updatedAt: now }).where(and(inArray(shipmentOffers.tripId, ids), eq(shipmentOffers.status, "open")));
    return completed.length;
  });
}
