// Benchmark: the crowdship matching engine in Node, no platform: 1,000 requests each matched against 10,000 trips through the grid index.
import { DEFAULT_CROWDSHIP_MATCH_RADIUS_KM, CROWDSHIP_MATCHES_MAX } from "../../../workers/platform/limits";
import type { LatLng } from "../../../workers/crowdship/geo";
import { matchTrips, type MatchOptions, type RequestToMatch, type TripCandidate } from "../../../workers/crowdship/matching";
import { buildTripIndex, matchTripsIndexed } from "../../../workers/crowdship/trip-index";
import type { Benchmark, PreparedBenchmark } from "../benchmark";
import type { LoadResult } from "../load";

const TRIPS = 10_000;
const REQUESTS = 1_000;
/** Any fixed seed: the same trips and requests every run, so runs compare. */
const SEED = 0x6d6e6261;
/** Points are scattered this far around their city: a metro area, so some fall outside a 50 km radius. */
const JITTER_KM = 40;
const HOUR_MS = 3_600_000;
const NOW = new Date("2026-06-01T00:00:00Z");
const CATEGORIES = ["electronics", "documents", "clothing", "cosmetics", "books"] as const;

/** Forty cities on six continents, so routes are mostly far apart and a few share a radius (Dubai–Sharjah-like pairs are absent on purpose). */
const CITIES: readonly LatLng[] = [
  [30.0444, 31.2357], [25.2048, 55.2708], [24.7136, 46.6753], [21.4858, 39.1925], [25.2854, 51.531], [29.3759, 47.9774], [33.8938, 35.5018], [31.9454, 35.9284],
  [41.0082, 28.9784], [33.5731, -7.5898], [36.8065, 10.1815], [6.5244, 3.3792], [-1.2921, 36.8219], [-26.2041, 28.0473], [51.5074, -0.1278], [48.8566, 2.3522],
  [52.52, 13.405], [40.4168, -3.7038], [41.9028, 12.4964], [52.3676, 4.9041], [59.3293, 18.0686], [55.7558, 37.6173], [40.7128, -74.006], [34.0522, -118.2437],
  [41.8781, -87.6298], [43.6532, -79.3832], [19.4326, -99.1332], [-23.5505, -46.6333], [-34.6037, -58.3816], [4.711, -74.0721], [28.6139, 77.209], [19.076, 72.8777],
  [1.3521, 103.8198], [13.7563, 100.5018], [22.3193, 114.1694], [31.2304, 121.4737], [35.6762, 139.6503], [37.5665, 126.978], [-33.8688, 151.2093], [-36.8485, 174.7633],
].map(([lat, lng]) => ({ lat: lat!, lng: lng! }));

/** mulberry32: a tiny seeded PRNG, plenty for scattering benchmark data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function generate(): { trips: TripCandidate[]; requests: RequestToMatch[] } {
  const random = seededRandom(SEED);
  const integer = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const cityPair = () => {
    const from = integer(0, CITIES.length - 1);
    return [from, (from + integer(1, CITIES.length - 1)) % CITIES.length] as const;
  };
  const around = (city: number): LatLng => {
    const km = JITTER_KM * Math.sqrt(random());
    const angle = random() * 2 * Math.PI;
    const { lat, lng } = CITIES[city]!;
    return { lat: lat + (km * Math.cos(angle)) / 111.2, lng: lng + (km * Math.sin(angle)) / (111.2 * Math.cos((lat * Math.PI) / 180)) };
  };
  const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR_MS);
  const trips = Array.from({ length: TRIPS }, (_, index): TripCandidate => {
    const [from, to] = cityPair();
    const departHours = integer(1, 60 * 24);
    const delivered = integer(0, 60);
    return {
      id: `trp_${index}`,
      travelerId: `usr_traveler_${integer(0, 3_000)}`,
      from: around(from),
      to: around(to),
      departAt: at(departHours),
      arriveAt: at(departHours + integer(2, 30)),
      freeGrams: integer(0, 40) * 500,
      categories: random() < 0.7 ? [] : CATEGORIES.filter(() => random() < 0.5),
      traveler: { ratingAverage: delivered === 0 ? null : 3 + random() * 2, ratingCount: delivered, deliveredCount: delivered, onTimeCount: Math.floor(delivered * (0.6 + random() * 0.4)) },
    };
  });
  const requests = Array.from({ length: REQUESTS }, (_, index): RequestToMatch => {
    const [from, to] = cityPair();
    const readyHours = integer(0, 30 * 24);
    return {
      id: `req_${index}`,
      requesterId: `usr_requester_${index}`,
      from: around(from),
      to: around(to),
      readyAt: at(readyHours),
      deliverBy: at(readyHours + integer(3 * 24, 45 * 24)),
      weightGrams: integer(1, 100) * 100,
      category: random() < 0.3 ? null : CATEGORIES[integer(0, CATEGORIES.length - 1)]!,
      itemValueMinor: integer(1_000, 200_000),
      currency: "USD",
    };
  });
  return { trips, requests };
}

const OPTIONS: MatchOptions = { radiusKm: DEFAULT_CROWDSHIP_MATCH_RADIUS_KM, limit: CROWDSHIP_MATCHES_MAX, now: NOW };
const milliseconds = (value: number) => `${value.toFixed(value < 1 ? 3 : 1)} ms`;

export const crowdshipMatchingBenchmark: Benchmark = {
  name: "crowdship-matching",
  description: `Crowdship matching in Node, no I/O: each of ${REQUESTS.toLocaleString("en-US")} requests matched (filter, score, quote, prediction, top ${CROWDSHIP_MATCHES_MAX}) against ${TRIPS.toLocaleString("en-US")} trips between 40 real cities (±${JITTER_KM} km, seeded), through the grid index of trip origins; radius ${DEFAULT_CROWDSHIP_MATCH_RADIUS_KM} km. One latency is one request.`,
  concurrency: 1,
  durationMs: 60_000,
  /** One measured pass over every request. */
  maxRequests: REQUESTS,
  warmup: { durationMs: 5_000, maxRequests: REQUESTS / 5 },
  async prepare(): Promise<PreparedBenchmark> {
    const { trips, requests } = generate();
    const indexStartedAt = performance.now();
    const index = buildTripIndex(trips);
    const indexMs = performance.now() - indexStartedAt;
    // The same requests scanning every trip: what the index saves.
    const scanStartedAt = performance.now();
    for (const request of requests) matchTrips(request, trips, OPTIONS);
    const scanMs = performance.now() - scanStartedAt;
    const matchCounts: number[] = [];
    const matchOne = (requestIndex: number) => matchTripsIndexed(requests[requestIndex % REQUESTS]!, index, OPTIONS).length;

    async function measure(options: { firstIndex: number; count: number; durationMs: number }): Promise<LoadResult> {
      const latenciesMs: number[] = [];
      const startedAt = performance.now();
      let next = options.firstIndex;
      // Bounded by count and by the deadline.
      while (next < options.firstIndex + options.count && performance.now() - startedAt < options.durationMs) {
        const sentAt = performance.now();
        matchCounts[next % REQUESTS] = matchOne(next);
        latenciesMs.push(performance.now() - sentAt);
        next++;
      }
      return { latenciesMs, requests: next - options.firstIndex, errorsByStatus: {}, firstErrorDetails: {}, elapsedMs: performance.now() - startedAt, nextIndex: next };
    }

    return {
      async request(requestIndex) {
        matchCounts[requestIndex % REQUESTS] = matchOne(requestIndex);
        return { ok: true, status: 200 };
      },
      measure,
      followsWorkerThread: false,
      interpret(result) {
        const counts = matchCounts.filter((count) => count !== undefined);
        const matched = counts.filter((count) => count > 0).length;
        const total = counts.reduce((sum, count) => sum + count, 0);
        const perRequest = result.summary.latency ? ` (p50 ${milliseconds(result.summary.latency.p50Ms)}, p99 ${milliseconds(result.summary.latency.p99Ms)} per request)` : "";
        return [
          `${result.requests.toLocaleString("en-US")} requests × ${TRIPS.toLocaleString("en-US")} trips in ${milliseconds((result.summary.count * 1000) / result.summary.throughputPerSecond)}${perRequest};`,
          `${matched} of ${counts.length} requests found a trip, ${(total / Math.max(1, counts.length)).toFixed(2)} matches each on average.`,
          `Scanning every trip instead of the grid took ${milliseconds(scanMs)} for all ${REQUESTS.toLocaleString("en-US")} (building the grid: ${milliseconds(indexMs)}).`,
          "Single-threaded CPU work: the figures move with the machine's other load, not with I/O.",
        ].join(" ");
      },
    };
  },
};
