// Test fixtures for the pure crowdship logic: points at a known distance, and trips and requests with sensible defaults.
import fc from "fast-check";
import { EARTH_MEAN_RADIUS_KM, type LatLng } from "./geo";
import type { RequestToMatch, TravelerRecord, TripCandidate } from "./matching";

export const CAIRO: LatLng = { lat: 30.0444, lng: 31.2357 };
export const DUBAI: LatLng = { lat: 25.2048, lng: 55.2708 };
export const NOW = new Date("2026-06-01T00:00:00Z");
export const HOUR_MS = 3_600_000;
export const hoursFromNow = (hours: number) => new Date(NOW.getTime() + hours * HOUR_MS);

/** The point `distanceKm` from `start` along `bearingDegrees` (the spherical direct problem), written apart from geo.ts. */
export function destinationPoint(start: LatLng, bearingDegrees: number, distanceKm: number): LatLng {
  const toRadians = Math.PI / 180;
  const angular = distanceKm / EARTH_MEAN_RADIUS_KM;
  const lat1 = start.lat * toRadians;
  const bearing = bearingDegrees * toRadians;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(angular) + Math.cos(lat1) * Math.sin(angular) * Math.cos(bearing));
  const lng2 = start.lng * toRadians + Math.atan2(Math.sin(bearing) * Math.sin(angular) * Math.cos(lat1), Math.cos(angular) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: lat2 / toRadians, lng: ((((lng2 / toRadians + 180) % 360) + 360) % 360) - 180 };
}

export const NEWCOMER: TravelerRecord = { ratingAverage: null, ratingCount: 0, deliveredCount: 0, onTimeCount: 0 };

/** A Cairo → Dubai request: 2 kg, ready in a day, due in ten days, worth $200. */
export function aRequest(overrides: Partial<RequestToMatch> = {}): RequestToMatch {
  return {
    id: "req_1",
    requesterId: "usr_requester",
    from: CAIRO,
    to: DUBAI,
    readyAt: hoursFromNow(24),
    deliverBy: hoursFromNow(240),
    weightGrams: 2_000,
    category: null,
    itemValueMinor: 20_000,
    currency: "USD",
    ...overrides,
  };
}

/** A Cairo → Dubai trip leaving in two days, 5 kg free, any category, by a newcomer. */
export function aTrip(overrides: Partial<TripCandidate> = {}): TripCandidate {
  return {
    id: "trp_1",
    travelerId: "usr_traveler",
    from: CAIRO,
    to: DUBAI,
    departAt: hoursFromNow(48),
    arriveAt: hoursFromNow(52),
    freeGrams: 5_000,
    categories: [],
    traveler: NEWCOMER,
    ...overrides,
  };
}

export const travelerRecordArbitrary: fc.Arbitrary<TravelerRecord> = fc
  .record({ rated: fc.boolean(), ratingAverage: fc.double({ min: 1, max: 5, noNaN: true }), ratingCount: fc.integer({ min: 0, max: 500 }), deliveredCount: fc.integer({ min: 0, max: 500 }), onTimeShare: fc.double({ min: 0, max: 1, noNaN: true }) })
  .map(({ rated, ratingAverage, ratingCount, deliveredCount, onTimeShare }) => ({
    ratingAverage: rated ? ratingAverage : null,
    ratingCount: rated ? ratingCount : 0,
    deliveredCount,
    onTimeCount: Math.floor(deliveredCount * onTimeShare),
  }));

/** A point up to 150 km from `center`: two in three inside a 100 km radius. */
const near = (center: LatLng) => fc.record({ bearing: fc.double({ min: 0, max: 360, noNaN: true }), km: fc.double({ min: 0, max: 150, noNaN: true }) }).map(({ bearing, km }) => destinationPoint(center, bearing, km));

/** Trips around the Cairo → Dubai route with random offsets, times, capacity, categories and records; ids unique. */
export const tripsArbitrary: fc.Arbitrary<TripCandidate[]> = fc
  .array(
    fc.record({
      travelerId: fc.constantFrom("usr_a", "usr_b", "usr_c", "usr_d", "usr_requester"),
      from: near(CAIRO),
      to: near(DUBAI),
      departHours: fc.integer({ min: -12, max: 200 }),
      durationHours: fc.integer({ min: 1, max: 72 }),
      freeGrams: fc.integer({ min: 0, max: 10_000 }),
      categories: fc.oneof(fc.constant([]), fc.subarray(["electronics", "documents", "clothing"])),
      traveler: travelerRecordArbitrary,
    }),
    { minLength: 10, maxLength: 40 },
  )
  .map((drafts) =>
    drafts.map(({ departHours, durationHours, ...draft }, index) => ({
      ...draft,
      id: `trp_${index.toString().padStart(3, "0")}`,
      departAt: hoursFromNow(departHours),
      arriveAt: hoursFromNow(departHours + durationHours),
    })),
  );

export const requestArbitrary: fc.Arbitrary<RequestToMatch> = fc
  .record({
    from: near(CAIRO),
    to: near(DUBAI),
    readyHours: fc.integer({ min: 0, max: 48 }),
    windowHours: fc.integer({ min: 1, max: 400 }),
    weightGrams: fc.integer({ min: 1, max: 8_000 }),
    category: fc.constantFrom(null, "electronics", "documents"),
    itemValueMinor: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map(({ readyHours, windowHours, ...draft }) => aRequest({ ...draft, readyAt: hoursFromNow(readyHours), deliverBy: hoursFromNow(readyHours + windowHours) }));
