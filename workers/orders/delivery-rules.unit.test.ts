// Delivery rules: where a listing ships, what shipping costs, and when crowdship is possible.
import { describe, expect, it } from "vitest";
import type { Delivery } from "../../db/schema";
import { deliveryCost } from "./delivery-rules";

const address = (country: string): Delivery["address"] => ({ name: "A", line1: "1 Street", city: "Town", postalCode: "1000", country });
const shipping = (regions: string[]) => ({ shipsFrom: { country: "US" }, regions, cost: { amount: 700, currency: "USD" as const } });

describe("deliveryCost", () => {
  it("charges the listing's shipping cost to a listed country or anywhere for WW, whatever the case of the region code", () => {
    expect(deliveryCost({ shipping: shipping(["US", "ca"]), crowdshipEligible: false }, { method: "shipping", address: address("CA") })).toEqual({ ok: true, shippingCostMinor: 700 });
    expect(deliveryCost({ shipping: shipping(["WW"]), crowdshipEligible: false }, { method: "shipping", address: address("JP") })).toEqual({ ok: true, shippingCostMinor: 700 });
  });

  it("refuses a country the seller does not ship to, naming it", () => {
    expect(deliveryCost({ shipping: shipping(["US"]), crowdshipEligible: true }, { method: "shipping", address: address("FR") })).toEqual({ ok: false, detail: "The seller does not ship to FR." });
  });

  it("costs nothing to ship without shipping terms, or by crowdship on an eligible listing; crowdship elsewhere is refused", () => {
    expect(deliveryCost({ shipping: null, crowdshipEligible: false }, { method: "shipping", address: address("FR") })).toEqual({ ok: true, shippingCostMinor: 0 });
    expect(deliveryCost({ shipping: shipping(["US"]), crowdshipEligible: true }, { method: "crowdship", address: address("FR") })).toEqual({ ok: true, shippingCostMinor: 0 });
    expect(deliveryCost({ shipping: shipping(["WW"]), crowdshipEligible: false }, { method: "crowdship", address: address("US") })).toEqual({ ok: false, detail: "This listing cannot be delivered by crowdship." });
  });
});
