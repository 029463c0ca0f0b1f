// The dispute message form: a message is required, an evidence link must be a web address.
import { describe, expect, it } from "vitest";
import { authorRoleLabel, disputeReasonLabel, parseDisputeMessage } from "./dispute-rules";

describe("parseDisputeMessage", () => {
  it("trims the message and sends no evidence when no link was given", () => {
    expect(parseDisputeMessage("  It never came. ", "")).toEqual({ ok: true, message: "It never came.", evidence: [] });
  });

  it("sends a link as url evidence", () => {
    expect(parseDisputeMessage("Photo of the box", " https://example.com/box.jpg ")).toEqual({
      ok: true,
      message: "Photo of the box",
      evidence: [{ kind: "url", value: "https://example.com/box.jpg" }],
    });
  });

  it("refuses an empty message, one over the limit, and a link that is not a web address", () => {
    expect(parseDisputeMessage(" ", "javascript:alert(1)")).toEqual({
      ok: false,
      errors: { message: "Write a message.", evidenceUrl: "Enter a web address starting with https://." },
    });
    expect(parseDisputeMessage("x".repeat(5001), "")).toEqual({ ok: false, errors: { message: "Use at most 5000 characters." } });
    expect(parseDisputeMessage("x".repeat(5000), "").ok).toBe(true);
  });

  it("accepts only https links, as the API does, up to its length limit", () => {
    expect(parseDisputeMessage("See", "http://example.com/box.jpg")).toEqual({ ok: false, errors: { evidenceUrl: "Enter a web address starting with https://." } });
    const long = `https://example.com/${"a".repeat(1981)}`;
    expect(parseDisputeMessage("See", long)).toEqual({ ok: false, errors: { evidenceUrl: "Use at most 2000 characters." } });
    expect(parseDisputeMessage("See", long.slice(0, -1)).ok).toBe(true);
  });
});

describe("dispute words", () => {
  it("names reasons and authors, including unknown ones", () => {
    expect(disputeReasonLabel("not_received")).toBe("The item has not arrived");
    expect(disputeReasonLabel("wrong_size")).toBe("wrong size");
    expect(authorRoleLabel("admin", false)).toBe("Mnbara support");
    expect(authorRoleLabel("seller", true)).toBe("You");
    expect(authorRoleLabel("courier", false)).toBe("courier");
  });
});
