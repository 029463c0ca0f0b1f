// A grid of trips by where they start, so matching one request against many trips looks only at the cells its radius touches.
import type { LatLng } from "./geo";
import { byScoreThenId, evaluateTrip, requestContext, requireMatchOptions, type Match, type MatchOptions, type RequestToMatch, type TripCandidate } from "./matching";
import type { RouteMarket } from "./pricing";

/** One degree of latitude is ~111 km: about the matching radius, so a query touches a handful of cells each holding one metro area. */
export const TRIP_INDEX_CELL_DEGREES = 1;
const COLUMNS = Math.round(360 / TRIP_INDEX_CELL_DEGREES);

export interface TripIndex {
  cells: ReadonlyMap<number, readonly TripCandidate[]>;
}

const rowOf = (lat: number) => Math.floor((lat + 90) / TRIP_INDEX_CELL_DEGREES);
const columnOf = (lng: number) => ((Math.floor((lng + 180) / TRIP_INDEX_CELL_DEGREES) % COLUMNS) + COLUMNS) % COLUMNS;
const cellKey = (row: number, column: number) => row * COLUMNS + column;

export function buildTripIndex(trips: readonly TripCandidate[]): TripIndex {
  const cells = new Map<number, TripCandidate[]>();
  for (const trip of trips) {
    const key = cellKey(rowOf(trip.from.lat), columnOf(trip.from.lng));
    const cell = cells.get(key);
    if (cell) cell.push(trip);
    else cells.set(key, [trip]);
  }
  return { cells };
}

/** Columns a longitude range covers, each once, across the antimeridian. */
function columnsAround(center: LatLng, lngDegrees: number): number[] {
  const first = Math.floor((center.lng - lngDegrees + 180) / TRIP_INDEX_CELL_DEGREES);
  const last = Math.floor((center.lng + lngDegrees + 180) / TRIP_INDEX_CELL_DEGREES);
  if (last - first + 1 >= COLUMNS) return Array.from({ length: COLUMNS }, (_, column) => column);
  return Array.from({ length: last - first + 1 }, (_, offset) => (((first + offset) % COLUMNS) + COLUMNS) % COLUMNS);
}

/** The same answer as matchTrips over every indexed trip, looking only at the cells around the request's origin. */
export function matchTripsIndexed(request: RequestToMatch, index: TripIndex, options: MatchOptions, market?: RouteMarket): Match[] {
  requireMatchOptions(options);
  const context = requestContext(request, options, market);
  const { center, latDegrees, lngDegrees } = context.originRange;
  const columns = columnsAround(center, lngDegrees);
  const matches: Match[] = [];
  for (let row = rowOf(Math.max(-90, center.lat - latDegrees)); row <= rowOf(Math.min(90, center.lat + latDegrees)); row++) {
    for (const column of columns) {
      for (const trip of index.cells.get(cellKey(row, column)) ?? []) {
        const match = evaluateTrip(context, trip);
        if (match) matches.push(match);
      }
    }
  }
  return matches.sort(byScoreThenId((match) => match.tripId)).slice(0, options.limit);
}
