// Opaque keyset cursors for `?cursor=`: the sort key and id of the last item, base64url-encoded JSON.
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
