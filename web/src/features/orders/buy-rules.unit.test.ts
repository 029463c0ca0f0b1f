// The buy form reads a whole quantity within stock and previews the total in minor units.
import { describe, expect, it } from "vitest";
import { parseQuantity, previewTotal } from "./buy-rules";

describe("parseQuantity", () => {
  it("reads a whole number up to what is available", () => {
    expect(parseQuantity(" 3 ", 3)).toEqual({ ok: true, quantity: 3 });
    expect(parseQuantity("1", 1)).toEqual({ ok: true, quantity: 1 });
  });

  it.each([
    ["", 5, "Enter a whole number of items."],
    ["1.5", 5, "Enter a whole number of items."],
    ["-1", 5, "Enter a whole number of items."],
    ["0", 5, "Buy at least 1."],
    ["6", 5, "Only 5 are available."],
    ["2", 1, "Only 1 is available."],
  ])("refuses %j with %i available: %s", (text, available, message) => {
    expect(parseQuantity(text, available)).toEqual({ ok: false, message });
  });
});

describe("previewTotal", () => {
  it("adds shipping once to price times quantity", () => {
    expect(previewTotal({ amount: 1250, currency: "USD" }, 2, { amount: 500, currency: "USD" })).toEqual({ amount: 3000, currency: "USD" });
  });

  it("is the items alone without shipping", () => {
    expect(previewTotal({ amount: 1250, currency: "USD" }, 1, null)).toEqual({ amount: 1250, currency: "USD" });
  });
});
