// Turns any thrown value into one sentence a person can act on.
import { ApiError } from "../api/api-error";

// Codes whose server wording is too terse or too technical to show as is.
const messageForCode: Record<string, string> = {
  INVALID_CREDENTIALS: "The email or password is incorrect.",
  EMAIL_TAKEN: "An account with this email already exists. Sign in instead?",
  INVALID_TOTP: "That code did not work. Wait for the next code in your app and try again.",
};

export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return "Something went wrong. Please try again.";
  if (error.code === "RATE_LIMITED" || error.status === 429) {
    return error.retryAfterSeconds === null
      ? "Too many attempts. Please wait a moment and try again."
      : `Too many attempts. Try again in ${error.retryAfterSeconds} ${error.retryAfterSeconds === 1 ? "second" : "seconds"}.`;
  }
  return messageForCode[error.code] ?? error.detail;
}
