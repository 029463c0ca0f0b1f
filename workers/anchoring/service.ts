// The anchoring job: retry an outstanding batch first (same id and root), else fold new ledger entries and auction results into one; write its root on chain.
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Hex } from "viem";
import { anchorBatches, anchorLeaves } from "../../db/schema";
import { auctionResultsToAnchor } from "../auctions/anchoring-source";
import { ledgerEntriesToAnchor } from "../ledger/service";
import type { ServiceContext } from "../platform/context";
import { errorFields } from "../platform/logger";
import { ANCHOR_BATCH_MAX_LEAVES, ANCHOR_SETTLE_MS } from "../platform/limits";
import { retryDelayMs } from "./backoff";
import { type AnchorChain, anchorChain, chainSetting, isAlreadyAnchored, type MinedAnchor } from "./chain";
import { auctionResultLeaf, leafKey, ledgerEntryLeaf } from "./leaves";
import { buildBatchTree } from "./merkle";

type Batch = typeof anchorBatches.$inferSelect;

export type AnchoringRun =
  | { status: "off" }
  | { status: "idle" }
  | { status: "waiting"; batchId: number; nextAttemptAt: Date }
  | { status: "anchored"; batchId: number; leafCount: number; txHash: Hex; blockNumber: number }
  | { status: "failed"; batchId: number; attempts: number; nextAttemptAt: Date; error: string };

/** The chain from env, or null when anchoring is off (a partial or malformed configuration is logged and counts as off). */
export function configuredChain(ctx: ServiceContext): AnchorChain | null {
  const setting = chainSetting(ctx.env);
  if (setting.status === "on") return anchorChain(setting.config);
  if (setting.problems.length > 0) ctx.log.error("anchoring is off: its configuration is incomplete", { problems: setting.problems });
  return null;
}

/** One cron run. At most one batch is outstanding: new leaves wait until it is anchored, so batch ids reach the chain in order. */
export async function runAnchoring(ctx: ServiceContext, chain: AnchorChain | null = configuredChain(ctx)): Promise<AnchoringRun> {
  if (chain === null) return { status: "off" };
  const orm = ctx.db.orm;
  const [open] = await orm.select().from(anchorBatches).where(inArray(anchorBatches.status, ["pending", "sent"])).orderBy(anchorBatches.id).limit(1);
  if (open) {
    if (open.nextAttemptAt > ctx.now()) return { status: "waiting", batchId: open.id, nextAttemptAt: open.nextAttemptAt };
    return attempt(ctx, chain, open);
  }
  const batch = await createBatch(ctx, chain);
  return batch === null ? { status: "idle" } : attempt(ctx, chain, batch);
}

/** Collects what came after the previous batch's cursors and stores batch, leaves and proofs in one transaction. */
async function createBatch(ctx: ServiceContext, chain: AnchorChain): Promise<Batch | null> {
  const orm = ctx.db.orm;
  const [previous] = await orm.select().from(anchorBatches).orderBy(desc(anchorBatches.id)).limit(1);
  const now = ctx.now();
  const settled = new Date(now.getTime() - ANCHOR_SETTLE_MS);
  // Auctions first: there are far fewer of them, so a busy ledger cannot starve them out of every batch.
  const results = await auctionResultsToAnchor(orm, previous?.auctionCursor ?? null, settled, ANCHOR_BATCH_MAX_LEAVES);
  const entries = await ledgerEntriesToAnchor(orm, previous?.ledgerCursor ?? null, settled, ANCHOR_BATCH_MAX_LEAVES - results.length);
  if (results.length === 0 && entries.length === 0) return null;
  const leaves = [...entries.map(ledgerEntryLeaf), ...results.map(auctionResultLeaf)];
  const tree = buildBatchTree(leaves);
  // A concurrent run that built the same batch loses on the leaf_key primary key and its transaction rolls back.
  return orm.transaction(async (tx) => {
    const [batch] = await tx
      .insert(anchorBatches)
      .values({
        root: tree.root,
        leafCount: tree.leafCount,
        chainId: chain.config.chainId,
        contract: chain.config.contract,
        nextAttemptAt: now,
        ledgerCursor: entries.at(-1)?.entryId ?? previous?.ledgerCursor ?? null,
        auctionCursor: results.at(-1)?.cursor ?? previous?.auctionCursor ?? null,
        createdAt: now,
      })
      .returning();
    await tx.insert(anchorLeaves).values(
      leaves.map((leaf) => {
        const key = leafKey(leaf);
        const proof = tree.proofs.get(key)!;
        return { leafKey: key, batchId: batch!.id, kind: leaf.kind, subjectId: key.slice(leaf.kind.length + 1), leaf, leafHash: proof.leafHash, proof: proof.proof };
      }),
    );
    return batch!;
  });
}

async function attempt(ctx: ServiceContext, chain: AnchorChain, batch: Batch): Promise<AnchoringRun> {
  try {
    const mined = (await alreadyOnChain(chain, batch)) ?? (await sendOnce(ctx, chain, batch));
    await ctx.db.orm
      .update(anchorBatches)
      .set({ status: "anchored", txHash: mined.txHash, blockNumber: mined.blockNumber, chainId: chain.config.chainId, contract: chain.config.contract, anchoredAt: ctx.now(), lastError: null })
      .where(eq(anchorBatches.id, batch.id));
    ctx.log.info("anchoring: batch anchored", { batchId: batch.id, leafCount: batch.leafCount, txHash: mined.txHash, blockNumber: mined.blockNumber });
    return { status: "anchored", batchId: batch.id, leafCount: batch.leafCount, txHash: mined.txHash, blockNumber: mined.blockNumber };
  } catch (error) {
    const attempts = batch.attempts + 1;
    const nextAttemptAt = new Date(ctx.now().getTime() + retryDelayMs(attempts));
    const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
    await ctx.db.orm.update(anchorBatches).set({ attempts, nextAttemptAt, lastError: message }).where(eq(anchorBatches.id, batch.id));
    ctx.log.warn("anchoring: sending the batch failed; it is retried with the same root", { batchId: batch.id, attempts, nextAttemptAt: nextAttemptAt.toISOString(), ...errorFields(error) });
    return { status: "failed", batchId: batch.id, attempts, nextAttemptAt, error: message };
  }
}

/**
 * The batch is already on chain when an earlier run sent it but crashed (or timed out) before recording it: then the
 * transaction is looked up instead of sending again. A different root under our id means the database and the chain
 * disagree; that is never papered over, the batch keeps failing loudly.
 */
async function alreadyOnChain(chain: AnchorChain, batch: Batch): Promise<MinedAnchor | null> {
  const onChain = await chain.readAnchor(batch.id);
  if (onChain === null) return null;
  if (onChain.root.toLowerCase() !== batch.root.toLowerCase()) throw new Error(`the chain holds batch ${batch.id} with root ${onChain.root}, not ${batch.root}`);
  const mined = await chain.findAnchorTransaction(batch.id, batch.sentFromBlock);
  if (mined === null) throw new Error(`batch ${batch.id} is on chain but its Anchored event was not found`);
  return mined;
}

async function sendOnce(ctx: ServiceContext, chain: AnchorChain, batch: Batch): Promise<MinedAnchor> {
  if (batch.sentFromBlock === null) {
    // Recorded before the first send, so a run that crashes after sending leaves the search a starting block.
    const fromBlock = await chain.blockNumber();
    await ctx.db.orm.update(anchorBatches).set({ sentFromBlock: fromBlock }).where(and(eq(anchorBatches.id, batch.id), isNull(anchorBatches.sentFromBlock)));
    batch = { ...batch, sentFromBlock: fromBlock };
  }
  try {
    return await chain.sendAnchor({ id: batch.id, root: batch.root as Hex, leafCount: batch.leafCount }, async (txHash) => {
      await ctx.db.orm.update(anchorBatches).set({ status: "sent", txHash }).where(and(eq(anchorBatches.id, batch.id), eq(anchorBatches.status, "pending")));
    });
  } catch (error) {
    // Another run anchored it between our anchorOf and our send.
    if (isAlreadyAnchored(error)) {
      const mined = await alreadyOnChain(chain, batch);
      if (mined !== null) return mined;
    }
    throw error;
  }
}

export interface AnchoringHealth {
  status: "off" | "on";
  chainId?: number;
  lastAnchoredBatch?: { id: number; root: string; txHash: string; blockNumber: number; anchoredAt: string } | null;
  /** Batches built but not yet recorded as anchored. */
  pending?: number;
  /** Why the figures are missing (Postgres unreachable). */
  detail?: string;
}

export async function anchoringHealth(ctx: ServiceContext): Promise<AnchoringHealth> {
  const setting = chainSetting(ctx.env);
  if (setting.status === "off") return { status: "off" };
  const chainId = setting.config.chainId;
  try {
    const orm = ctx.db.orm;
    const [last] = await orm.select().from(anchorBatches).where(eq(anchorBatches.status, "anchored")).orderBy(desc(anchorBatches.id)).limit(1);
    const [open] = await orm.select({ count: sql<number>`count(*)::int` }).from(anchorBatches).where(inArray(anchorBatches.status, ["pending", "sent"]));
    return {
      status: "on",
      chainId,
      lastAnchoredBatch: last ? { id: last.id, root: last.root, txHash: last.txHash!, blockNumber: last.blockNumber!, anchoredAt: last.anchoredAt!.toISOString() } : null,
      pending: open?.count ?? 0,
    };
  } catch (error) {
    // Health must answer when Postgres is down; the postgres dependency already says why.
    return { status: "on", chainId, detail: `batches unreadable: ${error instanceof Error ? error.message : String(error)}` };
  }
}
