// The FX quote countdown and rate text, and statement words.
import { describe, expect, it } from "vitest";
import { countdownText, quoteSecondsLeft, rateText, readPayoutAccount, readPositiveAmount, spreadText, statementKindLabel } from "./wallet-rules";

const at = (iso: string) => Date.parse(iso);

describe("quoteSecondsLeft", () => {
  it("counts whole seconds up to the expiry, rounding up", () => {
    expect(quoteSecondsLeft("2030-01-01T00:00:30.000Z", at("2030-01-01T00:00:00.000Z"))).toBe(30);
    expect(quoteSecondsLeft("2030-01-01T00:00:30.000Z", at("2030-01-01T00:00:29.001Z"))).toBe(1);
  });

  it("is zero at the expiry and after it, and for a time it cannot read", () => {
    expect(quoteSecondsLeft("2030-01-01T00:00:30.000Z", at("2030-01-01T00:00:30.000Z"))).toBe(0);
    expect(quoteSecondsLeft("2030-01-01T00:00:30.000Z", at("2030-01-01T00:05:00.000Z"))).toBe(0);
    expect(quoteSecondsLeft("not a date", at("2030-01-01T00:00:00.000Z"))).toBe(0);
  });
});

describe("countdownText", () => {
  it.each([
    [65, "1:05"],
    [60, "1:00"],
    [9, "0:09"],
    [0, "0:00"],
    [-3, "0:00"],
  ])("%i seconds read %s", (seconds, text) => {
    expect(countdownText(seconds)).toBe(text);
  });
});

describe("rate and spread", () => {
  it("writes the rate as one unit of the sold currency in the bought one", () => {
    expect(rateText({ sell: { amount: 10_000, currency: "USD" }, buy: { amount: 9_123, currency: "EUR" }, rate: "0.9123" })).toBe("1 USD = 0.9123 EUR");
  });

  it("writes basis points as an exact percentage", () => {
    expect(spreadText(150)).toBe("1.5%");
    expect(spreadText(25)).toBe("0.25%");
    expect(spreadText(100)).toBe("1%");
    expect(spreadText(0)).toBe("0%");
  });
});

describe("statementKindLabel", () => {
  it("names the ledger's transfer kinds and shows an unknown one readably", () => {
    expect(statementKindLabel("escrow_release")).toBe("Order payment released");
    expect(statementKindLabel("deposit")).toBe("Money added");
    expect(statementKindLabel("rewards_payout")).toBe("rewards payout");
  });
});

describe("readPositiveAmount", () => {
  it("reads exact minor units in the chosen currency", () => {
    expect(readPositiveAmount("50", "USD")).toEqual({ ok: true, money: { amount: 5000, currency: "USD" } });
    expect(readPositiveAmount("0.01", "USD")).toEqual({ ok: true, money: { amount: 1, currency: "USD" } });
    expect(readPositiveAmount("1500", "JPY")).toEqual({ ok: true, money: { amount: 1500, currency: "JPY" } });
  });

  it("refuses zero, an empty field and too many decimals", () => {
    expect(readPositiveAmount("0.00", "USD")).toEqual({ ok: false, message: "Enter an amount above zero." });
    expect(readPositiveAmount("", "USD")).toEqual({ ok: false, message: "Enter an amount." });
    expect(readPositiveAmount("1.5", "JPY")).toEqual({ ok: false, message: "JPY amounts have no decimal places." });
  });
});

describe("readPayoutAccount", () => {
  it("reads a bank account, the IBAN without spaces and in capitals", () => {
    expect(readPayoutAccount("bank_account", { holderName: " Sami Seller ", iban: "de89 3704 0044 0532 0130 00", accountId: "" })).toEqual({
      ok: true,
      account: { type: "bank_account", holderName: "Sami Seller", iban: "DE89370400440532013000" },
    });
  });

  it("names a missing holder and a malformed IBAN", () => {
    expect(readPayoutAccount("bank_account", { holderName: "", iban: "1234", accountId: "" })).toEqual({
      ok: false,
      errors: { holderName: "Enter the account holder's name.", iban: "Enter an IBAN: two letters, two digits, then the account number." },
    });
    expect(readPayoutAccount("bank_account", { holderName: "x".repeat(71), iban: "DE89370400440532013000", accountId: "" })).toEqual({
      ok: false,
      errors: { holderName: "Use at most 70 characters." },
    });
  });

  it("reads a Stripe Connect account id and refuses anything else", () => {
    expect(readPayoutAccount("stripe_connect", { holderName: "", iban: "", accountId: " acct_123ABC " })).toEqual({ ok: true, account: { type: "stripe_connect", accountId: "acct_123ABC" } });
    expect(readPayoutAccount("stripe_connect", { holderName: "", iban: "", accountId: "123" })).toEqual({
      ok: false,
      errors: { accountId: "Enter your Stripe account ID, starting with acct_." },
    });
  });
});
