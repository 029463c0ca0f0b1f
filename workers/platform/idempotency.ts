// The Idempotency-Key middleware for money-moving POSTs: one effect per (user, key), the first response replayed to retries.
import { z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { currentAuth, requireAuth } from "./authorize";
import { sha256Base64Url } from "./crypto";
import { AppError } from "./errors";
import type { AppBindings } from "./hono";
import { claimKey, completeKey, isStoredOutcome, releaseKey, type KeyId } from "./idempotency-store";
import { IDEMPOTENCY_KEY_MAX_LENGTH } from "./limits";

/** Replays carry this header so clients and logs can tell a stored answer from a fresh one. */
export const REPLAYED_HEADER = "Idempotent-Replayed";

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/** Visible ASCII only: keys are compared byte for byte and echoed in logs. */
const KEY_PATTERN = /^[\x21-\x7E]+$/;

const keyField = z
  .string()
  .min(1)
  .max(IDEMPOTENCY_KEY_MAX_LENGTH)
  .regex(KEY_PATTERN)
  .openapi({ description: "A unique value per intended operation (a UUID). Retries send the same key and the same body; the first response is replayed." });

/** `request.headers` for a route with idempotency({ required: true }): the OpenAPI document shows the header as required. */
export const IdempotencyKeyHeaders = z.object({ "idempotency-key": keyField });
/** `request.headers` for a route with idempotency({ required: false }). */
export const OptionalIdempotencyKeyHeaders = z.object({ "idempotency-key": keyField.optional() });

function readKey(header: string | undefined, required: boolean): string | null {
  if (header === undefined) {
    if (required) throw new AppError("IDEMPOTENCY_KEY_REQUIRED", "This request moves money: send an Idempotency-Key header (a UUID) so a retry never repeats it.");
    return null;
  }
  if (!keyField.safeParse(header).success) {
    throw new AppError("VALIDATION_FAILED", "The Idempotency-Key header is invalid.", {
      errors: [{ path: "Idempotency-Key", message: `must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters` }],
    });
  }
  return header;
}

/**
 * Use after requireAuth. Keys are per user: the same key from two users is two requests.
 *
 * Why exactly-once holds although these writes are outside the handler's transaction: the key row is claimed by one
 * INSERT … ON CONFLICT before the handler runs, so of concurrent duplicates only one runs (the others get 409
 * IDEMPOTENCY_KEY_IN_USE) and later ones replay its stored response. If the isolate dies after the handler committed but
 * before the response was stored, the key's lock lapses (IDEMPOTENCY_LOCK_SECONDS) and a retry runs the handler again;
 * that rerun cannot move money twice because every ledger transfer carries a unique reference (payment:<id>,
 * order:<id>:hold, …) and posting a reference again replays the first transfer. The key gives one response per
 * request; the ledger's references give one effect per operation.
 */
export function idempotency(options: { required: boolean }): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const key = readKey(c.req.header("Idempotency-Key"), options.required);
    if (key === null) return next();
    const ctx = c.var.services;
    const id: KeyId = { userId: currentAuth(c).userId, key };
    const requestHash = await sha256Base64Url(`${c.req.method}\n${c.req.path}\n${await c.req.text()}`);

    const claim = await claimKey(ctx, id, requestHash);
    if (claim.kind === "reused") throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request; use a new key for a new operation.");
    if (claim.kind === "in_use") throw new AppError("IDEMPOTENCY_KEY_IN_USE", "A request with this Idempotency-Key is still running; retry shortly.", { headers: { "Retry-After": "1" } });
    if (claim.kind === "replay") {
      const headers: Record<string, string> = { [REPLAYED_HEADER]: "true", "Cache-Control": "no-store" };
      if (claim.response.contentType) headers["Content-Type"] = claim.response.contentType;
      const { status, body } = claim.response;
      // Responses like 204 must not carry a body at all (the Response constructor refuses even an empty one).
      return c.newResponse(NULL_BODY_STATUSES.has(status) ? null : body, status as ContentfulStatusCode, headers);
    }

    try {
      await next();
    } catch (error) {
      await releaseKey(ctx, id);
      throw error;
    }
    if (!isStoredOutcome(c.res.status)) return releaseKey(ctx, id);
    // A secret shown once must not sit in clear in the key store: such handlers leave a redacted body for replays.
    const body = c.get("idempotentReplayBody") ?? (await c.res.clone().text());
    await completeKey(ctx, id, { status: c.res.status, contentType: c.res.headers.get("Content-Type"), body });
  };
}

/** Spread into createRoute() for a money-moving POST: signed in, Idempotency-Key required. Add `headers: IdempotencyKeyHeaders` to `request`. */
export const signedInIdempotent = {
  middleware: [requireAuth, idempotency({ required: true })],
  security: [{ bearerAuth: [] }],
};
