// What an order page shows and offers: status words, who is looking, and which actions fit that role in that status.
import type { Money, Order, OrderRole, OrderStatus } from "../../api/types";

export const orderStatusLabels: Record<OrderStatus, string> = {
  pending_payment: "Awaiting payment",
  paid: "Paid",
  shipped: "Shipped",
  in_transit: "In transit",
  delivered: "Delivered",
  completed: "Completed",
  cancelled: "Cancelled",
  expired: "Expired",
  refunded: "Refunded",
  disputed: "In dispute",
};

/** A label for any status the API sends, including one this build does not know yet. */
export function orderStatusLabel(status: string): string {
  return (orderStatusLabels as Record<string, string>)[status] ?? status.replaceAll("_", " ");
}

export const orderStatuses = Object.keys(orderStatusLabels) as OrderStatus[];

export function parseOrderStatus(value: string | null): OrderStatus | null {
  return value !== null && (orderStatuses as string[]).includes(value) ? (value as OrderStatus) : null;
}

export type OrderAction = "pay" | "cancel" | "ship" | "mark_delivered" | "confirm_delivery" | "open_dispute";

// The order service's state machine decides; this only keeps buttons off the page that would surely be refused.
const actionsByRole: Record<OrderRole, Partial<Record<OrderStatus, readonly OrderAction[]>>> = {
  buyer: {
    pending_payment: ["pay", "cancel"],
    paid: ["open_dispute"],
    shipped: ["confirm_delivery", "open_dispute"],
    in_transit: ["confirm_delivery", "open_dispute"],
    delivered: ["confirm_delivery", "open_dispute"],
  },
  seller: {
    pending_payment: ["cancel"],
    // A seller who cannot send the item cancels, and the buyer's escrow comes back to them.
    paid: ["ship", "cancel"],
    shipped: ["mark_delivered"],
    in_transit: ["mark_delivered"],
  },
};

/** The actions the viewer may take on the order now; crowdshipped orders are delivered by the traveller's PIN, not by the seller. */
export function orderActions(order: Pick<Order, "status" | "delivery">, role: OrderRole): readonly OrderAction[] {
  const actions = actionsByRole[role][order.status] ?? [];
  if (order.delivery?.method === "crowdship") return actions.filter((action) => action !== "ship" && action !== "mark_delivered");
  return actions;
}

/** Who the viewer is on this order; null for anyone else (an admin looking at it). */
export function viewerRole(order: Pick<Order, "buyerId" | "sellerId">, userId: string | null): OrderRole | null {
  if (userId === null) return null;
  if (order.buyerId === userId) return "buyer";
  if (order.sellerId === userId) return "seller";
  return null;
}

/** What the seller receives when escrow is released: the total less the platform's fee; null while the fee is unknown. */
export function sellerPayout(order: Pick<Order, "total" | "fee">): Money | null {
  if (order.fee === undefined || order.fee.currency !== order.total.currency) return null;
  return { amount: order.total.amount - order.fee.amount, currency: order.total.currency };
}

// Statuses after which nothing more happens to the order.
const finalStatuses: ReadonlySet<OrderStatus> = new Set(["completed", "cancelled", "expired", "refunded"]);

export function isFinal(status: OrderStatus): boolean {
  return finalStatuses.has(status);
}

/** "ord_01J…XYZ" → "XYZ12345": the end of the id, which is the part that differs between orders made close together. */
export function shortOrderNumber(orderId: string): string {
  return orderId.slice(-8).toUpperCase();
}
