// The event pipeline: outbox in the same transaction, relay after commit and by cron, idempotent consumers, retries, dead letters.
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from "cloudflare:test";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deadLetterEvents, notifications, outboxEvents, processedEvents } from "../../db/schema";
import worker from "../index";
import { newId } from "../platform/ids";
import { call, registerUser, testEnv, withDatabase } from "../test-support/api";

const POLL_INTERVAL_MS = 50;
const POLL_MAX_ATTEMPTS = 100; // 5 s

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < POLL_MAX_ATTEMPTS && !done(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    value = await read();
  }
  return value;
}

function welcomeEvent(userId: string, id = newId("event")) {
  return { id, type: "user.registered", occurredAt: new Date().toISOString(), payload: { userId, email: "x@example.com", displayName: "X" } };
}

async function deliver(queue: string, bodies: unknown[], env = testEnv) {
  const batch = createMessageBatch(queue, bodies.map((body, index) => ({ id: `msg-${crypto.randomUUID()}-${index}`, timestamp: new Date(), attempts: 1, body })));
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx) as Promise<{ explicitAcks: string[]; retryMessages: { msgId: string }[] }>;
}

async function notificationsFor(userId: string) {
  return withDatabase((db) => db.orm.select().from(notifications).where(eq(notifications.userId, userId)));
}

describe("the outbox", () => {
  it("writes user.registered in the registration's transaction and publishes it after commit", async () => {
    const user = await registerUser("outbox");
    const rows = await eventually(
      () => withDatabase((db) => db.orm.select().from(outboxEvents).where(and(eq(outboxEvents.type, "user.registered"), sql`${outboxEvents.payload}->>'userId' = ${user.id}`))),
      (found) => found.length === 1 && found[0]!.publishedAt !== null,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.publishedAt).not.toBeNull();
    expect(rows[0]!.payload).toMatchObject({ userId: user.id, email: user.email });
  });

  it("writes nothing when the change is rolled back (a taken email)", async () => {
    const user = await registerUser("rollback");
    await call("POST", "/v1/auth/register", { body: { email: user.email, password: "another-long-password", displayName: "Dup" } });
    const rows = await withDatabase((db) => db.orm.select().from(outboxEvents).where(sql`${outboxEvents.payload}->>'email' = ${user.email}`));
    expect(rows).toHaveLength(1);
  });

  it("is relayed by cron when the after-commit relay missed it", async () => {
    const id = newId("event");
    await withDatabase((db) =>
      db.orm.insert(outboxEvents).values({ id, type: "user.registered", payload: { userId: "usr_cron", email: "c@example.com", displayName: "C" }, occurredAt: new Date(Date.now() - 60_000) }),
    );
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "* * * * *", scheduledTime: Date.now() }), testEnv, ctx);
    const [row] = await withDatabase((db) => db.orm.select().from(outboxEvents).where(eq(outboxEvents.id, id)));
    expect(row?.publishedAt).not.toBeNull();
  });
});

describe("the events consumer", () => {
  it("delivers a registration to the welcome notification end to end through the real queue", async () => {
    const user = await registerUser("welcome");
    const inbox = await eventually(
      () => call("GET", "/v1/me/notifications", { token: user.accessToken }),
      (response) => response.body.items?.length === 1,
    );
    expect(inbox.status).toBe(200);
    expect(inbox.body.items[0]).toMatchObject({ kind: "welcome", title: "Welcome to Mnbara, Test welcome", readAt: null });
    expect(inbox.body.nextCursor).toBeNull();
  });

  it("treats a duplicate delivery as a no-op: one notification, one processed row", async () => {
    const userId = newId("user");
    const event = welcomeEvent(userId);
    const first = await deliver("events", [event]);
    const second = await deliver("events", [event]);
    expect(first.explicitAcks).toHaveLength(1);
    expect(second.explicitAcks).toHaveLength(1);
    expect(await notificationsFor(userId)).toHaveLength(1);
    const processed = await withDatabase((db) => db.orm.select().from(processedEvents).where(eq(processedEvents.eventId, event.id)));
    expect(processed.map((row) => row.consumer)).toEqual(["notifications.welcome"]);
  });

  it("retries with exponential backoff when a handler fails, and records nothing", async () => {
    const userId = newId("user");
    const result = await deliver("events", [welcomeEvent(userId)], { ...testEnv, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    // The delay itself (5 s on a first attempt, doubling) is covered by the backoff unit tests; the pool records only the retry.
    expect(result.retryMessages).toHaveLength(1);
    expect(result.explicitAcks).toHaveLength(0);
    expect(await notificationsFor(userId)).toHaveLength(0);
  });

  it("moves an unreadable message to dead letters instead of retrying it forever", async () => {
    const result = await deliver("events", [{ nonsense: true }]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toHaveLength(0);
    const rows = await withDatabase((db) => db.orm.select().from(deadLetterEvents).where(eq(deadLetterEvents.type, "unreadable")));
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });

  it("stores events arriving on the dead-letter queue for an operator", async () => {
    const event = welcomeEvent(newId("user"));
    const result = await deliver("events-dlq", [event]);
    expect(result.explicitAcks).toHaveLength(1);
    const [row] = await withDatabase((db) => db.orm.select().from(deadLetterEvents).where(eq(deadLetterEvents.eventId, event.id)));
    expect(row).toMatchObject({ type: "user.registered", attempts: 1 });
  });
});
