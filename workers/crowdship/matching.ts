// The matching engine: which trips can carry a request (a hard filter) and how well (a documented score), from either side. Pure: no I/O.
import type { Currency } from "../platform/money";
import { degreeRange, greatCircleKm, mayBeWithin, type DegreeRange, type LatLng } from "./geo";
import { onTimeRate, predictDelivery } from "./prediction";
import { NEUTRAL_MARKET, quoteShipment, type Quote, type RouteMarket } from "./pricing";

/** Score weights (sum 1): how far out of their way the traveller goes matters most, then their record, then time and price. */
export const MATCH_SCORE_WEIGHTS = { detour: 0.3, slack: 0.15, rating: 0.2, onTime: 0.2, price: 0.15 } as const;
/** Two days between arrival and deliver-by absorbs an ordinary delay; more slack earns nothing more. */
export const SLACK_SATURATION_HOURS = 48;
/** Rating prior: a newcomer counts as 5 ratings of 3.5 stars, so one 5-star review cannot top a long record. */
export const RATING_PRIOR_MEAN = 3.5;
export const RATING_PRIOR_COUNT = 5;
const RATING_MIN = 1;
const RATING_MAX = 5;
/** Scores are rounded to this many decimals, so equal-looking scores are equal and the trip id breaks the tie. */
const SCORE_DECIMALS = 6;
const MS_PER_HOUR = 3_600_000;

export interface TravelerRecord {
  ratingAverage: number | null;
  ratingCount: number;
  deliveredCount: number;
  onTimeCount: number;
}

export interface TripCandidate {
  id: string;
  travelerId: string;
  from: LatLng;
  to: LatLng;
  departAt: Date;
  arriveAt: Date;
  freeGrams: number;
  /** Category slugs the traveller accepts; empty means any. */
  categories: readonly string[];
  traveler: TravelerRecord;
}

export interface RequestToMatch {
  id: string;
  requesterId: string;
  from: LatLng;
  to: LatLng;
  readyAt: Date;
  deliverBy: Date;
  weightGrams: number;
  /** Null when the requester gave none: only trips that accept any category take it. */
  category: string | null;
  itemValueMinor: number;
  currency: Currency;
}

export interface MatchOptions {
  radiusKm: number;
  limit: number;
  now: Date;
}

export interface Match {
  tripId: string;
  travelerId: string;
  /** 0…1, higher is better. */
  score: number;
  originKm: number;
  destinationKm: number;
  detourKm: number;
  slackHours: number;
  quoteMinor: number;
  estimatedDeliveryAt: Date;
  onTimeProbability: number;
}

/** What every trip is checked against for one request, computed once. */
export interface RequestContext {
  request: RequestToMatch;
  options: MatchOptions;
  originRange: DegreeRange;
  destinationRange: DegreeRange;
  requestKm: number;
  hoursUntilDeliverBy: number;
  market: RouteMarket;
}

export function requestContext(request: RequestToMatch, options: MatchOptions, market: RouteMarket = NEUTRAL_MARKET): RequestContext {
  const requestKm = greatCircleKm(request.from, request.to);
  const hoursUntilDeliverBy = (request.deliverBy.getTime() - options.now.getTime()) / MS_PER_HOUR;
  return {
    request,
    options,
    originRange: degreeRange(request.from, options.radiusKm),
    destinationRange: degreeRange(request.to, options.radiusKm),
    requestKm,
    hoursUntilDeliverBy,
    market,
  };
}

/** The request's quote when the item travels `distanceKm` (its own route, plus the traveller's detour for a match). */
function quoteFor(context: RequestContext, distanceKm: number): Quote {
  const { request } = context;
  return quoteShipment({ weightGrams: request.weightGrams, distanceKm, hoursUntilDeliverBy: context.hoursUntilDeliverBy, itemValueMinor: request.itemValueMinor, currency: request.currency, market: context.market });
}

/** The hard filter; returns the two offsets when the trip passes. Cheap checks first, haversine last. */
function offsets(context: RequestContext, trip: TripCandidate): { originKm: number; destinationKm: number } | null {
  const { request, options } = context;
  if (trip.departAt.getTime() < request.readyAt.getTime() || trip.departAt.getTime() <= options.now.getTime()) return null;
  if (trip.arriveAt.getTime() > request.deliverBy.getTime()) return null;
  if (trip.freeGrams < request.weightGrams || trip.travelerId === request.requesterId) return null;
  if (trip.categories.length > 0 && (request.category === null || !trip.categories.includes(request.category))) return null;
  if (!mayBeWithin(context.originRange, trip.from) || !mayBeWithin(context.destinationRange, trip.to)) return null;
  const originKm = greatCircleKm(trip.from, request.from);
  if (originKm > options.radiusKm) return null;
  const destinationKm = greatCircleKm(trip.to, request.to);
  return destinationKm > options.radiusKm ? null : { originKm, destinationKm };
}

export function isEligible(request: RequestToMatch, trip: TripCandidate, options: MatchOptions): boolean {
  return offsets(requestContext(request, options), trip) !== null;
}

/** Bayesian average of the stars, mapped from 1…5 onto 0…1. */
export function ratingScore(traveler: TravelerRecord): number {
  const count = traveler.ratingAverage === null ? 0 : Math.max(0, traveler.ratingCount);
  const average = Math.min(RATING_MAX, Math.max(RATING_MIN, traveler.ratingAverage ?? RATING_PRIOR_MEAN));
  const bayesian = (RATING_PRIOR_MEAN * RATING_PRIOR_COUNT + average * count) / (RATING_PRIOR_COUNT + count);
  return (bayesian - RATING_MIN) / (RATING_MAX - RATING_MIN);
}

/** One trip scored for the request (the weighted sum of five components) with its quote and prediction, or null when it fails the filter. */
export function evaluateTrip(context: RequestContext, trip: TripCandidate): Match | null {
  const found = offsets(context, trip);
  if (!found) return null;
  const { request } = context;
  const detourKm = found.originKm + found.destinationKm;
  const tripKm = greatCircleKm(trip.from, trip.to);
  const slackHours = (request.deliverBy.getTime() - trip.arriveAt.getTime()) / MS_PER_HOUR;
  const baseQuote = quoteFor(context, context.requestKm);
  const quote = quoteFor(context, context.requestKm + detourKm);
  const components = {
    detour: detourKm === 0 ? 1 : tripKm / (tripKm + detourKm),
    slack: Math.min(1, slackHours / SLACK_SATURATION_HOURS),
    rating: ratingScore(trip.traveler),
    onTime: onTimeRate(trip.traveler),
    price: baseQuote.totalMinor / quote.totalMinor,
  };
  const weighted = (Object.keys(MATCH_SCORE_WEIGHTS) as Array<keyof typeof MATCH_SCORE_WEIGHTS>).reduce((sum, key) => sum + MATCH_SCORE_WEIGHTS[key] * components[key], 0);
  const prediction = predictDelivery(trip, request.deliverBy, trip.traveler);
  return {
    tripId: trip.id,
    travelerId: trip.travelerId,
    score: roundScore(weighted),
    originKm: found.originKm,
    destinationKm: found.destinationKm,
    detourKm,
    slackHours,
    quoteMinor: quote.totalMinor,
    estimatedDeliveryAt: prediction.estimatedDeliveryAt,
    onTimeProbability: prediction.onTimeProbability,
  };
}

function roundScore(score: number): number {
  const scale = 10 ** SCORE_DECIMALS;
  return Math.round(Math.min(1, Math.max(0, score)) * scale) / scale;
}

/** Best first: higher score, then the smaller id, so the order is total and deterministic. */
export function byScoreThenId<T extends { score: number }>(idOf: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => b.score - a.score || (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0);
}

export function requireMatchOptions(options: MatchOptions): void {
  if (!Number.isSafeInteger(options.limit) || options.limit < 0) throw new Error(`invariant failed: match limit ${options.limit}`);
  if (!Number.isFinite(options.radiusKm) || options.radiusKm < 0) throw new Error(`invariant failed: match radius ${options.radiusKm} km`);
}

/** The trips that can carry `request`, best first, at most `options.limit`. Scans every trip; see trip-index.ts for many. */
export function matchTrips(request: RequestToMatch, trips: readonly TripCandidate[], options: MatchOptions, market?: RouteMarket): Match[] {
  requireMatchOptions(options);
  const context = requestContext(request, options, market);
  const matches: Match[] = [];
  for (const trip of trips) {
    const match = evaluateTrip(context, trip);
    if (match) matches.push(match);
  }
  return matches.sort(byScoreThenId((match) => match.tripId)).slice(0, options.limit);
}

/** The other side, for a new trip: the requests it can carry, best first, at most `options.limit`. */
export function matchRequests(trip: TripCandidate, requests: readonly RequestToMatch[], options: MatchOptions, market?: RouteMarket): Array<Match & { requestId: string }> {
  requireMatchOptions(options);
  const matches: Array<Match & { requestId: string }> = [];
  for (const request of requests) {
    const match = evaluateTrip(requestContext(request, options, market), trip);
    if (match) matches.push({ ...match, requestId: request.id });
  }
  return matches.sort(byScoreThenId((match) => match.requestId)).slice(0, options.limit);
}
