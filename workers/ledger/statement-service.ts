// Reading the ledger for a user: wallet balances per currency, and one account's entries newest first.
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { ledgerAccounts, ledgerEntries, ledgerTransfers, type LedgerTransferKind } from "../../db/ledger";
import type { ServiceContext } from "../platform/context";
import { decodeCursor, toPage } from "../platform/cursor";
import { AppError } from "../platform/errors";
import { MAX_PAGE_SIZE } from "../platform/limits";
import { isCurrency, money, type Currency, type Money } from "../platform/money";
import { accountKey } from "./accounts";

export interface WalletBalance {
  currency: Currency;
  available: Money;
  held: Money;
}

/** Every currency the user has an account in, sorted by code; a currency with only one of the two shows zero for the other. */
export async function walletBalances(ctx: ServiceContext, userId: string): Promise<WalletBalance[]> {
  const rows = await ctx.db.orm
    .select({ kind: ledgerAccounts.kind, currency: ledgerAccounts.currency, balanceMinor: ledgerAccounts.balanceMinor })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.ownerId, userId), inArray(ledgerAccounts.kind, ["user_available", "user_held"])));
  const byCurrency = new Map<Currency, WalletBalance>();
  for (const row of rows) {
    if (!isCurrency(row.currency)) throw new Error(`invariant failed: ledger account in unsupported currency ${row.currency}`);
    const balance = byCurrency.get(row.currency) ?? { currency: row.currency, available: money(0, row.currency), held: money(0, row.currency) };
    if (row.kind === "user_available") balance.available = money(row.balanceMinor, row.currency);
    else balance.held = money(row.balanceMinor, row.currency);
    byCurrency.set(row.currency, balance);
  }
  return [...byCurrency.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}

export interface StatementItem {
  entryId: string;
  transferId: string;
  amount: Money;
  balanceAfter: Money;
  kind: LedgerTransferKind;
  /** RFC 3339 UTC. */
  at: string;
}

export interface StatementPage {
  items: StatementItem[];
  nextCursor: string | null;
}

function invalidCursor(): AppError {
  return new AppError("VALIDATION_FAILED", "The cursor is not one this API issued.", { errors: [{ path: "cursor", message: "invalid cursor" }] });
}

/**
 * One of the user's accounts (available or held) in one currency, newest entry first. Pages are keyed on the account's
 * own entry sequence, which the (account_id, account_seq) index serves directly. An account never used is an empty page.
 */
export async function accountStatement(
  ctx: ServiceContext,
  userId: string,
  currency: Currency,
  account: "available" | "held",
  page: { limit: number; cursor?: string | undefined },
): Promise<StatementPage> {
  // Routes validate `limit`; clamping here too keeps any other caller's page bounded.
  const limit = Math.min(Math.max(Math.trunc(page.limit), 1), MAX_PAGE_SIZE);
  const accountId = accountKey({ kind: account === "available" ? "user_available" : "user_held", ownerId: userId, currency });
  let beforeSeq: number | undefined;
  if (page.cursor) {
    const cursor = decodeCursor(page.cursor);
    if (typeof cursor.key !== "number" || !Number.isSafeInteger(cursor.key) || cursor.key < 1) throw invalidCursor();
    beforeSeq = cursor.key;
  }
  const rows = await ctx.db.orm
    .select({
      entryId: ledgerEntries.id,
      transferId: ledgerEntries.transferId,
      amountMinor: ledgerEntries.amountMinor,
      balanceAfterMinor: ledgerEntries.balanceAfterMinor,
      accountSeq: ledgerEntries.accountSeq,
      kind: ledgerTransfers.kind,
      createdAt: ledgerEntries.createdAt,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerEntries.transferId))
    .where(and(eq(ledgerEntries.accountId, accountId), beforeSeq === undefined ? undefined : lt(ledgerEntries.accountSeq, beforeSeq)))
    .orderBy(desc(ledgerEntries.accountSeq))
    .limit(limit + 1);
  const { items, nextCursor } = toPage(rows, limit, (row) => ({ key: row.accountSeq, id: row.entryId }));
  return {
    items: items.map((row) => ({
      entryId: row.entryId,
      transferId: row.transferId,
      amount: money(row.amountMinor, currency),
      balanceAfter: money(row.balanceAfterMinor, currency),
      kind: row.kind,
      at: row.createdAt.toISOString(),
    })),
    nextCursor,
  };
}
