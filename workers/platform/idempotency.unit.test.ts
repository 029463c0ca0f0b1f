// Which outcomes the Idempotency-Key middleware stores for replay and which it forgets so a retry runs again.
import { describe, expect, it } from "vitest";
import { isStoredOutcome } from "./idempotency-store";

describe("isStoredOutcome", () => {
  it("stores 2xx and final 4xx outcomes but not 400, 409, 429 or any 5xx", () => {
    const statuses = [200, 201, 204, 400, 401, 402, 403, 404, 409, 413, 422, 429, 500, 502, 503];
    expect(statuses.filter(isStoredOutcome)).toEqual([200, 201, 204, 401, 402, 403, 404, 413, 422]);
  });
});
