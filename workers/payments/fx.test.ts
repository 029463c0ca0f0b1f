// FX over HTTP: the rates table, admin rate changes, quotes with exact amounts and a 60-second life, and converting once through the ledger.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { fxConversions, fxQuotes, fxRates, ledgerEntries } from "../../db/schema";
import { registerAdmin } from "../fraud/test-fixtures";
import { accountKey } from "../ledger/service";
import { call, expectProblem, registerUser, withDatabase } from "../test-support/api";
import { auditActions, balances, eur, fund, idempotent, usd } from "./test-fixtures";

function quote(token: string, body: unknown) {
  return call("POST", "/v1/wallet/fx-quotes", { token, body });
}

function convert(token: string, quoteId: string, key?: string) {
  return call("POST", "/v1/wallet/conversions", { token, body: { quoteId }, headers: idempotent(key) });
}

/** Moves the quote's expiry into the past, as the 60 seconds running out would. */
async function expire(quoteId: string) {
  await withDatabase((db) => db.orm.update(fxQuotes).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(fxQuotes.id, quoteId)));
}

async function conversionsOf(quoteId: string) {
  return withDatabase((db) => db.orm.select().from(fxConversions).where(eq(fxConversions.quoteId, quoteId)));
}

describe("GET /v1/fx/rates", () => {
  it("lists every supported currency against USD with the spread and the quote life, no token needed", async () => {
    const response = await call("GET", "/v1/fx/rates");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ base: "USD", spreadBps: 50, quoteTtlSeconds: 60 });
    expect(response.body.rates).toHaveLength(31);
    const byCurrency = Object.fromEntries(response.body.rates.map((rate: { currency: string; unitsPerUsd: string }) => [rate.currency, rate.unitsPerUsd]));
    expect({ USD: byCurrency.USD, EUR: byCurrency.EUR, JPY: byCurrency.JPY, KWD: byCurrency.KWD }).toEqual({ USD: "1.00000000", EUR: "0.92000000", JPY: "155.00000000", KWD: "0.30700000" });
    expect(response.body.rates.find((rate: { currency: string }) => rate.currency === "EUR")).toEqual({ currency: "EUR", unitsPerUsd: "0.92000000", source: "dev-seed", updatedAt: expect.any(String) });
  });
});

describe("PUT /v1/fx/rates/:currency", () => {
  it("lets an admin set a rate, audited with the old value, and new quotes use it", async () => {
    const admin = await registerAdmin("fx-admin");
    const user = await registerUser("fx-after-rate");
    try {
      const response = await call("PUT", "/v1/fx/rates/MAD", { token: admin.accessToken, body: { unitsPerUsd: "10.1" } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ currency: "MAD", unitsPerUsd: "10.10000000", source: `admin:${admin.id}`, updatedAt: expect.any(String) });
      expect(await auditActions("MAD")).toContain("fx.rate_set");
      // USD 10.00 → MAD at 10.1 less 0.5% = 100.495 → MAD 100.49
      expect((await quote(user.accessToken, { sell: usd(1_000), buyCurrency: "MAD" })).body.buy).toEqual({ amount: 10_049, currency: "MAD" });
    } finally {
      await withDatabase((db) => db.orm.update(fxRates).set({ unitsPerUsdScaled: 990_000_000, source: "dev-seed" }).where(eq(fxRates.currency, "MAD")));
    }
  });

  it("is for admins only (403) and needs a token (401)", async () => {
    const user = await registerUser("fx-not-admin");
    expectProblem(await call("PUT", "/v1/fx/rates/EUR", { token: user.accessToken, body: { unitsPerUsd: "0.5" } }), 403, "FORBIDDEN");
    expectProblem(await call("PUT", "/v1/fx/rates/EUR", { body: { unitsPerUsd: "0.5" } }), 401, "UNAUTHENTICATED");
    expect((await call("GET", "/v1/fx/rates")).body.rates.find((rate: { currency: string }) => rate.currency === "EUR").unitsPerUsd).toBe("0.92000000");
  });

  it.each([
    ["a rate that is not a decimal", "EUR", { unitsPerUsd: "abc" }, "unitsPerUsd"],
    ["a zero rate", "EUR", { unitsPerUsd: "0" }, "unitsPerUsd"],
    ["more than 8 places", "EUR", { unitsPerUsd: "0.123456789" }, "unitsPerUsd"],
    ["a number instead of text", "EUR", { unitsPerUsd: 0.92 }, "unitsPerUsd"],
    ["the base currency", "USD", { unitsPerUsd: "2" }, "currency"],
    ["an unsupported currency", "XXX", { unitsPerUsd: "2" }, "currency"],
    ["an unknown field", "EUR", { unitsPerUsd: "0.9", source: "ecb" }, "source"],
  ])("refuses %s with 400 at its path", async (_name, currency, body, path) => {
    const admin = await registerAdmin("fx-admin-bad");
    const response = await call("PUT", `/v1/fx/rates/${currency}`, { token: admin.accessToken, body });
    expect(expectProblem(response, 400, "VALIDATION_FAILED").errors?.map((error) => error.path)).toContain(path);
  });
});

describe("POST /v1/wallet/fx-quotes", () => {
  it("prices at the mid rate less 0.5%, rounded down, valid for exactly 60 seconds", async () => {
    const user = await registerUser("fx-quote");
    const response = await quote(user.accessToken, { sell: usd(10_000), buyCurrency: "EUR" });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.stringMatching(/^fxq_/), sell: usd(10_000), buy: eur(9_154), rate: "0.92000000", spreadBps: 50, expiresAt: expect.any(String), createdAt: expect.any(String) });
    expect(Date.parse(response.body.expiresAt) - Date.parse(response.body.createdAt)).toBe(60_000);
  });

  it.each([
    ["JPY 10,000 → USD", { amount: 10_000, currency: "JPY" }, "USD", { amount: 6_419, currency: "USD" }, "0.00645161"],
    ["USD 100.00 → JPY", { amount: 10_000, currency: "USD" }, "JPY", { amount: 15_422, currency: "JPY" }, "155.00000000"],
    ["EUR 50.00 → KWD", { amount: 5_000, currency: "EUR" }, "KWD", { amount: 16_601, currency: "KWD" }, "0.33369565"],
  ])("converts minor units across exponents exactly: %s", async (_name, sell, buyCurrency, buy, rate) => {
    const user = await registerUser("fx-exponents");
    expect((await quote(user.accessToken, { sell, buyCurrency })).body).toMatchObject({ sell, buy, rate });
  });

  it("refuses an amount too small to buy one minor unit with 422 FX_AMOUNT_OUT_OF_RANGE", async () => {
    const user = await registerUser("fx-tiny");
    expectProblem(await quote(user.accessToken, { sell: { amount: 1, currency: "JPY" }, buyCurrency: "USD" }), 422, "FX_AMOUNT_OUT_OF_RANGE");
  });

  it("answers 422 FX_RATE_UNAVAILABLE for a currency without a rate", async () => {
    const user = await registerUser("fx-no-rate");
    const [kes] = await withDatabase((db) => db.orm.delete(fxRates).where(eq(fxRates.currency, "KES")).returning());
    try {
      expectProblem(await quote(user.accessToken, { sell: usd(100), buyCurrency: "KES" }), 422, "FX_RATE_UNAVAILABLE");
    } finally {
      await withDatabase((db) => db.orm.insert(fxRates).values(kes!));
    }
  });

  it.each([
    ["the same currency on both sides", { sell: usd(100), buyCurrency: "USD" }, "buyCurrency"],
    ["a zero amount", { sell: usd(0), buyCurrency: "EUR" }, "sell.amount"],
    ["a fractional amount", { sell: usd(1.25), buyCurrency: "EUR" }, "sell.amount"],
    ["an unknown buy currency", { sell: usd(100), buyCurrency: "DOGE" }, "buyCurrency"],
    ["a missing sell", { buyCurrency: "EUR" }, "sell"],
    ["an unknown field", { sell: usd(100), buyCurrency: "EUR", rate: "1.0" }, "rate"],
  ])("refuses %s with 400 at its path", async (_name, body, path) => {
    const user = await registerUser("fx-quote-bad");
    expect(expectProblem(await quote(user.accessToken, body), 400, "VALIDATION_FAILED").errors?.map((error) => error.path)).toContain(path);
  });

  it("needs a token (401)", async () => {
    expectProblem(await call("POST", "/v1/wallet/fx-quotes", { body: { sell: usd(100), buyCurrency: "EUR" } }), 401, "UNAUTHENTICATED");
  });
});

describe("POST /v1/wallet/conversions", () => {
  it("converts at the quote through the ledger: the spread stays in the fx accounts, audited", async () => {
    const user = await registerUser("fx-convert");
    await fund(user.accessToken, usd(12_000));
    const quoted = (await quote(user.accessToken, { sell: usd(10_000), buyCurrency: "EUR" })).body;
    const response = await convert(user.accessToken, quoted.id);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.stringMatching(/^fxc_/), quoteId: quoted.id, sell: usd(10_000), buy: eur(9_154), rate: "0.92000000", transferId: expect.any(String), createdAt: expect.any(String) });
    expect(await balances(user.accessToken)).toEqual([
      { currency: "EUR", available: eur(9_154), held: eur(0) },
      { currency: "USD", available: usd(2_000), held: usd(0) },
    ]);
    const entries = await withDatabase((db) => db.orm.select().from(ledgerEntries).where(eq(ledgerEntries.transferId, response.body.transferId)));
    expect(Object.fromEntries(entries.map((entry) => [entry.accountId, entry.amountMinor]))).toEqual({
      [accountKey({ kind: "user_available", ownerId: user.id, currency: "USD" })]: -10_000,
      [accountKey({ kind: "fx", currency: "USD" })]: 10_000,
      [accountKey({ kind: "fx", currency: "EUR" })]: -9_154,
      [accountKey({ kind: "user_available", ownerId: user.id, currency: "EUR" })]: 9_154,
    });
    expect(await auditActions(response.body.id)).toEqual(["fx.converted"]);
    const statement = await call("GET", "/v1/wallet/statement?currency=EUR", { token: user.accessToken });
    expect(statement.body.items).toMatchObject([{ kind: "fx", amount: eur(9_154), balanceAfter: eur(9_154) }]);
  });

  it("converts a quote once: using it again is 409 FX_QUOTE_USED and moves nothing", async () => {
    const user = await registerUser("fx-twice");
    await fund(user.accessToken, usd(5_000));
    const quoted = (await quote(user.accessToken, { sell: usd(1_000), buyCurrency: "EUR" })).body;
    expect((await convert(user.accessToken, quoted.id)).status).toBe(201);
    expectProblem(await convert(user.accessToken, quoted.id), 409, "FX_QUOTE_USED");
    expect(await conversionsOf(quoted.id)).toHaveLength(1);
    expect(await balances(user.accessToken)).toEqual([
      { currency: "EUR", available: eur(915), held: eur(0) },
      { currency: "USD", available: usd(4_000), held: usd(0) },
    ]);
  });

  it("refuses an expired quote with 409 FX_QUOTE_EXPIRED and moves nothing", async () => {
    const user = await registerUser("fx-expired");
    await fund(user.accessToken, usd(5_000));
    const quoted = (await quote(user.accessToken, { sell: usd(1_000), buyCurrency: "EUR" })).body;
    await expire(quoted.id);
    expectProblem(await convert(user.accessToken, quoted.id), 409, "FX_QUOTE_EXPIRED");
    expect(await conversionsOf(quoted.id)).toEqual([]);
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(5_000), held: usd(0) }]);
  });

  it("refuses a conversion beyond the sell balance with 422 INSUFFICIENT_FUNDS; the quote stays usable", async () => {
    const user = await registerUser("fx-short");
    await fund(user.accessToken, usd(999));
    const quoted = (await quote(user.accessToken, { sell: usd(1_000), buyCurrency: "EUR" })).body;
    expectProblem(await convert(user.accessToken, quoted.id), 422, "INSUFFICIENT_FUNDS");
    expect(await conversionsOf(quoted.id)).toEqual([]);
    expect(await balances(user.accessToken)).toEqual([{ currency: "USD", available: usd(999), held: usd(0) }]);
    await fund(user.accessToken, usd(1));
    expect((await convert(user.accessToken, quoted.id)).status).toBe(201);
  });

  it("answers 404 for another user's quote and an unknown one, 401 without a token, 400 without an Idempotency-Key", async () => {
    const owner = await registerUser("fx-owner");
    const other = await registerUser("fx-other");
    await fund(other.accessToken, usd(5_000));
    const quoted = (await quote(owner.accessToken, { sell: usd(1_000), buyCurrency: "EUR" })).body;
    expectProblem(await convert(other.accessToken, quoted.id), 404, "NOT_FOUND");
    expectProblem(await convert(other.accessToken, "fxq_01J00000000000000000000000"), 404, "NOT_FOUND");
    expectProblem(await call("POST", "/v1/wallet/conversions", { body: { quoteId: quoted.id }, headers: idempotent() }), 401, "UNAUTHENTICATED");
    expectProblem(await call("POST", "/v1/wallet/conversions", { token: owner.accessToken, body: { quoteId: quoted.id } }), 400, "IDEMPOTENCY_KEY_REQUIRED");
    expect(await conversionsOf(quoted.id)).toEqual([]);
    expect(await balances(other.accessToken)).toEqual([{ currency: "USD", available: usd(5_000), held: usd(0) }]);
  });

  it.each([
    ["a missing quote id", {}, "quoteId"],
    ["a quote id that is not text", { quoteId: 42 }, "quoteId"],
    ["an unknown field", { quoteId: "fxq_x", amount: 5 }, "amount"],
  ])("refuses %s with 400 at its path", async (_name, body, path) => {
    const user = await registerUser("fx-convert-bad");
    const response = await call("POST", "/v1/wallet/conversions", { token: user.accessToken, body, headers: idempotent() });
    expect(expectProblem(response, 400, "VALIDATION_FAILED").errors?.map((error) => error.path)).toContain(path);
  });
});
