// Crowdship forms read places, weights and money exactly, and PIN failures say how many tries are left.
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/api-error";
import { pinFailureMessage, priceAgainstQuote, readCoordinate, readPlace, readPositiveMoney, readWeightKg } from "./crowdship-rules";

describe("readPlace", () => {
  it("reads a place, upper-casing the country", () => {
    const errors = {};
    expect(readPlace({ fromCity: " Berlin ", fromCountry: "de", fromLat: "52.52", fromLng: "13.405" }, "from", errors)).toEqual({ city: "Berlin", country: "DE", lat: 52.52, lng: 13.405 });
    expect(errors).toEqual({});
  });

  it("names every missing or out-of-range part", () => {
    const errors: Record<string, string> = {};
    expect(readPlace({ toCity: "", toCountry: "XX", toLat: "91", toLng: "abc" }, "to", errors)).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(["toCity", "toCountry", "toLat", "toLng"]);
  });
});

describe("readCoordinate", () => {
  it("accepts the exact limits and refuses one past them", () => {
    expect(readCoordinate("-90", 90)).toBe(-90);
    expect(readCoordinate("180", 180)).toBe(180);
    expect(readCoordinate("180.0001", 180)).toBeNull();
    expect(readCoordinate("1e2", 180)).toBeNull();
  });
});

describe("readWeightKg", () => {
  it("reads grams precision and refuses finer, zero and text", () => {
    expect(readWeightKg("1.25")).toEqual({ ok: true, weightKg: 1.25 });
    expect(readWeightKg("0,5")).toEqual({ ok: true, weightKg: 0.5 });
    expect(readWeightKg("0.0005").ok).toBe(false);
    expect(readWeightKg("0").ok).toBe(false);
    expect(readWeightKg("heavy").ok).toBe(false);
  });
});

describe("readPositiveMoney", () => {
  it("reads exact minor units and refuses zero", () => {
    expect(readPositiveMoney("12.50", "USD")).toEqual({ ok: true, money: { amount: 1250, currency: "USD" } });
    expect(readPositiveMoney("0", "USD").ok).toBe(false);
  });
});

describe("pinFailureMessage", () => {
  it("counts the tries left on a wrong PIN", () => {
    expect(pinFailureMessage(new ApiError(422, "WRONG_PIN", "Wrong PIN.", [], null, { attemptsLeft: 3 }))).toBe("That PIN is wrong. 3 tries left before the shipment locks.");
    expect(pinFailureMessage(new ApiError(422, "WRONG_PIN", "Wrong PIN.", [], null, { attemptsLeft: 1 }))).toBe("That PIN is wrong. 1 try left before the shipment locks.");
  });

  it("says a locked shipment needs an admin", () => {
    expect(pinFailureMessage(new ApiError(409, "SHIPMENT_LOCKED", "Locked."))).toMatch(/^This shipment is locked/);
  });
});

describe("priceAgainstQuote", () => {
  it("compares in whole percent, and not across currencies", () => {
    expect(priceAgainstQuote({ amount: 1000, currency: "USD" }, { amount: 1000, currency: "USD" })).toBe("At the quote");
    expect(priceAgainstQuote({ amount: 880, currency: "USD" }, { amount: 1000, currency: "USD" })).toBe("12% below the quote");
    expect(priceAgainstQuote({ amount: 1050, currency: "USD" }, { amount: 1000, currency: "USD" })).toBe("5% above the quote");
    expect(priceAgainstQuote({ amount: 1050, currency: "EUR" }, { amount: 1000, currency: "USD" })).toBeNull();
  });
});
