// Pure wallet logic: the FX quote's countdown and rate text, and the words for statement lines.
import type { FxQuote, Money, PayoutAccountInput } from "../../api/types";
import { amountText, parseAmount } from "../catalog/money";

/** Whole seconds until the quote expires, never below zero; rounded up so "0:00" only shows once it has really expired. */
export function quoteSecondsLeft(expiresAt: string, now: number): number {
  const left = Date.parse(expiresAt) - now;
  return Number.isFinite(left) && left > 0 ? Math.ceil(left / 1000) : 0;
}

/** "1:05", "0:09": minutes and seconds, as a countdown is read. */
export function countdownText(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/** "1 USD = 0.9123 EUR" from the quote's own amounts when no rate is given; the API's rate as sent otherwise. */
export function rateText(quote: Pick<FxQuote, "sell" | "buy" | "rate">): string {
  return `1 ${quote.sell.currency} = ${String(quote.rate)} ${quote.buy.currency}`;
}

/** Basis points as a percentage: 150 → "1.5%", 25 → "0.25%". Exact, from the integer. */
export function spreadText(spreadBps: number): string {
  return `${amountText(spreadBps, "USD").replace(/\.?0+$/, "")}%`;
}

const kindLabels: Record<string, string> = {
  deposit: "Money added",
  withdrawal: "Withdrawal",
  escrow_hold: "Order payment held in escrow",
  escrow_release: "Order payment released",
  refund: "Refund",
  fx: "Currency conversion",
  adjustment: "Adjustment",
};

/** Words for a statement line's kind, including one this build does not know yet. */
export function statementKindLabel(kind: string): string {
  return kindLabels[kind] ?? kind.replaceAll("_", " ");
}

export type ReadAmount = { ok: true; money: Money } | { ok: false; message: string };

/** An amount typed for a deposit, conversion or withdrawal: exact minor units, above zero. */
export function readPositiveAmount(text: string, currency: string): ReadAmount {
  const parsed = parseAmount(text, currency);
  if (!parsed.ok) return parsed;
  if (parsed.amountMinor === 0) return { ok: false, message: "Enter an amount above zero." };
  return { ok: true, money: { amount: parsed.amountMinor, currency } };
}

// Mirrors the payout API's limit on the holder's name (PAYOUT_HOLDER_NAME_MAX_LENGTH); IBANs are 15 to 34 characters.
const holderNameLengthMax = 70;

type PayoutFields = { holderName: string; iban: string; accountId: string };
export type ReadPayoutAccount = { ok: true; account: PayoutAccountInput } | { ok: false; errors: Partial<PayoutFields> };

/** The payout account form for the provider's kind of account; the IBAN's checksum is left to the server, which knows the rules. */
export function readPayoutAccount(type: PayoutAccountInput["type"], values: PayoutFields): ReadPayoutAccount {
  if (type === "stripe_connect") {
    const accountId = values.accountId.trim();
    return /^acct_[A-Za-z0-9]{1,64}$/.test(accountId) ? { ok: true, account: { type, accountId } } : { ok: false, errors: { accountId: "Enter your Stripe account ID, starting with acct_." } };
  }
  const holderName = values.holderName.trim();
  const iban = values.iban.replace(/\s+/g, "").toUpperCase();
  const errors: Partial<PayoutFields> = {};
  if (holderName === "") errors.holderName = "Enter the account holder's name.";
  else if (holderName.length > holderNameLengthMax) errors.holderName = `Use at most ${holderNameLengthMax} characters.`;
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) errors.iban = "Enter an IBAN: two letters, two digits, then the account number.";
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, account: { type, holderName, iban } };
}
