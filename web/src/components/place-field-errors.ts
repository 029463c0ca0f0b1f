// Puts an API error's field problems beside the inputs they name, matched on the whole path ("auction.endsAt").
import { ApiError } from "../api/api-error";
import { errorMessage } from "./error-message";

export interface PlacedErrors {
  fieldErrors: Record<string, string>;
  alert: string | null;
}

/**
 * Each problem goes to the field whose key is its path or the longest prefix of it ("price.amount" → "price"),
 * after `alias` has had a chance to redirect it. Problems with no field on the form go to the alert, path and all.
 */
export function placeFieldErrors(error: unknown, fieldKeys: readonly string[], alias: (path: string) => string | undefined = () => undefined): PlacedErrors {
  const fieldErrors: Record<string, string> = {};
  const unplaced: string[] = [];
  if (error instanceof ApiError) {
    for (const { path, message } of error.fieldErrors) {
      const key = alias(path) ?? closestKey(path, fieldKeys);
      if (key === undefined) unplaced.push(path === "" ? sentence(message) : `${path}: ${message}`);
      else fieldErrors[key] ??= sentence(message);
    }
  }
  const anyPlaced = Object.keys(fieldErrors).length > 0;
  const alert = unplaced.length > 0 ? unplaced.join(" ") : anyPlaced ? null : errorMessage(error);
  return { fieldErrors, alert };
}

function closestKey(path: string, fieldKeys: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const key of fieldKeys) {
    if ((path === key || path.startsWith(`${key}.`)) && (best === undefined || key.length > best.length)) best = key;
  }
  return best;
}

// The API words field problems as fragments ("required for this category"); shown alone they read better as sentences.
function sentence(message: string): string {
  const trimmed = message.trim();
  if (trimmed === "") return "This value is not valid.";
  const capitalized = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalized) ? capitalized : `${capitalized}.`;
}
