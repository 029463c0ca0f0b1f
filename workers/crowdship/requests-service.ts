// Shipment requests: from a crowdship order or standalone ("buy this for me"), priced at creation; read, listed, cancelled; and the open requests a trip can carry.
import { and, desc, eq, inArray } from "drizzle-orm";
import { shipmentOffers, shipmentRequests, shipments, type Place } from "../../db/crowdship";
import { orderSummary } from "../orders/service";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { newestFirstAfter, toPage } from "../platform/cursor";
import { AppError, type FieldError } from "../platform/errors";
import { inTransaction } from "../platform/events";
import { newId } from "../platform/ids";
import { CROWDSHIP_MATCHES_MAX, CROWDSHIP_MAX_DAYS_AHEAD } from "../platform/limits";
import type { Currency, Money } from "../platform/money";
import { greatCircleKm } from "./geo";
import { byScoreThenId, matchTrips } from "./matching";
import { bestRequestsFor, findRequest, matchRadiusKm, routeMarket, toRequestToMatch, type RequestRow } from "./matches-service";
import { quoteShipment } from "./pricing";
import { toGrams, toKg } from "./trip-schemas";
import { findTrip } from "./trips-service";

export interface ShipmentRequestView {
  id: string;
  requesterId: string;
  orderId: string | null;
  item: { title: string; weightKg: number; value: Money; description?: string; link?: string; category?: string };
  from: Place;
  to: Place;
  readyAt: string;
  deliverBy: string;
  reward: Money | null;
  quote: Money;
  status: RequestRow["status"];
  /** The shipment an accepted offer made (null until then, and on listings where it is not looked up): where to follow it. */
  shipmentId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateRequestInput {
  orderId?: string | undefined;
  item: { title: string; weightKg: number; value?: Money | undefined; description?: string | undefined; link?: string | undefined; category?: string | undefined };
  from: Place;
  to: Place;
  readyAt?: string | undefined;
  deliverBy: string;
  reward?: Money | undefined;
}

export interface RequestMatchView {
  request: ShipmentRequestView;
  score: number;
  quote: Money;
  estimatedDeliveryAt: string;
  onTimeProbability: number;
  detourKm: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function toRequestView(row: RequestRow): ShipmentRequestView {
  const currency = row.currency as Currency;
  const { title, description, link, category } = row.item;
  return {
    id: row.id,
    requesterId: row.requesterId,
    orderId: row.orderId,
    item: { title, weightKg: toKg(row.weightGrams), value: { amount: row.itemValueMinor, currency }, ...(description ? { description } : {}), ...(link ? { link } : {}), ...(category ? { category } : {}) },
    from: row.fromPlace,
    to: row.toPlace,
    readyAt: row.readyAt.toISOString(),
    deliverBy: row.deliverBy.toISOString(),
    reward: row.rewardMinor === null ? null : { amount: row.rewardMinor, currency },
    quote: { amount: row.quoteMinor, currency },
    status: row.status,
    shipmentId: null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function assertWindow(readyAt: Date, deliverBy: Date, now: Date): void {
  const errors: FieldError[] = [];
  if (deliverBy.getTime() <= now.getTime()) errors.push({ path: "deliverBy", message: "must be in the future" });
  else if (deliverBy.getTime() <= readyAt.getTime()) errors.push({ path: "deliverBy", message: "must be after readyAt" });
  else if (deliverBy.getTime() > now.getTime() + CROWDSHIP_MAX_DAYS_AHEAD * DAY_MS) errors.push({ path: "deliverBy", message: `must be within ${CROWDSHIP_MAX_DAYS_AHEAD} days` });
  if (errors.length > 0) throw new AppError("VALIDATION_FAILED", "The request's times are invalid.", { errors });
}

function assertSameCurrency(value: Money, other: Money | undefined, what: string): void {
  if (other && other.currency !== value.currency) throw new AppError("WRONG_CURRENCY", `The ${what} must be in ${value.currency}, the item value's currency.`, { extra: { currency: value.currency } });
}

/**
 * A new open request, priced by the quote (route, weight, urgency, value and the route's market) in one transaction with
 * shipment_request.created. With an order: the caller's own paid order with delivery method crowdship, one live request
 * per order, and its total as the default value. Paid only: the seller hands the item to the traveller, so it has not
 * been sent any other way yet.
 */
export async function createShipmentRequest(ctx: ServiceContext, auth: AuthContext, input: CreateRequestInput): Promise<ShipmentRequestView> {
  const now = ctx.now();
  const readyAt = input.readyAt ? new Date(input.readyAt) : now;
  const deliverBy = new Date(input.deliverBy);
  assertWindow(readyAt, deliverBy, now);
  return inTransaction(ctx, async (scope) => {
    let value = input.item.value;
    if (input.orderId) {
      const order = await orderSummary(scope.tx, input.orderId);
      if (!order || order.buyerId !== auth.userId) throw new AppError("NOT_FOUND", "No such order.");
      if (order.delivery?.method !== "crowdship") throw new AppError("DELIVERY_NOT_AVAILABLE", "This order's delivery method is not crowdship.", { extra: { method: order.delivery?.method ?? null } });
      if (order.status !== "paid") throw new AppError("ORDER_STATE_CONFLICT", `This order is ${order.status}; only a paid order can be carried.`);
      const total: Money = { amount: order.totalMinor, currency: order.currency as Currency };
      assertSameCurrency(total, value, "item value");
      value ??= total;
    }
    if (!value) throw new AppError("VALIDATION_FAILED", "Give the item's value.", { errors: [{ path: "item.value", message: "required without an orderId" }] });
    assertSameCurrency(value, input.reward, "reward");
    const weightGrams = toGrams(input.item.weightKg);
    const market = await routeMarket(scope.tx, { from: input.from, to: input.to, readyAt, deliverBy }, matchRadiusKm(ctx.env));
    const quote = quoteShipment({
      weightGrams,
      distanceKm: greatCircleKm(input.from, input.to),
      hoursUntilDeliverBy: (deliverBy.getTime() - now.getTime()) / HOUR_MS,
      itemValueMinor: value.amount,
      currency: value.currency,
      market,
    });
    const { title, description, link, category } = input.item;
    const [row] = await scope.tx
      .insert(shipmentRequests)
      .values({
        id: newId("shipmentRequest", now.getTime()),
        requesterId: auth.userId,
        orderId: input.orderId ?? null,
        item: { title, description, link, category },
        weightGrams,
        currency: value.currency,
        itemValueMinor: value.amount,
        rewardMinor: input.reward?.amount ?? null,
        quoteMinor: quote.totalMinor,
        fromPlace: input.from,
        toPlace: input.to,
        readyAt,
        deliverBy,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("CONFLICT", "This order already has a shipment request; cancel it to make another.");
    await scope.emit("shipment_request.created", { requestId: row.id, requesterId: auth.userId, orderId: row.orderId });
    return toRequestView(row);
  });
}

/** One request: its requester and admins always; travellers while it is open, since they must see it to offer. Others 404. */
export async function getShipmentRequest(ctx: ServiceContext, auth: AuthContext, requestId: string): Promise<ShipmentRequestView> {
  const row = await findRequest(ctx.db.orm, requestId);
  const visible = row && (row.requesterId === auth.userId || auth.roles.includes("admin") || (row.status === "open" && auth.roles.includes("traveler")));
  if (!visible) throw new AppError("NOT_FOUND", "No such shipment request.");
  const [view] = await withShipmentIds(ctx, [toRequestView(row)]);
  return view!;
}

/** Each view with the id of the shipment its accepted offer made (null while there is none): one query for the page. */
async function withShipmentIds(ctx: ServiceContext, views: ShipmentRequestView[]): Promise<ShipmentRequestView[]> {
  const accepted = views.filter((view) => view.status === "accepted").map((view) => view.id);
  const rows = accepted.length === 0 ? [] : await ctx.db.orm.select({ id: shipments.id, requestId: shipments.requestId }).from(shipments).where(inArray(shipments.requestId, accepted));
  const shipmentOf = new Map(rows.map((row) => [row.requestId, row.id]));
  return views.map((view) => ({ ...view, shipmentId: shipmentOf.get(view.id) ?? null }));
}

/** The caller's requests newest first, optionally of one status. */
export async function listMyShipmentRequests(
  ctx: ServiceContext,
  auth: AuthContext,
  page: { status?: RequestRow["status"] | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: ShipmentRequestView[]; nextCursor: string | null }> {
  const rows = await ctx.db.orm
    .select()
    .from(shipmentRequests)
    .where(and(eq(shipmentRequests.requesterId, auth.userId), page.status ? eq(shipmentRequests.status, page.status) : undefined, newestFirstAfter(shipmentRequests.createdAt, shipmentRequests.id, page.cursor)))
    .orderBy(desc(shipmentRequests.createdAt), desc(shipmentRequests.id))
    .limit(page.limit + 1);
  const { items, nextCursor } = toPage(rows, page.limit, (row) => ({ key: row.createdAt.toISOString(), id: row.id }));
  return { items: await withShipmentIds(ctx, items.map(toRequestView)), nextCursor };
}

/** The requester withdraws an open request; travellers' open offers on it are declined with it. */
export async function cancelShipmentRequest(ctx: ServiceContext, auth: AuthContext, requestId: string): Promise<ShipmentRequestView> {
  return inTransaction(ctx, async (scope) => {
    const [row] = await scope.tx.select().from(shipmentRequests).where(eq(shipmentRequests.id, requestId)).for("update");
    if (!row || row.requesterId !== auth.userId) throw new AppError("NOT_FOUND", "No such shipment request.");
    if (row.status !== "open") throw new AppError("SHIPMENT_STATE_CONFLICT", `This request is ${row.status}; only an open request can be cancelled.`);
    const now = ctx.now();
    await scope.tx
      .update(shipmentOffers)
      .set({ status: "declined", updatedAt: now })
      .where(and(eq(shipmentOffers.requestId, requestId), eq(shipmentOffers.status, "open")));
    const [cancelled] = await scope.tx.update(shipmentRequests).set({ status: "cancelled", updatedAt: now }).where(eq(shipmentRequests.id, requestId)).returning();
    return toRequestView(cancelled!);
  });
}

/**
 * GET /v1/trips/:id/requests: the open requests this trip can carry, best first, for its traveller. Each kept request is
 * priced at its own route's market, as its requester sees this trip among their matches.
 */
export async function getTripRequests(ctx: ServiceContext, auth: AuthContext, tripId: string): Promise<{ items: RequestMatchView[] }> {
  const trip = await findTrip(ctx.db.orm, tripId);
  if (!trip || trip.travelerId !== auth.userId) throw new AppError("NOT_FOUND", "No such trip.");
  const { candidate, best } = await bestRequestsFor(ctx, ctx.db.orm, trip, CROWDSHIP_MATCHES_MAX);
  const radiusKm = matchRadiusKm(ctx.env);
  const items: RequestMatchView[] = [];
  for (const { request } of best) {
    const market = await routeMarket(ctx.db.orm, { from: request.fromPlace, to: request.toPlace, readyAt: request.readyAt, deliverBy: request.deliverBy, excludeRequestId: request.id }, radiusKm);
    const [match] = matchTrips(toRequestToMatch(request), [candidate], { radiusKm, limit: 1, now: ctx.now() }, market);
    if (!match) continue;
    items.push({
      request: toRequestView(request),
      score: match.score,
      quote: { amount: match.quoteMinor, currency: request.currency as Currency },
      estimatedDeliveryAt: match.estimatedDeliveryAt.toISOString(),
      onTimeProbability: match.onTimeProbability,
      detourKm: match.detourKm,
    });
  }
  return { items: items.sort(byScoreThenId((item) => item.request.id)) };
}
