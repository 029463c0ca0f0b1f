// Pure delivery rules: whether a listing can reach the buyer the chosen way, and what delivery costs.
import type { Delivery, ShippingOptions } from "../../db/schema";

export type DeliveryVerdict = { ok: true; shippingCostMinor: number } | { ok: false; detail: string };

/**
 * Shipping costs the listing's shipping cost once per order (not per unit), to a country the seller ships to; a listing
 * without shipping terms leaves delivery to the seller at no extra cost. Crowdship needs a crowdship-eligible listing and
 * adds nothing here: the traveller's reward is agreed and paid through the shipment request.
 */
export function deliveryCost(listing: { shipping: ShippingOptions | null; crowdshipEligible: boolean }, delivery: Delivery): DeliveryVerdict {
  if (delivery.method === "crowdship") {
    return listing.crowdshipEligible ? { ok: true, shippingCostMinor: 0 } : { ok: false, detail: "This listing cannot be delivered by crowdship." };
  }
  if (!listing.shipping) return { ok: true, shippingCostMinor: 0 };
  const regions = listing.shipping.regions.map((region) => region.toUpperCase());
  if (!regions.includes("WW") && !regions.includes(delivery.address.country)) {
    return { ok: false, detail: `The seller does not ship to ${delivery.address.country}.` };
  }
  return { ok: true, shippingCostMinor: listing.shipping.cost.amount };
}
