// Reaching a shipment's CourierSession: the stub, its setup from the shipment's row, and setting it up when it has not been yet.
import type { CourierSession } from "../../durable-objects/courier-session/courier-session";
import type { CourierResult, SessionSetup, SessionView } from "../../durable-objects/courier-session/protocol";
import type { ServiceContext } from "../platform/context";
import type { ShipmentRow } from "./shipment-store";

export type { CourierResult, SessionView } from "../../durable-objects/courier-session/protocol";
export type SessionStub = DurableObjectStub<CourierSession>;

export function sessionStub(ctx: ServiceContext, shipmentId: string): SessionStub {
  return ctx.env.COURIER_SESSION.get(ctx.env.COURIER_SESSION.idFromName(shipmentId)) as SessionStub;
}

/** What the object needs from Postgres: the parties, the route, the deadlines, the PIN's hash and the recorded progress. */
export function sessionSetup(row: ShipmentRow): SessionSetup {
  return {
    shipmentId: row.id,
    travelerId: row.travelerId,
    watcherIds: [row.requesterId, ...(row.sellerId ? [row.sellerId] : [])],
    origin: row.fromPlace,
    destination: row.toPlace,
    plannedArriveAt: row.plannedArriveAt.toISOString(),
    deliverBy: row.deliverBy.toISOString(),
    pinHash: row.pinHash,
    status: row.status,
    milestones: row.milestones,
  };
}

/** Configures (or refreshes: a closed status from Postgres) the object; idempotent, it never resets positions or PIN tries. */
export async function configureSession(ctx: ServiceContext, row: ShipmentRow): Promise<SessionView> {
  return sessionStub(ctx, row.id).configure(sessionSetup(row));
}

/** The object and its view, configured: one RPC when it already is (the usual case), two the first time. */
export async function readySession(ctx: ServiceContext, row: ShipmentRow): Promise<{ stub: SessionStub; view: SessionView }> {
  const stub = sessionStub(ctx, row.id);
  const view = await stub.view();
  return { stub, view: view ?? (await stub.configure(sessionSetup(row))) };
}

/**
 * Runs one RPC on the object; if it answers NOT_CONFIGURED (its first use after accept, when configuring then failed),
 * configures it from the row and runs the RPC once more.
 */
export async function callSession<T>(ctx: ServiceContext, row: ShipmentRow, rpc: (stub: SessionStub) => Promise<CourierResult<T>>): Promise<CourierResult<T>> {
  const stub = sessionStub(ctx, row.id);
  const first = await rpc(stub);
  if (first.ok || first.code !== "NOT_CONFIGURED") return first;
  await stub.configure(sessionSetup(row));
  return rpc(stub);
}
