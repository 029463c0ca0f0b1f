// Tables owned by the search domain: query analytics, click-through, and term popularity for suggestions.
import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

export const searchQueries = pgTable(
  "search_queries",
  {
    id: text("id").primaryKey(),
    /** Lower-cased, whitespace-collapsed text ("" for a browse with filters only). */
    normalizedQuery: text("normalized_query").notNull(),
    filters: jsonb("filters").$type<Record<string, unknown>>().notNull().default({}),
    resultCount: integer("result_count").notNull(),
    latencyMs: integer("latency_ms").notNull(),
    engine: text("engine").notNull(),
    userId: text("user_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("search_queries_at_idx").on(table.at), index("search_queries_text_idx").on(table.normalizedQuery, table.at)],
);

export const searchClicks = pgTable(
  "search_clicks",
  {
    id: text("id").primaryKey(),
    queryId: text("query_id").notNull().references(() => searchQueries.id),
    listingId: text("listing_id").notNull(),
    position: integer("position").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("search_clicks_query_idx").on(table.queryId)],
);

/** How often each normalized query was searched (and returned results): ranks autocomplete suggestions. */
export const searchTerms = pgTable(
  "search_terms",
  {
    term: text("term").primaryKey(),
    searches: integer("searches").notNull().default(0),
    lastSearchedAt: timestamp("last_searched_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("search_terms_prefix_idx").on(sql`${table.term} text_pattern_ops`)],
);
