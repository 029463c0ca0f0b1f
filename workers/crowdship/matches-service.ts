// Matching with data: the radius, a SQL prefilter of trips and requests near each other in time and space, travellers' records,
// a route's supply and demand, and a request's best trips. The filter, score, quote and prediction are the pure modules'.
import { and, asc, eq, gt, gte, inArray, lte, ne, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { shipmentRequests, shipments, trips, type Place } from "../../db/crowdship";
import { displayNames } from "../auth/users";
import type { AppEnv } from "../env";
import type { AuthContext } from "../platform/auth-context";
import { assertOwnerOrAdmin } from "../platform/authorize";
import type { ServiceContext } from "../platform/context";
import type { Queryable } from "../platform/db";
import { AppError } from "../platform/errors";
import { CROWDSHIP_MARKET_SCAN_MAX, CROWDSHIP_MATCH_CANDIDATES_MAX, CROWDSHIP_MATCH_RADIUS_MAX_KM, CROWDSHIP_MATCHES_MAX, DEFAULT_CROWDSHIP_MATCH_RADIUS_KM } from "../platform/limits";
import type { Currency, Money } from "../platform/money";
import { degreeRange, greatCircleKm, type DegreeRange } from "./geo";
import { matchRequests, matchTrips, type Match, type RequestToMatch, type TravelerRecord, type TripCandidate } from "./matching";
import type { RouteMarket } from "./pricing";
import { toKg } from "./trip-schemas";
import type { TripRow } from "./trips-service";

export type RequestRow = typeof shipmentRequests.$inferSelect;

export async function findRequest(q: Queryable, requestId: string): Promise<RequestRow | null> {
  const [row] = await q.select().from(shipmentRequests).where(eq(shipmentRequests.id, requestId)).limit(1);
  return row ?? null;
}

interface TripMatchView {
  tripId: string;
  travelerId: string;
  travelerName: string;
  score: number;
  quote: Money;
  estimatedDeliveryAt: string;
  onTimeProbability: number;
  detourKm: number;
  departAt: string;
  arriveAt: string;
  from: Place;
  to: Place;
  freeCapacityKg: number;
  traveler: TravelerRecord;
}

const NEW_TRAVELER: TravelerRecord = { ratingAverage: null, ratingCount: 0, deliveredCount: 0, onTimeCount: 0 };

let parsedRadius: { raw: string | undefined; km: number } | null = null;

/** CROWDSHIP_MATCH_RADIUS_KM, read once per isolate: a number of km from 1 to the maximum, else the default. */
export function matchRadiusKm(env: Pick<AppEnv, "CROWDSHIP_MATCH_RADIUS_KM">): number {
  const raw = env.CROWDSHIP_MATCH_RADIUS_KM as string | undefined;
  if (parsedRadius === null || parsedRadius.raw !== raw) {
    const km = Number(raw);
    const valid = raw !== undefined && raw.trim() !== "" && Number.isFinite(km) && km >= 1 && km <= CROWDSHIP_MATCH_RADIUS_MAX_KM;
    parsedRadius = { raw, km: valid ? km : DEFAULT_CROWDSHIP_MATCH_RADIUS_KM };
  }
  return parsedRadius.km;
}

/** The SQL twin of geo.ts mayBeWithin on a jsonb place column: a latitude band and, unless it spans every meridian, a longitude band (wrapped at ±180). */
function mayBeWithinSql(place: AnyColumn, range: DegreeRange): SQL {
  const lat = sql`(${place}->>'lat')::float8`;
  const lng = sql`(${place}->>'lng')::float8`;
  const latBand = sql`${lat} between ${range.center.lat - range.latDegrees} and ${range.center.lat + range.latDegrees}`;
  if (range.lngDegrees >= 180) return latBand;
  const west = range.center.lng - range.lngDegrees;
  const east = range.center.lng + range.lngDegrees;
  if (west >= -180 && east <= 180) return sql`${latBand} and ${lng} between ${west} and ${east}`;
  return sql`${latBand} and (${lng} >= ${west < -180 ? west + 360 : west} or ${lng} <= ${east > 180 ? east - 360 : east})`;
}

const within = (a: Place, b: Place, radiusKm: number) => greatCircleKm(a, b) <= radiusKm;

export function toRequestToMatch(row: RequestRow): RequestToMatch {
  return {
    id: row.id,
    requesterId: row.requesterId,
    from: row.fromPlace,
    to: row.toPlace,
    readyAt: row.readyAt,
    deliverBy: row.deliverBy,
    weightGrams: row.weightGrams,
    category: row.item.category ?? null,
    itemValueMinor: row.itemValueMinor,
    currency: row.currency as Currency,
  };
}

export function toTripCandidate(row: TripRow, traveler: TravelerRecord): TripCandidate {
  return { id: row.id, travelerId: row.travelerId, from: row.fromPlace, to: row.toPlace, departAt: row.departAt, arriveAt: row.arriveAt, freeGrams: row.capacityGrams - row.reservedGrams, categories: row.categories, traveler };
}

/** Each traveller's record from their shipments: stars given, deliveries, and deliveries made by the deliver-by time. */
async function travelerRecords(q: Queryable, travelerIds: readonly string[]): Promise<Map<string, TravelerRecord>> {
  if (travelerIds.length === 0) return new Map();
  const rows = await q
    .select({
      travelerId: shipments.travelerId,
      ratingAverage: sql<number | null>`avg(${shipments.rating})::float8`,
      ratingCount: sql<number>`count(${shipments.rating})::int`,
      deliveredCount: sql<number>`(count(*) filter (where ${shipments.status} = 'delivered'))::int`,
      onTimeCount: sql<number>`(count(*) filter (where ${shipments.status} = 'delivered' and ${shipments.deliveredAt} <= ${shipments.deliverBy}))::int`,
    })
    .from(shipments)
    .where(inArray(shipments.travelerId, [...new Set(travelerIds)]))
    .groupBy(shipments.travelerId);
  return new Map(rows.map(({ travelerId, ...record }) => [travelerId, record]));
}

/**
 * Supply and demand on a route in a window: open requests whose window overlaps it and scheduled trips inside it, both
 * with each end within the radius of the route's. A new request counts what is there before it.
 */
export async function routeMarket(q: Queryable, route: { from: Place; to: Place; readyAt: Date; deliverBy: Date; excludeRequestId?: string }, radiusKm: number): Promise<RouteMarket> {
  const fromRange = degreeRange(route.from, radiusKm);
  const toRange = degreeRange(route.to, radiusKm);
  const requests = await q
    .select({ from: shipmentRequests.fromPlace, to: shipmentRequests.toPlace })
    .from(shipmentRequests)
    .where(
      and(
        eq(shipmentRequests.status, "open"),
        lte(shipmentRequests.readyAt, route.deliverBy),
        gte(shipmentRequests.deliverBy, route.readyAt),
        route.excludeRequestId ? ne(shipmentRequests.id, route.excludeRequestId) : undefined,
        mayBeWithinSql(shipmentRequests.fromPlace, fromRange),
        mayBeWithinSql(shipmentRequests.toPlace, toRange),
      ),
    )
    .limit(CROWDSHIP_MARKET_SCAN_MAX);
  const tripRows = await q
    .select({ from: trips.fromPlace, to: trips.toPlace })
    .from(trips)
    .where(and(eq(trips.status, "scheduled"), gte(trips.departAt, route.readyAt), lte(trips.arriveAt, route.deliverBy), mayBeWithinSql(trips.fromPlace, fromRange), mayBeWithinSql(trips.toPlace, toRange)))
    .limit(CROWDSHIP_MARKET_SCAN_MAX);
  const near = (row: { from: Place; to: Place }) => within(row.from, route.from, radiusKm) && within(row.to, route.to, radiusKm);
  return { openRequests: requests.filter(near).length, tripsInWindow: tripRows.filter(near).length };
}

/** A request's best trips with the rows they came from: the SQL prefilter, the travellers' records, then matchTrips. */
export async function bestTripsFor(ctx: ServiceContext, q: Queryable, request: RequestRow, limit: number): Promise<{ match: Match; trip: TripRow; traveler: TravelerRecord }[]> {
  const radiusKm = matchRadiusKm(ctx.env);
  const now = ctx.now();
  const candidates = await q
    .select()
    .from(trips)
    .where(
      and(
        eq(trips.status, "scheduled"),
        gte(trips.departAt, request.readyAt),
        gt(trips.departAt, now),
        lte(trips.arriveAt, request.deliverBy),
        sql`${trips.capacityGrams} - ${trips.reservedGrams} >= ${request.weightGrams}`,
        ne(trips.travelerId, request.requesterId),
        mayBeWithinSql(trips.fromPlace, degreeRange(request.fromPlace, radiusKm)),
        mayBeWithinSql(trips.toPlace, degreeRange(request.toPlace, radiusKm)),
      ),
    )
    .orderBy(asc(trips.departAt))
    .limit(CROWDSHIP_MATCH_CANDIDATES_MAX);
  const records = await travelerRecords(q, candidates.map((trip) => trip.travelerId));
  const recordOf = (travelerId: string) => records.get(travelerId) ?? NEW_TRAVELER;
  const market = await routeMarket(q, { from: request.fromPlace, to: request.toPlace, readyAt: request.readyAt, deliverBy: request.deliverBy, excludeRequestId: request.id }, radiusKm);
  const matches = matchTrips(toRequestToMatch(request), candidates.map((trip) => toTripCandidate(trip, recordOf(trip.travelerId))), { radiusKm, limit, now }, market);
  const byId = new Map(candidates.map((trip) => [trip.id, trip]));
  return matches.map((match) => ({ match, trip: byId.get(match.tripId)!, traveler: recordOf(match.travelerId) }));
}

/**
 * A trip's best open requests, ranked at a neutral market (each request's own market is looked up only for the ones
 * kept, by the caller when it shows quotes): the SQL prefilter, then matchRequests.
 */
export async function bestRequestsFor(
  ctx: ServiceContext,
  q: Queryable,
  trip: TripRow,
  limit: number,
): Promise<{ candidate: TripCandidate; best: { match: Match; request: RequestRow }[] }> {
  const radiusKm = matchRadiusKm(ctx.env);
  const now = ctx.now();
  const records = await travelerRecords(q, [trip.travelerId]);
  const candidate = toTripCandidate(trip, records.get(trip.travelerId) ?? NEW_TRAVELER);
  if (trip.status !== "scheduled" || trip.departAt <= now) return { candidate, best: [] };
  const candidates = await q
    .select()
    .from(shipmentRequests)
    .where(
      and(
        eq(shipmentRequests.status, "open"),
        lte(shipmentRequests.readyAt, trip.departAt),
        gte(shipmentRequests.deliverBy, trip.arriveAt),
        lte(shipmentRequests.weightGrams, trip.capacityGrams - trip.reservedGrams),
        ne(shipmentRequests.requesterId, trip.travelerId),
        mayBeWithinSql(shipmentRequests.fromPlace, degreeRange(trip.fromPlace, radiusKm)),
        mayBeWithinSql(shipmentRequests.toPlace, degreeRange(trip.toPlace, radiusKm)),
      ),
    )
    .orderBy(asc(shipmentRequests.deliverBy))
    .limit(CROWDSHIP_MATCH_CANDIDATES_MAX);
  const matches = matchRequests(candidate, candidates.map(toRequestToMatch), { radiusKm, limit, now });
  const byId = new Map(candidates.map((request) => [request.id, request]));
  return { candidate, best: matches.map((match) => ({ match, request: byId.get(match.requestId)! })) };
}

/** GET /v1/shipment-requests/:id/matches: the request's best trips, for its requester or an admin. Only an open request has any. */
export async function getRequestMatches(ctx: ServiceContext, auth: AuthContext, requestId: string): Promise<{ items: TripMatchView[] }> {
  const [request] = await ctx.db.orm.select().from(shipmentRequests).where(eq(shipmentRequests.id, requestId)).limit(1);
  if (!request) throw new AppError("NOT_FOUND", "No such shipment request.");
  assertOwnerOrAdmin(auth, request.requesterId, "shipment request");
  if (request.status !== "open") return { items: [] };
  const best = await bestTripsFor(ctx, ctx.db.orm, request, CROWDSHIP_MATCHES_MAX);
  const names = await displayNames(ctx.db.orm, best.map(({ trip }) => trip.travelerId));
  const currency = request.currency as Currency;
  return {
    items: best.map(({ match, trip, traveler }) => ({
      tripId: trip.id,
      travelerId: trip.travelerId,
      travelerName: names.get(trip.travelerId) ?? "",
      score: match.score,
      quote: { amount: match.quoteMinor, currency },
      estimatedDeliveryAt: match.estimatedDeliveryAt.toISOString(),
      onTimeProbability: match.onTimeProbability,
      detourKm: match.detourKm,
      departAt: trip.departAt.toISOString(),
      arriveAt: trip.arriveAt.toISOString(),
      from: trip.fromPlace,
      to: trip.toPlace,
      freeCapacityKg: toKg(trip.capacityGrams - trip.reservedGrams),
      traveler,
    })),
  };
}
