// The matching engine: the hard filter against a plain reference, its edges, the score's order and components, both directions, and the grid index.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { greatCircleKm } from "./geo";
import { isEligible, matchRequests, matchTrips, MATCH_SCORE_WEIGHTS, type MatchOptions, type RequestToMatch, type TripCandidate } from "./matching";
import { predictDelivery } from "./prediction";
import { quoteShipment } from "./pricing";
import { aRequest, aTrip, CAIRO, destinationPoint, DUBAI, HOUR_MS, hoursFromNow, NEWCOMER, NOW, requestArbitrary, tripsArbitrary } from "./pure-fixtures";
import { buildTripIndex, matchTripsIndexed } from "./trip-index";

const OPTIONS: MatchOptions = { radiusKm: 100, limit: 1_000, now: NOW };
const marketArbitrary = fc.record({ openRequests: fc.integer({ min: 0, max: 50 }), tripsInWindow: fc.integer({ min: 0, max: 50 }) });

/** The filter written out plainly: no degree prefilter, no early exits. */
function referenceEligible(request: RequestToMatch, trip: TripCandidate, options: MatchOptions): boolean {
  return (
    greatCircleKm(trip.from, request.from) <= options.radiusKm &&
    greatCircleKm(trip.to, request.to) <= options.radiusKm &&
    trip.departAt >= request.readyAt &&
    trip.arriveAt <= request.deliverBy &&
    trip.departAt > options.now &&
    trip.freeGrams >= request.weightGrams &&
    (trip.categories.length === 0 || (request.category !== null && trip.categories.includes(request.category))) &&
    trip.travelerId !== request.requesterId
  );
}

const ids = (matches: Array<{ tripId: string }>) => matches.map((match) => match.tripId);

describe("the hard filter", () => {
  it("matches exactly the trips the reference filter accepts, whatever the trips and request", () => {
    fc.assert(
      fc.property(requestArbitrary, tripsArbitrary, (request, trips) => {
        const expected = trips.filter((trip) => referenceEligible(request, trip, OPTIONS)).map((trip) => trip.id);
        expect(ids(matchTrips(request, trips, OPTIONS)).sort()).toEqual(expected.sort());
        for (const trip of trips) expect(isEligible(request, trip, OPTIONS)).toBe(referenceEligible(request, trip, OPTIONS));
      }),
    );
  });

  it("never matches a trip outside the radius at either end or one arriving after deliver-by", () => {
    fc.assert(
      fc.property(requestArbitrary, tripsArbitrary, fc.integer({ min: 1, max: 300 }), (request, trips, radiusKm) => {
        const byId = new Map(trips.map((trip) => [trip.id, trip]));
        for (const match of matchTrips(request, trips, { ...OPTIONS, radiusKm })) {
          const trip = byId.get(match.tripId)!;
          expect(greatCircleKm(trip.from, request.from)).toBeLessThanOrEqual(radiusKm);
          expect(greatCircleKm(trip.to, request.to)).toBeLessThanOrEqual(radiusKm);
          expect(trip.arriveAt.getTime()).toBeLessThanOrEqual(request.deliverBy.getTime());
        }
      }),
    );
  });

  it("takes a trip starting 99.9 km from the item's origin and refuses one 100.1 km away", () => {
    const request = aRequest();
    expect(isEligible(request, aTrip({ from: destinationPoint(CAIRO, 37, 99.9) }), OPTIONS)).toBe(true);
    expect(isEligible(request, aTrip({ from: destinationPoint(CAIRO, 37, 100.1) }), OPTIONS)).toBe(false);
    expect(isEligible(request, aTrip({ to: destinationPoint(DUBAI, 200, 99.9) }), OPTIONS)).toBe(true);
    expect(isEligible(request, aTrip({ to: destinationPoint(DUBAI, 200, 100.1) }), OPTIONS)).toBe(false);
  });

  it("takes a trip arriving exactly at deliver-by and refuses one arriving a millisecond later", () => {
    const request = aRequest();
    expect(isEligible(request, aTrip({ arriveAt: request.deliverBy }), OPTIONS)).toBe(true);
    expect(isEligible(request, aTrip({ arriveAt: new Date(request.deliverBy.getTime() + 1) }), OPTIONS)).toBe(false);
  });

  it("takes a trip departing exactly when the item is ready and refuses one departing a millisecond before", () => {
    const request = aRequest();
    expect(isEligible(request, aTrip({ departAt: request.readyAt }), OPTIONS)).toBe(true);
    expect(isEligible(request, aTrip({ departAt: new Date(request.readyAt.getTime() - 1) }), OPTIONS)).toBe(false);
  });

  it("refuses a trip that has already departed", () => {
    const request = aRequest({ readyAt: hoursFromNow(-48) });
    expect(isEligible(request, aTrip({ departAt: NOW, arriveAt: hoursFromNow(4) }), OPTIONS)).toBe(false);
    expect(isEligible(request, aTrip({ departAt: new Date(NOW.getTime() + 1), arriveAt: hoursFromNow(4) }), OPTIONS)).toBe(true);
  });

  it("refuses a trip with a gram too little free capacity and takes one with exactly enough", () => {
    const request = aRequest({ weightGrams: 2_000 });
    expect(isEligible(request, aTrip({ freeGrams: 1_999 }), OPTIONS)).toBe(false);
    expect(isEligible(request, aTrip({ freeGrams: 2_000 }), OPTIONS)).toBe(true);
    expect(isEligible(request, aTrip({ freeGrams: 0 }), OPTIONS)).toBe(false);
  });

  it("never matches the requester's own trip", () => {
    expect(isEligible(aRequest({ requesterId: "usr_same" }), aTrip({ travelerId: "usr_same" }), OPTIONS)).toBe(false);
  });

  it("lets a trip that names categories carry only those, and a trip that names none carry anything", () => {
    const documentsOnly = aTrip({ categories: ["documents"] });
    expect(isEligible(aRequest({ category: "documents" }), documentsOnly, OPTIONS)).toBe(true);
    expect(isEligible(aRequest({ category: "electronics" }), documentsOnly, OPTIONS)).toBe(false);
    expect(isEligible(aRequest({ category: null }), documentsOnly, OPTIONS)).toBe(false);
    expect(isEligible(aRequest({ category: "electronics" }), aTrip({ categories: [] }), OPTIONS)).toBe(true);
  });
});

describe("the score", () => {
  it("orders candidates by score, best first, the trip id breaking ties, and keeps the best `limit` of them", () => {
    fc.assert(
      fc.property(requestArbitrary, tripsArbitrary, marketArbitrary, fc.integer({ min: 0, max: 10 }), (request, trips, market, limit) => {
        const all = matchTrips(request, trips, OPTIONS, market);
        for (let index = 1; index < all.length; index++) {
          const [previous, current] = [all[index - 1]!, all[index]!];
          expect(previous.score > current.score || (previous.score === current.score && previous.tripId < current.tripId)).toBe(true);
        }
        expect(matchTrips(request, trips, { ...OPTIONS, limit }, market)).toEqual(all.slice(0, limit));
      }),
    );
  });

  it("is the documented weighted sum, within 0…1, with the quote and prediction of each match", () => {
    fc.assert(
      fc.property(requestArbitrary, tripsArbitrary, marketArbitrary, (request, trips, market) => {
        const byId = new Map(trips.map((trip) => [trip.id, trip]));
        const quoteAt = (distanceKm: number) => quoteShipment({ weightGrams: request.weightGrams, distanceKm, hoursUntilDeliverBy: (request.deliverBy.getTime() - NOW.getTime()) / HOUR_MS, itemValueMinor: request.itemValueMinor, currency: request.currency, market }).totalMinor;
        for (const match of matchTrips(request, trips, OPTIONS, market)) {
          const trip = byId.get(match.tripId)!;
          const requestKm = greatCircleKm(request.from, request.to);
          const tripKm = greatCircleKm(trip.from, trip.to);
          expect(match.detourKm).toBeCloseTo(match.originKm + match.destinationKm, 9);
          expect(match.quoteMinor).toBe(quoteAt(requestKm + match.detourKm));
          const { ratingAverage, ratingCount, deliveredCount, onTimeCount } = trip.traveler;
          const stars = ratingAverage === null ? 3.5 : (3.5 * 5 + ratingAverage * ratingCount) / (5 + ratingCount);
          const expected =
            MATCH_SCORE_WEIGHTS.detour * (tripKm / (tripKm + match.detourKm)) +
            MATCH_SCORE_WEIGHTS.slack * Math.min(1, match.slackHours / 48) +
            MATCH_SCORE_WEIGHTS.rating * ((stars - 1) / 4) +
            MATCH_SCORE_WEIGHTS.onTime * ((onTimeCount + 4) / (deliveredCount + 5)) +
            MATCH_SCORE_WEIGHTS.price * (quoteAt(requestKm) / match.quoteMinor);
          expect(match.score).toBeCloseTo(expected, 5);
          expect(match.score).toBeGreaterThanOrEqual(0);
          expect(match.score).toBeLessThanOrEqual(1);
          expect({ estimatedDeliveryAt: match.estimatedDeliveryAt, onTimeProbability: match.onTimeProbability }).toEqual(predictDelivery(trip, request.deliverBy, trip.traveler));
        }
      }),
    );
  });

  it("weights sum to one", () => {
    expect(Object.values(MATCH_SCORE_WEIGHTS).reduce((sum, weight) => sum + weight, 0)).toBeCloseTo(1, 12);
  });

  it("ranks the trip that starts and ends nearer the item above one going out of its way, all else equal", () => {
    const near = aTrip({ id: "trp_z_near", from: destinationPoint(CAIRO, 0, 5), to: destinationPoint(DUBAI, 0, 5) });
    const far = aTrip({ id: "trp_a_far", from: destinationPoint(CAIRO, 0, 80), to: destinationPoint(DUBAI, 0, 80) });
    const [first, second] = matchTrips(aRequest(), [far, near], OPTIONS);
    expect(first!.tripId).toBe("trp_z_near");
    expect(first!.quoteMinor).toBeLessThan(second!.quoteMinor);
  });

  it("ranks a traveller with many on-time, well-rated deliveries above a newcomer, and a newcomer above a traveller often late and poorly rated", () => {
    const veteran = aTrip({ id: "trp_c", travelerId: "usr_veteran", traveler: { ratingAverage: 4.9, ratingCount: 40, deliveredCount: 40, onTimeCount: 39 } });
    const newcomer = aTrip({ id: "trp_b", travelerId: "usr_new", traveler: NEWCOMER });
    const unreliable = aTrip({ id: "trp_a", travelerId: "usr_late", traveler: { ratingAverage: 2, ratingCount: 10, deliveredCount: 10, onTimeCount: 3 } });
    expect(ids(matchTrips(aRequest(), [unreliable, newcomer, veteran], OPTIONS))).toEqual(["trp_c", "trp_b", "trp_a"]);
  });

  it("ranks a trip arriving two days before deliver-by above one arriving just in time", () => {
    const request = aRequest();
    const early = aTrip({ id: "trp_b", arriveAt: new Date(request.deliverBy.getTime() - 48 * HOUR_MS), departAt: new Date(request.deliverBy.getTime() - 52 * HOUR_MS) });
    const justInTime = aTrip({ id: "trp_a", arriveAt: request.deliverBy, departAt: new Date(request.deliverBy.getTime() - 4 * HOUR_MS) });
    expect(ids(matchTrips(request, [justInTime, early], OPTIONS))).toEqual(["trp_b", "trp_a"]);
  });
});

describe("matching from the trip's side", () => {
  it("finds for a trip exactly the requests that would find it, with the same scores", () => {
    fc.assert(
      fc.property(fc.array(requestArbitrary, { maxLength: 15 }), tripsArbitrary, marketArbitrary, (drafts, trips, market) => {
        const requests = drafts.map((request, index) => ({ ...request, id: `req_${index.toString().padStart(2, "0")}` }));
        for (const trip of trips.slice(0, 5)) {
          const expected = requests.flatMap((request) => matchTrips(request, [trip], OPTIONS, market).map((match) => ({ ...match, requestId: request.id })));
          const found = matchRequests(trip, requests, OPTIONS, market);
          expect([...found].sort((a, b) => (a.requestId < b.requestId ? -1 : 1))).toEqual(expected);
          for (let index = 1; index < found.length; index++) expect(found[index - 1]!.score).toBeGreaterThanOrEqual(found[index]!.score);
        }
      }),
    );
  });
});

describe("the trip index", () => {
  it("answers exactly as a scan of every trip, for any radius", () => {
    fc.assert(
      fc.property(requestArbitrary, tripsArbitrary, fc.integer({ min: 1, max: 400 }), (request, trips, radiusKm) => {
        const options = { ...OPTIONS, radiusKm };
        expect(matchTripsIndexed(request, buildTripIndex(trips), options)).toEqual(matchTrips(request, trips, options));
      }),
    );
  });

  it("finds trips across the antimeridian and near a pole", () => {
    const fiji = { lat: -17.7, lng: 179.95 };
    const acrossTheLine = aTrip({ from: { lat: -17.7, lng: -179.9 }, to: DUBAI });
    expect(ids(matchTripsIndexed(aRequest({ from: fiji }), buildTripIndex([acrossTheLine]), OPTIONS))).toEqual(["trp_1"]);
    const svalbard = { lat: 89.6, lng: 10 };
    const otherSideOfPole = aTrip({ from: { lat: 89.6, lng: -170 }, to: DUBAI });
    expect(ids(matchTripsIndexed(aRequest({ from: svalbard }), buildTripIndex([otherSideOfPole]), OPTIONS))).toEqual(["trp_1"]);
  });
});
