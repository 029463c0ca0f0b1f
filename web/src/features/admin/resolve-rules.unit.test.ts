// The dispute decision form: a note always, and a partial refund strictly between zero and the total.
import { describe, expect, it } from "vitest";
import { readResolution } from "./resolve-rules";

const total = { amount: 1750, currency: "USD" };

describe("readResolution", () => {
  it("sends a full refund or a release with just the note", () => {
    expect(readResolution("refund", "ignored", " Never shipped. ", total)).toEqual({ ok: true, input: { outcome: "refund", note: "Never shipped." } });
    expect(readResolution("release", "", "Tracking shows delivery.", total)).toEqual({ ok: true, input: { outcome: "release", note: "Tracking shows delivery." } });
  });

  it("sends a partial refund in the order's currency", () => {
    expect(readResolution("partial_refund", "5.00", "Scratched.", total)).toEqual({
      ok: true,
      input: { outcome: "partial_refund", note: "Scratched.", refundAmount: { amount: 500, currency: "USD" } },
    });
    expect(readResolution("partial_refund", "17.49", "Almost all.", total).ok).toBe(true);
  });

  it("refuses a partial refund of nothing, of the whole total or more, or unreadable", () => {
    const message = "A partial refund is more than zero and less than $17.50; refund it all with a full refund.";
    expect(readResolution("partial_refund", "0", "x", total)).toEqual({ ok: false, errors: { refundAmount: message } });
    expect(readResolution("partial_refund", "17.50", "x", total)).toEqual({ ok: false, errors: { refundAmount: message } });
    expect(readResolution("partial_refund", "abc", "x", total)).toEqual({ ok: false, errors: { refundAmount: "Enter an amount like 12.50, using digits only." } });
  });

  it("requires a note within the limit", () => {
    expect(readResolution("release", "", "  ", total)).toEqual({ ok: false, errors: { note: "Explain the decision: both parties see it." } });
    expect(readResolution("release", "", "x".repeat(2001), total)).toEqual({ ok: false, errors: { note: "Use at most 2000 characters." } });
    expect(readResolution("release", "", "x".repeat(2000), total).ok).toBe(true);
  });
});
