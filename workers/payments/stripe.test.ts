// The Stripe provider's contract, against the local Stripe mock: the exact requests the SDK sends, how Stripe's answers map to ours, and signed webhooks.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxEvents, payments, stripeWebhookEvents, withdrawals } from "../../db/schema";
import { call, expectProblem, registerUser, withDatabase } from "../test-support/api";
import { STRIPE_API_VERSION } from "./stripe-provider";
import { balances, deposit, idempotent, paymentIntentEvent, signWebhook, stripeTestApp, usd, withdraw, type StripeTestApp } from "./test-fixtures";

async function paymentRow(paymentId: string) {
  return withDatabase(async (db) => (await db.orm.select().from(payments).where(eq(payments.id, paymentId)))[0]);
}

async function paymentRowsOf(userId: string) {
  return withDatabase((db) => db.orm.select().from(payments).where(eq(payments.userId, userId)));
}

async function succeededEvents(paymentId: string) {
  return withDatabase((db) => db.orm.select().from(outboxEvents).where(and(eq(outboxEvents.type, "payment.succeeded"), sql`${outboxEvents.payload}->>'paymentId' = ${paymentId}`)));
}

async function webhookRows(eventId: string) {
  return withDatabase((db) => db.orm.select().from(stripeWebhookEvents).where(eq(stripeWebhookEvents.eventId, eventId)));
}

function postWebhook(app: StripeTestApp, payload: string, signature: string | undefined) {
  return call("POST", "/v1/payments/webhooks/stripe", { env: app.env, rawBody: payload, headers: signature === undefined ? {} : { "Stripe-Signature": signature } });
}

/** A Stripe deposit that is waiting for 3-D Secure: its payment id and PaymentIntent id. */
async function pendingStripeDeposit(app: StripeTestApp, token: string, amount = usd(3_000)) {
  const response = await deposit(token, amount, "pm_card_threeDSecure2Required", { env: app.env });
  expect(response.status).toBe(201);
  const row = await paymentRow(response.body.payment.id);
  return { paymentId: row!.id, intentId: row!.providerRef! };
}

describe("card payments with Stripe", () => {
  it("creates and confirms a PaymentIntent at once, form-encoded, with our payment id as the Idempotency-Key and the pinned API version", async () => {
    const app = stripeTestApp();
    const user = await registerUser("stripe-visa");
    const response = await deposit(user.accessToken, usd(2_500), "pm_card_visa", { env: app.env });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: "succeeded", payment: { status: "succeeded" } });
    const paymentId = response.body.payment.id;
    const [request] = await app.requests();
    expect(request).toEqual({
      method: "POST",
      path: "/v1/payment_intents",
      headers: {
        authorization: `Bearer ${app.secretKey}`,
        "content-type": "application/x-www-form-urlencoded",
        "idempotency-key": paymentId,
        "stripe-version": STRIPE_API_VERSION,
        "user-agent": expect.stringMatching(/^Stripe\/v1 NodeBindings\/23\.1\.0/),
      },
      rawBody: expect.any(String),
      form: {
        amount: "2500",
        currency: "usd",
        payment_method: "pm_card_visa",
        "allowed_payment_method_types[0]": "card",
        confirm: "true",
        capture_method: "automatic",
        description: "Mnbara wallet top-up",
        "metadata[paymentId]": paymentId,
        "metadata[userId]": user.id,
        "metadata[purpose]": "deposit",
      },
    });
    expect(await paymentRow(paymentId)).toMatchObject({ provider: "stripe", providerRef: expect.stringMatching(/^pi_mock\d{6}$/), status: "succeeded" });
    expect(await balances(user.accessToken, { env: app.env })).toEqual([{ currency: "USD", available: usd(2_500), held: usd(0) }]);
  });

  it.each([
    ["pm_card_visa_chargeDeclined", "generic_decline"],
    ["pm_card_visa_chargeDeclinedInsufficientFunds", "insufficient_funds"],
  ])("maps Stripe's card_error for %s to 402 PAYMENT_DECLINED (%s) and credits nothing", async (paymentMethod, declineCode) => {
    const app = stripeTestApp();
    const user = await registerUser("stripe-declined");
    const problem = expectProblem(await deposit(user.accessToken, usd(2_500), paymentMethod, { env: app.env }), 402, "PAYMENT_DECLINED");
    expect(problem).toMatchObject({ declineCode });
    expect(await paymentRow(String(problem.paymentId))).toMatchObject({ status: "failed", declineCode, providerRef: expect.stringMatching(/^pi_mock\d{6}$/) });
    expect(await balances(user.accessToken)).toEqual([]);
  });

  it("answers a payment method Stripe does not know with 400 at paymentMethod and keeps no payment", async () => {
    const app = stripeTestApp();
    const user = await registerUser("stripe-unknown-pm");
    const response = await deposit(user.accessToken, usd(2_500), "pm_doesNotExist", { env: app.env });
    expect(expectProblem(response, 400, "VALIDATION_FAILED").errors).toEqual([{ path: "paymentMethod", message: "unknown or unusable payment method" }]);
    expect(await paymentRowsOf(user.id)).toEqual([]);
  });

  it("answers an amount below Stripe's minimum charge with 400 at amount.amount and keeps no payment", async () => {
    const app = stripeTestApp();
    const user = await registerUser("stripe-too-small");
    const message = "Amount must be at least $0.50 usd";
    await app.respond({ method: "POST", path: "/v1/payment_intents", status: 400, body: { error: { type: "invalid_request_error", code: "amount_too_small", param: "amount", message } } });
    const response = await deposit(user.accessToken, usd(10), "pm_card_visa", { env: app.env });
    expect(expectProblem(response, 400, "VALIDATION_FAILED").errors).toEqual([{ path: "amount.amount", message }]);
    expect(await paymentRowsOf(user.id)).toEqual([]);
  });

  it("answers 503 when Stripe keeps failing, after one retry with the same Idempotency-Key, and credits nothing", async () => {
    const app = stripeTestApp();
    const user = await registerUser("stripe-down");
    const failure = { method: "POST", path: "/v1/payment_intents", status: 500, body: { error: { type: "api_error", message: "Something went wrong" } } };
    await app.respond(failure, failure);
    expectProblem(await deposit(user.accessToken, usd(2_500), "pm_card_visa", { env: app.env }), 503, "DEPENDENCY_UNAVAILABLE");
    const sent = await app.requests();
    expect(sent.map((request) => request.headers["idempotency-key"])).toEqual([sent[0]!.headers["idempotency-key"], sent[0]!.headers["idempotency-key"]]);
    // Left `processing` (the charge's fate is unknown to us); Stripe's webhook settles or fails it by metadata.paymentId.
    expect((await paymentRowsOf(user.id)).map((row) => row.status)).toEqual(["processing"]);
    expect(await balances(user.accessToken)).toEqual([]);
  });

  it("hands a 3-D Secure payment's client secret to the browser and settles it once Stripe says it succeeded", async () => {
    const app = stripeTestApp();
    const user = await registerUser("stripe-3ds");
    const response = await deposit(user.accessToken, usd(3_000), "pm_card_threeDSecure2Required", { env: app.env });
    const paymentId = response.body.payment.id;
    const intentId = (await paymentRow(paymentId))!.providerRef!;
    const nextAction = { type: "use_stripe_sdk", clientSecret: `${intentId}_secret_mock` };
    expect(response.body).toMatchObject({ status: "requires_action", payment: { status: "requires_action", nextAction } });

    const early = await call("POST", `/v1/payments/${paymentId}/confirm`, { env: app.env, token: user.accessToken, headers: idempotent() });
    expect(early.body).toMatchObject({ status: "requires_action", nextAction });
    expect(await balances(user.accessToken)).toEqual([]);

    await app.setIntentStatus(intentId, "succeeded");
    const confirmed = await call("POST", `/v1/payments/${paymentId}/confirm`, { env: app.env, token: user.accessToken, headers: idempotent() });
    expect(confirmed.body).toMatchObject({ id: paymentId, status: "succeeded" });
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(3_000), held: usd(0) }]);
    expect(await succeededEvents(paymentId)).toHaveLength(1);
    const retrievals = (await app.requests()).filter((request) => request.method === "GET");
    expect(retrievals.map((request) => [request.path, request.headers["stripe-version"]])).toEqual([
      [`/v1/payment_intents/${intentId}`, STRIPE_API_VERSION],
      [`/v1/payment_intents/${intentId}`, STRIPE_API_VERSION],
    ]);
  });
});

describe("payouts with Stripe Connect", () => {
  async function connectedUser(app: StripeTestApp, label: string, funds: number) {
    const user = await registerUser(label);
    expect((await deposit(user.accessToken, usd(funds), "pm_card_visa", { env: app.env })).status).toBe(201);
    const account = await call("PUT", "/v1/wallet/payout-account", { env: app.env, token: user.accessToken, body: { type: "stripe_connect", accountId: "acct_1Mnbara" } });
    expect(account.body).toEqual({ type: "stripe_connect", accountId: "acct_1Mnbara", label: "acct_1Mnbara", updatedAt: expect.any(String) });
    return user;
  }

  it("takes only a Connect account as the payout account (a bank account is 400)", async () => {
    const app = stripeTestApp();
    const user = await registerUser("stripe-bank");
    const response = await call("PUT", "/v1/wallet/payout-account", { env: app.env, token: user.accessToken, body: { type: "bank_account", holderName: "A", iban: "DE89 3704 0044 0532 0130 00" } });
    expect(expectProblem(response, 400, "VALIDATION_FAILED").errors).toEqual([{ path: "type", message: "this deployment pays out to stripe_connect accounts" }]);
  });

  it("pays a withdrawal out as a Connect transfer, form-encoded, with the withdrawal id as the Idempotency-Key", async () => {
    const app = stripeTestApp();
    const user = await connectedUser(app, "stripe-payout", 5_000);
    const response = await withdraw(user.accessToken, usd(1_000), { env: app.env });
    expect(response.body).toMatchObject({ status: "paid", amount: usd(1_000), destination: { type: "stripe_connect", label: "acct_1Mnbara" } });
    const transfer = (await app.requests()).find((request) => request.path === "/v1/transfers");
    expect(transfer).toMatchObject({
      method: "POST",
      headers: { authorization: `Bearer ${app.secretKey}`, "content-type": "application/x-www-form-urlencoded", "idempotency-key": response.body.id, "stripe-version": STRIPE_API_VERSION },
      form: {
        amount: "1000",
        currency: "usd",
        destination: "acct_1Mnbara",
        description: `Mnbara withdrawal ${response.body.id}`,
        "metadata[withdrawalId]": response.body.id,
        "metadata[userId]": user.id,
      },
    });
    expect((await withDatabase((db) => db.orm.select().from(withdrawals).where(eq(withdrawals.id, response.body.id))))[0]).toMatchObject({ provider: "stripe", providerRef: expect.stringMatching(/^tr_mock\d{6}$/), status: "paid" });
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(4_000), held: usd(0) }]);
  });

  it("puts the money back when Stripe refuses the transfer: 422 PAYOUT_FAILED, the withdrawal failed, the statement shows both", async () => {
    const app = stripeTestApp();
    const user = await connectedUser(app, "stripe-payout-refused", 5_000);
    await app.respond({ method: "POST", path: "/v1/transfers", status: 400, body: { error: { type: "invalid_request_error", code: "balance_insufficient", message: "You have insufficient available funds in your Stripe account." } } });
    const problem = expectProblem(await withdraw(user.accessToken, usd(1_000), { env: app.env }), 422, "PAYOUT_FAILED");
    expect(problem).toMatchObject({ providerCode: "balance_insufficient" });
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(5_000), held: usd(0) }]);
    const [row] = await withDatabase((db) => db.orm.select().from(withdrawals).where(eq(withdrawals.userId, user.id)));
    expect(row).toMatchObject({ status: "failed", failureReason: "The payout was refused: You have insufficient available funds in your Stripe account." });
    const statement = await call("GET", "/v1/wallet/statement?currency=USD", { token: user.accessToken });
    expect(statement.body.items.map((item: { kind: string; amount: unknown; balanceAfter: unknown }) => [item.kind, item.amount, item.balanceAfter])).toEqual([
      ["withdrawal", usd(1_000), usd(5_000)],
      ["withdrawal", usd(-1_000), usd(4_000)],
      ["deposit", usd(5_000), usd(5_000)],
    ]);
  });

  it("tells the web checkout to use Stripe, with the publishable key", async () => {
    const app = stripeTestApp();
    expect((await call("GET", "/v1/payments/config", { env: app.env })).body).toEqual({ provider: "stripe", publishableKey: "pk_test_mnbara" });
  });
});

describe("POST /v1/payments/webhooks/stripe", () => {
  it("settles a payment on a validly signed payment_intent.succeeded and emits payment.succeeded", async () => {
    const app = stripeTestApp();
    const user = await registerUser("webhook-ok");
    const { paymentId, intentId } = await pendingStripeDeposit(app, user.accessToken);
    const payload = paymentIntentEvent("payment_intent.succeeded", { id: intentId, paymentId });
    const response = await postWebhook(app, payload, await signWebhook(payload));
    expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await paymentRow(paymentId)).toMatchObject({ status: "succeeded", settledAt: expect.any(Date) });
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(3_000), held: usd(0) }]);
    expect((await succeededEvents(paymentId)).map((event) => event.payload)).toEqual([{ paymentId, userId: user.id, amount: usd(3_000), purpose: "deposit" }]);
  });

  it("handles a replayed event id once: the second delivery is acknowledged as a duplicate and changes nothing", async () => {
    const app = stripeTestApp();
    const user = await registerUser("webhook-replay");
    const { paymentId, intentId } = await pendingStripeDeposit(app, user.accessToken);
    const payload = paymentIntentEvent("payment_intent.succeeded", { id: intentId, paymentId });
    expect((await postWebhook(app, payload, await signWebhook(payload))).body).toEqual({ received: true, duplicate: false });
    const replay = await postWebhook(app, payload, await signWebhook(payload));
    expect({ status: replay.status, body: replay.body }).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(await webhookRows(JSON.parse(payload).id)).toHaveLength(1);
    expect(await succeededEvents(paymentId)).toHaveLength(1);
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(3_000), held: usd(0) }]);
  });

  it.each([
    ["signed with another secret (forged)", async (payload: string) => ({ payload, signature: await signWebhook(payload, { secret: "whsec_attacker" }) })],
    ["with the body changed after signing", async (payload: string) => ({ payload: payload.replace('"livemode":false', '"livemode":true'), signature: await signWebhook(payload) })],
    ["signed 301 seconds ago (outside the 300 s tolerance)", async (payload: string) => ({ payload, signature: await signWebhook(payload, { timestampSeconds: Math.floor(Date.now() / 1000) - 301 }) })],
    ["without a signature", async (payload: string) => ({ payload, signature: undefined })],
    ["with a signature header that is not Stripe's format", async (payload: string) => ({ payload, signature: "sha256=deadbeef" })],
  ])("refuses an event %s with 400 WEBHOOK_SIGNATURE_INVALID and changes nothing", async (_name, make) => {
    const app = stripeTestApp();
    const user = await registerUser("webhook-bad");
    const { paymentId, intentId } = await pendingStripeDeposit(app, user.accessToken);
    const original = paymentIntentEvent("payment_intent.succeeded", { id: intentId, paymentId });
    const { payload, signature } = await make(original);
    expectProblem(await postWebhook(app, payload, signature), 400, "WEBHOOK_SIGNATURE_INVALID");
    expect((await paymentRow(paymentId))!.status).toBe("requires_action");
    expect(await webhookRows(JSON.parse(original).id)).toEqual([]);
    expect(await balances(user.accessToken)).toEqual([]);
  });

  it("leaves a payment that succeeded at once to its own request: no second settle, no payment.succeeded", async () => {
    const app = stripeTestApp();
    const user = await registerUser("webhook-immediate");
    const response = await deposit(user.accessToken, usd(1_500), "pm_card_visa", { env: app.env });
    const paymentId = response.body.payment.id;
    const payload = paymentIntentEvent("payment_intent.succeeded", { id: (await paymentRow(paymentId))!.providerRef!, paymentId });
    expect((await postWebhook(app, payload, await signWebhook(payload))).body).toEqual({ received: true, duplicate: false });
    expect(await succeededEvents(paymentId)).toEqual([]);
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(1_500), held: usd(0) }]);
  });

  it("accepts an event signed within the tolerance (290 seconds ago)", async () => {
    const app = stripeTestApp();
    const payload = paymentIntentEvent("payment_intent.succeeded", { id: "pi_not_ours" });
    const response = await postWebhook(app, payload, await signWebhook(payload, { timestampSeconds: Math.floor(Date.now() / 1000) - 290 }));
    expect(response.body).toEqual({ received: true, duplicate: false });
  });

  it("marks a payment failed on payment_intent.payment_failed, with the decline code, crediting nothing", async () => {
    const app = stripeTestApp();
    const user = await registerUser("webhook-failed");
    const { paymentId, intentId } = await pendingStripeDeposit(app, user.accessToken);
    const payload = paymentIntentEvent("payment_intent.payment_failed", { id: intentId, paymentId, declineCode: "authentication_required" });
    expect((await postWebhook(app, payload, await signWebhook(payload))).status).toBe(200);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "failed", declineCode: "authentication_required", settledAt: null });
    expect(await balances(user.accessToken)).toEqual([]);
    expect(await succeededEvents(paymentId)).toEqual([]);
  });

  it("acknowledges and records event types it does not act on", async () => {
    const app = stripeTestApp();
    const payload = JSON.stringify({ id: `evt_${crypto.randomUUID().replaceAll("-", "")}`, object: "event", type: "charge.refund.updated", livemode: false, created: 1, data: { object: {} } });
    expect((await postWebhook(app, payload, await signWebhook(payload))).body).toEqual({ received: true, duplicate: false });
    expect(await webhookRows(JSON.parse(payload).id)).toMatchObject([{ type: "charge.refund.updated", livemode: false }]);
  });

  it("answers 404 where Stripe is not configured (the sandbox has no webhooks)", async () => {
    const payload = paymentIntentEvent("payment_intent.succeeded", { id: "pi_x" });
    expectProblem(await call("POST", "/v1/payments/webhooks/stripe", { rawBody: payload, headers: { "Stripe-Signature": await signWebhook(payload) } }), 404, "NOT_FOUND");
  });
});
