// Pure buy-form logic: reading the quantity and the total shown before the order is placed (the server computes the real one).
import type { Money } from "../../api/types";

export type ParsedQuantity = { ok: true; quantity: number } | { ok: false; message: string };

export function parseQuantity(text: string, available: number): ParsedQuantity {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { ok: false, message: "Enter a whole number of items." };
  const quantity = Number(trimmed);
  if (quantity < 1) return { ok: false, message: "Buy at least 1." };
  if (quantity > available) return { ok: false, message: available === 1 ? "Only 1 is available." : `Only ${available} are available.` };
  return { ok: true, quantity };
}

/** Price × quantity plus shipping, once per order, in minor units; shipping in another currency is left for the server. */
export function previewTotal(price: Money, quantity: number, shipping: Money | null): Money {
  const items = price.amount * quantity;
  const shippingMinor = shipping !== null && shipping.currency === price.currency ? shipping.amount : 0;
  return { amount: items + shippingMinor, currency: price.currency };
}
