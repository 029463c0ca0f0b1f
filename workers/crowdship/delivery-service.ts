// The traveller's side of a shipment: pickup, positions, delivery against the PIN (escrow released), and support's unlock.
import { eq } from "drizzle-orm";
import { shipments, type Milestone } from "../../db/crowdship";
import type { Position } from "../../durable-objects/courier-session/protocol";
import { confirmDeliveredByCourier, markInTransit } from "../orders/service";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { inTransaction, type TxScope } from "../platform/events";
import { hashPin } from "./pin";
import { releaseReward } from "./reward-escrow";
import { callSession, readySession, type CourierResult, type SessionView } from "./session";
import { findShipment, lockShipment, partyOf, requireTraveler, shipmentEventPayload, shipmentView, type ShipmentRow, type ShipmentView } from "./shipment-store";

/** The object's refusal as the error the caller sees. A wrong PIN carries the tries left. */
function sessionError(failure: Exclude<CourierResult<unknown>, { ok: true }>): AppError {
  switch (failure.code) {
    case "WRONG_PIN":
      return new AppError("WRONG_PIN", failure.detail, { extra: { attemptsLeft: failure.attemptsLeft ?? 0 } });
    case "SHIPMENT_LOCKED":
      return new AppError("SHIPMENT_LOCKED", failure.detail);
    case "SHIPMENT_CLOSED":
      return new AppError("SHIPMENT_STATE_CONFLICT", failure.detail);
    case "NOT_TRAVELER":
      return new AppError("FORBIDDEN", failure.detail);
    case "NOT_CONFIGURED":
      throw new Error(`invariant failed: the courier session answered NOT_CONFIGURED right after being configured`);
  }
}

/**
 * The shipment, for its traveller only (other parties 403, strangers 404). A cancelled one is refused here: the
 * session hears of a cancellation only after its commit, so Postgres has the last word on it.
 */
async function travelersShipment(ctx: ServiceContext, auth: AuthContext, shipmentId: string): Promise<ShipmentRow> {
  const row = await findShipment(ctx.db.orm, shipmentId);
  if (!row) throw new AppError("NOT_FOUND", "No such shipment.");
  requireTraveler(auth, row);
  if (row.status === "cancelled") throw new AppError("SHIPMENT_STATE_CONFLICT", "This shipment was cancelled.", { extra: { status: row.status } });
  return row;
}

/** Milestones of `live` the row lacks (by kind), appended: the delivery and lock steps record theirs with their own events. */
function withMilestones(row: ShipmentRow, live: readonly Milestone[], kind: Milestone["kind"], at: Date): Milestone[] {
  const known = new Set(row.milestones.map((milestone) => milestone.kind));
  const added = live.filter((milestone) => !known.has(milestone.kind));
  if (!known.has(kind) && !added.some((milestone) => milestone.kind === kind)) added.push({ kind, at: at.toISOString() });
  return [...row.milestones, ...added];
}

/** An order step the order may already be past (a retry, or the buyer confirmed by hand): the shipment goes on without it. */
async function orderStep(ctx: ServiceContext, scope: TxScope, row: ShipmentRow, step: () => Promise<unknown>, what: string): Promise<void> {
  try {
    await step();
  } catch (error) {
    // The order's state check throws before it writes anything, so the transaction is still good to use.
    if (!(error instanceof AppError) || error.code !== "ORDER_STATE_CONFLICT") throw error;
    await scope.audit({ actorId: row.travelerId, action: `crowdship.order_${what}_skipped`, subjectType: "order", subjectId: row.orderId, details: { shipmentId: row.id, reason: error.message } });
  }
}

/** The traveller has the item: the session's picked_up milestone, the shipment picked up, a carried order in transit. */
export async function pickUp(ctx: ServiceContext, auth: AuthContext, shipmentId: string): Promise<ShipmentView> {
  const row = await travelersShipment(ctx, auth, shipmentId);
  const result = await callSession(ctx, row, (stub) => stub.markPickedUp(row.travelerId, ctx.now().toISOString()));
  if (!result.ok) throw sessionError(result);
  const moved = await inTransaction(ctx, async (scope) => {
    const locked = await lockShipment(scope.tx, shipmentId);
    const orderId = locked.orderId;
    if (orderId) await orderStep(ctx, scope, locked, () => markInTransit(ctx, orderId, { role: "system", userId: locked.travelerId }, scope), "in_transit");
    if (locked.status !== "accepted") return locked;
    const [updated] = await scope.tx.update(shipments).set({ status: "picked_up", updatedAt: ctx.now() }).where(eq(shipments.id, shipmentId)).returning();
    return updated!;
  });
  return shipmentView(ctx.db.orm, moved, result.value, "traveler");
}

/** A batch of the traveller's positions (sent when back online); the session keeps the trace and works out the ETA. */
export async function recordPositions(
  ctx: ServiceContext,
  auth: AuthContext,
  shipmentId: string,
  positions: Position[],
): Promise<{ accepted: number; lastPosition: SessionView["lastPosition"]; eta: string | null; status: SessionView["status"] }> {
  const row = await travelersShipment(ctx, auth, shipmentId);
  const result = await callSession(ctx, row, (stub) => stub.recordPositions(row.travelerId, positions));
  if (!result.ok) throw sessionError(result);
  const { accepted, view } = result.value;
  return { accepted, lastPosition: view.lastPosition, eta: view.eta, status: view.status };
}

/** The lock in Postgres, once: status locked, its milestone, shipment.locked (support is told) and an audit row. */
async function recordLock(ctx: ServiceContext, shipmentId: string): Promise<void> {
  await inTransaction(ctx, async (scope) => {
    const row = await lockShipment(scope.tx, shipmentId);
    if (row.status === "locked") return;
    const now = ctx.now();
    await scope.tx
      .update(shipments)
      .set({ status: "locked", milestones: withMilestones(row, [], "locked", now), updatedAt: now })
      .where(eq(shipments.id, shipmentId));
    await scope.audit({ actorId: row.travelerId, action: "crowdship.shipment_locked", subjectType: "shipment", subjectId: shipmentId, details: { from: row.status } });
    await scope.emit("shipment.locked", { ...shipmentEventPayload(row), at: now.toISOString() });
  });
}

/**
 * In one transaction, once: the shipment delivered, the reward released to the traveller less the fee, a carried order
 * completed (its escrow to the seller), shipment.delivered. A shipment already delivered is returned as it is.
 */
async function recordDelivery(ctx: ServiceContext, shipmentId: string, live: SessionView): Promise<ShipmentRow> {
  return inTransaction(ctx, async (scope) => {
    const row = await lockShipment(scope.tx, shipmentId);
    if (row.status === "delivered") return row;
    const now = ctx.now();
    const [delivered] = await scope.tx
      .update(shipments)
      .set({ status: "delivered", deliveredAt: now, milestones: withMilestones(row, live.milestones, "delivered", now), updatedAt: now })
      .where(eq(shipments.id, shipmentId))
      .returning();
    const feeMinor = await releaseReward(scope, ctx, row);
    const orderId = row.orderId;
    if (orderId) await orderStep(ctx, scope, row, () => confirmDeliveredByCourier(ctx, orderId, row.travelerId, scope), "completion");
    await scope.audit({ actorId: row.travelerId, action: "crowdship.shipment_delivered", subjectType: "shipment", subjectId: shipmentId, details: { rewardMinor: row.rewardMinor, itemCostMinor: row.itemCostMinor, feeMinor, currency: row.currency } });
    await scope.emit("shipment.delivered", { ...shipmentEventPayload(row), deliveredAt: now.toISOString(), onTime: now.getTime() <= row.deliverBy.getTime() });
    return delivered!;
  });
}

/**
 * The traveller enters the requester's PIN. The session checks it (constant time) and counts wrong tries: 1–5 wrong
 * answer 422 WRONG_PIN with attemptsLeft 4…0, the fifth also locks the shipment; after that every try is 409
 * SHIPMENT_LOCKED. The right PIN delivers; repeating it on a delivered shipment answers the delivered shipment again.
 */
export async function deliver(ctx: ServiceContext, auth: AuthContext, shipmentId: string, pin: string): Promise<ShipmentView> {
  const row = await travelersShipment(ctx, auth, shipmentId);
  const pinHash = await hashPin(ctx.env.JWT_SECRET, row.id, pin);
  const result = await callSession(ctx, row, (stub) => stub.submitPin(row.travelerId, pinHash));
  if (!result.ok) {
    if (result.code !== "SHIPMENT_LOCKED") throw sessionError(result);
    // Every locked answer makes sure Postgres knows (the first write may have failed); the try that locked it is still a wrong PIN.
    await recordLock(ctx, shipmentId);
    const justLocked = "justLocked" in result && result.justLocked === true;
    throw justLocked ? new AppError("WRONG_PIN", result.detail, { extra: { attemptsLeft: 0 } }) : sessionError(result);
  }
  const delivered = await recordDelivery(ctx, shipmentId, result.value);
  return shipmentView(ctx.db.orm, delivered, result.value, "traveler");
}

/** Support has looked at a locked shipment: the tries are back and it returns to the status it had (admin). */
export async function unlockShipment(ctx: ServiceContext, auth: AuthContext, shipmentId: string): Promise<ShipmentView> {
  if (!auth.roles.includes("admin")) throw new AppError("FORBIDDEN", "Only support (an admin) unlocks a shipment.");
  const row = await findShipment(ctx.db.orm, shipmentId);
  if (!row) throw new AppError("NOT_FOUND", "No such shipment.");
  const { stub, view } = await readySession(ctx, row);
  if (view.status !== "locked" && row.status !== "locked") throw new AppError("SHIPMENT_STATE_CONFLICT", "This shipment is not locked.", { extra: { status: view.status } });
  const unlocked = (await stub.unlock()) ?? view;
  const moved = await inTransaction(ctx, async (scope) => {
    const locked = await lockShipment(scope.tx, shipmentId);
    await scope.audit({ actorId: auth.userId, action: "crowdship.admin.shipment_unlocked", subjectType: "shipment", subjectId: shipmentId, details: { to: unlocked.status } });
    if (locked.status !== "locked") return locked;
    const [updated] = await scope.tx.update(shipments).set({ status: unlocked.status, updatedAt: ctx.now() }).where(eq(shipments.id, shipmentId)).returning();
    return updated!;
  });
  return shipmentView(ctx.db.orm, moved, unlocked, partyOf(auth, moved));
}
