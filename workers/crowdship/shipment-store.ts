// The shipments' rows: load and lock one, who the caller is to it, its event payload and its API view (record plus live fields).
import { eq, inArray } from "drizzle-orm";
import { shipmentRequests, shipments, type ShipmentItem } from "../../db/schema";
import type { AuthContext } from "../platform/auth-context";
import type { Queryable, Tx } from "../platform/db";
import { AppError } from "../platform/errors";
import type { ShipmentEventPayload } from "../platform/events";
import type { Currency, Money } from "../platform/money";
import type { SessionView } from "./session";
import { toKg } from "./trip-schemas";

export type ShipmentRow = typeof shipments.$inferSelect;
export type ShipmentStatus = ShipmentRow["status"];
/** How the caller stands to a shipment: decides what they see and may do. The seller of a carried order watches. */
export type ShipmentParty = "traveler" | "requester" | "seller" | "admin";

/** Statuses after which nothing moves any more: the record in Postgres outranks the live object's. */
export const CLOSED_SHIPMENT_STATUSES: readonly ShipmentStatus[] = ["delivered", "cancelled"];

export interface ShipmentView {
  id: string;
  status: ShipmentStatus;
  requestId: string;
  offerId: string;
  tripId: string;
  travelerId: string;
  requesterId: string;
  orderId: string | null;
  sellerId: string | null;
  item: { title: string; weightKg: number; description?: string; link?: string; category?: string };
  reward: Money;
  /** "Buy this for me": the item's price, held with the reward and reimbursed to the traveller; zero for an order. */
  itemCost: Money;
  from: ShipmentRow["fromPlace"];
  to: ShipmentRow["toPlace"];
  deliverBy: string;
  plannedArriveAt: string;
  deliveredAt: string | null;
  rating: number | null;
  milestones: ShipmentRow["milestones"];
  lastPosition?: SessionView["lastPosition"];
  eta?: string | null;
  trace?: SessionView["trace"];
  pinAttemptsLeft?: number;
  createdAt: string;
  updatedAt: string;
}

export async function findShipment(q: Queryable, shipmentId: string): Promise<ShipmentRow | null> {
  const [row] = await q.select().from(shipments).where(eq(shipments.id, shipmentId)).limit(1);
  return row ?? null;
}

/** The shipment, locked until the transaction ends: every change to a shipment's row starts here. */
export async function lockShipment(tx: Tx, shipmentId: string): Promise<ShipmentRow> {
  const [row] = await tx.select().from(shipments).where(eq(shipments.id, shipmentId)).for("update");
  if (!row) throw new AppError("NOT_FOUND", "No such shipment.");
  return row;
}

/** Who `auth` is to the shipment; anyone else is told it does not exist (404, never 403). */
export function partyOf(auth: { userId: string; roles: readonly string[] }, row: ShipmentRow): ShipmentParty {
  if (auth.userId === row.travelerId) return "traveler";
  if (auth.userId === row.requesterId) return "requester";
  if (row.sellerId !== null && auth.userId === row.sellerId) return "seller";
  if (auth.roles.includes("admin")) return "admin";
  throw new AppError("NOT_FOUND", "No such shipment.");
}

/** A shipment the caller may see, which only its traveller may act on: the other parties get 403, strangers 404. */
export function requireTraveler(auth: AuthContext, row: ShipmentRow): void {
  if (partyOf(auth, row) !== "traveler") throw new AppError("FORBIDDEN", "Only the shipment's traveller may do this.");
}

export function requireStatus(row: ShipmentRow, allowed: readonly ShipmentStatus[], doing: string): void {
  if (!allowed.includes(row.status)) {
    throw new AppError(row.status === "locked" ? "SHIPMENT_LOCKED" : "SHIPMENT_STATE_CONFLICT", `A shipment that is ${row.status.replaceAll("_", " ")} cannot be ${doing}.`, {
      extra: { status: row.status },
    });
  }
}

export function shipmentEventPayload(row: ShipmentRow): ShipmentEventPayload {
  return { shipmentId: row.id, requestId: row.requestId, travelerId: row.travelerId, requesterId: row.requesterId, orderId: row.orderId, sellerId: row.sellerId };
}

/** The requests' items, by request id: a shipment shows what it carries. */
async function itemsOf(q: Queryable, rows: readonly ShipmentRow[]): Promise<Map<string, ShipmentItem>> {
  if (rows.length === 0) return new Map();
  const found = await q.select({ id: shipmentRequests.id, item: shipmentRequests.item }).from(shipmentRequests).where(inArray(shipmentRequests.id, rows.map((row) => row.requestId)));
  return new Map(found.map((entry) => [entry.id, entry.item]));
}

function toView(row: ShipmentRow, item: ShipmentItem | undefined): ShipmentView {
  const { title = "", description, link, category } = item ?? {};
  return {
    id: row.id,
    status: row.status,
    requestId: row.requestId,
    offerId: row.offerId,
    tripId: row.tripId,
    travelerId: row.travelerId,
    requesterId: row.requesterId,
    orderId: row.orderId,
    sellerId: row.sellerId,
    item: { title, weightKg: toKg(row.weightGrams), ...(description ? { description } : {}), ...(link ? { link } : {}), ...(category ? { category } : {}) },
    reward: { amount: row.rewardMinor, currency: row.currency as Currency },
    itemCost: { amount: row.itemCostMinor, currency: row.currency as Currency },
    from: row.fromPlace,
    to: row.toPlace,
    deliverBy: row.deliverBy.toISOString(),
    plannedArriveAt: row.plannedArriveAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    rating: row.rating,
    milestones: row.milestones,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Record views of several shipments (lists): no live fields, one query for their items. */
export async function shipmentViews(q: Queryable, rows: readonly ShipmentRow[]): Promise<ShipmentView[]> {
  const items = await itemsOf(q, rows);
  return rows.map((row) => toView(row, items.get(row.requestId)));
}

/**
 * One shipment with its live fields from the CourierSession: the object's status and milestones while the shipment
 * moves, Postgres's once it is closed (the object may not have heard of a cancellation). The PIN attempts left are
 * for the two people who handle the PIN.
 */
export async function shipmentView(q: Queryable, row: ShipmentRow, live: SessionView | null, party: ShipmentParty): Promise<ShipmentView> {
  const items = await itemsOf(q, [row]);
  const view = toView(row, items.get(row.requestId));
  if (!live) return view;
  const closed = CLOSED_SHIPMENT_STATUSES.includes(row.status);
  return {
    ...view,
    status: closed ? row.status : live.status,
    milestones: live.milestones.length >= row.milestones.length ? live.milestones : row.milestones,
    lastPosition: live.lastPosition,
    eta: closed ? null : live.eta,
    trace: live.trace,
    ...(party === "traveler" || party === "requester" ? { pinAttemptsLeft: live.pinAttemptsLeft } : {}),
  };
}
