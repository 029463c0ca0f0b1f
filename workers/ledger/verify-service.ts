// Recomputes the whole ledger from its entries: every balance, every account's hash chain and sequence, every transfer's sum.
import { and, asc, count, eq, gt, inArray, sql } from "drizzle-orm";
import { ledgerAccounts, ledgerEntries, ledgerTransfers } from "../../db/ledger";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Queryable, Tx } from "../platform/db";
import { LEDGER_VERIFY_ACCOUNTS_PER_PAGE, LEDGER_VERIFY_ENTRIES_PER_PAGE, LEDGER_VERIFY_MAX_LISTED_MISMATCHES } from "../platform/limits";
import { finishChain, startChain, stepChain, type ChainState, type LedgerMismatch, type StoredAccount } from "./chain-walk";
import { entryHash } from "./entry-hash";

export interface LedgerVerifyReport {
  accounts: number;
  entries: number;
  transfers: number;
  /** Sum of all balances per currency: zero for each when money was only moved, never made or lost. */
  totalsByCurrency: Record<string, number>;
  /** All mismatches found; only the first LEDGER_VERIFY_MAX_LISTED_MISMATCHES are listed. */
  mismatchCount: number;
  mismatches: LedgerMismatch[];
}

class MismatchList {
  count = 0;
  readonly listed: LedgerMismatch[] = [];
  add(...mismatches: LedgerMismatch[]): void {
    for (const mismatch of mismatches) {
      this.count++;
      if (this.listed.length < LEDGER_VERIFY_MAX_LISTED_MISMATCHES) this.listed.push(mismatch);
    }
  }
}

/** Walks the entries of one page of accounts, in (account, seq) order, a bounded page of entries per query. */
async function walkAccounts(tx: Tx, accounts: StoredAccount[], found: MismatchList): Promise<number> {
  const chains = new Map<string, ChainState>(accounts.map((account) => [account.id, startChain(account)]));
  const ids = accounts.map((account) => account.id);
  let after: { accountId: string; seq: number } | null = null;
  let walked = 0;
  // Ends when a page comes back short: every page advances the (account_id, account_seq) key.
  for (;;) {
    const rows = await tx
      .select({ entry: ledgerEntries, transferKind: ledgerTransfers.kind, reference: ledgerTransfers.reference })
      .from(ledgerEntries)
      .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerEntries.transferId))
      .where(and(inArray(ledgerEntries.accountId, ids), after ? sql`(${ledgerEntries.accountId}, ${ledgerEntries.accountSeq}) > (${after.accountId}, ${after.seq})` : undefined))
      .orderBy(asc(ledgerEntries.accountId), asc(ledgerEntries.accountSeq))
      .limit(LEDGER_VERIFY_ENTRIES_PER_PAGE);
    for (const { entry, transferKind, reference } of rows) {
      const chain = chains.get(entry.accountId)!;
      const step = stepChain(chain, entry, entryHash({ ...entry, transferKind, reference }));
      chains.set(entry.accountId, step.state);
      found.add(...step.mismatches);
    }
    walked += rows.length;
    const last = rows.at(-1);
    if (!last || rows.length < LEDGER_VERIFY_ENTRIES_PER_PAGE) break;
    after = { accountId: last.entry.accountId, seq: last.entry.accountSeq };
  }
  for (const chain of chains.values()) found.add(...finishChain(chain));
  return walked;
}

/** Transfers with fewer than two entries, or whose entries do not sum to zero in some currency. */
async function checkTransfers(tx: Tx, found: MismatchList): Promise<void> {
  const thin = await tx.execute<{ id: string; entries: number }>(sql`
    SELECT t.id, count(e.id)::integer AS entries FROM ledger_transfers t LEFT JOIN ledger_entries e ON e.transfer_id = t.id
    GROUP BY t.id HAVING count(e.id) < 2 LIMIT ${LEDGER_VERIFY_MAX_LISTED_MISMATCHES}`);
  for (const row of thin.rows) found.add({ kind: "transfer_too_few_entries", transferId: row.id, detail: `${row.entries} entries` });
  const unbalanced = await tx.execute<{ transfer_id: string; currency: string; total: string }>(sql`
    SELECT transfer_id, currency, sum(amount_minor)::text AS total FROM ledger_entries
    GROUP BY transfer_id, currency HAVING sum(amount_minor) <> 0 LIMIT ${LEDGER_VERIFY_MAX_LISTED_MISMATCHES}`);
  for (const row of unbalanced.rows) {
    found.add({ kind: "transfer_unbalanced", transferId: row.transfer_id, currency: row.currency, detail: `entries sum to ${row.total}` });
  }
}

/**
 * Verifies the ledger. Given the database, it reads in one read-only REPEATABLE READ transaction, so a ledger being
 * written meanwhile is seen at one instant (no false mismatches between an account row and its newest entries). Given an
 * open transaction, it reads in that one (whose isolation is then the caller's choice). Memory stays bounded by the page sizes.
 */
export async function verifyLedger(db: Queryable): Promise<LedgerVerifyReport> {
  if (db instanceof PgTransaction) return verifyIn(db as Tx);
  return db.transaction(verifyIn, { isolationLevel: "repeatable read", accessMode: "read only" });
}

async function verifyIn(tx: Tx): Promise<LedgerVerifyReport> {
  const found = new MismatchList();
  const totals = new Map<string, number>();
  let accounts = 0;
  let entries = 0;
  let afterId: string | null = null;
  // Ends when a page of accounts comes back short (keyset on id).
  for (;;) {
    const page: StoredAccount[] = await tx
      .select({
        id: ledgerAccounts.id,
        kind: ledgerAccounts.kind,
        currency: ledgerAccounts.currency,
        balanceMinor: ledgerAccounts.balanceMinor,
        entryCount: ledgerAccounts.entryCount,
        lastEntryHash: ledgerAccounts.lastEntryHash,
      })
      .from(ledgerAccounts)
      .where(afterId === null ? undefined : gt(ledgerAccounts.id, afterId))
      .orderBy(asc(ledgerAccounts.id))
      .limit(LEDGER_VERIFY_ACCOUNTS_PER_PAGE);
    if (page.length === 0) break;
    entries += await walkAccounts(tx, page, found);
    accounts += page.length;
    for (const account of page) totals.set(account.currency, (totals.get(account.currency) ?? 0) + account.balanceMinor);
    if (page.length < LEDGER_VERIFY_ACCOUNTS_PER_PAGE) break;
    afterId = page.at(-1)!.id;
  }
  for (const [currency, total] of totals) {
    if (total !== 0) found.add({ kind: "currency_not_conserved", currency, detail: `balances in ${currency} sum to ${total}, not 0` });
  }
  await checkTransfers(tx, found);
  const [transferCount] = await tx.select({ value: count() }).from(ledgerTransfers);
  const [entryCount] = await tx.select({ value: count() }).from(ledgerEntries);
  // An entry whose account row is missing cannot happen (foreign key), but the walk would not see it, so count both ways.
  if (entryCount!.value !== entries) found.add({ kind: "account_entry_count", detail: `${entryCount!.value} entries in the table, ${entries} reached through accounts` });
  return {
    accounts,
    entries,
    transfers: transferCount!.value,
    totalsByCurrency: Object.fromEntries([...totals].sort(([a], [b]) => (a < b ? -1 : 1))),
    mismatchCount: found.count,
    mismatches: found.listed,
  };
}
