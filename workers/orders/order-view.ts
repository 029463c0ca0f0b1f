// How an order is shown: the API shape built from its row, timeline and dispute, with the fee only for the seller and admins.
import type { Delivery, disputes, orders, orderTimeline } from "../../db/schema";
import type { Currency, Money } from "../platform/money";
import { platformFee } from "./escrow-math";
import { FINAL_STATUSES, type OrderStatus } from "./state-machine";

export type OrderRow = typeof orders.$inferSelect;
export type TimelineRow = typeof orderTimeline.$inferSelect;
export type DisputeRow = typeof disputes.$inferSelect;

/** How the caller stands to the order: decides what they see (the fee) and what they may do. */
export type Viewer = "buyer" | "seller" | "admin";

export interface OrderView {
  id: string;
  status: OrderStatus;
  source: OrderRow["source"];
  listingId: string;
  title: string;
  buyerId: string;
  sellerId: string;
  quantity: number;
  unitPrice: Money;
  shippingCost: Money;
  total: Money;
  /** Seller and admins only: the fee taken at release, what it will be at today's rate while open, 0 if it ended without a sale. */
  fee?: Money;
  /** What went back to the buyer from escrow, once anything did. */
  refunded?: Money;
  delivery: Delivery | null;
  paymentDueAt: string;
  paymentSource: "wallet" | "card" | null;
  carrier: string | null;
  trackingNumber: string | null;
  deliveredAt: string | null;
  /** When escrow goes to the seller by itself, while the order is delivered and undisputed. */
  autoReleaseAt: string | null;
  secondChanceOf: string | null;
  timeline: { status: OrderStatus; at: string; note?: string }[];
  dispute?: { id: string; status: DisputeRow["status"]; reason: DisputeRow["reason"]; outcome: DisputeRow["outcome"] };
  createdAt: string;
  updatedAt: string;
}

export interface ViewExtras {
  title: string;
  timeline: readonly TimelineRow[];
  dispute: DisputeRow | null;
  viewer: Viewer;
  feeBps: number;
  autoReleaseDays: number;
}

export function toOrderView(row: OrderRow, extras: ViewExtras): OrderView {
  const currency = row.currency as Currency;
  const money = (amount: number): Money => ({ amount, currency });
  const view: OrderView = {
    id: row.id,
    status: row.status,
    source: row.source,
    listingId: row.listingId,
    title: extras.title,
    buyerId: row.buyerId,
    sellerId: row.sellerId,
    quantity: row.quantity,
    unitPrice: money(row.unitPriceMinor),
    shippingCost: money(row.shippingCostMinor),
    total: money(row.totalMinor),
    delivery: row.delivery,
    paymentDueAt: row.paymentDueAt.toISOString(),
    paymentSource: row.paymentSource,
    carrier: row.carrier,
    trackingNumber: row.trackingNumber,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    autoReleaseAt: row.status === "delivered" && row.deliveredAt ? new Date(row.deliveredAt.getTime() + extras.autoReleaseDays * 86_400_000).toISOString() : null,
    secondChanceOf: row.secondChanceOf,
    timeline: extras.timeline.map((entry) => ({ status: entry.status, at: entry.at.toISOString(), ...(entry.note ? { note: entry.note } : {}) })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
  if (extras.viewer !== "buyer") view.fee = money(row.feeMinor ?? (FINAL_STATUSES.includes(row.status) ? 0 : platformFee(row.totalMinor, extras.feeBps)));
  if (row.refundedMinor > 0) view.refunded = money(row.refundedMinor);
  if (extras.dispute) view.dispute = { id: extras.dispute.id, status: extras.dispute.status, reason: extras.dispute.reason, outcome: extras.dispute.outcome };
  return view;
}
