// Money: integer minor units plus an ISO-4217 currency. Never floats.
import { z } from "@hono/zod-openapi";

/**
 * Minor-unit exponent per supported currency (ISO 4217). USD 12.50 = 1250; JPY 1250 = 1250; KWD 1.250 = 1250.
 * Only currencies listed here are accepted anywhere in the API.
 */
export const CURRENCY_EXPONENTS = {
  USD: 2, EUR: 2, GBP: 2, CAD: 2, AUD: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2,
  AED: 2, SAR: 2, QAR: 2, EGP: 2, MAD: 2, TRY: 2, INR: 2, CNY: 2, SGD: 2, HKD: 2,
  MXN: 2, BRL: 2, ZAR: 2, NGN: 2, KES: 2,
  JPY: 0, KRW: 0,
  KWD: 3, BHD: 3, OMR: 3, JOD: 3,
} as const;

export type Currency = keyof typeof CURRENCY_EXPONENTS;
export const CURRENCIES = Object.keys(CURRENCY_EXPONENTS) as Currency[];

export interface Money {
  amount: number;
  currency: Currency;
}

/** Amounts stay well inside Number.MAX_SAFE_INTEGER so sums of many amounts are still exact. */
export const MAX_MONEY_AMOUNT_MINOR = 1_000_000_000_000; // 10 billion in a 2-decimal currency

export function isCurrency(value: string): value is Currency {
  return Object.hasOwn(CURRENCY_EXPONENTS, value);
}

export const CurrencySchema = z
  .string()
  .refine(isCurrency, { message: "unsupported currency (ISO-4217 code from the supported list)" })
  .openapi({ example: "USD" });

export const MoneySchema = z
  .object({
    amount: z.number().int().min(0).max(MAX_MONEY_AMOUNT_MINOR),
    currency: CurrencySchema,
  })
  .strict()
  .openapi("Money", { example: { amount: 1250, currency: "USD" } });

export function money(amount: number, currency: Currency): Money {
  if (!Number.isSafeInteger(amount)) throw new Error(`invariant failed: money amount ${amount} is not an integer`);
  return { amount, currency };
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new Error(`invariant failed: adding ${a.currency} to ${b.currency}`);
  return money(a.amount + b.amount, a.currency);
}

/** Human text for logs and emails, e.g. "USD 12.50". Display formatting for users lives in the web app. */
export function formatMoney(value: Money): string {
  const exponent = CURRENCY_EXPONENTS[value.currency];
  const sign = value.amount < 0 ? "-" : "";
  const digits = Math.abs(value.amount).toString().padStart(exponent + 1, "0");
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? "" : `.${digits.slice(-exponent)}`;
  return `${value.currency} ${sign}${whole}${fraction}`;
}
