// Queue consumers: `events` dispatches each event to its handlers exactly once per consumer; `events-dlq` records what gave up.
import { z } from "zod";
import { deadLetterEvents, processedEvents } from "../../db/schema";
import type { AppEnv } from "../env";
import { createScope } from "../platform/context";
import { inTransaction, type EventEnvelope, type EventType } from "../platform/events";
import { errorFields, type Logger } from "../platform/logger";
import { retryDelaySeconds } from "./backoff";
import { handlersFor } from "./registry";

const EnvelopeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  occurredAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

/** Runs each handler in its own transaction that first claims (consumer, event id); a claimed pair is skipped. */
export async function consumeEvents(batch: MessageBatch<unknown>, env: AppEnv, log: Logger): Promise<void> {
  const scope = createScope(env, log.child({ queue: batch.queue }), `queue:${batch.queue}`, { ip: null, userAgent: null });
  const { ctx } = scope;
  try {
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
        message.ack();
      } catch (error) {
        const delaySeconds = retryDelaySeconds(message.attempts);
        log.warn("event handler failed; retrying", { eventId: event.id, type: event.type, attempts: message.attempts, delaySeconds, ...errorFields(error) });
        message.retry({ delaySeconds });
      }
    }
  } finally {
    await scope.close();
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
