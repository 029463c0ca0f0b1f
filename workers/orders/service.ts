// The orders domain's public face (docs/money.md, Orders contract): other domains import only from here.
import type { ServiceContext } from "../platform/context";
import type { Queryable } from "../platform/db";
import { platformFee } from "./escrow-math";
import { feeBps, findOrder } from "./order-store";
import type { OrderRow } from "./order-view";

export { buyNowOrder } from "./auction-orders";
export { confirmDeliveredByCourier, markDelivered, markInTransit } from "./fulfilment-service";
export { escrowReferences } from "./escrow";
export { OrderSchema } from "./schemas";
export type { ActingParty } from "./order-actions";
export type { OrderView } from "./order-view";
export type { OrderStatus } from "./state-machine";

/** What another domain needs to know about an order (crowdship: who ships what where), or null when there is none. */
export async function orderSummary(q: Queryable, orderId: string): Promise<Pick<OrderRow, "id" | "status" | "buyerId" | "sellerId" | "listingId" | "delivery" | "totalMinor" | "currency"> | null> {
  const row = await findOrder(q, orderId);
  if (!row) return null;
  return { id: row.id, status: row.status, buyerId: row.buyerId, sellerId: row.sellerId, listingId: row.listingId, delivery: row.delivery, totalMinor: row.totalMinor, currency: row.currency };
}

/** The platform fee on a released amount, at the same rate and rounding as an order's (crowdship rewards use it). */
export const platformFeeOn = (ctx: ServiceContext, amountMinor: number): number => platformFee(amountMinor, feeBps(ctx));
