// Tables owned by the orders domain: orders with their escrow amounts, each order's timeline, disputes and their messages.
import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export interface DeliveryAddress {
  name: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface Delivery {
  method: "shipping" | "crowdship";
  address: DeliveryAddress;
}

export interface DisputeEvidence {
  kind: "text" | "url";
  value: string;
}

const ORDER_STATUS_VALUES = ["pending_payment", "paid", "shipped", "in_transit", "delivered", "completed", "cancelled", "expired", "refunded", "disputed"] as const;

export const orders = pgTable(
  "orders",
  {
    id: text("id").primaryKey(),
    listingId: text("listing_id").notNull(),
    buyerId: text("buyer_id").notNull(),
    sellerId: text("seller_id").notNull(),
    source: text("source", { enum: ["fixed_price", "buy_now", "auction"] }).notNull(),
    status: text("status", { enum: ORDER_STATUS_VALUES }).notNull(),
    quantity: integer("quantity").notNull(),
    currency: text("currency").notNull(),
    unitPriceMinor: bigint("unit_price_minor", { mode: "number" }).notNull(),
    shippingCostMinor: bigint("shipping_cost_minor", { mode: "number" }).notNull(),
    /** unit price × quantity + shipping: what the buyer pays and what escrow holds. */
    totalMinor: bigint("total_minor", { mode: "number" }).notNull(),
    /** Set when escrow is released: the platform's fee on what the seller got (rate PLATFORM_FEE_BPS at that moment). */
    feeMinor: bigint("fee_minor", { mode: "number" }),
    /** What went back to the buyer from escrow (a cancellation after payment, or a dispute's refund). */
    refundedMinor: bigint("refunded_minor", { mode: "number" }).notNull().default(0),
    delivery: jsonb("delivery").$type<Delivery | null>(),
    paymentDueAt: timestamp("payment_due_at", { withTimezone: true }).notNull(),
    paymentSource: text("payment_source", { enum: ["wallet", "card"] }),
    /** The card payment paying this order (set when charged; a 3-D Secure one completes later through payment.succeeded). */
    paymentId: text("payment_id"),
    carrier: text("carrier"),
    trackingNumber: text("tracking_number"),
    /** Starts the auto-release clock. */
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /** The expired auction order this one offers to the runner-up ("second chance"); at most one per expired order. */
    secondChanceOf: text("second_chance_of"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("orders_buyer_idx").on(table.buyerId, table.createdAt, table.id),
    index("orders_seller_idx").on(table.sellerId, table.createdAt, table.id),
    // One order per auction and bidder: a redelivered auction.closed, or a Buy It Now racing its own event, finds the first.
    uniqueIndex("orders_auction_buyer_idx").on(table.listingId, table.buyerId).where(sql`${table.source} in ('auction', 'buy_now')`),
    uniqueIndex("orders_second_chance_idx").on(table.secondChanceOf),
    index("orders_payment_due_idx").on(table.paymentDueAt).where(sql`${table.status} = 'pending_payment'`),
    index("orders_delivered_idx").on(table.deliveredAt).where(sql`${table.status} = 'delivered'`),
    index("orders_payment_idx").on(table.paymentId),
    check("orders_amounts_valid", sql`${table.quantity} > 0 and ${table.unitPriceMinor} >= 0 and ${table.shippingCostMinor} >= 0 and ${table.totalMinor} = ${table.unitPriceMinor} * ${table.quantity} + ${table.shippingCostMinor}`),
    check("orders_refund_valid", sql`${table.refundedMinor} >= 0 and ${table.refundedMinor} <= ${table.totalMinor}`),
  ],
);

/** Every status an order reached, when, by whom, with an optional note: the order's `timeline`. Append-only. */
export const orderTimeline = pgTable(
  "order_timeline",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull().references(() => orders.id),
    status: text("status", { enum: ORDER_STATUS_VALUES }).notNull(),
    actorId: text("actor_id"),
    note: text("note"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (table) => [index("order_timeline_order_idx").on(table.orderId, table.at, table.id)],
);

/** At most one dispute per order: once resolved the order is final, so it cannot be disputed again. */
export const disputes = pgTable(
  "disputes",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull().references(() => orders.id),
    openedBy: text("opened_by").notNull(),
    reason: text("reason", { enum: ["not_received", "not_as_described", "damaged", "wrong_item", "other"] }).notNull(),
    status: text("status", { enum: ["open", "resolved"] }).notNull(),
    /** The status the order had when disputed (shipped, delivered…), kept for the admin deciding it. */
    orderStatusBefore: text("order_status_before").notNull(),
    outcome: text("outcome", { enum: ["refund", "partial_refund", "release"] }),
    refundMinor: bigint("refund_minor", { mode: "number" }),
    resolutionNote: text("resolution_note"),
    resolvedBy: text("resolved_by"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex("disputes_order_idx").on(table.orderId), index("disputes_status_idx").on(table.status, table.createdAt, table.id)],
);

export const disputeMessages = pgTable(
  "dispute_messages",
  {
    id: text("id").primaryKey(),
    disputeId: text("dispute_id").notNull().references(() => disputes.id),
    authorId: text("author_id").notNull(),
    authorRole: text("author_role", { enum: ["buyer", "seller", "admin"] }).notNull(),
    body: text("body").notNull(),
    evidence: jsonb("evidence").$type<DisputeEvidence[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("dispute_messages_dispute_idx").on(table.disputeId, table.createdAt, table.id)],
);
