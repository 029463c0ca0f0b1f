// Words and numbers for crowdship pages: statuses, milestones, places, weights and odds.
import type { MilestoneKind, OfferStatus, Place, ShipmentRequestStatus, ShipmentStatus, TripStatus } from "../../api/types";
import { countryName } from "../catalog/countries";

export const shipmentStatusLabels: Record<ShipmentStatus, string> = {
  accepted: "Waiting for pickup",
  picked_up: "Picked up",
  in_transit: "In transit",
  arrived: "Arrived in the city",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
  locked: "Locked",
  cancelled: "Cancelled",
};

export const milestoneLabels: Record<MilestoneKind, string> = {
  accepted: "Offer accepted",
  picked_up: "Picked up",
  departed: "Departed",
  arrived: "Arrived in the city",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
  locked: "Locked after too many wrong PINs",
};

const requestStatusLabels: Record<ShipmentRequestStatus, string> = { open: "Open", accepted: "Accepted", cancelled: "Cancelled", expired: "Expired" };
const offerStatusLabels: Record<OfferStatus, string> = { open: "Open", accepted: "Accepted", declined: "Declined", withdrawn: "Withdrawn" };
const tripStatusLabels: Record<TripStatus, string> = { scheduled: "Scheduled", cancelled: "Cancelled", completed: "Completed" };

// Labels for any value the API sends, including one this build does not know yet.
const labelFrom = (labels: Record<string, string>) => (value: string) => labels[value] ?? value.replaceAll("_", " ");
export const shipmentStatusLabel = labelFrom(shipmentStatusLabels);
export const milestoneLabel = labelFrom(milestoneLabels);
export const requestStatusLabel = labelFrom(requestStatusLabels);
export const offerStatusLabel = labelFrom(offerStatusLabels);
export const tripStatusLabel = labelFrom(tripStatusLabels);

/** "Berlin, Germany". */
export function placeName(place: Place): string {
  return `${place.city}, ${countryName(place.country)}`;
}

/** "Berlin → Dubai". */
export function routeName(from: Place, to: Place): string {
  return `${from.city} → ${to.city}`;
}

/** "2.5 kg", at most three decimals (the API's grams). */
export function formatWeightKg(weightKg: number): string {
  return `${Number(weightKg.toFixed(3)).toLocaleString()} kg`;
}

/** 0.873 → "87%". */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** "52.5200, 13.4050": four decimals, about ten metres. */
export function formatLatLng(lat: number, lng: number): string {
  return `${lat.toFixed(4)}, ${lng.toFixed(4)}`;
}

/** The last eight characters of an id, upper-cased: short enough to read out, as order numbers are. */
export function shortReference(id: string): string {
  return id.slice(-8).toUpperCase();
}
