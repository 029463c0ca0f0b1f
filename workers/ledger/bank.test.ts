// The bank test: 50 wallets in three currencies, thousands of random concurrent deposits, holds, releases, refunds, withdrawals and FX; nothing is created, lost or overdrawn.
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ledgerAccounts } from "../../db/ledger";
import { createScope } from "../platform/context";
import { AppError } from "../platform/errors";
import { inTransaction } from "../platform/events";
import { createLogger } from "../platform/logger";
import type { Currency } from "../platform/money";
import { testEnv, withDatabase } from "../test-support/api";
import { accountKey, postTransfer, verifyLedger, type AccountRef, type PostedTransfer, type TransferInput } from "./service";
import { available, clearing, held, newUserId } from "./test-fixtures";

const WALLETS = 50;
const CURRENCIES: Currency[] = ["USD", "EUR", "JPY"];
const OPERATIONS = 2_000;
/** Concurrent clients, each with its own connection for a batch of operations. */
const CLIENTS = 8;
const OPERATIONS_PER_CONNECTION = 25;
/** The first operations fund every wallet in every currency, so most later ones can succeed (the rest are overdraft attempts). */
const FUNDING_DEPOSITS = WALLETS * CURRENCIES.length;
const FUNDING_MINOR = 20_000;
/** A share of the operations posts an earlier reference again: it must replay, not move money twice. */
const REPLAY_PERCENT = 5;

const PROVIDER = "bank_test";

/** The database's own message (drizzle wraps it as the cause of "Failed query"). */
function describeFailure(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error instanceof Error ? error.message.split("\n")[0] : String(error)}${cause}`;
}

describe("the bank test", () => {
  it("conserves every currency, overdraws nobody and keeps every hash chain valid under thousands of concurrent transfers", { timeout: 120_000 }, async () => {
    // Concurrency makes every run's interleaving different anyway, so plain Math.random picks the operations.
    const run = crypto.randomUUID().slice(0, 8);
    const random = Math.random;
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const amount = (max: number) => 1 + Math.floor(random() * max);
    const users = Array.from({ length: WALLETS }, newUserId);
    const fee = (currency: Currency): AccountRef => ({ kind: "platform_fees", currency });
    const fx = (currency: Currency): AccountRef => ({ kind: "fx", currency });
    const bankClearing = (currency: Currency) => clearing(currency, PROVIDER);

    /** One random operation, in the shapes of docs/money.md's standard transfers. */
    const operation = (index: number): TransferInput => {
      if (index < FUNDING_DEPOSITS) {
        const [user, currency] = [users[index % WALLETS]!, CURRENCIES[Math.floor(index / WALLETS)]!];
        return { kind: "deposit", reference: `bank:${run}:${index}`, actorId: user, postings: [{ account: bankClearing(currency), amount: -FUNDING_MINOR }, { account: available(user, currency), amount: FUNDING_MINOR }] };
      }
      const user = pick(users);
      const other = pick(users.filter((candidate) => candidate !== user));
      const currency = pick(CURRENCIES);
      const reference = `bank:${run}:${index}`;
      const x = amount(5_000);
      const kind = pick(["deposit", "deposit", "escrow_hold", "escrow_hold", "escrow_release", "refund", "withdrawal", "fx"] as const);
      switch (kind) {
        case "deposit":
          return { kind, reference, actorId: user, postings: [{ account: bankClearing(currency), amount: -x }, { account: available(user, currency), amount: x }] };
        case "withdrawal":
          return { kind, reference, actorId: user, postings: [{ account: available(user, currency), amount: -x }, { account: bankClearing(currency), amount: x }] };
        case "escrow_hold":
          return { kind, reference, actorId: user, postings: [{ account: available(user, currency), amount: -x }, { account: held(user, currency), amount: x }] };
        case "refund":
          return { kind, reference, actorId: user, postings: [{ account: held(user, currency), amount: -x }, { account: available(user, currency), amount: x }] };
        case "escrow_release": {
          const cut = Math.floor(x / 20);
          const postings = [{ account: held(user, currency), amount: -x }, { account: available(other, currency), amount: x - cut }];
          return { kind, reference, actorId: user, postings: cut > 0 ? [...postings, { account: fee(currency), amount: cut }] : postings };
        }
        case "fx": {
          const to = pick(CURRENCIES.filter((candidate) => candidate !== currency));
          const received = amount(5_000);
          return {
            kind,
            reference,
            actorId: user,
            postings: [
              { account: available(user, currency), amount: -x },
              { account: fx(currency), amount: x },
              { account: fx(to), amount: -received },
              { account: available(user, to), amount: received },
            ],
          };
        }
      }
    };

    const expected = new Map<string, number>();
    const apply = (input: TransferInput) => {
      for (const posting of input.postings) expected.set(accountKey(posting.account), (expected.get(accountKey(posting.account)) ?? 0) + posting.amount);
    };
    const posted: { input: TransferInput; transfer: PostedTransfer }[] = [];
    const tally = { posted: 0, insufficient: 0, replayed: 0 };
    let next = 0;

    const client = async () => {
      // Bounded: every pass takes OPERATIONS_PER_CONNECTION indexes until OPERATIONS are taken.
      while (next < OPERATIONS) {
        const scope = createScope(testEnv, createLogger("error"), "bank-test", { ip: null, userAgent: null });
        const { ctx } = scope;
        try {
          for (let done = 0; done < OPERATIONS_PER_CONNECTION && next < OPERATIONS; done++) {
            const index = next++;
            const replayOf = posted.length > 0 && random() * 100 < REPLAY_PERCENT ? pick(posted) : null;
            const input = replayOf ? replayOf.input : operation(index);
            try {
              const transfer = await inTransaction(ctx, (tx) => postTransfer(tx, ctx, input));
              if (replayOf) {
                expect(transfer).toEqual({ ...replayOf.transfer, replayed: true });
                tally.replayed++;
              } else {
                expect(transfer.replayed).toBe(false);
                apply(input);
                posted.push({ input, transfer });
                tally.posted++;
              }
            } catch (error) {
              if (!(error instanceof AppError && error.code === "INSUFFICIENT_FUNDS")) throw error;
              tally.insufficient++;
            }
          }
        } finally {
          await scope.close();
        }
      }
    };
    const outcomes = await Promise.allSettled(Array.from({ length: CLIENTS }, client));
    expect(outcomes.filter((outcome) => outcome.status === "rejected").map((outcome) => describeFailure((outcome as PromiseRejectedResult).reason))).toEqual([]);
    expect(tally.posted + tally.insufficient + tally.replayed).toBe(OPERATIONS);
    // Both outcomes must have been exercised for the test to mean anything.
    expect(tally.posted, JSON.stringify(tally)).toBeGreaterThan(OPERATIONS / 2);
    expect(tally.insufficient, JSON.stringify(tally)).toBeGreaterThan(0);
    expect(tally.replayed, JSON.stringify(tally)).toBeGreaterThan(0);

    // Every user account, and this test's own clearing accounts, hold exactly what the successful transfers put there.
    const ownAccounts = [...users.flatMap((user) => CURRENCIES.flatMap((currency) => [available(user, currency), held(user, currency)])), ...CURRENCIES.map(bankClearing)].map(accountKey);
    const stored = await withDatabase((db) => db.orm.select({ id: ledgerAccounts.id, balance: ledgerAccounts.balanceMinor }).from(ledgerAccounts).where(inArray(ledgerAccounts.id, ownAccounts)));
    const storedById = Object.fromEntries(stored.map((row) => [row.id, row.balance]));
    const expectedById = Object.fromEntries(ownAccounts.filter((id) => expected.has(id) || id in storedById).map((id) => [id, expected.get(id) ?? 0]));
    expect(storedById).toEqual(expectedById);
    expect(stored.filter((row) => row.balance < 0 && !row.id.startsWith("provider_clearing:"))).toEqual([]);

    // Conservation is checked on the whole ledger (shared fee and fx accounts included): every currency sums to zero.
    const report = await withDatabase((db) => verifyLedger(db.orm));
    expect(report.mismatches).toEqual([]);
    expect(Object.entries(report.totalsByCurrency).filter(([, total]) => total !== 0)).toEqual([]);
    expect(report.entries).toBeGreaterThanOrEqual(2 * tally.posted);
  });
});
