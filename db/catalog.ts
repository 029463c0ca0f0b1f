// Tables owned by the catalog domain: the category tree, listings with their auction terms, images, and stock reservations.
import { sql, type SQL } from "drizzle-orm";
import { bigint, boolean, check, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import type { Money } from "../workers/platform/money";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export interface AttributeDefinition {
  name: string;
  type: "string" | "number" | "enum";
  required: boolean;
  options?: string[];
}

export interface ShippingOptions {
  shipsFrom: { country: string; city?: string };
  /** ISO 3166-1 alpha-2 codes the seller ships to; ["WW"] = worldwide. */
  regions: string[];
  cost: Money;
}

export const categories = pgTable(
  "categories",
  {
    id: text("id").primaryKey(),
    parentId: text("parent_id"),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    /** Slugs from the root, "electronics/phones": descendants are a prefix match. */
    path: text("path").notNull(),
    position: integer("position").notNull(),
    attributes: jsonb("attributes").$type<AttributeDefinition[]>().notNull().default([]),
  },
  (table) => [uniqueIndex("categories_path_idx").on(table.path), index("categories_parent_idx").on(table.parentId)],
);

export const listings = pgTable(
  "listings",
  {
    id: text("id").primaryKey(),
    sellerId: text("seller_id").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    categoryId: text("category_id").notNull().references(() => categories.id),
    /** The category's path, copied so "this category and its descendants" is one indexed prefix match. */
    categoryPath: text("category_path").notNull(),
    condition: text("condition", { enum: ["new", "used", "refurbished"] }).notNull(),
    format: text("format", { enum: ["fixed", "auction"] }).notNull(),
    status: text("status", { enum: ["draft", "active", "ended", "sold"] }).notNull(),
    currency: text("currency").notNull(),
    /** Fixed price, or for an auction its current visible price (the start price until the first bid). */
    priceMinor: bigint("price_minor", { mode: "number" }).notNull(),
    startPriceMinor: bigint("start_price_minor", { mode: "number" }),
    reservePriceMinor: bigint("reserve_price_minor", { mode: "number" }),
    buyItNowPriceMinor: bigint("buy_it_now_price_minor", { mode: "number" }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    closeMode: text("close_mode", { enum: ["hard", "soft"] }),
    softCloseSeconds: integer("soft_close_seconds"),
    bidCount: integer("bid_count").notNull().default(0),
    quantity: integer("quantity").notNull(),
    /** quantity less active reservations and sales: what a buyer can still take. */
    quantityAvailable: integer("quantity_available").notNull(),
    attributes: jsonb("attributes").$type<Record<string, string | number>>().notNull().default({}),
    shipping: jsonb("shipping").$type<ShippingOptions | null>(),
    /** Countries this listing ships to, for the ships-to filter ("WW" = anywhere). */
    shipsTo: text("ships_to").array().notNull().default(sql`'{}'::text[]`),
    crowdshipEligible: boolean("crowdship_eligible").notNull().default(false),
    /** The first image, kept here so list views (search, my listings) need no join. */
    primaryImageId: text("primary_image_id"),
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      (): SQL => sql`setweight(to_tsvector('english', coalesce(${listings.title}, '')), 'A') || setweight(to_tsvector('english', coalesce(${listings.description}, '')), 'B')`,
    ),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (table) => [
    index("listings_seller_idx").on(table.sellerId, table.createdAt),
    index("listings_search_idx").using("gin", table.searchVector),
    index("listings_title_trgm_idx").using("gin", sql`${table.title} gin_trgm_ops`),
    index("listings_category_path_idx").on(sql`${table.categoryPath} text_pattern_ops`),
    index("listings_active_created_idx").on(table.createdAt, table.id).where(sql`${table.status} = 'active'`),
    index("listings_active_price_idx").on(table.currency, table.priceMinor, table.id).where(sql`${table.status} = 'active'`),
    index("listings_active_ends_idx").on(table.endsAt, table.id).where(sql`${table.status} = 'active'`),
    index("listings_ships_to_idx").using("gin", table.shipsTo),
    // Covers facet counting for category browsing (index-only scans): browse 24 → 13 ms, unfiltered 79 → 24 ms at 100k rows.
    index("listings_active_facets_idx")
      .on(sql`${table.categoryPath} text_pattern_ops`, table.categoryId, table.condition, table.format, table.crowdshipEligible)
      .where(sql`${table.status} = 'active'`),
    check("listings_quantity_available_range", sql`${table.quantityAvailable} >= 0 and ${table.quantityAvailable} <= ${table.quantity}`),
    check("listings_price_non_negative", sql`${table.priceMinor} >= 0`),
  ],
);

export const listingImages = pgTable(
  "listing_images",
  {
    id: text("id").primaryKey(),
    listingId: text("listing_id").notNull().references(() => listings.id),
    objectKey: text("object_key").notNull(),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    position: integer("position").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("listing_images_listing_idx").on(table.listingId, table.position)],
);

/** Stock held for an order until it is paid (consumed), cancelled or expires (released). */
export const stockReservations = pgTable(
  "stock_reservations",
  {
    id: text("id").primaryKey(),
    listingId: text("listing_id").notNull().references(() => listings.id),
    quantity: integer("quantity").notNull(),
    /** Who holds it, e.g. an order id; one active reservation per (listing, holder). */
    holderRef: text("holder_ref").notNull(),
    status: text("status", { enum: ["active", "consumed", "released"] }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("stock_reservations_holder_idx").on(table.listingId, table.holderRef),
    index("stock_reservations_expiry_idx").on(table.expiresAt).where(sql`${table.status} = 'active'`),
    check("stock_reservations_quantity_positive", sql`${table.quantity} > 0`),
  ],
);
