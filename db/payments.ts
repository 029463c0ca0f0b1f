// Tables owned by the payments domain: card payments, deposits, payout accounts, withdrawals, FX rates/quotes/conversions, Stripe webhook ids, and the sandbox provider's own state.
import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const PAYMENT_PROVIDERS = ["sandbox", "stripe"] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

/**
 * processing: row written, provider not yet answered (a crash here leaves it for reconciliation, never a double charge:
 * the provider call's idempotency key is this id). requires_action: the payer must finish 3-D Secure. succeeded, failed: final.
 */
export const PAYMENT_STATUSES = ["processing", "requires_action", "succeeded", "failed"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** One card payment attempt through a provider. A declined attempt stays as a failed row (fraud signals, support). */
export const payments = pgTable(
  "payments",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    provider: text("provider", { enum: PAYMENT_PROVIDERS }).notNull(),
    /** The provider's id (Stripe PaymentIntent pi_…, sandbox spi_…), once it answered. */
    providerRef: text("provider_ref"),
    purpose: text("purpose", { enum: ["deposit", "order"] }).notNull(),
    orderId: text("order_id"),
    /** The caller's key for what is being paid (deposit:<id>, order:<id>:pay): one live payment per reference. */
    reference: text("reference").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    paymentMethod: text("payment_method").notNull(),
    status: text("status", { enum: PAYMENT_STATUSES }).notNull(),
    declineCode: text("decline_code"),
    /** When the deposit transfer (payment:<id>) was posted to the ledger. */
    settledAt: timestamp("settled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex("payments_provider_ref_idx").on(table.provider, table.providerRef),
    // A failed attempt frees its reference, so the payer can retry with another card.
    uniqueIndex("payments_live_reference_idx").on(table.reference).where(sql`${table.status} <> 'failed'`),
    index("payments_user_idx").on(table.userId, table.createdAt),
    check("payments_amount_positive", sql`${table.amountMinor} > 0`),
  ],
);

/** A wallet top-up: which payment paid it. Its status is the payment's. */
export const deposits = pgTable(
  "deposits",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    paymentId: text("payment_id")
      .notNull()
      .references(() => payments.id),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex("deposits_payment_idx").on(table.paymentId), index("deposits_user_idx").on(table.userId, table.createdAt)],
);

export const PAYOUT_ACCOUNT_TYPES = ["bank_account", "stripe_connect"] as const;
export type PayoutAccountType = (typeof PAYOUT_ACCOUNT_TYPES)[number];

/** Where a user's withdrawals go: a bank account (sandbox) or a Stripe Connect account (Stripe). One per user. */
export const payoutAccounts = pgTable("payout_accounts", {
  userId: text("user_id").primaryKey(),
  type: text("type", { enum: PAYOUT_ACCOUNT_TYPES }).notNull(),
  holderName: text("holder_name"),
  /** AES-256-GCM (platform/crypto.ts field encryption): the full IBAN is only ever needed by the payout itself. */
  ibanEncrypted: text("iban_encrypted"),
  ibanLast4: text("iban_last4"),
  country: text("country"),
  stripeAccountId: text("stripe_account_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

export const WITHDRAWAL_STATUSES = ["processing", "paid", "failed"] as const;

/** Money sent out of a wallet. Debited first (withdrawal:<id>), returned (withdrawal:<id>:reversal) if the payout fails. */
export const withdrawals = pgTable(
  "withdrawals",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    provider: text("provider", { enum: PAYMENT_PROVIDERS }).notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    destinationType: text("destination_type", { enum: PAYOUT_ACCOUNT_TYPES }).notNull(),
    /** What the user sees: "IBAN •••• 3000" or the Connect account id. */
    destinationLabel: text("destination_label").notNull(),
    status: text("status", { enum: WITHDRAWAL_STATUSES }).notNull(),
    /** The provider's payout id (Stripe transfer tr_…, sandbox str_…). */
    providerRef: text("provider_ref"),
    failureReason: text("failure_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("withdrawals_user_idx").on(table.userId, table.createdAt), check("withdrawals_amount_positive", sql`${table.amountMinor} > 0`)],
);

/**
 * Mid-market rates against USD: `unitsPerUsdScaled` = units of `currency` (major) per 1 USD, times 1e8 (FX_RATE_SCALE),
 * so rates are exact integers and conversions are BigInt arithmetic.
 */
export const fxRates = pgTable(
  "fx_rates",
  {
    currency: text("currency").primaryKey(),
    unitsPerUsdScaled: bigint("units_per_usd_scaled", { mode: "number" }).notNull(),
    source: text("source").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (table) => [check("fx_rates_positive", sql`${table.unitsPerUsdScaled} > 0`)],
);

/** A conversion price promised to one user for FX_QUOTE_TTL_SECONDS. Used at most once (fx_conversions.quote_id is unique). */
export const fxQuotes = pgTable(
  "fx_quotes",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    sellCurrency: text("sell_currency").notNull(),
    sellMinor: bigint("sell_minor", { mode: "number" }).notNull(),
    buyCurrency: text("buy_currency").notNull(),
    buyMinor: bigint("buy_minor", { mode: "number" }).notNull(),
    /** The mid rate used (buy-currency major units per sell-currency major unit, times 1e8), for display and audit. */
    midRateScaled: bigint("mid_rate_scaled", { mode: "number" }).notNull(),
    spreadBps: integer("spread_bps").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("fx_quotes_user_idx").on(table.userId, table.createdAt)],
);

export const fxConversions = pgTable(
  "fx_conversions",
  {
    id: text("id").primaryKey(),
    quoteId: text("quote_id")
      .notNull()
      .references(() => fxQuotes.id),
    userId: text("user_id").notNull(),
    /** The ledger transfer (reference fx:<quoteId>). */
    transferId: text("transfer_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex("fx_conversions_quote_idx").on(table.quoteId), index("fx_conversions_user_idx").on(table.userId, table.createdAt)],
);

/** Stripe event ids already handled: Stripe delivers at least once, and a replayed delivery must change nothing. */
export const stripeWebhookEvents = pgTable("stripe_webhook_events", {
  eventId: text("event_id").primaryKey(),
  type: text("type").notNull(),
  livemode: boolean("livemode").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
});

/**
 * The sandbox provider's own records, standing in for an outside provider's (the Worker keeps no state between
 * requests). Keyed by the idempotency key our side sends, as Stripe does, so a retried call returns the first answer.
 */
export const sandboxPaymentIntents = pgTable("sandbox_payment_intents", {
  id: text("id").primaryKey(),
  idempotencyKey: text("idempotency_key").notNull().unique("sandbox_payment_intents_idempotency_key"),
  amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
  currency: text("currency").notNull(),
  paymentMethod: text("payment_method").notNull(),
  status: text("status", { enum: ["requires_action", "succeeded", "declined"] }).notNull(),
  declineCode: text("decline_code"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

export const sandboxTransfers = pgTable("sandbox_transfers", {
  id: text("id").primaryKey(),
  idempotencyKey: text("idempotency_key").notNull().unique("sandbox_transfers_idempotency_key"),
  amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
  currency: text("currency").notNull(),
  destination: text("destination").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});
