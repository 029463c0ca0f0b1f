// What a held payment is called in the review queue.
import { describe, expect, it } from "vitest";
import { reviewKindLabel } from "./review-rules";

describe("reviewKindLabel", () => {
  it("names the fraud checks' payment kinds and shows an unknown one readably", () => {
    expect(reviewKindLabel("order_payment")).toBe("Order payment");
    expect(reviewKindLabel("deposit")).toBe("Deposit");
    expect(reviewKindLabel("withdrawal")).toBe("Withdrawal");
    expect(reviewKindLabel("swap_deposit")).toBe("swap deposit");
  });
});
