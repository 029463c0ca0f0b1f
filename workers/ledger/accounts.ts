// Ledger accounts as callers name them (AccountRef) and the deterministic key each one is stored under.
import type { LedgerAccountKind } from "../../db/ledger";
import { LEDGER_OWNER_ID_MAX_LENGTH } from "../platform/limits";
import type { Currency } from "../platform/money";

export type AccountRef =
  | { kind: "user_available" | "user_held"; ownerId: string; currency: Currency }
  | { kind: "provider_clearing"; ownerId: string; currency: Currency }
  | { kind: "platform_fees" | "fx" | "rewards"; currency: Currency };

/** Kinds whose balance may never go below zero: a user's money, and fees we actually took. */
const NEVER_NEGATIVE_KINDS: ReadonlySet<LedgerAccountKind> = new Set(["user_available", "user_held", "platform_fees"]);

export function mayGoNegative(kind: LedgerAccountKind): boolean {
  return !NEVER_NEGATIVE_KINDS.has(kind);
}

// Owners are user ids (usr_…) or provider slugs: no ":" so the key splits back unambiguously.
const OWNER_ID_PATTERN = new RegExp(`^[A-Za-z0-9_-]{1,${LEDGER_OWNER_ID_MAX_LENGTH}}$`);

export function isValidOwnerId(ownerId: string): boolean {
  return OWNER_ID_PATTERN.test(ownerId);
}

export function accountOwner(ref: AccountRef): string | null {
  return "ownerId" in ref ? ref.ownerId : null;
}

/** `user_available:usr_01…:USD`, `platform_fees:USD`: the same ref always gives the same key, so postings need no lookup. */
export function accountKey(ref: AccountRef): string {
  const owner = accountOwner(ref);
  return owner === null ? `${ref.kind}:${ref.currency}` : `${ref.kind}:${owner}:${ref.currency}`;
}
