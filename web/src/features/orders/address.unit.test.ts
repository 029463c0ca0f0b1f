// The buy form's delivery address is checked field by field before the order is placed.
import { describe, expect, it } from "vitest";
import { addressLines, parseAddress } from "./address";

const complete = { name: " Ada Buyer ", line1: "1 Main St", line2: "", city: "Berlin", postalCode: "10115", country: "DE" };

describe("parseAddress", () => {
  it("trims the values and leaves out an empty second line", () => {
    expect(parseAddress(complete)).toEqual({ ok: true, address: { name: "Ada Buyer", line1: "1 Main St", city: "Berlin", postalCode: "10115", country: "DE" } });
  });

  it("keeps a second line when one is given", () => {
    expect(parseAddress({ ...complete, line2: "Flat 2" })).toEqual({
      ok: true,
      address: { name: "Ada Buyer", line1: "1 Main St", line2: "Flat 2", city: "Berlin", postalCode: "10115", country: "DE" },
    });
  });

  it("names every missing required field", () => {
    expect(parseAddress({ name: "", line1: " ", line2: "", city: "", postalCode: "", country: "" })).toEqual({
      ok: false,
      errors: {
        name: "Enter the name to deliver to.",
        line1: "Enter the street address.",
        city: "Enter the town or city.",
        postalCode: "Enter the postal code.",
        country: "Choose the country.",
      },
    });
  });

  it("refuses a country that is not an ISO code and a postal code over the limit", () => {
    expect(parseAddress({ ...complete, country: "XX", postalCode: "1".repeat(17) })).toEqual({
      ok: false,
      errors: { postalCode: "Use at most 16 characters.", country: "Choose the country." },
    });
  });

  it("accepts a postal code at exactly the limit", () => {
    expect(parseAddress({ ...complete, postalCode: "1".repeat(16) }).ok).toBe(true);
  });
});

describe("addressLines", () => {
  it("writes the address one part per line, the country by name", () => {
    expect(addressLines({ name: "Ada", line1: "1 Main St", city: "Berlin", postalCode: "10115", country: "DE" }, (code) => `[${code}]`)).toEqual([
      "Ada",
      "1 Main St",
      "10115 Berlin",
      "[DE]",
    ]);
  });
});
