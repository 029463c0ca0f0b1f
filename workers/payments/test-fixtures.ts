// Payments test fixtures inside workerd: money helpers, deposits and payout accounts over HTTP, and a Stripe switched on against the local Stripe mock.
import Stripe from "stripe";
import { eq } from "drizzle-orm";
import { expect, inject } from "vitest";
import { auditLog, ledgerAccounts } from "../../db/schema";
import type { AppEnv } from "../env";
import { accountKey, type AccountRef } from "../ledger/service";
import { call, testEnv, withDatabase, type ApiResponse, type CallOptions } from "../test-support/api";

// Type-only: the mock runs in Node (the workers globalSetup); only its request and answer shapes are shared.
import type { CannedStripeResponse, RecordedStripeRequest } from "../../scripts/test-support/stripe-mock";

export type { CannedStripeResponse, RecordedStripeRequest };

export const usd = (amount: number) => ({ amount, currency: "USD" });
export const eur = (amount: number) => ({ amount, currency: "EUR" });

/** A fresh Idempotency-Key (or the given one) as a header. */
export const idempotent = (key: string = crypto.randomUUID()) => ({ "Idempotency-Key": key });

/** A valid IBAN (the ECBS example), as a person would type it. */
export const EXAMPLE_IBAN = "DE89 3704 0044 0532 0130 00";

export function deposit(token: string, amount: unknown, paymentMethod = "pm_card_visa", options: CallOptions = {}) {
  return call("POST", "/v1/wallet/deposits", { token, body: { amount, paymentMethod }, ...options, headers: { ...idempotent(), ...options.headers } });
}

/** Tops the wallet up with the sandbox's succeeding card. */
export async function fund(token: string, amount: { amount: number; currency: string }) {
  const response = await deposit(token, amount);
  expect(response.status).toBe(201);
  expect(response.body.status).toBe("succeeded");
  return response.body;
}

export async function balances(token: string, options: CallOptions = {}) {
  const response = await call("GET", "/v1/wallet", { token, ...options });
  expect(response.status).toBe(200);
  return response.body.balances as { currency: string; available: { amount: number }; held: { amount: number } }[];
}

/** The balance of one ledger account, or null when it was never posted to. */
export async function ledgerBalance(ref: AccountRef): Promise<number | null> {
  return withDatabase(async (db) => (await db.orm.select({ balance: ledgerAccounts.balanceMinor }).from(ledgerAccounts).where(eq(ledgerAccounts.id, accountKey(ref))))[0]?.balance ?? null);
}

export async function auditActions(subjectId: string): Promise<string[]> {
  return withDatabase(async (db) => (await db.orm.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, subjectId)).orderBy(auditLog.at)).map((row) => row.action));
}

export async function setBankAccount(token: string, options: CallOptions = {}) {
  const response = await call("PUT", "/v1/wallet/payout-account", { token, body: { type: "bank_account", holderName: "Test Holder", iban: EXAMPLE_IBAN }, ...options });
  expect(response.status).toBe(200);
  return response.body;
}

export function withdraw(token: string, amount: unknown, options: CallOptions = {}): Promise<ApiResponse> {
  return call("POST", "/v1/wallet/withdrawals", { token, body: { amount }, ...options, headers: { ...idempotent(), ...options.headers } });
}

export const WEBHOOK_SECRET = "whsec_test_only_mnbara_webhook_secret";

export interface StripeTestApp {
  secretKey: string;
  /** The suite's env with Stripe on, aimed at the mock under a secret key of its own. */
  env: AppEnv;
  requests(): Promise<RecordedStripeRequest[]>;
  respond(...responses: CannedStripeResponse[]): Promise<void>;
  /** Plays the payer finishing 3-D Secure in the browser: the PaymentIntent moves to `status`. */
  setIntentStatus(intentId: string, status: string): Promise<void>;
}

/** A fresh secret key per test keeps tests running side by side from seeing each other's requests. */
export function stripeTestApp(overrides: Partial<AppEnv> = {}): StripeTestApp {
  const mockUrl = inject("stripeMockUrl");
  const secretKey = `sk_test_mock${crypto.randomUUID().replaceAll("-", "")}`;
  const control = `${mockUrl}/__mock/accounts/${secretKey}`;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${control}/${path}`, { method: "POST", body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    await response.body?.cancel();
  };
  return {
    secretKey,
    env: { ...testEnv, STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_PUBLISHABLE_KEY: "pk_test_mnbara", STRIPE_API_BASE: mockUrl, ...overrides },
    async requests() {
      const response = await fetch(`${control}/requests`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { requests: RecordedStripeRequest[] }).requests;
    },
    respond: (...responses) => post("responses", responses),
    setIntentStatus: (intentId, status) => post(`payment_intents/${intentId}`, { status }),
  };
}

/** A Stripe-Signature header for `payload` as Stripe makes it: HMAC-SHA256 of "<timestamp>.<payload>" with the secret. */
export async function signWebhook(payload: string, options: { timestampSeconds?: number; secret?: string } = {}): Promise<string> {
  return Stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    timestamp: options.timestampSeconds ?? Math.floor(Date.now() / 1000),
    cryptoProvider: Stripe.createSubtleCryptoProvider(),
  });
}

/** A PaymentIntent event as Stripe sends it (only the fields we read, plus the envelope). */
export function paymentIntentEvent(type: "payment_intent.succeeded" | "payment_intent.payment_failed", intent: { id: string; paymentId?: string; declineCode?: string }) {
  return JSON.stringify({
    id: `evt_${crypto.randomUUID().replaceAll("-", "")}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    type,
    data: {
      object: {
        id: intent.id,
        object: "payment_intent",
        status: type === "payment_intent.succeeded" ? "succeeded" : "requires_payment_method",
        metadata: intent.paymentId ? { paymentId: intent.paymentId } : {},
        last_payment_error: intent.declineCode ? { type: "card_error", code: "card_declined", decline_code: intent.declineCode, message: "Your card was declined." } : null,
      },
    },
  });
}
