// What the ledger hands the anchoring job: entries after a cursor, who owns an entry (for its proof's access check), and the entries of given transfers.
import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import { ledgerAccounts, ledgerEntries, ledgerTransfers } from "../../db/schema";
import type { Queryable } from "../platform/db";

export interface EntryToAnchor {
  entryId: string;
  transferId: string;
  accountId: string;
  currency: string;
  amountMinor: number;
  balanceAfterMinor: number;
  accountSeq: number;
  hash: string;
}

/**
 * Entries with an id after `afterEntryId` (ids are ULIDs, so this is creation order) created before `createdBefore`,
 * oldest first, at most `limit`. The caller passes a cutoff a little in the past so a posting still committing cannot
 * land behind the cursor.
 */
export async function ledgerEntriesToAnchor(q: Queryable, afterEntryId: string | null, createdBefore: Date, limit: number): Promise<EntryToAnchor[]> {
  return q
    .select({
      entryId: ledgerEntries.id,
      transferId: ledgerEntries.transferId,
      accountId: ledgerEntries.accountId,
      currency: ledgerEntries.currency,
      amountMinor: ledgerEntries.amountMinor,
      balanceAfterMinor: ledgerEntries.balanceAfterMinor,
      accountSeq: ledgerEntries.accountSeq,
      hash: ledgerEntries.hash,
    })
    .from(ledgerEntries)
    .where(and(lt(ledgerEntries.createdAt, createdBefore), afterEntryId === null ? undefined : gt(ledgerEntries.id, afterEntryId)))
    .orderBy(asc(ledgerEntries.id))
    .limit(limit);
}

/** The user whose account holds the entry; null for platform accounts (fees, clearing…) and for an unknown entry. */
export async function ledgerEntryOwner(q: Queryable, entryId: string): Promise<{ ownerId: string | null } | null> {
  const [row] = await q
    .select({ ownerId: ledgerAccounts.ownerId, kind: ledgerAccounts.kind })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(eq(ledgerEntries.id, entryId))
    .limit(1);
  if (!row) return null;
  return { ownerId: row.kind === "user_available" || row.kind === "user_held" ? row.ownerId : null };
}

/**
 * Ids of the entries of the transfers with these references (e.g. an order's `order:<id>:hold`), oldest first: only
 * those in `ownerId`'s own accounts (available and held), or every entry, platform accounts included, when null.
 */
export async function entryIdsForReferences(q: Queryable, references: readonly string[], ownerId: string | null): Promise<string[]> {
  if (references.length === 0) return [];
  const rows = await q
    .select({ entryId: ledgerEntries.id })
    .from(ledgerEntries)
    .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerEntries.transferId))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(
      and(
        inArray(ledgerTransfers.reference, [...references]),
        ownerId === null ? undefined : and(eq(ledgerAccounts.ownerId, ownerId), inArray(ledgerAccounts.kind, ["user_available", "user_held"])),
      ),
    )
    .orderBy(asc(ledgerEntries.id));
  return rows.map((row) => row.entryId);
}
