// Tables owned by the anchoring domain: Merkle batches written to the chain, and every anchored leaf with its proof.
import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const ANCHOR_BATCH_STATUSES = ["pending", "sent", "anchored"] as const;
export type AnchorBatchStatus = (typeof ANCHOR_BATCH_STATUSES)[number];

/**
 * One row per batch. `id` is the contract's uint64 batch key: a serial from 1 (a bigint, far inside uint64).
 * pending = built, not yet accepted by the chain; sent = a transaction hash is known but not yet recorded as mined;
 * anchored = mined, tx_hash and block_number set. A batch is retried with the same id and root until anchored.
 */
export const anchorBatches = pgTable(
  "anchor_batches",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** 0x + 64 hex digits (keccak256). */
    root: text("root").notNull(),
    leafCount: integer("leaf_count").notNull(),
    status: text("status", { enum: ANCHOR_BATCH_STATUSES }).notNull().default("pending"),
    txHash: text("tx_hash"),
    blockNumber: bigint("block_number", { mode: "number" }),
    chainId: integer("chain_id").notNull(),
    contract: text("contract").notNull(),
    /** The chain's block number just before the first send: a crashed run's transaction is searched from here. */
    sentFromBlock: bigint("sent_from_block", { mode: "number" }),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    lastError: text("last_error"),
    /** Where the next batch continues: the newest ledger entry id and auction-result cursor this batch covers. */
    ledgerCursor: text("ledger_cursor"),
    auctionCursor: text("auction_cursor"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    anchoredAt: timestamp("anchored_at", { withTimezone: true }),
  },
  (table) => [
    index("anchor_batches_status_idx").on(table.status),
    check("anchor_batches_leaf_count_positive", sql`${table.leafCount} > 0`),
    check("anchor_batches_anchored_has_tx", sql`${table.status} <> 'anchored' OR (${table.txHash} IS NOT NULL AND ${table.blockNumber} IS NOT NULL)`),
  ],
);

/** leaf_key (kind:id) is the primary key, so no entry or auction is ever in two batches. */
export const anchorLeaves = pgTable(
  "anchor_leaves",
  {
    leafKey: text("leaf_key").primaryKey(),
    batchId: bigint("batch_id", { mode: "number" })
      .notNull()
      .references(() => anchorBatches.id),
    kind: text("kind", { enum: ["ledger_entry", "auction_result"] }).notNull(),
    subjectId: text("subject_id").notNull(),
    /** The AnchoredLeaf JSON (workers/anchoring/leaves.ts). */
    leaf: jsonb("leaf").notNull(),
    leafHash: text("leaf_hash").notNull(),
    /** Sibling hashes leaf → root. */
    proof: jsonb("proof").$type<string[]>().notNull(),
  },
  (table) => [index("anchor_leaves_batch_idx").on(table.batchId)],
);
