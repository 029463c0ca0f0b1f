// The idempotency_keys table: claim a key for one request, record its outcome, replay it, and expire old keys.
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import { idempotencyKeys } from "../../db/schema";
import type { ServiceContext } from "./context";
import { IDEMPOTENCY_CLEANUP_BATCH_SIZE, IDEMPOTENCY_CLEANUP_PASSES_PER_RUN, IDEMPOTENCY_KEY_TTL_SECONDS, IDEMPOTENCY_LOCK_SECONDS } from "./limits";

export interface StoredResponse {
  status: number;
  contentType: string | null;
  body: string;
}

export type Claim =
  | { kind: "claimed" }
  | { kind: "replay"; response: StoredResponse }
  | { kind: "in_use" }
  | { kind: "reused" };

export interface KeyId {
  userId: string;
  key: string;
}

const secondsBefore = (now: Date, seconds: number) => new Date(now.getTime() - seconds * 1000);
const secondsAfter = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);

/**
 * Outcomes that are not stored, so the same key runs the request again on retry. They changed nothing (house rule for
 * 4xx) and say "not now" or "not like this": 400 invalid input (the client fixes the body), 409 a conflict with the
 * current state (another run in progress, a payment under review that an admin may approve), 429 rate limited, and any
 * 5xx (our failure). Everything else, including 402 declines and 422 business rules, is final for that key.
 */
export function isStoredOutcome(status: number): boolean {
  return status < 500 && status !== 400 && status !== 409 && status !== 429;
}

/**
 * Claims `key` for this request, or says why not. One statement decides between concurrent duplicates (the primary
 * key makes exactly one insert win). A row may be taken over when it has expired, or when its run died holding the
 * lock (same request only), so a crashed request never blocks its retries for a whole day.
 */
export async function claimKey(ctx: ServiceContext, id: KeyId, requestHash: string): Promise<Claim> {
  const now = ctx.now();
  const claimed = await ctx.db.orm
    .insert(idempotencyKeys)
    .values({ ...id, requestHash, state: "in_progress", createdAt: now, lockedUntil: secondsAfter(now, IDEMPOTENCY_LOCK_SECONDS) })
    .onConflictDoUpdate({
      target: [idempotencyKeys.userId, idempotencyKeys.key],
      set: {
        requestHash,
        state: "in_progress",
        responseStatus: null,
        responseContentType: null,
        responseBody: null,
        createdAt: now,
        lockedUntil: secondsAfter(now, IDEMPOTENCY_LOCK_SECONDS),
      },
      setWhere: or(
        lt(idempotencyKeys.createdAt, secondsBefore(now, IDEMPOTENCY_KEY_TTL_SECONDS)),
        and(eq(idempotencyKeys.state, "in_progress"), lt(idempotencyKeys.lockedUntil, now), eq(idempotencyKeys.requestHash, requestHash)),
      ),
    })
    .returning({ userId: idempotencyKeys.userId });
  if (claimed.length > 0) return { kind: "claimed" };

  const [row] = await ctx.db.orm.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, id.userId), eq(idempotencyKeys.key, id.key)));
  // Gone between the two statements: its run failed and released it just now. Asking the client to retry is honest.
  if (!row) return { kind: "in_use" };
  if (row.requestHash !== requestHash) return { kind: "reused" };
  if (row.state === "in_progress" || row.responseStatus === null || row.responseBody === null) return { kind: "in_use" };
  return { kind: "replay", response: { status: row.responseStatus, contentType: row.responseContentType, body: row.responseBody } };
}

/** Stores the finished response for replays. */
export async function completeKey(ctx: ServiceContext, id: KeyId, response: StoredResponse): Promise<void> {
  await ctx.db.orm
    .update(idempotencyKeys)
    .set({ state: "completed", responseStatus: response.status, responseContentType: response.contentType, responseBody: response.body })
    .where(and(eq(idempotencyKeys.userId, id.userId), eq(idempotencyKeys.key, id.key), eq(idempotencyKeys.state, "in_progress")));
}

/** Forgets a claim whose outcome must not be replayed (a failure, or "not now"), so a retry runs the request again. */
export async function releaseKey(ctx: ServiceContext, id: KeyId): Promise<void> {
  await ctx.db.orm
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, id.userId), eq(idempotencyKeys.key, id.key), eq(idempotencyKeys.state, "in_progress")));
}

/** Cron: deletes keys older than their TTL in bounded batches; returns how many went. */
export async function deleteExpiredIdempotencyKeys(ctx: ServiceContext): Promise<number> {
  const cutoff = secondsBefore(ctx.now(), IDEMPOTENCY_KEY_TTL_SECONDS);
  let deleted = 0;
  for (let pass = 0; pass < IDEMPOTENCY_CLEANUP_PASSES_PER_RUN; pass++) {
    const batch = ctx.db.orm
      .select({ userId: idempotencyKeys.userId, key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, cutoff))
      .limit(IDEMPOTENCY_CLEANUP_BATCH_SIZE);
    const gone = await ctx.db.orm
      .delete(idempotencyKeys)
      .where(and(lt(idempotencyKeys.createdAt, cutoff), inArray(sql`(${idempotencyKeys.userId}, ${idempotencyKeys.key})`, batch)))
      .returning({ key: idempotencyKeys.key });
    deleted += gone.length;
    if (gone.length < IDEMPOTENCY_CLEANUP_BATCH_SIZE) break;
  }
  return deleted;
}
