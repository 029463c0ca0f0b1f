// Delivery predictions for a match: when the item should reach the buyer, and how likely that is by deliver-by, from the trip's times and the traveller's record.
import type { TravelerRecord } from "./matching";

/**
 * On-time prior: Beta(4, 1), worth 5 deliveries with a mean of 80%. A newcomer is neither trusted blindly nor shut out,
 * and a handful of real deliveries outweighs it.
 */
export const ON_TIME_PRIOR_ON_TIME = 4;
export const ON_TIME_PRIOR_LATE = 1;
/** After landing, a traveller needs about half a day to meet the buyer (rest, local transport, agreeing a place). */
export const LAST_MILE_HOURS = 12;
/** A traveller who is always late is, on carriers' figures, about a day late: the expected delay is (1 − on-time rate) × this. */
export const LATE_DELAY_HOURS = 24;
/** Spread of the on-time curve for a trip of no duration: hours of slack that move the odds by a factor of e. */
export const SLACK_SCALE_BASE_HOURS = 4;
/** Longer trips are less certain (connections, border queues): the spread grows by this many hours per hour of trip. */
export const SLACK_SCALE_PER_TRIP_HOUR = 0.1;

const MS_PER_HOUR = 3_600_000;

export interface DeliveryPrediction {
  estimatedDeliveryAt: Date;
  onTimeProbability: number;
}

/** The traveller's on-time rate under the Beta prior: (onTime + 4) / (delivered + 5), in (0, 1). */
export function onTimeRate(traveler: TravelerRecord): number {
  const delivered = Math.max(0, traveler.deliveredCount);
  const onTime = Math.min(delivered, Math.max(0, traveler.onTimeCount));
  return (onTime + ON_TIME_PRIOR_ON_TIME) / (delivered + ON_TIME_PRIOR_ON_TIME + ON_TIME_PRIOR_LATE);
}

/**
 * estimatedDeliveryAt = arriveAt + LAST_MILE_HOURS + (1 − rate) × LATE_DELAY_HOURS.
 * onTimeProbability = rate × logistic((slack − LAST_MILE_HOURS) / spread), slack = deliverBy − arriveAt in hours,
 * spread = SLACK_SCALE_BASE_HOURS + SLACK_SCALE_PER_TRIP_HOUR × trip hours.
 */
export function predictDelivery(trip: { departAt: Date; arriveAt: Date }, deliverBy: Date, traveler: TravelerRecord): DeliveryPrediction {
  const rate = onTimeRate(traveler);
  const delayHours = LAST_MILE_HOURS + (1 - rate) * LATE_DELAY_HOURS;
  const estimatedDeliveryAt = new Date(trip.arriveAt.getTime() + Math.round(delayHours * MS_PER_HOUR));
  const slackHours = (deliverBy.getTime() - trip.arriveAt.getTime()) / MS_PER_HOUR;
  const tripHours = Math.max(0, (trip.arriveAt.getTime() - trip.departAt.getTime()) / MS_PER_HOUR);
  const spreadHours = SLACK_SCALE_BASE_HOURS + SLACK_SCALE_PER_TRIP_HOUR * tripHours;
  const slackFactor = 1 / (1 + Math.exp(-(slackHours - LAST_MILE_HOURS) / spreadHours));
  return { estimatedDeliveryAt, onTimeProbability: Math.min(1, Math.max(0, rate * slackFactor)) };
}
