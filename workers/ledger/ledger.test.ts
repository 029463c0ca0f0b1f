// The ledger against real Postgres: postings and balances, idempotency, overdrafts, what the database itself refuses, concurrency, reads, verify.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, ledgerAccounts, ledgerEntries, ledgerTransfers } from "../../db/schema";
import { AppError } from "../platform/errors";
import { inTransaction } from "../platform/events";
import { newId } from "../platform/ids";
import { MAX_PAGE_SIZE } from "../platform/limits";
import { MAX_MONEY_AMOUNT_MINOR } from "../platform/money";
import { withDatabase } from "../test-support/api";
import { entryHash, GENESIS_HASH } from "./entry-hash";
import { accountKey, accountStatement, postTransfer, verifyLedger, walletBalances, type AccountRef, type TransferInput } from "./service";
import { asRequest, available, clearing, deposit, entriesOf, held, newUserId, post, storedBalances } from "./test-fixtures";

const fees = { kind: "platform_fees", currency: "USD" } as const satisfies AccountRef;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

async function rowCounts(reference: string) {
  return withDatabase(async (db) => {
    const transfers = await db.orm.select().from(ledgerTransfers).where(eq(ledgerTransfers.reference, reference));
    const entries = transfers[0] ? await db.orm.select().from(ledgerEntries).where(eq(ledgerEntries.transferId, transfers[0].id)) : [];
    return { transfers: transfers.length, entries: entries.length };
  });
}

describe("postTransfer", () => {
  it("moves a deposit from provider clearing into the user's available balance, one entry per account", async () => {
    const user = newUserId();
    const posted = await deposit(user, 5_000, "USD", `payment:${user}`);
    expect(posted).toMatchObject({ kind: "deposit", reference: `payment:${user}`, memo: null, actorId: user, replayed: false });
    expect(posted.id).toMatch(/^ltr_/);
    expect(posted.entries.map(({ accountId, currency, amountMinor, accountSeq }) => ({ accountId, currency, amountMinor, accountSeq }))).toEqual([
      { accountId: `provider_clearing:sandbox:USD`, currency: "USD", amountMinor: -5_000, accountSeq: expect.any(Number) },
      { accountId: `user_available:${user}:USD`, currency: "USD", amountMinor: 5_000, accountSeq: 1 },
    ]);
    expect(await storedBalances([available(user, "USD")])).toEqual({ [`user_available:${user}:USD`]: 5_000 });
    const [entry] = await entriesOf(available(user, "USD"));
    expect(entry).toMatchObject({ transferId: posted.id, amountMinor: 5_000, balanceAfterMinor: 5_000, accountSeq: 1, prevHash: GENESIS_HASH, currency: "USD" });
  });

  it("splits an escrow release between the seller and platform fees, and takes the held money from the buyer", async () => {
    const buyer = newUserId();
    const seller = newUserId();
    await deposit(buyer, 10_000, "USD");
    await post({ kind: "escrow_hold", reference: `order:${buyer}:hold`, actorId: buyer, postings: [{ account: available(buyer, "USD"), amount: -10_000 }, { account: held(buyer, "USD"), amount: 10_000 }] });
    const release = await post({
      kind: "escrow_release",
      reference: `order:${buyer}:release`,
      actorId: buyer,
      memo: "delivered",
      postings: [{ account: held(buyer, "USD"), amount: -10_000 }, { account: available(seller, "USD"), amount: 9_500 }, { account: fees, amount: 500 }],
    });
    expect(release.entries).toHaveLength(3);
    expect(release.memo).toBe("delivered");
    expect(await storedBalances([available(buyer, "USD"), held(buyer, "USD"), available(seller, "USD")])).toEqual({
      [accountKey(available(buyer, "USD"))]: 0,
      [accountKey(held(buyer, "USD"))]: 0,
      [accountKey(available(seller, "USD"))]: 9_500,
    });
  });

  it("chains each account's entries: gap-free sequence, each prev_hash is the previous hash, each hash recomputes", async () => {
    const user = newUserId();
    await deposit(user, 100, "EUR");
    await deposit(user, 250, "EUR");
    await post({ kind: "withdrawal", reference: `withdrawal:${user}`, actorId: user, postings: [{ account: available(user, "EUR"), amount: -300 }, { account: clearing("EUR"), amount: 300 }] });
    const entries = await entriesOf(available(user, "EUR"));
    expect(entries.map((entry) => [entry.accountSeq, entry.amountMinor, entry.balanceAfterMinor])).toEqual([
      [1, 100, 100],
      [2, 250, 350],
      [3, -300, 50],
    ]);
    expect(entries.map((entry) => entry.prevHash)).toEqual([GENESIS_HASH, entries[0]!.hash, entries[1]!.hash]);
    const transfers = await withDatabase((db) => db.orm.select().from(ledgerTransfers).where(sql`${ledgerTransfers.id} in ${entries.map((entry) => entry.transferId)}`));
    for (const entry of entries) {
      const transfer = transfers.find((candidate) => candidate.id === entry.transferId)!;
      expect(entry.hash).toBe(entryHash({ ...entry, transferKind: transfer.kind, reference: transfer.reference }));
    }
    const [account] = await withDatabase((db) => db.orm.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, accountKey(available(user, "EUR")))));
    expect(account).toMatchObject({ kind: "user_available", ownerId: user, currency: "EUR", balanceMinor: 50, entryCount: 3, lastEntryHash: entries[2]!.hash });
  });

  it("writes one audit row per posted transfer, naming the actor and the postings", async () => {
    const user = newUserId();
    const posted = await deposit(user, 700, "GBP");
    const rows = await withDatabase((db) => db.orm.select().from(auditLog).where(and(eq(auditLog.subjectType, "ledger_transfer"), eq(auditLog.subjectId, posted.id))));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: user,
      action: "ledger.transfer_posted",
      details: { kind: "deposit", reference: posted.reference, postings: [{ accountId: "provider_clearing:sandbox:GBP", amountMinor: -700 }, { accountId: `user_available:${user}:GBP`, amountMinor: 700 }] },
    });
  });

  it("returns the first transfer, replayed, when the same reference is posted again, and moves the money once", async () => {
    const user = newUserId();
    const first = await deposit(user, 1_000, "USD", `payment:${user}:twice`);
    const again = await deposit(user, 1_000, "USD", `payment:${user}:twice`);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await storedBalances([available(user, "USD")])).toEqual({ [accountKey(available(user, "USD"))]: 1_000 });
    expect(await rowCounts(`payment:${user}:twice`)).toEqual({ transfers: 1, entries: 2 });
  });

  it("still replays a hold whose money has since moved on, instead of calling it insufficient funds", async () => {
    const user = newUserId();
    await deposit(user, 400, "USD");
    const hold: TransferInput = { kind: "escrow_hold", reference: `order:${user}:hold`, actorId: user, postings: [{ account: available(user, "USD"), amount: -400 }, { account: held(user, "USD"), amount: 400 }] };
    const first = await post(hold);
    expect(await post(hold)).toEqual({ ...first, replayed: true });
  });

  it("refuses a reference reused for a different movement with LEDGER_REFERENCE_CONFLICT, and changes nothing", async () => {
    const user = newUserId();
    const first = await deposit(user, 1_000, "USD", `payment:${user}:reused`);
    const error = await rejection(deposit(user, 2_000, "USD", `payment:${user}:reused`));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "LEDGER_REFERENCE_CONFLICT", status: 409, extra: { transferId: first.id } });
    const otherKind = await rejection(post({ kind: "adjustment", reference: `payment:${user}:reused`, actorId: null, postings: [{ account: clearing("USD"), amount: -1_000 }, { account: available(user, "USD"), amount: 1_000 }] }));
    expect(otherKind).toMatchObject({ code: "LEDGER_REFERENCE_CONFLICT" });
    expect(await storedBalances([available(user, "USD")])).toEqual({ [accountKey(available(user, "USD"))]: 1_000 });
  });

  it("refuses to overdraw a user's available balance with INSUFFICIENT_FUNDS, and writes nothing", async () => {
    const user = newUserId();
    await deposit(user, 999, "USD");
    const before = await entriesOf(available(user, "USD"));
    const error = await rejection(post({ kind: "escrow_hold", reference: `order:${user}:too-much`, actorId: user, postings: [{ account: available(user, "USD"), amount: -1_000 }, { account: held(user, "USD"), amount: 1_000 }] }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "INSUFFICIENT_FUNDS", status: 422, extra: { currency: "USD" } });
    expect(await storedBalances([available(user, "USD"), held(user, "USD")])).toEqual({ [accountKey(available(user, "USD"))]: 999 });
    expect(await entriesOf(available(user, "USD"))).toEqual(before);
    expect(await rowCounts(`order:${user}:too-much`)).toEqual({ transfers: 0, entries: 0 });
  });

  it("never lets platform fees go negative, while provider clearing and fx may", async () => {
    const user = newUserId();
    // Fee accounts are shared with every other test: take more than any test run could ever have collected.
    const feesJpy = { kind: "platform_fees", currency: "JPY" } as const;
    const error = await rejection(post({ kind: "adjustment", reference: `adjust:${user}:fees`, actorId: null, postings: [{ account: feesJpy, amount: -MAX_MONEY_AMOUNT_MINOR }, { account: available(user, "JPY"), amount: MAX_MONEY_AMOUNT_MINOR }] }));
    expect(error).toMatchObject({ code: "INSUFFICIENT_FUNDS" });
    const fx = await post({
      kind: "fx",
      reference: `fx:${user}`,
      actorId: user,
      postings: [
        { account: clearing("JPY"), amount: -1_000 },
        { account: { kind: "fx", currency: "JPY" }, amount: 1_000 },
        { account: { kind: "fx", currency: "KWD" }, amount: -7 },
        { account: available(user, "KWD"), amount: 7 },
      ],
    });
    expect(fx.entries.map((entry) => [entry.accountId, entry.amountMinor])).toEqual([
      ["fx:JPY", 1_000],
      ["fx:KWD", -7],
      ["provider_clearing:sandbox:JPY", -1_000],
      [`user_available:${user}:KWD`, 7],
    ]);
  });

  it("merges postings to the same account and drops an account that nets to zero", async () => {
    const user = newUserId();
    const posted = await post({
      kind: "deposit",
      reference: `payment:${user}:split`,
      actorId: user,
      postings: [
        { account: clearing("USD"), amount: -300 },
        { account: available(user, "USD"), amount: 100 },
        { account: available(user, "USD"), amount: 200 },
        { account: held(user, "USD"), amount: 50 },
        { account: held(user, "USD"), amount: -50 },
      ],
    });
    expect(posted.entries.map((entry) => [entry.accountId, entry.amountMinor])).toEqual([
      ["provider_clearing:sandbox:USD", -300],
      [`user_available:${user}:USD`, 300],
    ]);
  });

  it("treats a malformed transfer as the caller's bug: an invariant failure, with nothing written", async () => {
    const user = newUserId();
    const unbalanced = await rejection(post({ kind: "deposit", reference: `bad:${user}:1`, actorId: null, postings: [{ account: clearing("USD"), amount: -100 }, { account: available(user, "USD"), amount: 99 }] }));
    expect(unbalanced).not.toBeInstanceOf(AppError);
    expect(String(unbalanced)).toContain("postings in USD sum to -1, not 0");
    const single = await rejection(post({ kind: "deposit", reference: `bad:${user}:2`, actorId: null, postings: [{ account: available(user, "USD"), amount: 100 }] }));
    expect(String(single)).toContain("a transfer has 2–16 postings");
    const fraction = await rejection(post({ kind: "deposit", reference: `bad:${user}:3`, actorId: null, postings: [{ account: clearing("USD"), amount: -0.5 }, { account: available(user, "USD"), amount: 0.5 }] }));
    expect(String(fraction)).toContain("amount must be a non-zero integer");
    for (const reference of [`bad:${user}:1`, `bad:${user}:2`, `bad:${user}:3`]) expect(await rowCounts(reference)).toEqual({ transfers: 0, entries: 0 });
    expect(await storedBalances([available(user, "USD")])).toEqual({});
  });

  it("posts inside the caller's transaction: rolled back with it, nothing stays", async () => {
    const user = newUserId();
    const error = await rejection(
      asRequest((ctx) =>
        inTransaction(ctx, async (scope) => {
          await postTransfer(scope, ctx, { kind: "deposit", reference: `payment:${user}:rolled-back`, actorId: user, postings: [{ account: clearing("USD"), amount: -10 }, { account: available(user, "USD"), amount: 10 }] });
          throw new Error("a later step failed");
        }),
      ),
    );
    expect(String(error)).toContain("a later step failed");
    expect(await rowCounts(`payment:${user}:rolled-back`)).toEqual({ transfers: 0, entries: 0 });
    expect(await storedBalances([available(user, "USD")])).toEqual({});
  });
});

describe("the database itself", () => {
  /** Writes rows straight through the ORM in one transaction, as buggy code might; resolves to the error at commit. */
  async function rawTransfer(entries: { accountId: string; currency: string; amountMinor: number }[], transferId = newId("ledgerTransfer")) {
    return rejection(
      withDatabase((db) =>
        db.orm.transaction(async (tx) => {
          const now = new Date();
          await tx.insert(ledgerTransfers).values({ id: transferId, kind: "adjustment", reference: `raw:${transferId}`, createdAt: now });
          for (const [index, entry] of entries.entries()) {
            await tx.insert(ledgerEntries).values({ id: newId("ledgerEntry"), transferId, ...entry, balanceAfterMinor: 0, accountSeq: 1_000_000 + index, prevHash: GENESIS_HASH, hash: "raw", createdAt: now });
          }
        }),
      ),
    );
  }

  it("rejects a transfer whose entries do not sum to zero, at commit", async () => {
    const user = newUserId();
    await deposit(user, 10, "USD");
    const transferId = newId("ledgerTransfer");
    const error = await rawTransfer([{ accountId: accountKey(clearing("USD")), currency: "USD", amountMinor: -5 }, { accountId: accountKey(available(user, "USD")), currency: "USD", amountMinor: 6 }], transferId);
    expect(String((error as { cause?: unknown }).cause ?? error)).toContain(`ledger transfer ${transferId} does not sum to zero in USD`);
    expect(await rowCounts(`raw:${transferId}`)).toEqual({ transfers: 0, entries: 0 });
  });

  it("rejects a transfer with a single entry, and one with no entries at all", async () => {
    const user = newUserId();
    await deposit(user, 10, "USD");
    const single = await rawTransfer([{ accountId: accountKey(available(user, "USD")), currency: "USD", amountMinor: 6 }]);
    expect(String((single as { cause?: unknown }).cause ?? single)).toMatch(/has 1 entries; a transfer needs at least 2/);
    const empty = await rawTransfer([]);
    expect(String((empty as { cause?: unknown }).cause ?? empty)).toMatch(/has 0 entries; a transfer needs at least 2/);
  });

  it("refuses an entry in another currency than its account", async () => {
    const user = newUserId();
    await deposit(user, 10, "USD");
    const error = await rawTransfer([{ accountId: accountKey(available(user, "USD")), currency: "EUR", amountMinor: 5 }, { accountId: accountKey(clearing("USD")), currency: "EUR", amountMinor: -5 }]);
    expect(String((error as { cause?: unknown }).cause ?? error)).toContain("ledger_entries_account_currency");
    const mislabelled = await rejection(
      withDatabase((db) => db.orm.insert(ledgerAccounts).values({ id: accountKey(available(user, "GBP")), kind: "user_available", ownerId: user, currency: "USD", lastEntryHash: GENESIS_HASH })),
    );
    expect(String((mislabelled as { cause?: unknown }).cause ?? mislabelled)).toContain("ledger_accounts_key_currency");
  });

  it("refuses an entry for an account that does not exist", async () => {
    const nobody = newUserId();
    const error = await rawTransfer([{ accountId: accountKey(available(nobody, "USD")), currency: "USD", amountMinor: 5 }, { accountId: accountKey(held(nobody, "USD")), currency: "USD", amountMinor: -5 }]);
    expect(String((error as { cause?: unknown }).cause ?? error)).toContain("ledger_entries_account_id_ledger_accounts_id_fk");
  });

  it("refuses UPDATE and DELETE of entries and transfers", async () => {
    const user = newUserId();
    const posted = await deposit(user, 10, "USD");
    const attempts = [
      sql`UPDATE ledger_entries SET amount_minor = 11 WHERE transfer_id = ${posted.id}`,
      sql`DELETE FROM ledger_entries WHERE transfer_id = ${posted.id}`,
      sql`UPDATE ledger_transfers SET memo = 'changed' WHERE id = ${posted.id}`,
      sql`DELETE FROM ledger_transfers WHERE id = ${posted.id}`,
      sql`TRUNCATE ledger_entries`,
    ];
    const messages: string[] = [];
    for (const statement of attempts) {
      const error = await rejection(withDatabase((db) => db.orm.execute(statement)));
      messages.push(String((error as { cause?: unknown }).cause ?? error));
    }
    expect(messages.map((message) => /ledger_(entries|transfers) is append-only \((UPDATE|DELETE|TRUNCATE) refused\)/.exec(message)?.[0])).toEqual([
      "ledger_entries is append-only (UPDATE refused)",
      "ledger_entries is append-only (DELETE refused)",
      "ledger_transfers is append-only (UPDATE refused)",
      "ledger_transfers is append-only (DELETE refused)",
      "ledger_entries is append-only (TRUNCATE refused)",
    ]);
    expect(await rowCounts(posted.reference)).toEqual({ transfers: 1, entries: 2 });
  });

  it("refuses a negative balance on a user account or platform fees, but not on provider clearing", async () => {
    const user = newUserId();
    await deposit(user, 10, "USD");
    const error = await rejection(withDatabase((db) => db.orm.update(ledgerAccounts).set({ balanceMinor: -1 }).where(eq(ledgerAccounts.id, accountKey(available(user, "USD"))))));
    expect(String((error as { cause?: unknown }).cause ?? error)).toContain("ledger_accounts_never_negative");
    expect(await storedBalances([available(user, "USD")])).toEqual({ [accountKey(available(user, "USD"))]: 10 });
  });
});

describe("concurrency", () => {
  it("commits transfers running at once in both directions between the same accounts, without deadlock or lost updates", async () => {
    const alice = newUserId();
    const bob = newUserId();
    await deposit(alice, 1_000, "USD");
    await deposit(bob, 1_000, "USD");
    const transfers = Array.from({ length: 30 }, (_, index) => {
      const [from, to] = index % 2 === 0 ? [alice, bob] : [bob, alice];
      // Three accounts each, listed in different orders, so lock order comes only from the ledger's sorting.
      const postings = [{ account: available(to, "USD"), amount: 7 }, { account: available(from, "USD"), amount: -10 }, { account: fees, amount: 3 }];
      return post({ kind: "adjustment", reference: `race:${alice}:${index}`, actorId: from, postings: index % 3 === 0 ? postings.reverse() : postings });
    });
    const outcomes = await Promise.allSettled(transfers);
    expect(outcomes.filter((outcome) => outcome.status === "rejected")).toEqual([]);
    // 15 transfers each way: each side sends 150, receives 105.
    expect(await storedBalances([available(alice, "USD"), available(bob, "USD")])).toEqual({ [accountKey(available(alice, "USD"))]: 955, [accountKey(available(bob, "USD"))]: 955 });
    const aliceEntries = await entriesOf(available(alice, "USD"));
    expect(aliceEntries.map((entry) => entry.accountSeq)).toEqual(Array.from({ length: 31 }, (_, index) => index + 1));
  });

  it("moves money once when the same reference is posted many times at once", async () => {
    const user = newUserId();
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => deposit(user, 500, "USD", `payment:${user}:burst`)));
    expect(outcomes.filter((outcome) => !outcome.replayed)).toHaveLength(1);
    expect(new Set(outcomes.map((outcome) => outcome.id)).size).toBe(1);
    expect(await storedBalances([available(user, "USD")])).toEqual({ [accountKey(available(user, "USD"))]: 500 });
  });

  it("creates a brand-new account once when many first transfers to it run at once", async () => {
    const user = newUserId();
    await Promise.all(Array.from({ length: 6 }, (_, index) => deposit(user, 10 + index, "CHF")));
    expect(await storedBalances([available(user, "CHF")])).toEqual({ [accountKey(available(user, "CHF"))]: 75 });
    expect((await entriesOf(available(user, "CHF"))).map((entry) => entry.accountSeq)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe("walletBalances", () => {
  it("lists available and held per currency, sorted by currency, zero where only one of them exists", async () => {
    const user = newUserId();
    await deposit(user, 2_000, "USD");
    await deposit(user, 300, "EUR");
    await post({ kind: "escrow_hold", reference: `order:${user}:w`, actorId: user, postings: [{ account: available(user, "USD"), amount: -1_500 }, { account: held(user, "USD"), amount: 1_500 }] });
    await deposit(newUserId(), 99, "USD");
    expect(await asRequest((ctx) => walletBalances(ctx, user))).toEqual([
      { currency: "EUR", available: { amount: 300, currency: "EUR" }, held: { amount: 0, currency: "EUR" } },
      { currency: "USD", available: { amount: 500, currency: "USD" }, held: { amount: 1_500, currency: "USD" } },
    ]);
  });

  it("is empty for a user who never had money", async () => {
    expect(await asRequest((ctx) => walletBalances(ctx, newUserId()))).toEqual([]);
  });
});

describe("accountStatement", () => {
  it("lists an account's entries newest first with the transfer kind, paged by cursor", async () => {
    const user = newUserId();
    const first = await deposit(user, 100, "USD");
    const second = await deposit(user, 200, "USD");
    const hold = await post({ kind: "escrow_hold", reference: `order:${user}:s`, actorId: user, postings: [{ account: available(user, "USD"), amount: -250 }, { account: held(user, "USD"), amount: 250 }] });
    const entries = await entriesOf(available(user, "USD"));
    const pageOne = await asRequest((ctx) => accountStatement(ctx, user, "USD", "available", { limit: 2 }));
    expect(pageOne.items).toEqual([
      { entryId: entries[2]!.id, transferId: hold.id, amount: { amount: -250, currency: "USD" }, balanceAfter: { amount: 50, currency: "USD" }, kind: "escrow_hold", at: hold.createdAt.toISOString() },
      { entryId: entries[1]!.id, transferId: second.id, amount: { amount: 200, currency: "USD" }, balanceAfter: { amount: 300, currency: "USD" }, kind: "deposit", at: second.createdAt.toISOString() },
    ]);
    expect(pageOne.nextCursor).toEqual(expect.any(String));
    const pageTwo = await asRequest((ctx) => accountStatement(ctx, user, "USD", "available", { limit: 2, cursor: pageOne.nextCursor! }));
    expect(pageTwo).toEqual({
      items: [{ entryId: entries[0]!.id, transferId: first.id, amount: { amount: 100, currency: "USD" }, balanceAfter: { amount: 100, currency: "USD" }, kind: "deposit", at: first.createdAt.toISOString() }],
      nextCursor: null,
    });
    const heldPage = await asRequest((ctx) => accountStatement(ctx, user, "USD", "held", { limit: 10 }));
    expect(heldPage.items.map((item) => [item.transferId, item.amount.amount, item.balanceAfter.amount])).toEqual([[hold.id, 250, 250]]);
  });

  it("never returns more than MAX_PAGE_SIZE items, whatever limit it is given", async () => {
    const user = newUserId();
    await deposit(user, MAX_PAGE_SIZE + 1, "USD");
    for (let index = 0; index < MAX_PAGE_SIZE; index++) {
      await post({ kind: "adjustment", reference: `page:${user}:${index}`, actorId: user, postings: [{ account: available(user, "USD"), amount: -1 }, { account: held(user, "USD"), amount: 1 }] });
    }
    const page = await asRequest((ctx) => accountStatement(ctx, user, "USD", "available", { limit: 10_000 }));
    expect(page.items).toHaveLength(MAX_PAGE_SIZE);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it("is an empty page for an account never used", async () => {
    expect(await asRequest((ctx) => accountStatement(ctx, newUserId(), "JPY", "available", { limit: 20 }))).toEqual({ items: [], nextCursor: null });
  });

  it("refuses a cursor it did not issue with VALIDATION_FAILED", async () => {
    for (const cursor of ["not-a-cursor", btoa(JSON.stringify(["2024-01-01T00:00:00Z", "len_x"])).replaceAll("=", "")]) {
      const error = await rejection(asRequest((ctx) => accountStatement(ctx, newUserId(), "USD", "available", { limit: 20, cursor })));
      expect(error).toMatchObject({ code: "VALIDATION_FAILED", status: 400, errors: [{ path: "cursor", message: "invalid cursor" }] });
    }
  });
});

describe("verifyLedger", () => {
  /** Runs `tamper` and then verify in one transaction that is always rolled back, so nobody else ever sees the damage. */
  async function verifyAfter(tamper: (execute: (statement: ReturnType<typeof sql>) => Promise<unknown>) => Promise<void>) {
    let report: Awaited<ReturnType<typeof verifyLedger>> | undefined;
    await rejection(
      withDatabase((db) =>
        db.orm.transaction(
          async (tx) => {
            await tamper((statement) => tx.execute(statement));
            report = await verifyLedger(tx);
            throw new Error("roll back the tampering");
          },
          { isolationLevel: "repeatable read" },
        ),
      ),
    );
    return report!;
  }

  it("finds nothing wrong in a ledger only the service wrote", async () => {
    const user = newUserId();
    await deposit(user, 1_234, "USD");
    const report = await withDatabase((db) => verifyLedger(db.orm));
    expect(report.mismatches).toEqual([]);
    expect(report.mismatchCount).toBe(0);
    expect(report.entries).toBeGreaterThanOrEqual(2);
    expect(report.transfers).toBeGreaterThanOrEqual(1);
    expect(Object.values(report.totalsByCurrency).every((total) => total === 0)).toBe(true);
  });

  it("reports an account whose stored balance no longer matches its entries", async () => {
    const user = newUserId();
    await deposit(user, 500, "USD");
    const id = accountKey(available(user, "USD"));
    const report = await verifyAfter(async (execute) => {
      await execute(sql`UPDATE ledger_accounts SET balance_minor = 501 WHERE id = ${id}`);
    });
    expect(report.mismatches).toEqual([
      { kind: "account_balance", accountId: id, detail: "stored balance 501, entries sum to 500" },
      { kind: "currency_not_conserved", currency: "USD", detail: "balances in USD sum to 1, not 0" },
    ]);
  });

  it("reports an entry altered behind the append-only trigger: its hash, its balance and the transfer's sum", async () => {
    const user = newUserId();
    const posted = await deposit(user, 500, "USD");
    const [entry] = await entriesOf(available(user, "USD"));
    const recomputed = entryHash({ ...entry!, amountMinor: 5000, transferKind: "deposit", reference: posted.reference });
    const report = await verifyAfter(async (execute) => {
      // A superuser can switch triggers off for a session; verify is what catches what they then change.
      await execute(sql`SET LOCAL session_replication_role = replica`);
      await execute(sql`UPDATE ledger_entries SET amount_minor = 5000 WHERE id = ${entry!.id}`);
    });
    expect(report.mismatches).toEqual([
      { kind: "hash", accountId: entry!.accountId, entryId: entry!.id, detail: `stored hash ${entry!.hash}, recomputed ${recomputed}` },
      { kind: "balance_after", accountId: entry!.accountId, entryId: entry!.id, detail: "balance_after 500, recomputed 5000" },
      { kind: "account_balance", accountId: entry!.accountId, detail: "stored balance 500, entries sum to 5000" },
      { kind: "transfer_unbalanced", transferId: posted.id, currency: "USD", detail: "entries sum to 4500" },
    ]);
  });
});
