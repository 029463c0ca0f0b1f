// Opaque keyset cursors for `?cursor=`: the sort key and id of the last item, base64url-encoded JSON.
import { and, eq, gt, lt, or, type AnyColumn, type SQL } from "drizzle-orm";
import { base64UrlToBytes, bytesToBase64Url } from "./crypto";
import { AppError } from "./errors";

export interface KeysetCursor {
  /** The last item's sort value (an ISO time, a number, …) and its id as the tie-breaker. */
  key: string | number;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return bytesToBase64Url(new TextEncoder().encode(JSON.stringify([cursor.key, cursor.id])));
}

export function decodeCursor(text: string): KeysetCursor {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(base64UrlToBytes(text)));
    if (Array.isArray(value) && value.length === 2 && (typeof value[0] === "string" || typeof value[0] === "number") && typeof value[1] === "string") {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // falls through to the 400 below
  }
  throw new AppError("VALIDATION_FAILED", "The cursor is not one this API issued.", { errors: [{ path: "cursor", message: "invalid cursor" }] });
}

/**
 * Newest-first keyset paging on (time, id): the condition for "after this cursor", or nothing on the first page.
 * Used with `.orderBy(desc(time), desc(id)).limit(limit + 1)` and then `toPage`.
 */
export function newestFirstAfter(time: AnyColumn, id: AnyColumn, cursorText: string | undefined): SQL | undefined {
  return timeKeysetAfter(time, id, cursorText, lt);
}

/** The same for oldest-first lists (queues): `.orderBy(asc(time), asc(id))`. */
export function oldestFirstAfter(time: AnyColumn, id: AnyColumn, cursorText: string | undefined): SQL | undefined {
  return timeKeysetAfter(time, id, cursorText, gt);
}

function timeKeysetAfter(time: AnyColumn, id: AnyColumn, cursorText: string | undefined, beyond: typeof lt): SQL | undefined {
  if (!cursorText) return undefined;
  const cursor = decodeCursor(cursorText);
  const at = new Date(String(cursor.key));
  if (Number.isNaN(at.getTime())) throw new AppError("VALIDATION_FAILED", "The cursor is not one this API issued.", { errors: [{ path: "cursor", message: "invalid cursor" }] });
  return or(beyond(time, at), and(eq(time, at), beyond(id, cursor.id)));
}

/** Cuts the extra row fetched to learn whether another page follows, and makes the cursor from the last item kept. */
export function toPage<T>(rows: T[], limit: number, keyOf: (item: T) => KeysetCursor): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
