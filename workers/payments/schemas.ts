// Request and response schemas of the wallet, payments and FX routes, for validation and the OpenAPI document.
import { z } from "@hono/zod-openapi";
import { LEDGER_TRANSFER_KINDS } from "../../db/schema";
import { CARD_PAYMENT_MAX_AMOUNT_MINOR, PAYMENT_METHOD_ID_MAX_LENGTH, PAYOUT_HOLDER_NAME_MAX_LENGTH } from "../platform/limits";
import { CurrencySchema, MoneySchema } from "../platform/money";
import { PageQuerySchema } from "../platform/schemas";

/** Money that must move something: at least one minor unit. */
const PositiveMoney = MoneySchema.refine((value) => value.amount >= 1, { path: ["amount"], message: "must be at least 1" });

export const DepositBodySchema = z
  .object({
    amount: PositiveMoney.refine((value) => value.amount <= CARD_PAYMENT_MAX_AMOUNT_MINOR, { path: ["amount"], message: `at most ${CARD_PAYMENT_MAX_AMOUNT_MINOR} per card payment` }),
    paymentMethod: z
      .string()
      .regex(new RegExp(`^pm_[A-Za-z0-9_]{1,${PAYMENT_METHOD_ID_MAX_LENGTH}}$`), "a payment method id (pm_…) from Stripe Elements or the sandbox's test list")
      .openapi({ example: "pm_card_visa" }),
  })
  .strict()
  .openapi("DepositRequest");

export const WithdrawalBodySchema = z.object({ amount: PositiveMoney }).strict().openapi("WithdrawalRequest");

// One strict object rather than a union, so unknown fields are named even when `type` is missing (as catalog does).
export const PayoutAccountBodySchema = z
  .object({
    type: z.enum(["bank_account", "stripe_connect"]),
    holderName: z.string().trim().min(1).max(PAYOUT_HOLDER_NAME_MAX_LENGTH).optional(),
    iban: z.string().min(15).max(42).optional().openapi({ example: "DE89 3704 0044 0532 0130 00" }),
    accountId: z.string().regex(/^acct_[A-Za-z0-9]{1,64}$/, "a Stripe Connect account id (acct_…)").optional(),
  })
  .strict()
  .superRefine((value, context) => {
    const needed = value.type === "bank_account" ? ["holderName", "iban"] : ["accountId"];
    const forbidden = value.type === "bank_account" ? ["accountId"] : ["holderName", "iban"];
    for (const field of needed) if (value[field as keyof typeof value] === undefined) context.addIssue({ code: "custom", path: [field], message: `required for type ${value.type}` });
    for (const field of forbidden) if (value[field as keyof typeof value] !== undefined) context.addIssue({ code: "custom", path: [field], message: `not allowed for type ${value.type}` });
  })
  .openapi("PayoutAccountRequest");

export const QuoteBodySchema = z.object({ sell: PositiveMoney, buyCurrency: CurrencySchema }).strict().openapi("FxQuoteRequest");
export const ConversionBodySchema = z.object({ quoteId: z.string().min(1).max(64) }).strict().openapi("FxConversionRequest");
export const RateBodySchema = z
  .object({ unitsPerUsd: z.string().max(20).openapi({ description: "Units of the currency per 1 USD, a decimal with at most 8 places", example: "0.92" }) })
  .strict()
  .openapi("FxRateRequest");

export const PaymentIdParams = z.object({ id: z.string().min(1).max(64) }).strict();
export const CurrencyParams = z.object({ currency: CurrencySchema }).strict();

export const StatementQuerySchema = PageQuerySchema.extend({
  currency: CurrencySchema,
  account: z.enum(["available", "held"]).default("available"),
}).strict();

const NextActionSchema = z
  .union([
    z.object({ type: z.literal("sandbox_confirm"), confirmUrl: z.string() }),
    z.object({ type: z.literal("use_stripe_sdk"), clientSecret: z.string() }),
  ])
  .openapi("PaymentNextAction");

const PaymentStatusSchema = z.enum(["processing", "requires_action", "succeeded", "failed"]);

export const PaymentSchema = z
  .object({
    id: z.string(),
    status: PaymentStatusSchema,
    amount: MoneySchema,
    purpose: z.enum(["deposit", "order"]),
    orderId: z.string().nullable(),
    nextAction: NextActionSchema.optional(),
    declineCode: z.string().optional(),
    createdAt: z.string(),
  })
  .openapi("Payment");

export const DepositSchema = z
  .object({
    id: z.string(),
    status: PaymentStatusSchema,
    amount: MoneySchema,
    payment: z.object({ id: z.string(), status: PaymentStatusSchema, nextAction: NextActionSchema.optional() }),
    createdAt: z.string(),
  })
  .openapi("Deposit");

export const WalletSchema = z
  .object({ balances: z.array(z.object({ currency: CurrencySchema, available: MoneySchema, held: MoneySchema })) })
  .openapi("Wallet");

export const StatementSchema = z
  .object({
    items: z.array(z.object({ entryId: z.string(), transferId: z.string(), amount: z.object({ amount: z.number().int(), currency: z.string() }), balanceAfter: MoneySchema, kind: z.enum(LEDGER_TRANSFER_KINDS), at: z.string() })),
    nextCursor: z.string().nullable(),
  })
  .openapi("Statement");

export const PayoutAccountSchema = z
  .union([
    z.object({ type: z.literal("bank_account"), holderName: z.string(), ibanLast4: z.string(), country: z.string(), label: z.string(), updatedAt: z.string() }),
    z.object({ type: z.literal("stripe_connect"), accountId: z.string(), label: z.string(), updatedAt: z.string() }),
  ])
  .openapi("PayoutAccount");

export const WithdrawalSchema = z
  .object({
    id: z.string(),
    status: z.enum(["processing", "paid", "failed"]),
    amount: MoneySchema,
    destination: z.object({ type: z.enum(["bank_account", "stripe_connect"]), label: z.string() }),
    failureReason: z.string().optional(),
    createdAt: z.string(),
  })
  .openapi("Withdrawal");

export const RateSchema = z.object({ currency: CurrencySchema, unitsPerUsd: z.string(), source: z.string(), updatedAt: z.string() }).openapi("FxRate");

export const RatesSchema = z
  .object({ base: CurrencySchema, spreadBps: z.number().int(), quoteTtlSeconds: z.number().int(), rates: z.array(RateSchema) })
  .openapi("FxRates");

export const QuoteSchema = z
  .object({ id: z.string(), sell: MoneySchema, buy: MoneySchema, rate: z.string(), spreadBps: z.number().int(), expiresAt: z.string(), createdAt: z.string() })
  .openapi("FxQuote");

export const ConversionSchema = z
  .object({ id: z.string(), quoteId: z.string(), sell: MoneySchema, buy: MoneySchema, rate: z.string(), transferId: z.string(), createdAt: z.string() })
  .openapi("FxConversion");

export const PaymentsConfigSchema = z
  .object({
    provider: z.enum(["sandbox", "stripe"]),
    publishableKey: z.string().optional(),
    testPaymentMethods: z.array(z.object({ id: z.string(), description: z.string() })).optional(),
  })
  .openapi("PaymentsConfig");

export const WebhookAckSchema = z.object({ received: z.literal(true), duplicate: z.boolean() }).openapi("WebhookAck");
