// Travellers' trips: create, edit, cancel, read one, list the caller's; capacity is kept in grams and never drops below what is reserved.
import { and, asc, desc, eq, gt, notInArray, sql } from "drizzle-orm";
import { shipmentOffers, shipments, trips, type Place } from "../../db/crowdship";
import type { AuthContext } from "../platform/auth-context";
import { assertOwnerOrAdmin } from "../platform/authorize";
import type { ServiceContext } from "../platform/context";
import { newestFirstAfter, oldestFirstAfter, toPage } from "../platform/cursor";
import type { Queryable, Tx } from "../platform/db";
import { AppError, type FieldError } from "../platform/errors";
import { inTransaction } from "../platform/events";
import { newId } from "../platform/ids";
import { CROWDSHIP_MAX_DAYS_AHEAD, CROWDSHIP_ROUTE_PLAN_MAX_STOPS, TRIP_MAX_DURATION_HOURS } from "../platform/limits";
import { greatCircleKm } from "./geo";
import { planDropOffs } from "./route-plan";
import { CLOSED_SHIPMENT_STATUSES } from "./shipment-store";
import { toGrams, toKg } from "./trip-schemas";

export type TripRow = typeof trips.$inferSelect;

export interface TripView {
  id: string;
  travelerId: string;
  from: Place;
  to: Place;
  departAt: string;
  arriveAt: string;
  capacityKg: number;
  freeCapacityKg: number;
  categories: string[];
  notes: string | null;
  status: TripRow["status"];
  createdAt: string;
  updatedAt: string;
}

export interface TripInput {
  from: Place;
  to: Place;
  departAt: string;
  arriveAt: string;
  capacityKg: number;
  categories?: string[] | undefined;
  notes?: string | undefined;
}

export interface TripRoute {
  start: Place;
  stops: { shipmentId: string; place: Place; legKm: number }[];
  distanceKm: number;
}

export type TripChanges = Partial<Omit<TripInput, "notes">> & { notes?: string | null | undefined };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export function toTripView(row: TripRow): TripView {
  return {
    id: row.id,
    travelerId: row.travelerId,
    from: row.fromPlace,
    to: row.toPlace,
    departAt: row.departAt.toISOString(),
    arriveAt: row.arriveAt.toISOString(),
    capacityKg: toKg(row.capacityGrams),
    freeCapacityKg: toKg(row.capacityGrams - row.reservedGrams),
    categories: row.categories,
    notes: row.notes,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Departure ahead but within a year (checked only when it is being set), arrival after it within the longest trip: 400 naming the field. */
function assertSchedule(departAt: Date, arriveAt: Date, now: Date, checkDeparture: boolean): void {
  const errors: FieldError[] = [];
  if (checkDeparture && departAt.getTime() <= now.getTime()) errors.push({ path: "departAt", message: "must be in the future" });
  if (checkDeparture && departAt.getTime() > now.getTime() + CROWDSHIP_MAX_DAYS_AHEAD * DAY_MS) errors.push({ path: "departAt", message: `must be within ${CROWDSHIP_MAX_DAYS_AHEAD} days` });
  if (arriveAt.getTime() <= departAt.getTime()) errors.push({ path: "arriveAt", message: "must be after departAt" });
  else if (arriveAt.getTime() - departAt.getTime() > TRIP_MAX_DURATION_HOURS * HOUR_MS) errors.push({ path: "arriveAt", message: `must be at most ${TRIP_MAX_DURATION_HOURS} hours after departAt` });
  if (errors.length > 0) throw new AppError("VALIDATION_FAILED", "The trip's times are invalid.", { errors });
}

export async function findTrip(q: Queryable, tripId: string): Promise<TripRow | null> {
  const [row] = await q.select().from(trips).where(eq(trips.id, tripId)).limit(1);
  return row ?? null;
}

/** The caller's own trip, locked until the transaction ends (accepting a shipment locks it too, so capacity changes serialize). */
async function lockOwnTrip(tx: Tx, auth: AuthContext, tripId: string): Promise<TripRow> {
  const [row] = await tx.select().from(trips).where(eq(trips.id, tripId)).for("update");
  if (!row || row.travelerId !== auth.userId) throw new AppError("NOT_FOUND", "No such trip.");
  return row;
}

async function activeShipmentCount(q: Queryable, tripId: string): Promise<number> {
  const [row] = await q
    .select({ count: sql<number>`count(*)::int` })
    .from(shipments)
    .where(and(eq(shipments.tripId, tripId), notInArray(shipments.status, [...CLOSED_SHIPMENT_STATUSES])));
  return row?.count ?? 0;
}

export async function createTrip(ctx: ServiceContext, auth: AuthContext, input: TripInput): Promise<TripView> {
  const now = ctx.now();
  const departAt = new Date(input.departAt);
  const arriveAt = new Date(input.arriveAt);
  assertSchedule(departAt, arriveAt, now, true);
  return inTransaction(ctx, async (scope) => {
    const [row] = await scope.tx
      .insert(trips)
      .values({
        id: newId("trip", now.getTime()),
        travelerId: auth.userId,
        fromPlace: input.from,
        toPlace: input.to,
        departAt,
        arriveAt,
        capacityGrams: toGrams(input.capacityKg),
        categories: [...new Set(input.categories ?? [])],
        notes: input.notes ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await scope.emit("trip.created", { tripId: row!.id, travelerId: auth.userId });
    return toTripView(row!);
  });
}

/**
 * Edits a scheduled trip. Capacity may not drop below the grams accepted shipments reserve; route and times are fixed
 * once a shipment is being carried, since it was accepted against them.
 */
export async function updateTrip(ctx: ServiceContext, auth: AuthContext, tripId: string, changes: TripChanges): Promise<TripView> {
  return inTransaction(ctx, async (scope) => {
    const trip = await lockOwnTrip(scope.tx, auth, tripId);
    if (trip.status !== "scheduled") throw new AppError("CONFLICT", `This trip is ${trip.status} and can no longer be edited.`);
    const departAt = changes.departAt ? new Date(changes.departAt) : trip.departAt;
    const arriveAt = changes.arriveAt ? new Date(changes.arriveAt) : trip.arriveAt;
    if (changes.departAt || changes.arriveAt) assertSchedule(departAt, arriveAt, ctx.now(), changes.departAt !== undefined);
    const movesRoute = changes.from || changes.to || changes.departAt || changes.arriveAt;
    if (movesRoute && (await activeShipmentCount(scope.tx, tripId)) > 0) {
      throw new AppError("SHIPMENT_STATE_CONFLICT", "This trip carries accepted shipments: its route and times can no longer change.");
    }
    const capacityGrams = changes.capacityKg === undefined ? trip.capacityGrams : toGrams(changes.capacityKg);
    if (capacityGrams < trip.reservedGrams) {
      throw new AppError("TRIP_CAPACITY_EXCEEDED", `Accepted shipments already reserve ${toKg(trip.reservedGrams)} kg of this trip.`, { extra: { reservedKg: toKg(trip.reservedGrams) } });
    }
    const [row] = await scope.tx
      .update(trips)
      .set({
        fromPlace: changes.from ?? trip.fromPlace,
        toPlace: changes.to ?? trip.toPlace,
        departAt,
        arriveAt,
        capacityGrams,
        categories: changes.categories ? [...new Set(changes.categories)] : trip.categories,
        notes: changes.notes === undefined ? trip.notes : changes.notes,
        updatedAt: ctx.now(),
      })
      .where(eq(trips.id, tripId))
      .returning();
    return toTripView(row!);
  });
}

/** Cancels a scheduled trip with nothing on board; its open offers are withdrawn with it. */
export async function cancelTrip(ctx: ServiceContext, auth: AuthContext, tripId: string): Promise<TripView> {
  return inTransaction(ctx, async (scope) => {
    const trip = await lockOwnTrip(scope.tx, auth, tripId);
    if (trip.status !== "scheduled") throw new AppError("CONFLICT", `This trip is already ${trip.status}.`);
    if ((await activeShipmentCount(scope.tx, tripId)) > 0) {
      throw new AppError("SHIPMENT_STATE_CONFLICT", "This trip carries accepted shipments: deliver or cancel them first.");
    }
    const now = ctx.now();
    await scope.tx
      .update(shipmentOffers)
      .set({ status: "withdrawn", updatedAt: now })
      .where(and(eq(shipmentOffers.tripId, tripId), eq(shipmentOffers.status, "open")));
    const [row] = await scope.tx.update(trips).set({ status: "cancelled", updatedAt: now }).where(eq(trips.id, tripId)).returning();
    await scope.emit("trip.cancelled", { tripId, travelerId: trip.travelerId });
    return toTripView(row!);
  });
}

/** One trip, for its traveller or an admin; anyone else gets 404. */
export async function getTrip(ctx: ServiceContext, auth: AuthContext, tripId: string): Promise<TripView> {
  const row = await findTrip(ctx.db.orm, tripId);
  if (!row) throw new AppError("NOT_FOUND", "No such trip.");
  assertOwnerOrAdmin(auth, row.travelerId, "trip");
  return toTripView(row);
}

/** The caller's trips: upcoming (scheduled, not yet arrived) soonest first, or every trip latest departure first. */
export async function listMyTrips(
  ctx: ServiceContext,
  auth: AuthContext,
  page: { upcoming: boolean; limit: number; cursor?: string | undefined },
): Promise<{ items: TripView[]; nextCursor: string | null }> {
  const mine = eq(trips.travelerId, auth.userId);
  const rows = page.upcoming
    ? await ctx.db.orm
        .select()
        .from(trips)
        .where(and(mine, eq(trips.status, "scheduled"), gt(trips.arriveAt, ctx.now()), oldestFirstAfter(trips.departAt, trips.id, page.cursor)))
        .orderBy(asc(trips.departAt), asc(trips.id))
        .limit(page.limit + 1)
    : await ctx.db.orm
        .select()
        .from(trips)
        .where(and(mine, newestFirstAfter(trips.departAt, trips.id, page.cursor)))
        .orderBy(desc(trips.departAt), desc(trips.id))
        .limit(page.limit + 1);
  const { items, nextCursor } = toPage(rows, page.limit, (row) => ({ key: row.departAt.toISOString(), id: row.id }));
  return { items: items.map(toTripView), nextCursor };
}

/**
 * The order to drop off the trip's active shipments: from the trip's destination city through every shipment's
 * destination (route-plan.ts), with each leg's length, so the traveller's dashboard can show it on a map.
 */
export async function getDropOffPlan(ctx: ServiceContext, auth: AuthContext, tripId: string): Promise<TripRoute> {
  const trip = await findTrip(ctx.db.orm, tripId);
  if (!trip || trip.travelerId !== auth.userId) throw new AppError("NOT_FOUND", "No such trip.");
  const active = await ctx.db.orm
    .select({ id: shipments.id, place: shipments.toPlace })
    .from(shipments)
    .where(and(eq(shipments.tripId, tripId), notInArray(shipments.status, [...CLOSED_SHIPMENT_STATUSES])))
    .orderBy(asc(shipments.createdAt))
    .limit(CROWDSHIP_ROUTE_PLAN_MAX_STOPS);
  const plan = planDropOffs(trip.toPlace, active.map((shipment) => ({ id: shipment.id, lat: shipment.place.lat, lng: shipment.place.lng })));
  const places = new Map(active.map((shipment) => [shipment.id, shipment.place]));
  let previous: Place = trip.toPlace;
  const stops = plan.order.map((shipmentId) => {
    const place = places.get(shipmentId)!;
    const legKm = greatCircleKm(previous, place);
    previous = place;
    return { shipmentId, place, legKm };
  });
  return { start: trip.toPlace, stops, distanceKm: plan.distanceKm };
}
