// Money in the UI: exact decimal text ⇄ integer minor units (no floating point), and display with Intl.NumberFormat.
import type { Money } from "../../api/types";

// Mirrors the API's supported currencies (ISO 4217 minor-unit exponents); anything else is refused there.
const currencyExponents: Record<string, number> = {
  USD: 2, EUR: 2, GBP: 2, CAD: 2, AUD: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2,
  AED: 2, SAR: 2, QAR: 2, EGP: 2, MAD: 2, TRY: 2, INR: 2, CNY: 2, SGD: 2, HKD: 2,
  MXN: 2, BRL: 2, ZAR: 2, NGN: 2, KES: 2,
  JPY: 0, KRW: 0,
  KWD: 3, BHD: 3, OMR: 3, JOD: 3,
};

export const currencies = Object.keys(currencyExponents);
export const defaultCurrency = "USD";

// The API's ceiling, so a typo with too many digits is caught here rather than as a 400.
const maxAmountMinor = 1_000_000_000_000;

export function currencyExponent(currency: string): number {
  return currencyExponents[currency] ?? 2;
}

export type ParsedAmount = { ok: true; amountMinor: number } | { ok: false; message: string };

/**
 * Reads what a person types ("12.5", "1,250.00", " 7 ") as exact minor units of `currency` by working on the digits,
 * so "0.29" is 29 and never 28.999…. Commas are taken as thousands separators.
 */
export function parseAmount(text: string, currency: string): ParsedAmount {
  const exponent = currencyExponent(currency);
  const cleaned = text.trim().replace(/[\s,]/g, "");
  if (cleaned === "") return { ok: false, message: "Enter an amount." };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (match === null || (match[1] === "" && (match[2] ?? "") === "")) return { ok: false, message: "Enter an amount like 12.50, using digits only." };
  const whole = match[1] ?? "";
  const fraction = match[2] ?? "";
  if (fraction.length > exponent) {
    return {
      ok: false,
      message: exponent === 0 ? `${currency} amounts have no decimal places.` : `${currency} amounts have at most ${exponent} decimal places.`,
    };
  }
  const digits = `${whole}${fraction.padEnd(exponent, "0")}`.replace(/^0+(?=\d)/, "");
  if (digits.length > String(maxAmountMinor).length || Number(digits) > maxAmountMinor) return { ok: false, message: "That amount is too large." };
  return { ok: true, amountMinor: Number(digits) };
}

/** Minor units as plain decimal text in the currency's exponent, e.g. 1250 USD → "12.50"; for form fields. */
export function amountText(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const digits = Math.abs(amountMinor).toString().padStart(exponent + 1, "0");
  const sign = amountMinor < 0 ? "-" : "";
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat {
  let formatter = formatters.get(currency);
  if (formatter === undefined) {
    const exponent = currencyExponent(currency);
    formatter = new Intl.NumberFormat(undefined, { style: "currency", currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    formatters.set(currency, formatter);
  }
  return formatter;
}

/** "$12.50", "¥1,250", "KWD 1.250" in the reader's locale; the decimal string keeps the value exact. */
export function formatMoney(money: Money): string {
  return formatterFor(money.currency).format(amountText(money.amount, money.currency) as `${number}`);
}
