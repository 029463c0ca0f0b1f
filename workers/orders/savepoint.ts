// A savepoint inside an open transaction: its writes roll back alone on failure, and its events reach the outbox only if it held.
import type { EventPayloads, EventType, TxScope } from "../platform/events";

/**
 * Runs `work` in a savepoint of `scope`'s transaction. Events it emits are held back and written to the outbox only
 * after the savepoint succeeded: an outbox row written inside a rolled-back savepoint would vanish, but the envelope
 * already staged for publishing would still be sent.
 */
export async function inSavepoint<T>(scope: TxScope, work: (inner: TxScope) => Promise<T>): Promise<T> {
  const pending: { type: EventType; payload: EventPayloads[EventType] }[] = [];
  const result = await scope.tx.transaction((savepoint) =>
    work({
      tx: savepoint,
      async emit(type, payload) {
        pending.push({ type, payload });
      },
      audit: (entry) => scope.audit(entry),
    }),
  );
  for (const event of pending) await scope.emit(event.type, event.payload as never);
  return result;
}
