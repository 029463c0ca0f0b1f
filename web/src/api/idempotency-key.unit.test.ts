// Retrying a money-moving request reuses its key only when the first answer never came, so nothing is charged twice.
import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { keepsKeyForRetry, keyForAttempt, newIdempotencyKey } from "./idempotency-key";

const fresh = () => "fresh-key";

describe("keyForAttempt", () => {
  it("makes a fresh key when no attempt is waiting for an answer", () => {
    expect(keyForAttempt(null, "pay:ord_1:wallet", fresh)).toBe("fresh-key");
  });

  it("reuses the unanswered key when the same request is retried", () => {
    expect(keyForAttempt({ fingerprint: "pay:ord_1:wallet", key: "first-key" }, "pay:ord_1:wallet", fresh)).toBe("first-key");
  });

  it("makes a fresh key when the request changed since the unanswered attempt", () => {
    expect(keyForAttempt({ fingerprint: "pay:ord_1:wallet", key: "first-key" }, "pay:ord_1:card:pm_card_visa", fresh)).toBe("fresh-key");
  });
});

describe("keepsKeyForRetry", () => {
  it.each([
    ["no answer at all", ApiError.network(), true],
    ["a server error", new ApiError(500, "INTERNAL", "boom"), true],
    ["an unavailable dependency", new ApiError(503, "DEPENDENCY_UNAVAILABLE", "later"), true],
    ["the first attempt still running", new ApiError(409, "IDEMPOTENCY_KEY_IN_USE", "busy"), true],
    ["a payment held for review, which an admin may approve", new ApiError(409, "PAYMENT_UNDER_REVIEW", "held"), true],
    ["a rate limit", new ApiError(429, "RATE_LIMITED", "slow down"), true],
    ["invalid input, which the server does not keep", new ApiError(400, "VALIDATION_FAILED", "bad"), true],
    ["a declined card", new ApiError(402, "PAYMENT_DECLINED", "declined"), false],
    ["missing funds", new ApiError(422, "INSUFFICIENT_FUNDS", "short"), false],
    ["a blocked payment", new ApiError(422, "PAYMENT_BLOCKED", "no"), false],
    ["something that is not an API error", new Error("bug"), false],
  ])("%s → %s", (_name, error, keeps) => {
    expect(keepsKeyForRetry(error)).toBe(keeps);
  });
});

describe("newIdempotencyKey", () => {
  it("is a version 4 UUID, different each time", () => {
    const first = newIdempotencyKey();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(first);
  });
});
