// Money typed by people becomes exact minor units, and back: no floating point anywhere.
import { describe, expect, it } from "vitest";
import { amountText, formatMoney, parseAmount } from "./money";

describe("parseAmount", () => {
  it.each([
    ["12.50", "USD", 1250],
    ["12.5", "USD", 1250],
    ["0.29", "USD", 29],
    ["1,250.00", "USD", 125_000],
    [" 7 ", "EUR", 700],
    ["1250", "JPY", 1250],
    ["1.250", "KWD", 1250],
    [".5", "GBP", 50],
  ])("reads %s %s as %i minor units", (text, currency, minor) => {
    expect(parseAmount(text, currency)).toEqual({ ok: true, amountMinor: minor });
  });

  it.each([
    ["", "USD", "Enter an amount."],
    ["12.505", "USD", "USD amounts have at most 2 decimal places."],
    ["10.5", "JPY", "JPY amounts have no decimal places."],
    ["-3", "USD", "Enter an amount like 12.50, using digits only."],
    ["1e3", "USD", "Enter an amount like 12.50, using digits only."],
    ["99999999999999", "USD", "That amount is too large."],
  ])("refuses %j in %s: %s", (text, currency, message) => {
    expect(parseAmount(text, currency)).toEqual({ ok: false, message });
  });
});

describe("amountText and formatMoney", () => {
  it("writes minor units back as form text in the currency's exponent", () => {
    expect(amountText(1250, "USD")).toBe("12.50");
    expect(amountText(5, "EUR")).toBe("0.05");
    expect(amountText(1250, "JPY")).toBe("1250");
    expect(amountText(1250, "KWD")).toBe("1.250");
  });

  it("formats for display with the currency symbol", () => {
    expect(formatMoney({ amount: 1250, currency: "USD" })).toContain("12.50");
    expect(formatMoney({ amount: 1250, currency: "USD" })).toContain("$");
  });
});
