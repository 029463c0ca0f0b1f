// Shipments: accepting an offer (the reward held, the PIN made), reading one or the caller's, cancelling before pickup, rating after delivery.
import { and, desc, eq, isNull, ne, sql } from "drizzle-orm";
import { shipmentOffers, shipmentRequests, shipments, trips } from "../../db/crowdship";
import { orderSummary } from "../orders/service";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { newestFirstAfter, toPage } from "../platform/cursor";
import { AppError, assert } from "../platform/errors";
import { inTransaction } from "../platform/events";
import { newId } from "../platform/ids";
import { errorFields } from "../platform/logger";
import { lockOffer, requireOpenOffer, requireOpenRequest } from "./offers-service";
import { generatePin, hashPin } from "./pin";
import { holdReward, refundReward } from "./reward-escrow";
import { configureSession, readySession } from "./session";
import { findShipment, lockShipment, partyOf, requireStatus, shipmentEventPayload, shipmentView, shipmentViews, type ShipmentRow, type ShipmentView } from "./shipment-store";
import { toKg } from "./trip-schemas";

/**
 * Pushes a new or changed shipment to its CourierSession after the commit. A failure is logged, not thrown: the
 * shipment is committed (and the PIN shown only in this response), and the session configures itself from the row on
 * its next use (session.ts).
 */
async function refreshSession(ctx: ServiceContext, row: ShipmentRow): Promise<void> {
  try {
    await configureSession(ctx, row);
  } catch (error) {
    ctx.log.warn("courier session not configured; it will be on first use", { shipmentId: row.id, ...errorFields(error) });
  }
}

/**
 * The requester accepts one offer, in one transaction: the offer accepted and the request's other open offers declined,
 * the request accepted, the weight reserved on the trip, the shipment written with the PIN's hash, the reward held
 * from the requester's wallet (short → 422 INSUFFICIENT_FUNDS and nothing changes), shipment.accepted. The PIN is
 * returned here only.
 */
export async function acceptOffer(ctx: ServiceContext, auth: AuthContext, offerId: string): Promise<{ shipment: ShipmentView; pin: string }> {
  const { row, pin } = await inTransaction(ctx, async (scope) => {
    const { offer, request, trip } = await lockOffer(scope.tx, offerId, true);
    if (request.requesterId !== auth.userId) throw new AppError("NOT_FOUND", "No such offer.");
    requireOpenOffer(offer);
    requireOpenRequest(request);
    if (!trip || trip.status !== "scheduled") throw new AppError("TRIP_NOT_SUITABLE", "The traveller's trip is no longer scheduled.");
    const freeGrams = trip.capacityGrams - trip.reservedGrams;
    if (freeGrams < request.weightGrams) {
      throw new AppError("TRIP_CAPACITY_EXCEEDED", `The trip has ${toKg(freeGrams)} kg free; this item weighs ${toKg(request.weightGrams)} kg.`, { extra: { freeCapacityKg: toKg(freeGrams) } });
    }
    const order = request.orderId ? await orderSummary(scope.tx, request.orderId) : null;
    // The order's money must still be in escrow for the PIN to release it to the seller.
    if (order && order.status !== "paid" && order.status !== "shipped") {
      throw new AppError("ORDER_STATE_CONFLICT", `The order this request carries is ${order.status.replaceAll("_", " ")}.`, { extra: { orderStatus: order.status } });
    }
    const now = ctx.now();
    const shipmentId = newId("shipment", now.getTime());
    const pin = generatePin();
    await scope.tx.update(shipmentOffers).set({ status: "accepted", updatedAt: now }).where(eq(shipmentOffers.id, offer.id));
    await scope.tx
      .update(shipmentOffers)
      .set({ status: "declined", updatedAt: now })
      .where(and(eq(shipmentOffers.requestId, request.id), eq(shipmentOffers.status, "open"), ne(shipmentOffers.id, offer.id)));
    await scope.tx.update(shipmentRequests).set({ status: "accepted", updatedAt: now }).where(eq(shipmentRequests.id, request.id));
    await scope.tx.update(trips).set({ reservedGrams: trip.reservedGrams + request.weightGrams, updatedAt: now }).where(eq(trips.id, trip.id));
    const [row] = await scope.tx
      .insert(shipments)
      .values({
        id: shipmentId,
        requestId: request.id,
        offerId: offer.id,
        tripId: trip.id,
        travelerId: offer.travelerId,
        requesterId: request.requesterId,
        orderId: order?.id ?? null,
        sellerId: order?.sellerId ?? null,
        weightGrams: request.weightGrams,
        currency: offer.currency,
        rewardMinor: offer.priceMinor,
        // "Buy this for me": the traveller pays for the item, so its declared price is held and reimbursed with the reward.
        itemCostMinor: request.orderId === null ? request.itemValueMinor : 0,
        pinHash: await hashPin(ctx.env.JWT_SECRET, shipmentId, pin),
        fromPlace: request.fromPlace,
        toPlace: request.toPlace,
        deliverBy: request.deliverBy,
        plannedArriveAt: trip.arriveAt,
        milestones: [{ kind: "accepted", at: now.toISOString() }],
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    assert(row, `new shipment ${shipmentId} was not written`);
    await holdReward(scope, ctx, row);
    await scope.audit({ actorId: auth.userId, action: "crowdship.offer_accepted", subjectType: "shipment", subjectId: shipmentId, details: { offerId, rewardMinor: row.rewardMinor, itemCostMinor: row.itemCostMinor, currency: offer.currency } });
    await scope.emit("shipment.accepted", { ...shipmentEventPayload(row), offerId });
    return { row, pin };
  });
  await refreshSession(ctx, row);
  return { shipment: await shipmentView(ctx.db.orm, row, null, "requester"), pin };
}

/** One shipment with its live state, for its traveller, requester, the order's seller or an admin; others 404. */
export async function getShipment(ctx: ServiceContext, auth: AuthContext, shipmentId: string): Promise<ShipmentView> {
  const row = await findShipment(ctx.db.orm, shipmentId);
  if (!row) throw new AppError("NOT_FOUND", "No such shipment.");
  const party = partyOf(auth, row);
  const { view } = await readySession(ctx, row);
  return shipmentView(ctx.db.orm, row, view, party);
}

/** The caller's shipments as requester (default) or traveller, newest first; record fields only (no live position). */
export async function listMyShipments(
  ctx: ServiceContext,
  auth: AuthContext,
  page: { role: "traveler" | "requester"; limit: number; cursor?: string | undefined },
): Promise<{ items: ShipmentView[]; nextCursor: string | null }> {
  const party = page.role === "traveler" ? shipments.travelerId : shipments.requesterId;
  const rows = await ctx.db.orm
    .select()
    .from(shipments)
    .where(and(eq(party, auth.userId), newestFirstAfter(shipments.createdAt, shipments.id, page.cursor)))
    .orderBy(desc(shipments.createdAt), desc(shipments.id))
    .limit(page.limit + 1);
  const { items, nextCursor } = toPage(rows, page.limit, (row) => ({ key: row.createdAt.toISOString(), id: row.id }));
  return { items: await shipmentViews(ctx.db.orm, items), nextCursor };
}

/**
 * The requester or the traveller calls it off before pickup: the reward goes back to the requester, the trip's
 * reservation is freed, and the request is closed (a shipment belongs to one request; the requester posts a new one).
 */
export async function cancelShipment(ctx: ServiceContext, auth: AuthContext, shipmentId: string): Promise<ShipmentView> {
  const row = await inTransaction(ctx, async (scope) => {
    const locked = await lockShipment(scope.tx, shipmentId);
    const party = partyOf(auth, locked);
    if (party !== "requester" && party !== "traveler") throw new AppError("FORBIDDEN", "Only the requester or the traveller may cancel a shipment.");
    requireStatus(locked, ["accepted"], "cancelled once picked up");
    const now = ctx.now();
    const [cancelled] = await scope.tx.update(shipments).set({ status: "cancelled", updatedAt: now }).where(eq(shipments.id, shipmentId)).returning();
    await refundReward(scope, ctx, locked, auth.userId);
    await scope.tx
      .update(trips)
      .set({ reservedGrams: sql`${trips.reservedGrams} - ${locked.weightGrams}`, updatedAt: now })
      .where(eq(trips.id, locked.tripId));
    await scope.tx.update(shipmentRequests).set({ status: "cancelled", updatedAt: now }).where(eq(shipmentRequests.id, locked.requestId));
    await scope.audit({ actorId: auth.userId, action: "crowdship.shipment_cancelled", subjectType: "shipment", subjectId: shipmentId, details: { by: party, rewardMinor: locked.rewardMinor, itemCostMinor: locked.itemCostMinor } });
    return cancelled!;
  });
  await refreshSession(ctx, row);
  return shipmentView(ctx.db.orm, row, null, partyOf(auth, row));
}

/** The requester rates the traveller 1–5 once the shipment is delivered; a second rating is 409. */
export async function rateShipment(ctx: ServiceContext, auth: AuthContext, shipmentId: string, rating: number): Promise<ShipmentView> {
  const row = await findShipment(ctx.db.orm, shipmentId);
  if (!row) throw new AppError("NOT_FOUND", "No such shipment.");
  const party = partyOf(auth, row);
  if (party !== "requester") throw new AppError("FORBIDDEN", "Only the requester rates the traveller.");
  requireStatus(row, ["delivered"], "rated before delivery");
  const [rated] = await ctx.db.orm
    .update(shipments)
    .set({ rating, updatedAt: ctx.now() })
    .where(and(eq(shipments.id, shipmentId), isNull(shipments.rating)))
    .returning();
  if (!rated) throw new AppError("CONFLICT", "You have already rated this shipment.");
  return shipmentView(ctx.db.orm, rated, null, party);
}

/**
 * The live socket: a party to the shipment (others 404) is forwarded to its CourierSession as the traveller (who may
 * stream positions) or a watcher. The Worker has authorized them; the object trusts these headers.
 */
export async function openLiveSocket(ctx: ServiceContext, viewer: { userId: string; roles: readonly string[] }, shipmentId: string, upgrade: Request): Promise<Response> {
  const row = await findShipment(ctx.db.orm, shipmentId);
  if (!row) throw new AppError("NOT_FOUND", "No such shipment.");
  const party = partyOf(viewer, row);
  const { stub } = await readySession(ctx, row);
  const headers = new Headers(upgrade.headers);
  headers.set("X-Courier-User", viewer.userId);
  headers.set("X-Courier-Role", party === "traveler" ? "traveler" : "watcher");
  return stub.fetch(new Request(upgrade, { headers }));
}
