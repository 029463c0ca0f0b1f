// A CourierSession's progress written to Postgres: the shipment row's status and milestones, and one shipment.milestone event per new milestone.
import { eq } from "drizzle-orm";
import { shipments, type Milestone } from "../../db/crowdship";
import type { ShipmentStatus } from "../../durable-objects/courier-session/protocol";
import type { ServiceContext } from "../platform/context";
import { inTransaction } from "../platform/events";

/** The statuses a courier's movement passes through, in order; the row only ever moves forward along them. */
const TRANSIT_ORDER: readonly ShipmentStatus[] = ["accepted", "picked_up", "in_transit", "arrived", "out_for_delivery"];
/**
 * Delivered and locked (status and milestone) are written by the delivery step together with its money and its own
 * event (shipment.delivered, shipment.locked): recording them here first would make that step think it had already run.
 */
const LEFT_TO_THE_DELIVERY_STEP: ReadonlySet<Milestone["kind"]> = new Set(["delivered", "locked"]);

/**
 * Idempotent: the session sends its whole status and milestone list each time (retried from its alarm), so a repeat
 * writes nothing new and emits nothing. Milestones already on the row are kept; only new kinds are appended and announced.
 */
export async function recordProgress(ctx: ServiceContext, shipmentId: string, update: { status: ShipmentStatus; milestones: Milestone[] }): Promise<void> {
  await inTransaction(ctx, async ({ tx, emit }) => {
    const [row] = await tx.select().from(shipments).where(eq(shipments.id, shipmentId)).for("update");
    if (!row) throw new Error(`invariant failed: a courier session reported progress for unknown shipment ${shipmentId}`);
    const known = new Set(row.milestones.map((milestone) => milestone.kind));
    const added = update.milestones.filter((milestone) => !known.has(milestone.kind) && !LEFT_TO_THE_DELIVERY_STEP.has(milestone.kind));
    const current = TRANSIT_ORDER.indexOf(row.status);
    const next = TRANSIT_ORDER.indexOf(update.status);
    const status = current >= 0 && next > current ? update.status : row.status;
    if (added.length === 0 && status === row.status) return;
    await tx.update(shipments).set({ status, milestones: [...row.milestones, ...added], updatedAt: ctx.now() }).where(eq(shipments.id, shipmentId));
    const parties = { shipmentId, requestId: row.requestId, travelerId: row.travelerId, requesterId: row.requesterId, orderId: row.orderId, sellerId: row.sellerId };
    for (const milestone of added) await emit("shipment.milestone", { ...parties, milestone: milestone.kind, at: milestone.at });
  });
}
