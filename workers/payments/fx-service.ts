// Currency conversion in the wallet: the rates table, quotes that hold for FX_QUOTE_TTL_SECONDS, and converting at a quote through the ledger.
import { asc, eq, inArray } from "drizzle-orm";
import { fxConversions, fxQuotes, fxRates } from "../../db/schema";
import { postTransfer } from "../ledger/service";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { inTransaction } from "../platform/events";
import { newId } from "../platform/ids";
import { FX_QUOTE_TTL_SECONDS, FX_SPREAD_BPS } from "../platform/limits";
import { CURRENCY_EXPONENTS, isCurrency, MAX_MONEY_AMOUNT_MINOR, money, type Currency, type Money } from "../platform/money";
import { convertMinor, formatScaledRate, midRateScaled, parseDecimalRate } from "./fx-math";

/** Rates are quoted against this currency; its own rate is 1 by definition and cannot be changed. */
const BASE_CURRENCY: Currency = "USD";

export interface RateView {
  currency: Currency;
  /** Units of `currency` per 1 USD, exact decimal text with 8 places. */
  unitsPerUsd: string;
  source: string;
  updatedAt: string;
}

export interface QuoteView {
  id: string;
  sell: Money;
  buy: Money;
  /** Mid-market rate, buy per sell (major units), 8 places; `buy` is this less the spread, rounded down. */
  rate: string;
  spreadBps: number;
  expiresAt: string;
  createdAt: string;
}

export interface ConversionView {
  id: string;
  quoteId: string;
  sell: Money;
  buy: Money;
  rate: string;
  transferId: string;
  createdAt: string;
}

type RateRow = typeof fxRates.$inferSelect;
type QuoteRow = typeof fxQuotes.$inferSelect;

function currencyOf(code: string): Currency {
  if (!isCurrency(code)) throw new Error(`invariant failed: unsupported currency ${code} in the FX tables`);
  return code;
}

function rateView(row: RateRow): RateView {
  return { currency: currencyOf(row.currency), unitsPerUsd: formatScaledRate(row.unitsPerUsdScaled), source: row.source, updatedAt: row.updatedAt.toISOString() };
}

/** GET /v1/fx/rates */
export async function listRates(ctx: ServiceContext): Promise<{ base: Currency; spreadBps: number; quoteTtlSeconds: number; rates: RateView[] }> {
  const rows = await ctx.db.orm.select().from(fxRates).orderBy(asc(fxRates.currency));
  return { base: BASE_CURRENCY, spreadBps: FX_SPREAD_BPS, quoteTtlSeconds: FX_QUOTE_TTL_SECONDS, rates: rows.map(rateView) };
}

/** PUT /v1/fx/rates/:currency (admin). The change and the old value are audited. */
export async function setRate(ctx: ServiceContext, auth: AuthContext, currency: Currency, unitsPerUsd: string): Promise<RateView> {
  const scaled = parseDecimalRate(unitsPerUsd);
  if (scaled === null || scaled > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new AppError("VALIDATION_FAILED", "The rate is invalid.", { errors: [{ path: "unitsPerUsd", message: "a positive decimal with at most 8 places, e.g. \"0.92\"" }] });
  }
  if (currency === BASE_CURRENCY) throw new AppError("VALIDATION_FAILED", "USD is the base currency.", { errors: [{ path: "currency", message: "the base currency's rate is always 1" }] });
  const now = ctx.now();
  return inTransaction(ctx, async (scope) => {
    const [previous] = await scope.tx.select().from(fxRates).where(eq(fxRates.currency, currency)).for("update");
    const values = { unitsPerUsdScaled: Number(scaled), source: `admin:${auth.userId}`, updatedAt: now };
    const [row] = await scope.tx.insert(fxRates).values({ currency, ...values }).onConflictDoUpdate({ target: fxRates.currency, set: values }).returning();
    await scope.audit({
      actorId: auth.userId,
      action: "fx.rate_set",
      subjectType: "fx_rate",
      subjectId: currency,
      details: { unitsPerUsd: formatScaledRate(scaled), previous: previous ? formatScaledRate(previous.unitsPerUsdScaled) : null },
    });
    return rateView(row!);
  });
}

function quoteView(row: QuoteRow): QuoteView {
  return {
    id: row.id,
    sell: money(row.sellMinor, currencyOf(row.sellCurrency)),
    buy: money(row.buyMinor, currencyOf(row.buyCurrency)),
    rate: formatScaledRate(row.midRateScaled),
    spreadBps: row.spreadBps,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

/** POST /v1/wallet/fx-quotes: prices `sell` in `buyCurrency` at the mid rate less FX_SPREAD_BPS, rounded down; valid FX_QUOTE_TTL_SECONDS. */
export async function createQuote(ctx: ServiceContext, auth: AuthContext, input: { sell: Money; buyCurrency: Currency }): Promise<QuoteView> {
  const { sell, buyCurrency } = input;
  if (sell.currency === buyCurrency) throw new AppError("VALIDATION_FAILED", "Nothing to convert.", { errors: [{ path: "buyCurrency", message: "must differ from sell.currency" }] });
  const rows = await ctx.db.orm.select().from(fxRates).where(inArray(fxRates.currency, [sell.currency, buyCurrency]));
  const sellRate = rows.find((row) => row.currency === sell.currency);
  const buyRate = rows.find((row) => row.currency === buyCurrency);
  if (!sellRate || !buyRate) throw new AppError("FX_RATE_UNAVAILABLE", `There is no rate for ${!sellRate ? sell.currency : buyCurrency} yet.`);
  const buyMinor = convertMinor({
    sellMinor: sell.amount,
    sellExponent: CURRENCY_EXPONENTS[sell.currency],
    buyExponent: CURRENCY_EXPONENTS[buyCurrency],
    sellUnitsPerUsdScaled: sellRate.unitsPerUsdScaled,
    buyUnitsPerUsdScaled: buyRate.unitsPerUsdScaled,
    spreadBps: FX_SPREAD_BPS,
  });
  if (buyMinor < 1n) throw new AppError("FX_AMOUNT_OUT_OF_RANGE", `Too small: ${sell.amount} ${sell.currency} minor units buy less than one minor unit of ${buyCurrency}.`);
  if (buyMinor > BigInt(MAX_MONEY_AMOUNT_MINOR)) throw new AppError("FX_AMOUNT_OUT_OF_RANGE", "Too large: the converted amount exceeds the largest amount the wallet holds.");
  const now = ctx.now();
  const [row] = await ctx.db.orm
    .insert(fxQuotes)
    .values({
      id: newId("fxQuote", now.getTime()),
      userId: auth.userId,
      sellCurrency: sell.currency,
      sellMinor: sell.amount,
      buyCurrency,
      buyMinor: Number(buyMinor),
      midRateScaled: Number(midRateScaled(sellRate.unitsPerUsdScaled, buyRate.unitsPerUsdScaled)),
      spreadBps: FX_SPREAD_BPS,
      expiresAt: new Date(now.getTime() + FX_QUOTE_TTL_SECONDS * 1000),
      createdAt: now,
    })
    .returning();
  return quoteView(row!);
}

/**
 * POST /v1/wallet/conversions: converts at a quote, once. The quote is locked, so two concurrent conversions of it
 * cannot both pass. Someone else's quote → 404; used → 409 FX_QUOTE_USED; expired → 409 FX_QUOTE_EXPIRED; short of
 * the sell currency → 422 INSUFFICIENT_FUNDS. Ledger (reference fx:<quoteId>):
 * user_available(sell) −a, fx(sell) +a, fx(buy) −b, user_available(buy) +b — the spread stays in the fx accounts.
 */
export async function convertAtQuote(ctx: ServiceContext, auth: AuthContext, quoteId: string): Promise<ConversionView> {
  return inTransaction(ctx, async (scope) => {
    const [quote] = await scope.tx.select().from(fxQuotes).where(eq(fxQuotes.id, quoteId)).for("update");
    if (!quote || quote.userId !== auth.userId) throw new AppError("NOT_FOUND", "No such quote.");
    const [used] = await scope.tx.select({ id: fxConversions.id }).from(fxConversions).where(eq(fxConversions.quoteId, quote.id));
    if (used) throw new AppError("FX_QUOTE_USED", "This quote was already used; ask for a new one.", { extra: { conversionId: used.id } });
    const now = ctx.now();
    if (now.getTime() >= quote.expiresAt.getTime()) throw new AppError("FX_QUOTE_EXPIRED", "This quote has expired; ask for a new one.", { extra: { expiresAt: quote.expiresAt.toISOString() } });
    const { sell, buy, rate } = quoteView(quote);
    const transfer = await postTransfer(scope, ctx, {
      kind: "fx",
      reference: `fx:${quote.id}`,
      postings: [
        { account: { kind: "user_available", ownerId: auth.userId, currency: sell.currency }, amount: -sell.amount },
        { account: { kind: "fx", currency: sell.currency }, amount: sell.amount },
        { account: { kind: "fx", currency: buy.currency }, amount: -buy.amount },
        { account: { kind: "user_available", ownerId: auth.userId, currency: buy.currency }, amount: buy.amount },
      ],
      memo: `Converted at ${rate} less ${quote.spreadBps} bps`,
      actorId: auth.userId,
    });
    const [conversion] = await scope.tx.insert(fxConversions).values({ id: newId("fxConversion", now.getTime()), quoteId: quote.id, userId: auth.userId, transferId: transfer.id, createdAt: now }).returning();
    await scope.audit({
      actorId: auth.userId,
      action: "fx.converted",
      subjectType: "fx_conversion",
      subjectId: conversion!.id,
      details: { quoteId: quote.id, sell, buy, rate, spreadBps: quote.spreadBps, transferId: transfer.id },
    });
    return { id: conversion!.id, quoteId: quote.id, sell, buy, rate, transferId: transfer.id, createdAt: now.toISOString() };
  });
}
