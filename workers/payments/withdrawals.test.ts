// Payout accounts and withdrawals with the sandbox provider over HTTP, and the wallet's balances and statement they show up in.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { payoutAccounts, sandboxTransfers, withdrawals } from "../../db/schema";
import { call, expectProblem, registerUser, withDatabase } from "../test-support/api";
import { auditActions, balances, eur, EXAMPLE_IBAN, fund, idempotent, setBankAccount, usd, withdraw } from "./test-fixtures";

async function withdrawalRows(userId: string) {
  return withDatabase((db) => db.orm.select().from(withdrawals).where(eq(withdrawals.userId, userId)));
}

describe("PUT /v1/wallet/payout-account", () => {
  it("stores a bank account with the IBAN encrypted and shows it masked", async () => {
    const user = await registerUser("payout-bank");
    const saved = await setBankAccount(user.accessToken);
    expect(saved).toEqual({ type: "bank_account", holderName: "Test Holder", ibanLast4: "3000", country: "DE", label: "IBAN •••• 3000", updatedAt: expect.any(String) });
    const row = await withDatabase(async (db) => (await db.orm.select().from(payoutAccounts).where(eq(payoutAccounts.userId, user.id)))[0]);
    expect(row!.ibanEncrypted).toMatch(/^v1\./);
    expect(row!.ibanEncrypted).not.toContain("37040044");
    expect((await call("GET", "/v1/wallet/payout-account", { token: user.accessToken })).body).toEqual(saved);
  });

  it("replaces an earlier account and audits both, with the old destination", async () => {
    const user = await registerUser("payout-replace");
    await setBankAccount(user.accessToken);
    const replaced = await call("PUT", "/v1/wallet/payout-account", { token: user.accessToken, body: { type: "bank_account", holderName: "New Holder", iban: "GB82 WEST 1234 5698 7654 32" } });
    expect(replaced.body).toMatchObject({ holderName: "New Holder", ibanLast4: "5432", country: "GB" });
    expect(await auditActions(user.id)).toEqual(expect.arrayContaining(["payout_account.created", "payout_account.replaced"]));
  });

  it.each([
    ["an IBAN with a wrong check digit", { type: "bank_account", holderName: "A", iban: "DE88 3704 0044 0532 0130 00" }, "iban"],
    ["a bank account without an IBAN", { type: "bank_account", holderName: "A" }, "iban"],
    ["a bank account without a holder", { type: "bank_account", iban: EXAMPLE_IBAN }, "holderName"],
    ["a Stripe account here, where the sandbox pays to bank accounts", { type: "stripe_connect", accountId: "acct_123" }, "type"],
    ["a Connect id on a bank account", { type: "bank_account", holderName: "A", iban: EXAMPLE_IBAN, accountId: "acct_1" }, "accountId"],
    ["an unknown type", { type: "paypal" }, "type"],
    ["a holder name that is too long", { type: "bank_account", holderName: "x".repeat(71), iban: EXAMPLE_IBAN }, "holderName"],
    ["an unknown field", { type: "bank_account", holderName: "A", iban: EXAMPLE_IBAN, swift: "DEUTDEFF" }, "swift"],
  ])("refuses %s with 400 at its path and stores nothing", async (_name, body, path) => {
    const user = await registerUser("payout-bad");
    const response = await call("PUT", "/v1/wallet/payout-account", { token: user.accessToken, body });
    expect(expectProblem(response, 400, "VALIDATION_FAILED").errors?.map((error) => error.path)).toContain(path);
    expectProblem(await call("GET", "/v1/wallet/payout-account", { token: user.accessToken }), 404, "NOT_FOUND");
  });

  it("needs a token (401) for both reading and setting", async () => {
    expectProblem(await call("PUT", "/v1/wallet/payout-account", { body: { type: "bank_account", holderName: "A", iban: EXAMPLE_IBAN } }), 401, "UNAUTHENTICATED");
    expectProblem(await call("GET", "/v1/wallet/payout-account"), 401, "UNAUTHENTICATED");
  });
});

describe("POST /v1/wallet/withdrawals", () => {
  it("pays out to the bank account at once: debited through the ledger, sent through the sandbox, audited", async () => {
    const user = await registerUser("withdraw-ok");
    await fund(user.accessToken, usd(5_000));
    await setBankAccount(user.accessToken);
    const response = await withdraw(user.accessToken, usd(1_250));
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.stringMatching(/^wdr_/), status: "paid", amount: usd(1_250), destination: { type: "bank_account", label: "IBAN •••• 3000" }, createdAt: expect.any(String) });
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(3_750), held: usd(0) }]);
    const [row] = await withdrawalRows(user.id);
    const transfer = await withDatabase(async (db) => (await db.orm.select().from(sandboxTransfers).where(eq(sandboxTransfers.idempotencyKey, response.body.id)))[0]);
    expect(row).toMatchObject({ status: "paid", provider: "sandbox", providerRef: transfer!.id, amountMinor: 1_250, currency: "USD" });
    expect(transfer).toMatchObject({ amountMinor: 1_250, currency: "USD", destination: "IBAN •••• 3000" });
    expect(await auditActions(response.body.id)).toEqual(["withdrawal.requested", "withdrawal.paid"]);
  });

  it("refuses more than the available balance with 422 INSUFFICIENT_FUNDS and changes nothing", async () => {
    const user = await registerUser("withdraw-short");
    await fund(user.accessToken, usd(1_000));
    await setBankAccount(user.accessToken);
    expectProblem(await withdraw(user.accessToken, usd(1_001)), 422, "INSUFFICIENT_FUNDS");
    expectProblem(await withdraw(user.accessToken, eur(1)), 422, "INSUFFICIENT_FUNDS");
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(1_000), held: usd(0) }]);
    expect(await withdrawalRows(user.id)).toEqual([]);
  });

  it("needs a payout account first (422 PAYOUT_ACCOUNT_REQUIRED) and debits nothing without one", async () => {
    const user = await registerUser("withdraw-no-account");
    await fund(user.accessToken, usd(1_000));
    expectProblem(await withdraw(user.accessToken, usd(100)), 422, "PAYOUT_ACCOUNT_REQUIRED");
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(1_000), held: usd(0) }]);
  });

  it("replays the first response to the same Idempotency-Key, paying out once", async () => {
    const user = await registerUser("withdraw-replay");
    await fund(user.accessToken, usd(1_000));
    await setBankAccount(user.accessToken);
    const key = crypto.randomUUID();
    const first = await withdraw(user.accessToken, usd(400), { headers: idempotent(key) });
    const second = await withdraw(user.accessToken, usd(400), { headers: idempotent(key) });
    expect(second.body).toEqual(first.body);
    expect(await withdrawalRows(user.id)).toHaveLength(1);
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(600), held: usd(0) }]);
  });

  it("needs an Idempotency-Key (400) and a token (401)", async () => {
    const user = await registerUser("withdraw-auth");
    expectProblem(await call("POST", "/v1/wallet/withdrawals", { token: user.accessToken, body: { amount: usd(100) } }), 400, "IDEMPOTENCY_KEY_REQUIRED");
    expectProblem(await call("POST", "/v1/wallet/withdrawals", { body: { amount: usd(100) }, headers: idempotent() }), 401, "UNAUTHENTICATED");
  });

  it.each([
    ["a zero amount", { amount: usd(0) }, "amount.amount"],
    ["a fractional amount", { amount: usd(1.5) }, "amount.amount"],
    ["an unknown currency", { amount: { amount: 1, currency: "BTC" } }, "amount.currency"],
    ["a missing amount", {}, "amount"],
    ["an unknown field", { amount: usd(1), iban: EXAMPLE_IBAN }, "iban"],
  ])("refuses %s with 400 at its path and changes nothing", async (_name, body, path) => {
    const user = await registerUser("withdraw-bad");
    await fund(user.accessToken, usd(1_000));
    await setBankAccount(user.accessToken);
    const response = await call("POST", "/v1/wallet/withdrawals", { token: user.accessToken, body, headers: idempotent() });
    expect(expectProblem(response, 400, "VALIDATION_FAILED").errors?.map((error) => error.path)).toContain(path);
    expect(await withdrawalRows(user.id)).toEqual([]);
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(1_000), held: usd(0) }]);
  });
});

describe("GET /v1/wallet", () => {
  it("shows nothing for a new user, and each currency with its available and held balance, sorted", async () => {
    const user = await registerUser("wallet-two");
    expect(await balances(user.accessToken)).toEqual([]);
    await fund(user.accessToken, usd(300));
    await fund(user.accessToken, eur(200));
    expect(await balances(user.accessToken)).toEqual([
      { currency: "EUR", available: eur(200), held: eur(0) },
      { currency: "USD", available: usd(300), held: usd(0) },
    ]);
  });

  it("needs a token (401)", async () => {
    expectProblem(await call("GET", "/v1/wallet"), 401, "UNAUTHENTICATED");
  });
});

describe("GET /v1/wallet/statement", () => {
  it("lists entries newest first with the running balance after each, in pages", async () => {
    const user = await registerUser("statement");
    await fund(user.accessToken, usd(1_000));
    await fund(user.accessToken, usd(2_500));
    await setBankAccount(user.accessToken);
    expect((await withdraw(user.accessToken, usd(1_200))).status).toBe(201);
    await fund(user.accessToken, usd(700));
    const first = await call("GET", "/v1/wallet/statement?currency=USD&limit=3", { token: user.accessToken });
    expect(first.status).toBe(200);
    expect(first.body.items.map((item: { amount: unknown; balanceAfter: unknown; kind: string }) => [item.kind, item.amount, item.balanceAfter])).toEqual([
      ["deposit", usd(700), usd(3_000)],
      ["withdrawal", usd(-1_200), usd(2_300)],
      ["deposit", usd(2_500), usd(3_500)],
    ]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call("GET", `/v1/wallet/statement?currency=USD&limit=3&cursor=${first.body.nextCursor}`, { token: user.accessToken });
    expect(second.body.items.map((item: { amount: unknown; balanceAfter: unknown }) => [item.amount, item.balanceAfter])).toEqual([[usd(1_000), usd(1_000)]]);
    expect(second.body.nextCursor).toBeNull();
    expect(first.body.items[0]).toEqual({ entryId: expect.any(String), transferId: expect.any(String), amount: usd(700), balanceAfter: usd(3_000), kind: "deposit", at: expect.any(String) });
  });

  it("shows the held account separately and an unused currency as empty", async () => {
    const user = await registerUser("statement-held");
    await fund(user.accessToken, usd(500));
    expect((await call("GET", "/v1/wallet/statement?currency=USD&account=held", { token: user.accessToken })).body).toEqual({ items: [], nextCursor: null });
    expect((await call("GET", "/v1/wallet/statement?currency=JPY", { token: user.accessToken })).body).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ["no currency", "", "currency"],
    ["an unknown currency", "currency=ABC", "currency"],
    ["an unknown account", "currency=USD&account=savings", "account"],
    ["a limit of 0", "currency=USD&limit=0", "limit"],
    ["a limit over 100", "currency=USD&limit=101", "limit"],
    ["a cursor we did not issue", "currency=USD&cursor=bm90LWEtY3Vyc29y", "cursor"],
    ["an unknown parameter", "currency=USD&sort=asc", "sort"],
  ])("refuses %s with 400 at its path", async (_name, query, path) => {
    const user = await registerUser("statement-bad");
    const response = await call("GET", `/v1/wallet/statement?${query}`, { token: user.accessToken });
    expect(expectProblem(response, 400, "VALIDATION_FAILED").errors?.map((error) => error.path)).toContain(path);
  });

  it("needs a token (401)", async () => {
    expectProblem(await call("GET", "/v1/wallet/statement?currency=USD"), 401, "UNAUTHENTICATED");
  });

  it("never shows another user's entries: each caller reads their own accounts", async () => {
    const owner = await registerUser("statement-owner");
    const other = await registerUser("statement-other");
    await fund(owner.accessToken, usd(900));
    expect((await call("GET", "/v1/wallet/statement?currency=USD", { token: other.accessToken })).body).toEqual({ items: [], nextCursor: null });
  });
});
