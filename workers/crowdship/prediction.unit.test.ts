// Delivery predictions: the documented arithmetic on examples, and a probability always in 0…1 that rises with slack and with a better record.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LAST_MILE_HOURS, onTimeRate, predictDelivery } from "./prediction";
import { HOUR_MS, hoursFromNow, NEWCOMER, travelerRecordArbitrary } from "./pure-fixtures";

const trip = { departAt: hoursFromNow(0), arriveAt: hoursFromNow(10) };

describe("onTimeRate", () => {
  it("starts a newcomer at 80% and lets a long record outweigh the prior", () => {
    expect(onTimeRate(NEWCOMER)).toBe(0.8);
    expect(onTimeRate({ ...NEWCOMER, deliveredCount: 95, onTimeCount: 95 })).toBe(0.99);
    expect(onTimeRate({ ...NEWCOMER, deliveredCount: 5, onTimeCount: 0 })).toBe(0.4);
  });

  it("never counts more on-time deliveries than deliveries", () => {
    expect(onTimeRate({ ...NEWCOMER, deliveredCount: 1, onTimeCount: 7 })).toBe(onTimeRate({ ...NEWCOMER, deliveredCount: 1, onTimeCount: 1 }));
  });
});

describe("predictDelivery", () => {
  it("expects a newcomer 12 h after landing plus a fifth of a day's delay, and gives even odds with exactly that slack on a zero-length trip", () => {
    const prediction = predictDelivery(trip, hoursFromNow(40), NEWCOMER);
    expect(prediction.estimatedDeliveryAt).toEqual(new Date(trip.arriveAt.getTime() + 16.8 * HOUR_MS));
    const instant = { departAt: trip.arriveAt, arriveAt: trip.arriveAt };
    expect(predictDelivery(instant, new Date(trip.arriveAt.getTime() + LAST_MILE_HOURS * HOUR_MS), NEWCOMER).onTimeProbability).toBeCloseTo(0.4, 12);
  });

  it("is nearly the traveller's on-time rate with days of slack, and near zero when arriving at deliver-by", () => {
    const veteran = { ratingAverage: 5, ratingCount: 50, deliveredCount: 95, onTimeCount: 95 };
    expect(predictDelivery(trip, hoursFromNow(200), veteran).onTimeProbability).toBeCloseTo(0.99, 6);
    expect(predictDelivery(trip, trip.arriveAt, veteran).onTimeProbability).toBeLessThan(0.1);
  });

  it("always gives a probability in 0…1 that grows with slack and with a better record", () => {
    fc.assert(
      fc.property(travelerRecordArbitrary, fc.integer({ min: 1, max: 200 }), fc.integer({ min: -48, max: 500 }), fc.integer({ min: 0, max: 100 }), (traveler, tripHours, slackHours, moreSlack) => {
        const thisTrip = { departAt: hoursFromNow(0), arriveAt: hoursFromNow(tripHours) };
        const deliverBy = hoursFromNow(tripHours + slackHours);
        const { onTimeProbability, estimatedDeliveryAt } = predictDelivery(thisTrip, deliverBy, traveler);
        expect(onTimeProbability).toBeGreaterThanOrEqual(0);
        expect(onTimeProbability).toBeLessThanOrEqual(1);
        expect(estimatedDeliveryAt.getTime()).toBeGreaterThanOrEqual(thisTrip.arriveAt.getTime() + LAST_MILE_HOURS * HOUR_MS);
        expect(predictDelivery(thisTrip, new Date(deliverBy.getTime() + moreSlack * HOUR_MS), traveler).onTimeProbability).toBeGreaterThanOrEqual(onTimeProbability);
        const better = { ...traveler, deliveredCount: traveler.deliveredCount + 1, onTimeCount: traveler.onTimeCount + 1 };
        expect(predictDelivery(thisTrip, deliverBy, better).onTimeProbability).toBeGreaterThanOrEqual(onTimeProbability);
      }),
    );
  });
});
