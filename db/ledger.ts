// Tables owned by the ledger domain: accounts with their balances, transfers, and the append-only, hash-chained entries.
import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** User accounts and platform fees never go negative (a CHECK below); clearing, fx and rewards may. */
export const LEDGER_ACCOUNT_KINDS = ["user_available", "user_held", "platform_fees", "provider_clearing", "fx", "rewards"] as const;
export type LedgerAccountKind = (typeof LEDGER_ACCOUNT_KINDS)[number];

export const LEDGER_TRANSFER_KINDS = ["deposit", "withdrawal", "escrow_hold", "escrow_release", "refund", "fx", "adjustment"] as const;
export type LedgerTransferKind = (typeof LEDGER_TRANSFER_KINDS)[number];

/**
 * One row per account (kind, owner, currency). `id` is the deterministic key built from the AccountRef, so posting to an
 * account never needs a lookup first. The balance and the chain head live here and are updated under the row lock.
 */
export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: LEDGER_ACCOUNT_KINDS }).notNull(),
    /** The user id for user accounts, the provider name for provider_clearing, null for platform-wide accounts. */
    ownerId: text("owner_id"),
    currency: text("currency").notNull(),
    balanceMinor: bigint("balance_minor", { mode: "number" }).notNull().default(0),
    /** account_seq of the newest entry (0 before the first); the next entry takes entry_count + 1. */
    entryCount: integer("entry_count").notNull().default(0),
    /** Hash of the newest entry, or the genesis hash; the next entry's prev_hash. */
    lastEntryHash: text("last_entry_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("ledger_accounts_owner_idx").on(table.ownerId),
    // The key ends in ":<currency>"; entries check the same, so an entry can never be in another currency than its account.
    check("ledger_accounts_key_currency", sql`right(${table.id}, 4) = ':' || ${table.currency}`),
    check(
      "ledger_accounts_never_negative",
      sql`${table.balanceMinor} >= 0 OR ${table.kind} IN ('provider_clearing', 'fx', 'rewards')`,
    ),
  ],
);

export const ledgerTransfers = pgTable("ledger_transfers", {
  id: text("id").primaryKey(),
  kind: text("kind", { enum: LEDGER_TRANSFER_KINDS }).notNull(),
  /** The caller's idempotency key for this movement, e.g. `order:<id>:hold`; posting it again is a replay. */
  reference: text("reference").notNull().unique("ledger_transfers_reference_key"),
  memo: text("memo"),
  actorId: text("actor_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

/** Append-only (a trigger refuses UPDATE and DELETE); each entry carries the hash of its account's previous entry. */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: text("id").primaryKey(),
    transferId: text("transfer_id")
      .notNull()
      .references(() => ledgerTransfers.id),
    accountId: text("account_id")
      .notNull()
      .references(() => ledgerAccounts.id),
    currency: text("currency").notNull(),
    /** Signed: positive increases the account's balance. */
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    balanceAfterMinor: bigint("balance_after_minor", { mode: "number" }).notNull(),
    /** 1, 2, 3 … per account, without gaps. */
    accountSeq: integer("account_seq").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex("ledger_entries_account_seq_idx").on(table.accountId, table.accountSeq),
    index("ledger_entries_transfer_idx").on(table.transferId),
    check("ledger_entries_account_currency", sql`right(${table.accountId}, 4) = ':' || ${table.currency}`),
    check("ledger_entries_amount_nonzero", sql`${table.amountMinor} <> 0`),
  ],
);
