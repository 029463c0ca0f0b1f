// Pure ledger rules: what makes a transfer valid, the order its accounts are locked in, and the entries it produces.
import { LEDGER_ACCOUNT_KINDS, LEDGER_TRANSFER_KINDS, type LedgerAccountKind, type LedgerTransferKind } from "../../db/ledger";
import { LEDGER_MAX_POSTINGS, LEDGER_MEMO_MAX_LENGTH, LEDGER_REFERENCE_MAX_LENGTH } from "../platform/limits";
import { isCurrency, MAX_MONEY_AMOUNT_MINOR } from "../platform/money";
import { accountKey, accountOwner, isValidOwnerId, mayGoNegative, type AccountRef } from "./accounts";
import type { EntryPosition } from "./entry-hash";

export interface Posting {
  account: AccountRef;
  /** Signed minor units of the account's currency: positive increases its balance. */
  amount: number;
}

export interface TransferInput {
  kind: LedgerTransferKind;
  /** Unique per money movement (`order:<id>:hold`): posting it again replays the first transfer. */
  reference: string;
  postings: Posting[];
  memo?: string | undefined;
  actorId: string | null;
}

/** A posting after validation: one per account, keyed, in lock order. */
export interface NormalizedPosting {
  accountId: string;
  account: AccountRef;
  amount: number;
}

export type NormalizeResult = { ok: true; postings: NormalizedPosting[] } | { ok: false; problems: string[] };

/** Code-unit order, the same everywhere (no locale): every transfer locks its accounts in this order, so none deadlock. */
export function compareAccountIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const ACCOUNT_KIND_SET: ReadonlySet<string> = new Set(LEDGER_ACCOUNT_KINDS);
const TRANSFER_KIND_SET: ReadonlySet<string> = new Set(LEDGER_TRANSFER_KINDS);

function postingProblems(posting: Posting, index: number): string[] {
  const problems: string[] = [];
  const { account, amount } = posting;
  if (!ACCOUNT_KIND_SET.has(account.kind)) problems.push(`postings[${index}]: unknown account kind ${String(account.kind)}`);
  if (!isCurrency(account.currency)) problems.push(`postings[${index}]: unsupported currency ${String(account.currency)}`);
  const owner = accountOwner(account);
  const needsOwner = account.kind === "user_available" || account.kind === "user_held" || account.kind === "provider_clearing";
  if (needsOwner && (owner === null || !isValidOwnerId(owner))) problems.push(`postings[${index}]: ${account.kind} needs a valid ownerId`);
  if (!needsOwner && owner !== null) problems.push(`postings[${index}]: ${account.kind} has no owner`);
  if (!Number.isSafeInteger(amount) || amount === 0 || Math.abs(amount) > MAX_MONEY_AMOUNT_MINOR) {
    problems.push(`postings[${index}]: amount must be a non-zero integer within ±${MAX_MONEY_AMOUNT_MINOR}`);
  }
  return problems;
}

/**
 * Validates a transfer and merges postings to the same account (summing them; an account that nets to zero drops out).
 * Valid: a known kind, a reference, 2–LEDGER_MAX_POSTINGS postings of non-zero integer amounts within the money limit,
 * at least two accounts left after merging, and a zero sum per currency.
 */
export function normalizeTransfer(input: TransferInput): NormalizeResult {
  const problems: string[] = [];
  if (!TRANSFER_KIND_SET.has(input.kind)) problems.push(`unknown transfer kind ${String(input.kind)}`);
  if (input.reference.length === 0 || input.reference.length > LEDGER_REFERENCE_MAX_LENGTH) problems.push(`reference must be 1–${LEDGER_REFERENCE_MAX_LENGTH} characters`);
  if (input.memo !== undefined && input.memo.length > LEDGER_MEMO_MAX_LENGTH) problems.push(`memo must be at most ${LEDGER_MEMO_MAX_LENGTH} characters`);
  if (input.postings.length < 2 || input.postings.length > LEDGER_MAX_POSTINGS) problems.push(`a transfer has 2–${LEDGER_MAX_POSTINGS} postings`);
  input.postings.forEach((posting, index) => problems.push(...postingProblems(posting, index)));
  if (problems.length > 0) return { ok: false, problems };

  const merged = new Map<string, NormalizedPosting>();
  const sumByCurrency = new Map<string, number>();
  for (const posting of input.postings) {
    const accountId = accountKey(posting.account);
    const existing = merged.get(accountId);
    merged.set(accountId, { accountId, account: posting.account, amount: (existing?.amount ?? 0) + posting.amount });
    sumByCurrency.set(posting.account.currency, (sumByCurrency.get(posting.account.currency) ?? 0) + posting.amount);
  }
  for (const [currency, sum] of sumByCurrency) {
    if (sum !== 0) problems.push(`postings in ${currency} sum to ${sum}, not 0`);
  }
  const postings = [...merged.values()].filter((posting) => posting.amount !== 0).sort((a, b) => compareAccountIds(a.accountId, b.accountId));
  if (problems.length === 0 && postings.length < 2) problems.push("a transfer must move money between at least two accounts");
  return problems.length > 0 ? { ok: false, problems } : { ok: true, postings };
}

/** An account as locked for a transfer: its balance and the head of its hash chain. */
export interface LockedAccount {
  id: string;
  kind: LedgerAccountKind;
  balanceMinor: number;
  entryCount: number;
  lastEntryHash: string;
}

/** An entry before hashing: what it does to its account, and where it goes in the account's chain. */
export type PlannedEntry = EntryPosition;

export type PlanResult = { ok: true; entries: PlannedEntry[] } | { ok: false; overdrawn: NormalizedPosting };

/** The entries a transfer makes against the locked accounts, or the first account it would overdraw. */
export function planEntries(postings: NormalizedPosting[], accounts: ReadonlyMap<string, LockedAccount>): PlanResult {
  const entries: PlannedEntry[] = [];
  for (const posting of postings) {
    const account = accounts.get(posting.accountId);
    if (!account) throw new Error(`invariant failed: account ${posting.accountId} was not locked`);
    const balanceAfterMinor = account.balanceMinor + posting.amount;
    if (!Number.isSafeInteger(balanceAfterMinor)) throw new Error(`invariant failed: balance of ${posting.accountId} leaves the exact integer range`);
    if (balanceAfterMinor < 0 && !mayGoNegative(account.kind)) return { ok: false, overdrawn: posting };
    entries.push({
      accountId: posting.accountId,
      currency: posting.account.currency,
      amountMinor: posting.amount,
      balanceAfterMinor,
      accountSeq: account.entryCount + 1,
      prevHash: account.lastEntryHash,
    });
  }
  return { ok: true, entries };
}

/** Whether a stored transfer's entries are the same movement as these postings (a true replay of the reference). */
export function samePostings(stored: { accountId: string; amount: number }[], postings: NormalizedPosting[]): boolean {
  if (stored.length !== postings.length) return false;
  const sorted = [...stored].sort((a, b) => compareAccountIds(a.accountId, b.accountId));
  return sorted.every((entry, index) => entry.accountId === postings[index]!.accountId && entry.amount === postings[index]!.amount);
}
