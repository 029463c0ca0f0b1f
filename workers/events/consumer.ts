// Queue consumers: `events` dispatches each event to its handlers exactly once per consumer; `events-dlq` records what gave up.
import { z } from "zod";
import { deadLetterEvents, processedEvents } from "../../db/schema";
import type { AppEnv } from "../env";
import { createScope, type ServiceContext } from "../platform/context";
import { inTransaction, type EventEnvelope, type EventType } from "../platform/events";
import { errorFields, type Logger } from "../platform/logger";
import { retryDelaySeconds } from "./backoff";
import { BATCH_EVENT_HANDLERS, batchHandlersFor, handlersFor } from "./registry";

const EnvelopeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  occurredAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

/** A message whose per-event handlers succeeded, waiting for the batch handlers of its type. */
interface HeldMessage {
  message: Message<unknown>;
  event: EventEnvelope;
}

/**
 * Runs each handler in its own transaction that first claims (consumer, event id); a claimed pair is skipped.
 * Then each batch handler once over the batch's events of its types; their messages are acked only after that.
 */
export async function consumeEvents(batch: MessageBatch<unknown>, env: AppEnv, log: Logger): Promise<void> {
  const scope = createScope(env, log.child({ queue: batch.queue }), `queue:${batch.queue}`, { ip: null, userAgent: null });
  const { ctx } = scope;
  try {
    const held: HeldMessage[] = [];
    for (const message of batch.messages) {
      const parsed = EnvelopeSchema.safeParse(message.body);
      if (!parsed.success) {
        // A body we cannot read will never succeed: keep it for inspection instead of retrying it.
        log.error("unreadable event; moved to dead letters", { messageId: message.id });
        await ctx.db.orm
          .insert(deadLetterEvents)
          .values({ eventId: `msg:${message.id}`, type: "unreadable", payload: { body: message.body as never }, attempts: message.attempts })
          .onConflictDoNothing();
        message.ack();
        continue;
      }
      const event = parsed.data as unknown as EventEnvelope;
      try {
        for (const handler of handlersFor(event.type)) {
          await inTransaction(ctx, async (txScope) => {
            const claimed = await txScope.tx
              .insert(processedEvents)
              .values({ consumer: handler.consumer, eventId: event.id })
              .onConflictDoNothing()
              .returning({ eventId: processedEvents.eventId });
            if (claimed.length === 0) return; // this consumer already handled this event
            await handler.handle(ctx, txScope, event as EventEnvelope<EventType>);
          });
        }
        if (batchHandlersFor(event.type, env).length > 0) held.push({ message, event });
        else message.ack();
      } catch (error) {
        const delaySeconds = retryDelaySeconds(message.attempts);
        log.warn("event handler failed; retrying", { eventId: event.id, type: event.type, attempts: message.attempts, delaySeconds, ...errorFields(error) });
        message.retry({ delaySeconds });
      }
    }
    await runBatchHandlers(ctx, held, log);
  } finally {
    await scope.close();
  }
}

/**
 * Each enabled batch handler in one transaction that claims (consumer, event id) for all its events and passes on
 * the unclaimed ones. If it throws, the claims roll back and its events' messages are retried; the others are acked.
 */
async function runBatchHandlers(ctx: ServiceContext, held: readonly HeldMessage[], log: Logger): Promise<void> {
  const failed = new Set<HeldMessage>();
  for (const handler of BATCH_EVENT_HANDLERS) {
    if (!handler.enabled(ctx.env)) continue;
    const mine = held.filter((entry) => handler.types.includes(entry.event.type));
    if (mine.length === 0) continue;
    const events = [...new Map(mine.map((entry) => [entry.event.id, entry.event])).values()]; // a redelivery may repeat an event in one batch
    try {
      await inTransaction(ctx, async (txScope) => {
        const claimed = await txScope.tx
          .insert(processedEvents)
          .values(events.map((event) => ({ consumer: handler.consumer, eventId: event.id })))
          .onConflictDoNothing()
          .returning({ eventId: processedEvents.eventId });
        const claimedIds = new Set(claimed.map((row) => row.eventId));
        const unhandled = events.filter((event) => claimedIds.has(event.id));
        if (unhandled.length > 0) await handler.handleBatch(ctx, txScope, unhandled);
      });
    } catch (error) {
      log.warn("batch event handler failed; retrying its events", { consumer: handler.consumer, eventIds: events.map((event) => event.id), ...errorFields(error) });
      for (const entry of mine) failed.add(entry);
    }
  }
  for (const entry of held) {
    if (failed.has(entry)) entry.message.retry({ delaySeconds: retryDelaySeconds(entry.message.attempts) });
    else entry.message.ack();
  }
}

/** Events that exhausted their retries: stored for an operator and logged loudly. */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: AppEnv, log: Logger): Promise<void> {
  const scope = createScope(env, log.child({ queue: batch.queue }), `queue:${batch.queue}`, { ip: null, userAgent: null });
  try {
    for (const message of batch.messages) {
      const parsed = EnvelopeSchema.safeParse(message.body);
      const eventId = parsed.success ? parsed.data.id : `msg:${message.id}`;
      log.error("event dead-lettered after exhausting retries", { eventId, type: parsed.success ? parsed.data.type : "unreadable" });
      await scope.ctx.db.orm
        .insert(deadLetterEvents)
        .values({ eventId, type: parsed.success ? parsed.data.type : "unreadable", payload: (parsed.success ? parsed.data.payload : { body: message.body }) as never, attempts: message.attempts })
        .onConflictDoNothing();
      message.ack();
    }
  } finally {
    await scope.close();
  }
}
