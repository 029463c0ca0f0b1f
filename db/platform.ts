// Tables every domain relies on: the transactional outbox, processed-event ids, the audit log, dead letters, idempotency keys.
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";

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

/**
 * One row per (user, Idempotency-Key) on money-moving POSTs: the request's hash, whether it is still running,
 * and once finished the response to replay. Rows expire after IDEMPOTENCY_KEY_TTL_SECONDS (cron deletes them).
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: text("user_id").notNull(),
    key: text("key").notNull(),
    /** SHA-256 (base64url) of method, path and body: the same key with another request is refused. */
    requestHash: text("request_hash").notNull(),
    state: text("state", { enum: ["in_progress", "completed"] }).notNull(),
    responseStatus: smallint("response_status"),
    responseContentType: text("response_content_type"),
    responseBody: text("response_body"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** While in progress, other requests with this key wait their turn (409); after it, a crashed run may be taken over. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.key] }), index("idempotency_keys_created_idx").on(table.createdAt)],
);
