// Card deposits with the sandbox provider over HTTP: credited at once, declines that change nothing, the 3-D Secure confirm step, idempotency, bad input.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deposits, outboxEvents, payments } from "../../db/schema";
import { call, expectProblem, registerUser, withDatabase } from "../test-support/api";
import { auditActions, balances, deposit, fund, idempotent, usd } from "./test-fixtures";

async function paymentRows(userId: string) {
  return withDatabase((db) => db.orm.select().from(payments).where(eq(payments.userId, userId)).orderBy(payments.createdAt));
}

async function depositCount(userId: string) {
  return withDatabase(async (db) => (await db.orm.select({ n: sql<number>`count(*)::int` }).from(deposits).where(eq(deposits.userId, userId)))[0]!.n);
}

async function succeededEvents(paymentId: string) {
  return withDatabase((db) => db.orm.select().from(outboxEvents).where(and(eq(outboxEvents.type, "payment.succeeded"), sql`${outboxEvents.payload}->>'paymentId' = ${paymentId}`)));
}

describe("POST /v1/wallet/deposits", () => {
  it("credits a pm_card_visa deposit to the available balance at once, through the ledger, audited", async () => {
    const user = await registerUser("deposit-visa");
    const response = await deposit(user.accessToken, usd(2_500));
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^dep_/),
      status: "succeeded",
      amount: usd(2_500),
      payment: { id: expect.stringMatching(/^pay_/), status: "succeeded" },
      createdAt: expect.any(String),
    });
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(2_500), held: usd(0) }]);
    const statement = await call("GET", "/v1/wallet/statement?currency=USD", { token: user.accessToken });
    expect(statement.body.items).toMatchObject([{ amount: usd(2_500), balanceAfter: usd(2_500), kind: "deposit" }]);
    const [payment] = await paymentRows(user.id);
    expect(payment).toMatchObject({ id: response.body.payment.id, provider: "sandbox", purpose: "deposit", status: "succeeded", amountMinor: 2_500, currency: "USD", reference: `deposit:${response.body.id}` });
    expect(payment!.providerRef).toMatch(/^spi_/);
    expect(payment!.settledAt).not.toBeNull();
    expect(await auditActions(payment!.id)).toEqual(["payment.succeeded", "payment.settled"]);
    expect(await auditActions(response.body.id)).toEqual(["deposit.created"]);
  });

  it.each([
    ["pm_card_declined", "generic_decline"],
    ["pm_card_insufficient_funds", "insufficient_funds"],
  ])("refuses %s with 402 PAYMENT_DECLINED (%s), credits nothing and records only the failed attempt", async (paymentMethod, declineCode) => {
    const user = await registerUser("deposit-declined");
    const problem = expectProblem(await deposit(user.accessToken, usd(2_500), paymentMethod), 402, "PAYMENT_DECLINED");
    const [payment] = await paymentRows(user.id);
    expect(problem).toMatchObject({ declineCode, paymentId: payment!.id });
    expect(payment).toMatchObject({ status: "failed", declineCode, settledAt: null });
    expect(await balances(user.accessToken)).toEqual([]);
    expect(await depositCount(user.id)).toBe(0);
    expect(await auditActions(payment!.id)).toEqual(["payment.failed"]);
  });

  it("waits for the payer's 3-D Secure confirmation, then credits the wallet once and emits payment.succeeded once", async () => {
    const user = await registerUser("deposit-3ds");
    const response = await deposit(user.accessToken, usd(4_000), "pm_card_threeDSecure2Required");
    expect(response.status).toBe(201);
    const paymentId = response.body.payment.id;
    expect(response.body).toMatchObject({
      status: "requires_action",
      payment: { id: paymentId, status: "requires_action", nextAction: { type: "sandbox_confirm", confirmUrl: `/v1/payments/${paymentId}/confirm` } },
    });
    expect(await balances(user.accessToken)).toEqual([]);

    const confirmed = await call("POST", `/v1/payments/${paymentId}/confirm`, { token: user.accessToken, headers: idempotent() });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id: paymentId, status: "succeeded", amount: usd(4_000), purpose: "deposit", orderId: null });
    expect(confirmed.body).not.toHaveProperty("nextAction");
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(4_000), held: usd(0) }]);
    const events = await succeededEvents(paymentId);
    expect(events.map((event) => event.payload)).toEqual([{ paymentId, userId: user.id, amount: usd(4_000), purpose: "deposit" }]);

    const again = await call("POST", `/v1/payments/${paymentId}/confirm`, { token: user.accessToken, headers: idempotent() });
    expect({ status: again.status, paymentStatus: again.body.status }).toEqual({ status: 200, paymentStatus: "succeeded" });
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(4_000), held: usd(0) }]);
    expect(await succeededEvents(paymentId)).toHaveLength(1);
    expect(await auditActions(paymentId)).toEqual(["payment.requires_action", "payment.succeeded", "payment.settled"]);
  });

  it("replays the first response to the same Idempotency-Key and body, charging once", async () => {
    const user = await registerUser("deposit-replay");
    const key = crypto.randomUUID();
    const first = await deposit(user.accessToken, usd(1_000), "pm_card_visa", { headers: idempotent(key) });
    const second = await deposit(user.accessToken, usd(1_000), "pm_card_visa", { headers: idempotent(key) });
    expect(first.status).toBe(201);
    expect({ status: second.status, body: second.body, replayed: second.headers.get("Idempotent-Replayed") }).toEqual({ status: 201, body: first.body, replayed: "true" });
    expectProblem(await deposit(user.accessToken, usd(1_001), "pm_card_visa", { headers: idempotent(key) }), 422, "IDEMPOTENCY_KEY_REUSED");
    expect(await paymentRows(user.id)).toHaveLength(1);
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(1_000), held: usd(0) }]);
  });

  it("needs an Idempotency-Key (400) and a token (401)", async () => {
    const user = await registerUser("deposit-auth");
    expectProblem(await call("POST", "/v1/wallet/deposits", { token: user.accessToken, body: { amount: usd(100), paymentMethod: "pm_card_visa" } }), 400, "IDEMPOTENCY_KEY_REQUIRED");
    expectProblem(await call("POST", "/v1/wallet/deposits", { body: { amount: usd(100), paymentMethod: "pm_card_visa" }, headers: idempotent() }), 401, "UNAUTHENTICATED");
    expect(await paymentRows(user.id)).toEqual([]);
  });

  it.each([
    ["a zero amount", { amount: usd(0), paymentMethod: "pm_card_visa" }, "amount.amount"],
    ["a negative amount", { amount: usd(-5), paymentMethod: "pm_card_visa" }, "amount.amount"],
    ["a fractional amount", { amount: usd(10.5), paymentMethod: "pm_card_visa" }, "amount.amount"],
    ["an amount as a string", { amount: { amount: "100", currency: "USD" }, paymentMethod: "pm_card_visa" }, "amount.amount"],
    ["more than a card payment may be", { amount: usd(100_000_000), paymentMethod: "pm_card_visa" }, "amount.amount"],
    ["an unknown currency", { amount: { amount: 100, currency: "XXX" }, paymentMethod: "pm_card_visa" }, "amount.currency"],
    ["a missing payment method", { amount: usd(100) }, "paymentMethod"],
    ["card data instead of a payment method id", { amount: usd(100), paymentMethod: "4242424242424242" }, "paymentMethod"],
    ["a payment method the sandbox does not know", { amount: usd(100), paymentMethod: "pm_card_mastercard" }, "paymentMethod"],
    ["an unknown field", { amount: usd(100), paymentMethod: "pm_card_visa", cvc: "123" }, "cvc"],
  ])("refuses %s with 400 at its path and changes nothing", async (_name, body, path) => {
    const user = await registerUser("deposit-bad");
    const response = await call("POST", "/v1/wallet/deposits", { token: user.accessToken, body, headers: idempotent() });
    expect(expectProblem(response, 400, "VALIDATION_FAILED").errors?.map((error) => error.path)).toContain(path);
    expect(await paymentRows(user.id)).toEqual([]);
    expect(await balances(user.accessToken)).toEqual([]);
  });

  it("refuses malformed JSON with 400 and changes nothing", async () => {
    const user = await registerUser("deposit-json");
    expectProblem(await call("POST", "/v1/wallet/deposits", { token: user.accessToken, rawBody: '{"amount": ', headers: idempotent() }), 400, "MALFORMED_JSON");
    expect(await paymentRows(user.id)).toEqual([]);
  });
});

describe("POST /v1/payments/:id/confirm", () => {
  it("answers 404 to anyone but the payer, and for an unknown payment", async () => {
    const payer = await registerUser("confirm-payer");
    const other = await registerUser("confirm-other");
    const pending = await deposit(payer.accessToken, usd(500), "pm_card_threeDSecure2Required");
    const paymentId = pending.body.payment.id;
    expectProblem(await call("POST", `/v1/payments/${paymentId}/confirm`, { token: other.accessToken, headers: idempotent() }), 404, "NOT_FOUND");
    expectProblem(await call("POST", "/v1/payments/pay_01J00000000000000000000000/confirm", { token: payer.accessToken, headers: idempotent() }), 404, "NOT_FOUND");
    expectProblem(await call("POST", `/v1/payments/${paymentId}/confirm`, { headers: idempotent() }), 401, "UNAUTHENTICATED");
    expectProblem(await call("POST", `/v1/payments/${paymentId}/confirm`, { token: payer.accessToken }), 400, "IDEMPOTENCY_KEY_REQUIRED");
    expect((await paymentRows(payer.id))[0]!.status).toBe("requires_action");
    expect(await balances(payer.accessToken)).toEqual([]);
  });

  it("answers 409 PAYMENT_STATE_CONFLICT for a declined payment, which stays declined", async () => {
    const user = await registerUser("confirm-declined");
    const declined = expectProblem(await deposit(user.accessToken, usd(500), "pm_card_declined"), 402, "PAYMENT_DECLINED");
    expectProblem(await call("POST", `/v1/payments/${String(declined.paymentId)}/confirm`, { token: user.accessToken, headers: idempotent() }), 409, "PAYMENT_STATE_CONFLICT");
    expect((await paymentRows(user.id))[0]!.status).toBe("failed");
    expect(await balances(user.accessToken)).toEqual([]);
  });

  it("returns a payment that succeeded at once unchanged", async () => {
    const user = await registerUser("confirm-done");
    const done = await fund(user.accessToken, usd(700));
    const response = await call("POST", `/v1/payments/${done.payment.id}/confirm`, { token: user.accessToken, headers: idempotent() });
    expect(response.body).toMatchObject({ id: done.payment.id, status: "succeeded" });
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(700), held: usd(0) }]);
  });
});

describe("GET /v1/payments/config", () => {
  it("tells the web checkout it is the sandbox, with its test payment methods", async () => {
    const response = await call("GET", "/v1/payments/config");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      provider: "sandbox",
      testPaymentMethods: [
        { id: "pm_card_visa", description: "Visa: succeeds" },
        { id: "pm_card_declined", description: "Declined by the issuer (generic_decline)" },
        { id: "pm_card_insufficient_funds", description: "Declined: insufficient funds" },
        { id: "pm_card_threeDSecure2Required", description: "Needs a 3-D Secure confirmation, then succeeds" },
      ],
    });
  });
});
