// Pure checks of one account's entries in sequence order: gap-free sequence, linked hashes, running balance, stored head.
import type { LedgerAccountKind } from "../../db/ledger";
import { mayGoNegative } from "./accounts";
import { GENESIS_HASH, type StoredEntry } from "./entry-hash";

export type LedgerMismatchKind =
  | "sequence"
  | "prev_hash"
  | "hash"
  | "balance_after"
  | "currency"
  | "negative_balance"
  | "account_balance"
  | "account_entry_count"
  | "account_chain_head"
  | "transfer_too_few_entries"
  | "transfer_unbalanced"
  | "currency_not_conserved";

export interface LedgerMismatch {
  kind: LedgerMismatchKind;
  accountId?: string;
  entryId?: string;
  transferId?: string;
  currency?: string;
  detail: string;
}

export interface StoredAccount {
  id: string;
  kind: LedgerAccountKind;
  currency: string;
  balanceMinor: number;
  entryCount: number;
  lastEntryHash: string;
}

/** What the walk has recomputed so far for one account. */
export interface ChainState {
  account: StoredAccount;
  entries: number;
  balanceMinor: number;
  headHash: string;
}

export function startChain(account: StoredAccount): ChainState {
  return { account, entries: 0, balanceMinor: 0, headHash: GENESIS_HASH };
}

/** Advances the walk by the account's next entry; `recomputedHash` is entryHash() of the stored fields. */
export function stepChain(state: ChainState, entry: StoredEntry, recomputedHash: string): { state: ChainState; mismatches: LedgerMismatch[] } {
  const mismatches: LedgerMismatch[] = [];
  const at = { accountId: entry.accountId, entryId: entry.id };
  const expectedSeq = state.entries + 1;
  if (entry.accountSeq !== expectedSeq) mismatches.push({ kind: "sequence", ...at, detail: `account_seq ${entry.accountSeq}, expected ${expectedSeq}` });
  if (entry.prevHash !== state.headHash) mismatches.push({ kind: "prev_hash", ...at, detail: `prev_hash ${entry.prevHash} does not link to ${state.headHash}` });
  if (entry.hash !== recomputedHash) mismatches.push({ kind: "hash", ...at, detail: `stored hash ${entry.hash}, recomputed ${recomputedHash}` });
  if (entry.currency !== state.account.currency) mismatches.push({ kind: "currency", ...at, detail: `entry in ${entry.currency}, account in ${state.account.currency}` });
  const balanceMinor = state.balanceMinor + entry.amountMinor;
  if (entry.balanceAfterMinor !== balanceMinor) mismatches.push({ kind: "balance_after", ...at, detail: `balance_after ${entry.balanceAfterMinor}, recomputed ${balanceMinor}` });
  if (balanceMinor < 0 && !mayGoNegative(state.account.kind)) mismatches.push({ kind: "negative_balance", ...at, detail: `${state.account.kind} went to ${balanceMinor}` });
  // The walk continues from the stored hash, so one altered entry is reported once, not again for every later entry.
  return { state: { account: state.account, entries: expectedSeq, balanceMinor, headHash: entry.hash }, mismatches };
}

/** After the last entry: the account row must hold exactly what its entries add up to. */
export function finishChain(state: ChainState): LedgerMismatch[] {
  const { account } = state;
  const mismatches: LedgerMismatch[] = [];
  if (account.balanceMinor !== state.balanceMinor) mismatches.push({ kind: "account_balance", accountId: account.id, detail: `stored balance ${account.balanceMinor}, entries sum to ${state.balanceMinor}` });
  if (account.entryCount !== state.entries) mismatches.push({ kind: "account_entry_count", accountId: account.id, detail: `stored entry_count ${account.entryCount}, found ${state.entries} entries` });
  if (account.lastEntryHash !== state.headHash) mismatches.push({ kind: "account_chain_head", accountId: account.id, detail: `stored head ${account.lastEntryHash}, chain ends at ${state.headHash}` });
  return mismatches;
}
