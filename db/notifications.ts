// Tables owned by the notifications domain: each user's in-app inbox.
import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const notifications = pgTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    data: jsonb("data").notNull().default({}),
    /** The event that caused it: one notification per (event, kind, recipient) even if the event is delivered twice. */
    sourceEventId: text("source_event_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (table) => [
    index("notifications_user_idx").on(table.userId, table.createdAt),
    // The recipient is part of the key: one event (a shipment's milestone) tells several people the same kind of news.
    uniqueIndex("notifications_source_idx").on(table.sourceEventId, table.kind, table.userId),
  ],
);
