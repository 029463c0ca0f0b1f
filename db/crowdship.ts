// Tables owned by the crowdship domain: travellers' trips, shipment requests, travellers' offers, and shipments.
// Weights are integer grams and money integer minor units: no floats are stored. Places are { city, country, lat, lng }.
import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export interface Place {
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Degrees, WGS 84. */
  lat: number;
  lng: number;
}

/** What a request asks to carry. `link` and `description` are for "buy this for me" requests. */
export interface ShipmentItem {
  title: string;
  description?: string | undefined;
  link?: string | undefined;
  category?: string | undefined;
}

export interface Milestone {
  kind: "accepted" | "picked_up" | "departed" | "arrived" | "out_for_delivery" | "delivered" | "locked";
  at: string;
  /** Where the courier was when it happened, if known. */
  lat?: number | undefined;
  lng?: number | undefined;
}

export const TRIP_STATUS_VALUES = ["scheduled", "cancelled", "completed"] as const;
export const REQUEST_STATUS_VALUES = ["open", "accepted", "cancelled", "expired"] as const;
export const OFFER_STATUS_VALUES = ["open", "accepted", "declined", "withdrawn"] as const;
export const SHIPMENT_STATUS_VALUES = ["accepted", "picked_up", "in_transit", "arrived", "out_for_delivery", "delivered", "locked", "cancelled"] as const;

export const trips = pgTable(
  "trips",
  {
    id: text("id").primaryKey(),
    travelerId: text("traveler_id").notNull(),
    fromPlace: jsonb("from_place").$type<Place>().notNull(),
    toPlace: jsonb("to_place").$type<Place>().notNull(),
    departAt: timestamp("depart_at", { withTimezone: true }).notNull(),
    arriveAt: timestamp("arrive_at", { withTimezone: true }).notNull(),
    capacityGrams: integer("capacity_grams").notNull(),
    /** Grams promised to accepted shipments: free capacity is capacity − reserved. */
    reservedGrams: integer("reserved_grams").notNull().default(0),
    /** Category slugs the traveller accepts; empty means any. */
    categories: text("categories").array().notNull().default(sql`'{}'::text[]`),
    notes: text("notes"),
    status: text("status", { enum: TRIP_STATUS_VALUES }).notNull().default("scheduled"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("trips_traveler_idx").on(table.travelerId, table.departAt),
    index("trips_open_window_idx").on(table.status, table.departAt),
    check("trips_capacity_positive", sql`${table.capacityGrams} > 0`),
    check("trips_reserved_within_capacity", sql`${table.reservedGrams} >= 0 AND ${table.reservedGrams} <= ${table.capacityGrams}`),
    check("trips_arrive_after_depart", sql`${table.arriveAt} > ${table.departAt}`),
  ],
);

export const shipmentRequests = pgTable(
  "shipment_requests",
  {
    id: text("id").primaryKey(),
    requesterId: text("requester_id").notNull(),
    /** Set when the request carries an order bought with delivery method crowdship; null for "buy this for me". */
    orderId: text("order_id"),
    item: jsonb("item").$type<ShipmentItem>().notNull(),
    weightGrams: integer("weight_grams").notNull(),
    currency: text("currency").notNull(),
    itemValueMinor: bigint("item_value_minor", { mode: "number" }).notNull(),
    /** The reward the requester offers up front, if any (same currency). */
    rewardMinor: bigint("reward_minor", { mode: "number" }),
    /** The platform's price quote at creation (workers/crowdship/pricing.ts). */
    quoteMinor: bigint("quote_minor", { mode: "number" }).notNull(),
    fromPlace: jsonb("from_place").$type<Place>().notNull(),
    toPlace: jsonb("to_place").$type<Place>().notNull(),
    readyAt: timestamp("ready_at", { withTimezone: true }).notNull(),
    deliverBy: timestamp("deliver_by", { withTimezone: true }).notNull(),
    status: text("status", { enum: REQUEST_STATUS_VALUES }).notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("shipment_requests_requester_idx").on(table.requesterId, table.createdAt),
    index("shipment_requests_open_idx").on(table.status, table.deliverBy),
    // One live request per order: a cancelled one may be replaced.
    uniqueIndex("shipment_requests_order_idx").on(table.orderId).where(sql`${table.orderId} IS NOT NULL AND ${table.status} <> 'cancelled'`),
    check("shipment_requests_weight_positive", sql`${table.weightGrams} > 0`),
    check("shipment_requests_value_nonnegative", sql`${table.itemValueMinor} >= 0`),
    check("shipment_requests_reward_positive", sql`${table.rewardMinor} IS NULL OR ${table.rewardMinor} > 0`),
    check("shipment_requests_deliver_after_ready", sql`${table.deliverBy} > ${table.readyAt}`),
  ],
);

export const shipmentOffers = pgTable(
  "shipment_offers",
  {
    id: text("id").primaryKey(),
    requestId: text("request_id").notNull(),
    tripId: text("trip_id").notNull(),
    travelerId: text("traveler_id").notNull(),
    priceMinor: bigint("price_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    pickupPlan: text("pickup_plan"),
    message: text("message"),
    status: text("status", { enum: OFFER_STATUS_VALUES }).notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("shipment_offers_request_idx").on(table.requestId, table.createdAt),
    index("shipment_offers_traveler_idx").on(table.travelerId, table.createdAt),
    // A traveller has at most one open offer per request and trip.
    uniqueIndex("shipment_offers_open_idx").on(table.requestId, table.tripId).where(sql`${table.status} = 'open'`),
    check("shipment_offers_price_positive", sql`${table.priceMinor} > 0`),
  ],
);

export const shipments = pgTable(
  "shipments",
  {
    id: text("id").primaryKey(),
    requestId: text("request_id").notNull(),
    offerId: text("offer_id").notNull(),
    tripId: text("trip_id").notNull(),
    travelerId: text("traveler_id").notNull(),
    requesterId: text("requester_id").notNull(),
    /** The order carried, and its seller (a watcher), when the request came from an order. */
    orderId: text("order_id"),
    sellerId: text("seller_id"),
    weightGrams: integer("weight_grams").notNull(),
    currency: text("currency").notNull(),
    /** The accepted offer's price: held from the requester's wallet at acceptance, released to the traveller at delivery. */
    rewardMinor: bigint("reward_minor", { mode: "number" }).notNull(),
    /**
     * "Buy this for me": the item's declared price, which the traveller pays in A. Held with the reward at acceptance and
     * reimbursed to the traveller at delivery (no fee on it). 0 when the request carries an order: its own escrow pays the seller.
     */
    itemCostMinor: bigint("item_cost_minor", { mode: "number" }).notNull().default(0),
    /** HMAC-SHA-256 of the 6-digit delivery PIN; the PIN itself is shown once, to the requester. */
    pinHash: text("pin_hash").notNull(),
    fromPlace: jsonb("from_place").$type<Place>().notNull(),
    toPlace: jsonb("to_place").$type<Place>().notNull(),
    deliverBy: timestamp("deliver_by", { withTimezone: true }).notNull(),
    /** The trip's planned arrival: the ETA before any position is known. */
    plannedArriveAt: timestamp("planned_arrive_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: SHIPMENT_STATUS_VALUES }).notNull().default("accepted"),
    /** Milestones as recorded by the CourierSession, oldest first (the object is the live truth; this is the record). */
    milestones: jsonb("milestones").$type<Milestone[]>().notNull().default([]),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /** The requester's 1–5 rating of the traveller after delivery. */
    rating: integer("rating"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("shipments_request_idx").on(table.requestId),
    index("shipments_traveler_idx").on(table.travelerId, table.createdAt),
    index("shipments_requester_idx").on(table.requesterId, table.createdAt),
    index("shipments_trip_idx").on(table.tripId),
    check("shipments_reward_positive", sql`${table.rewardMinor} > 0`),
    check("shipments_item_cost_nonnegative", sql`${table.itemCostMinor} >= 0`),
    check("shipments_rating_range", sql`${table.rating} IS NULL OR ${table.rating} BETWEEN 1 AND 5`),
  ],
);
