// Shared by the ledger's integration tests: a request-like context, posting in its own transaction, account refs, raw reads.
import { eq, inArray } from "drizzle-orm";
import { ledgerAccounts, ledgerEntries } from "../../db/ledger";
import { createScope, type ServiceContext } from "../platform/context";
import { inTransaction } from "../platform/events";
import { newId } from "../platform/ids";
import { createLogger } from "../platform/logger";
import type { Currency } from "../platform/money";
import { testEnv, withDatabase } from "../test-support/api";
import { accountKey, postTransfer, type AccountRef, type PostedTransfer, type TransferInput } from "./service";

/** Runs `work` with its own scope (its own connection), as a separate request would. */
export async function asRequest<T>(work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const scope = createScope(testEnv, createLogger("error"), "test-ledger", { ip: null, userAgent: null });
  try {
    return await work(scope.ctx);
  } finally {
    await scope.close();
  }
}

/** Posts one transfer in its own transaction and connection. */
export function post(input: TransferInput): Promise<PostedTransfer> {
  return asRequest((ctx) => inTransaction(ctx, (scope) => postTransfer(scope, ctx, input)));
}

/** A user id nobody else's test uses (the ledger keys accounts by owner id; it does not read the users table). */
export function newUserId(): string {
  return newId("user");
}

export const available = (ownerId: string, currency: Currency): AccountRef => ({ kind: "user_available", ownerId, currency });
export const held = (ownerId: string, currency: Currency): AccountRef => ({ kind: "user_held", ownerId, currency });
export const clearing = (currency: Currency, provider = "sandbox"): AccountRef => ({ kind: "provider_clearing", ownerId: provider, currency });

/** A settled card deposit into `ownerId`'s available balance. */
export function deposit(ownerId: string, amount: number, currency: Currency, reference = `test:${crypto.randomUUID()}`): Promise<PostedTransfer> {
  return post({ kind: "deposit", reference, actorId: ownerId, postings: [{ account: clearing(currency), amount: -amount }, { account: available(ownerId, currency), amount }] });
}

/** Stored balances by account key, straight from the table. */
export async function storedBalances(refs: AccountRef[]): Promise<Record<string, number>> {
  const ids = refs.map(accountKey);
  const rows = await withDatabase((db) => db.orm.select({ id: ledgerAccounts.id, balance: ledgerAccounts.balanceMinor }).from(ledgerAccounts).where(inArray(ledgerAccounts.id, ids)));
  return Object.fromEntries(rows.map((row) => [row.id, row.balance]));
}

export async function entriesOf(ref: AccountRef) {
  return withDatabase((db) => db.orm.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, accountKey(ref))).orderBy(ledgerEntries.accountSeq));
}
