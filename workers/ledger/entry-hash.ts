// The canonical hash of a ledger entry: one definition shared by posting and by ledger:verify.
import { createHash } from "node:crypto";

/** prev_hash of an account's first entry. */
export const GENESIS_HASH = "0".repeat(64);

/** Bumped if the field list ever changes, so old and new entries can never hash alike by accident. */
const HASH_VERSION = "mnbara-ledger-entry-v1";

/** What an entry does to its account, and where it sits in that account's chain. */
export interface EntryPosition {
  accountId: string;
  currency: string;
  amountMinor: number;
  balanceAfterMinor: number;
  accountSeq: number;
  prevHash: string;
}

/** Every field the hash covers: the entry's position plus its identity and its transfer's kind, reference and time. */
export interface HashedEntryFields extends EntryPosition {
  id: string;
  transferId: string;
  transferKind: string;
  reference: string;
  createdAt: Date;
}

/** An entry as stored: its position, its id and its hash. */
export interface StoredEntry extends EntryPosition {
  id: string;
  hash: string;
}

/**
 * The exact text hashed, in a fixed field order. A JSON array: every field is delimited and escaped, so no two
 * different entries share an input. It covers the transfer's kind and reference too, so those cannot be swapped.
 */
export function entryHashInput(entry: HashedEntryFields): string {
  return JSON.stringify([
    HASH_VERSION,
    entry.id,
    entry.transferId,
    entry.transferKind,
    entry.reference,
    entry.accountId,
    entry.currency,
    entry.amountMinor,
    entry.balanceAfterMinor,
    entry.accountSeq,
    entry.prevHash,
    entry.createdAt.toISOString(),
  ]);
}

/**
 * SHA-256 (lowercase hex) of the canonical input. Synchronous node:crypto (workerd provides it under nodejs_compat):
 * several times cheaper than WebCrypto's promise per entry, and the hash sits on the transfer's lock-holding path.
 */
export function entryHash(entry: HashedEntryFields): string {
  return createHash("sha256").update(entryHashInput(entry)).digest("hex");
}
