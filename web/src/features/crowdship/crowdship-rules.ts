// Pure crowdship form logic: reading places, weights and times from form text, and the words for PIN failures and offer prices.
import { ApiError } from "../../api/api-error";
import type { Money, Place } from "../../api/types";
import { errorMessage } from "../../components/error-message";
import { countryCodes } from "../catalog/countries";
import { parseAmount } from "../catalog/money";

type Errors = Record<string, string>;
export type PlacePrefix = "from" | "to";

// Mirrors the API: weights in kg with at most gram precision; a city name like the order address's.
const weightDecimalsMax = 3;
const cityLengthMax = 100;

export const placeFieldNames = (prefix: PlacePrefix) => [`${prefix}City`, `${prefix}Country`, `${prefix}Lat`, `${prefix}Lng`] as const;

/** The place typed (or filled from the city list) under `prefix`, or null after adding why not to `errors`. */
export function readPlace(values: Record<string, string>, prefix: PlacePrefix, errors: Errors): Place | null {
  const city = (values[`${prefix}City`] ?? "").trim();
  const country = (values[`${prefix}Country`] ?? "").trim().toUpperCase();
  const before = Object.keys(errors).length;
  if (city === "") errors[`${prefix}City`] = "Enter the city.";
  else if (city.length > cityLengthMax) errors[`${prefix}City`] = `Use at most ${cityLengthMax} characters.`;
  if (!countryCodes.has(country)) errors[`${prefix}Country`] = "Enter the country's two-letter code, like DE or AE.";
  const lat = readCoordinate(values[`${prefix}Lat`] ?? "", 90);
  if (lat === null) errors[`${prefix}Lat`] = "Enter a latitude between -90 and 90.";
  const lng = readCoordinate(values[`${prefix}Lng`] ?? "", 180);
  if (lng === null) errors[`${prefix}Lng`] = "Enter a longitude between -180 and 180.";
  if (Object.keys(errors).length > before || lat === null || lng === null) return null;
  return { city, country, lat, lng };
}

/** Degrees within ±limit, or null. */
export function readCoordinate(text: string, limit: number): number | null {
  const trimmed = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Math.abs(value) <= limit ? value : null;
}

/** A positive weight in kg with at most three decimals (whole grams), or the reason it is not one. */
export function readWeightKg(text: string): { ok: true; weightKg: number } | { ok: false; message: string } {
  const trimmed = text.trim().replace(",", ".");
  const match = /^(\d+)(?:\.(\d+))?$/.exec(trimmed);
  if (match === null) return { ok: false, message: "Enter the weight in kilograms, like 1.5." };
  if ((match[2] ?? "").length > weightDecimalsMax) return { ok: false, message: "Use at most three decimals (whole grams)." };
  const weightKg = Number(trimmed);
  return weightKg > 0 ? { ok: true, weightKg } : { ok: false, message: "The weight must be above zero." };
}

/** A positive amount of `currency` typed as text, or the reason it is not one. */
export function readPositiveMoney(text: string, currency: string): { ok: true; money: Money } | { ok: false; message: string } {
  const parsed = parseAmount(text, currency);
  if (!parsed.ok) return parsed;
  return parsed.amountMinor > 0 ? { ok: true, money: { amount: parsed.amountMinor, currency } } : { ok: false, message: "The amount must be above zero." };
}

/** A datetime-local value ("2025-03-01T18:30", the reader's time zone) as an ISO instant, or null when empty or invalid. */
export function readDateTimeLocal(text: string): string | null {
  if (text.trim() === "") return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** What a failed PIN means to the traveller: how many tries are left, or that the shipment is now locked. */
export function pinFailureMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === "WRONG_PIN") {
    const left = error.extensions.attemptsLeft;
    if (typeof left === "number") {
      return left === 0 ? "That PIN is wrong. No tries are left." : `That PIN is wrong. ${left} ${left === 1 ? "try" : "tries"} left before the shipment locks.`;
    }
    return "That PIN is wrong.";
  }
  if (error instanceof ApiError && error.code === "SHIPMENT_LOCKED") return "This shipment is locked after too many wrong PINs. An admin must unlock it before you can try again.";
  return errorMessage(error);
}

/** "At the quote", "12% below the quote", "5% above the quote"; null when the currencies differ. */
export function priceAgainstQuote(price: Money, quote: Money): string | null {
  if (price.currency !== quote.currency || quote.amount <= 0) return null;
  const percent = Math.round(((price.amount - quote.amount) / quote.amount) * 100);
  if (percent === 0) return "At the quote";
  return percent < 0 ? `${-percent}% below the quote` : `${percent}% above the quote`;
}
