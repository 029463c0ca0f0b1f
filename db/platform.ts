// Tables every domain relies on: the transactional outbox, processed-event ids, the audit log, dead letters.
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** Events written in the same transaction as the change; relayed to the `events` queue after commit. */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    relayAttempts: integer("relay_attempts").notNull().default(0),
  },
  (table) => [index("outbox_events_unpublished_idx").on(table.occurredAt).where(sql`${table.publishedAt} is null`)],
);

/** One row per (consumer, event) handled, so a redelivered event is a no-op for that consumer. */
export const processedEvents = pgTable(
  "processed_events",
  {
    consumer: text("consumer").notNull(),
    eventId: text("event_id").notNull(),
    processedAt: timestamp("processed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.consumer, table.eventId] })],
);

/** Events that exhausted their retries and arrived through the dead-letter queue. */
export const deadLetterEvents = pgTable("dead_letter_events", {
  eventId: text("event_id").primaryKey(),
  type: text("type").notNull(),
  payload: jsonb("payload").notNull(),
  attempts: integer("attempts").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Append-only record of privileged and security-relevant actions (a trigger refuses UPDATE and DELETE). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id"),
    requestId: text("request_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    details: jsonb("details").notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("audit_log_actor_idx").on(table.actorId, table.at), index("audit_log_subject_idx").on(table.subjectType, table.subjectId)],
);
