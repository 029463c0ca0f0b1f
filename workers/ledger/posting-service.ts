// Posting a transfer: validate in TS, lock its accounts in one ordered statement, write transfer + entries + balances in one more.
import { eq, sql } from "drizzle-orm";
import { ledgerEntries, ledgerTransfers, type LedgerAccountKind, type LedgerTransferKind } from "../../db/ledger";
import type { ServiceContext } from "../platform/context";
import { AppError, assert } from "../platform/errors";
import type { TxScope } from "../platform/events";
import { newId } from "../platform/ids";
import { accountOwner } from "./accounts";
import { entryHash, GENESIS_HASH, type StoredEntry } from "./entry-hash";
import { compareAccountIds, normalizeTransfer, planEntries, samePostings, type LockedAccount, type NormalizedPosting, type PlannedEntry, type TransferInput } from "./transfer-rules";

/** An entry of a posted transfer, as stored (with the hash that links the account's next entry to it). */
export type PostedEntry = StoredEntry;

export interface PostedTransfer {
  id: string;
  kind: LedgerTransferKind;
  reference: string;
  memo: string | null;
  actorId: string | null;
  createdAt: Date;
  /** True when the reference had been posted before: this is that first transfer, and nothing moved now. */
  replayed: boolean;
  entries: PostedEntry[];
}

interface LockedRow extends Record<string, unknown> {
  account_id: string;
  account_kind: LedgerAccountKind;
  balance_minor: string | number;
  entry_count: number;
  last_entry_hash: string;
  replay_of: string | null;
}

/** A JS array as one Postgres array parameter (drizzle would otherwise spread it into a list). */
const array = <T,>(values: T[], type: "text" | "bigint" | "integer") => sql`${sql.param(values)}::${sql.raw(type)}[]`;

/**
 * Creates missing accounts and locks all of them in lock order (postings come sorted by id), returning their balances
 * and chain heads, and whether the reference was already posted (db/migrations/0013: ledger_lock_accounts).
 */
async function lockAccounts(scope: TxScope, postings: NormalizedPosting[], reference: string, now: Date): Promise<{ accounts: Map<string, LockedAccount>; replayOf: string | null }> {
  const result = await scope.tx.execute<LockedRow>(sql`SELECT * FROM ledger_lock_accounts(
    ${array(postings.map((posting) => posting.accountId), "text")},
    ${array(postings.map((posting) => posting.account.kind), "text")},
    ${array(postings.map((posting) => accountOwner(posting.account)), "text")},
    ${array(postings.map((posting) => posting.account.currency), "text")},
    ${GENESIS_HASH}, ${now}, ${reference})`);
  const accounts = new Map<string, LockedAccount>();
  for (const row of result.rows) {
    accounts.set(row.account_id, { id: row.account_id, kind: row.account_kind, balanceMinor: Number(row.balance_minor), entryCount: Number(row.entry_count), lastEntryHash: row.last_entry_hash });
  }
  return { accounts, replayOf: result.rows[0]?.replay_of ?? null };
}

/** The first transfer posted under `reference`, as the caller gets it back on a replay; a different movement is a conflict. */
async function replayedTransfer(scope: TxScope, input: TransferInput, postings: NormalizedPosting[]): Promise<PostedTransfer | null> {
  const [transfer] = await scope.tx.select().from(ledgerTransfers).where(eq(ledgerTransfers.reference, input.reference));
  if (!transfer) return null;
  const entries = (await scope.tx.select().from(ledgerEntries).where(eq(ledgerEntries.transferId, transfer.id))).sort((a, b) => compareAccountIds(a.accountId, b.accountId));
  const same = transfer.kind === input.kind && samePostings(entries.map((entry) => ({ accountId: entry.accountId, amount: entry.amountMinor })), postings);
  if (!same) {
    throw new AppError("LEDGER_REFERENCE_CONFLICT", `Reference ${input.reference} was already used for a different transfer.`, { extra: { transferId: transfer.id } });
  }
  return {
    id: transfer.id,
    kind: transfer.kind,
    reference: transfer.reference,
    memo: transfer.memo,
    actorId: transfer.actorId,
    createdAt: transfer.createdAt,
    replayed: true,
    entries: entries.map(({ id, accountId, currency, amountMinor, balanceAfterMinor, accountSeq, prevHash, hash }) => ({ id, accountId, currency, amountMinor, balanceAfterMinor, accountSeq, prevHash, hash })),
  };
}

type NewTransfer = Omit<PostedTransfer, "replayed" | "entries">;

/** Inserts the transfer, its entries and the new balances (ledger_write_transfer); false, with nothing written, if the reference exists. */
async function writeTransfer(scope: TxScope, transfer: NewTransfer, entries: StoredEntry[]): Promise<boolean> {
  const column = <K extends keyof StoredEntry>(key: K) => entries.map((entry) => entry[key]);
  const result = await scope.tx.execute<{ posted: boolean }>(sql`SELECT ledger_write_transfer(
    ${transfer.id}, ${transfer.kind}, ${transfer.reference}, ${transfer.memo}, ${transfer.actorId}, ${transfer.createdAt},
    ${array(column("id"), "text")}, ${array(column("accountId"), "text")}, ${array(column("currency"), "text")},
    ${array(column("amountMinor"), "bigint")}, ${array(column("balanceAfterMinor"), "bigint")}, ${array(column("accountSeq"), "integer")},
    ${array(column("prevHash"), "text")}, ${array(column("hash"), "text")}) AS posted`);
  return result.rows[0]?.posted === true;
}

function hashEntries(transfer: NewTransfer, planned: PlannedEntry[]): StoredEntry[] {
  return planned.map((entry) => {
    const id = newId("ledgerEntry", transfer.createdAt.getTime());
    return { ...entry, id, hash: entryHash({ ...entry, id, transferId: transfer.id, transferKind: transfer.kind, reference: transfer.reference, createdAt: transfer.createdAt }) };
  });
}

/**
 * Posts a transfer inside the caller's transaction (docs/money.md, Ledger contract). Idempotent by reference: the
 * same reference again returns the first transfer with `replayed: true` and moves nothing; the reference with another
 * movement → LEDGER_REFERENCE_CONFLICT (409). A user account or platform fees going below zero → INSUFFICIENT_FUNDS (422)
 * and nothing is written. A malformed transfer is the caller's bug: an invariant failure (500).
 */
export async function postTransfer(scope: TxScope, ctx: ServiceContext, input: TransferInput): Promise<PostedTransfer> {
  const normalized = normalizeTransfer(input);
  assert(normalized.ok, `ledger transfer ${input.reference} is invalid: ${normalized.ok ? "" : normalized.problems.join("; ")}`);
  const { postings } = normalized;
  const createdAt = ctx.now();
  const { accounts, replayOf } = await lockAccounts(scope, postings, input.reference, createdAt);
  if (replayOf !== null) {
    const replay = await replayedTransfer(scope, input, postings);
    assert(replay, `ledger reference ${input.reference} was seen but its transfer was not found`);
    return replay;
  }

  const plan = planEntries(postings, accounts);
  if (!plan.ok) {
    // The first posting of this reference may have committed while we waited for the locks: then this is its replay.
    const replay = await replayedTransfer(scope, input, postings);
    if (replay) return replay;
    throw new AppError("INSUFFICIENT_FUNDS", `Not enough ${plan.overdrawn.account.currency} in the account for this transfer.`, {
      extra: { currency: plan.overdrawn.account.currency },
    });
  }
  const transfer: NewTransfer = { id: newId("ledgerTransfer", createdAt.getTime()), kind: input.kind, reference: input.reference, memo: input.memo ?? null, actorId: input.actorId, createdAt };
  const entries = hashEntries(transfer, plan.entries);
  if (!(await writeTransfer(scope, transfer, entries))) {
    const replay = await replayedTransfer(scope, input, postings);
    assert(replay, `ledger reference ${input.reference} conflicted but no transfer holds it`);
    return replay;
  }
  await scope.audit({
    actorId: input.actorId,
    action: "ledger.transfer_posted",
    subjectType: "ledger_transfer",
    subjectId: transfer.id,
    details: { kind: transfer.kind, reference: transfer.reference, postings: entries.map((entry) => ({ accountId: entry.accountId, amountMinor: entry.amountMinor })) },
  });
  return { ...transfer, replayed: false, entries };
}
