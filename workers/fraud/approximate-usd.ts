// A rough USD value of any supported amount, so one set of fraud thresholds works in every currency.
import { CURRENCY_EXPONENTS, type Currency } from "../platform/money";

/**
 * US dollars per major unit, rounded (early-2025 levels). Risk thresholds only need the order of magnitude, and a
 * fixed table keeps scoring pure and reproducible; exact conversion is the payments domain's FX quotes.
 */
const USD_PER_UNIT: Record<Currency, number> = {
  USD: 1, EUR: 1.08, GBP: 1.27, CAD: 0.73, AUD: 0.66, CHF: 1.13, SEK: 0.095, NOK: 0.093, DKK: 0.145, PLN: 0.25,
  AED: 0.272, SAR: 0.267, QAR: 0.275, EGP: 0.02, MAD: 0.1, TRY: 0.029, INR: 0.012, CNY: 0.14, SGD: 0.75, HKD: 0.128,
  MXN: 0.055, BRL: 0.18, ZAR: 0.054, NGN: 0.00065, KES: 0.0077,
  JPY: 0.0066, KRW: 0.00072,
  KWD: 3.25, BHD: 2.65, OMR: 2.6, JOD: 1.41,
};

/** `amountMinor` of `currency` as approximate US cents (whole). */
export function approximateUsdMinor(amountMinor: number, currency: Currency): number {
  return Math.round((amountMinor / 10 ** CURRENCY_EXPONENTS[currency]) * USD_PER_UNIT[currency] * 100);
}
