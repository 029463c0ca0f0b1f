// Inclusion proofs as stored by the anchoring job: a leaf's ProofDocument once its batch is on chain, one by one or an order's.
import { and, eq, inArray } from "drizzle-orm";
import type { Hex } from "viem";
import { anchorBatches, anchorLeaves } from "../../db/schema";
import { entryIdsForReferences, ledgerEntryOwner } from "../ledger/service";
import { escrowReferences, orderSummary } from "../orders/service";
import type { AuthContext } from "../platform/auth-context";
import { assertOwnerOrAdmin } from "../platform/authorize";
import type { ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { type AnchoredLeaf } from "./leaves";
import { type ProofDocument, proofDocument } from "./proof-document";

/** The proofs of those of these leaves whose batch is on chain, by leaf key; leaves not yet anchored are absent. */
async function anchoredProofs(ctx: ServiceContext, keys: readonly string[]): Promise<Map<string, ProofDocument>> {
  if (keys.length === 0) return new Map();
  const rows = await ctx.db.orm
    .select({ key: anchorLeaves.leafKey, leaf: anchorLeaves.leaf, leafHash: anchorLeaves.leafHash, proof: anchorLeaves.proof, batch: anchorBatches })
    .from(anchorLeaves)
    .innerJoin(anchorBatches, eq(anchorBatches.id, anchorLeaves.batchId))
    .where(and(inArray(anchorLeaves.leafKey, [...keys]), eq(anchorBatches.status, "anchored")));
  return new Map(
    rows.map(({ key, batch, ...row }) => [
      key,
      proofDocument(
        { leaf: row.leaf as AnchoredLeaf, leafHash: row.leafHash as Hex, proof: row.proof as Hex[], root: batch.root as Hex },
        { id: String(batch.id), leafCount: batch.leafCount },
        { chainId: batch.chainId, contract: batch.contract, transactionHash: batch.txHash!, blockNumber: batch.blockNumber! },
      ),
    ]),
  );
}

/**
 * The proof of the leaf with this key, or 404 while its batch is not anchored: a proof whose root is not yet on chain
 * proves nothing, and 404 is what the client already handles for "not there yet" (it retries after the next cron run).
 */
async function anchoredProof(ctx: ServiceContext, key: string, what: string): Promise<ProofDocument> {
  const proof = (await anchoredProofs(ctx, [key])).get(key);
  if (!proof) throw new AppError("NOT_FOUND", `No anchored proof for this ${what} yet: it is anchored by the next anchoring run after it was written.`);
  return proof;
}

const entryLeafKey = (entryId: string) => `ledger_entry:${entryId}`;

/** The entry's owner (the user whose account it is) or an admin; anyone else, and platform accounts for non-admins, get 404. */
export async function ledgerEntryProof(ctx: ServiceContext, auth: AuthContext, entryId: string): Promise<ProofDocument> {
  const owner = await ledgerEntryOwner(ctx.db.orm, entryId);
  if (owner === null) throw new AppError("NOT_FOUND", "No such ledger entry.");
  // Platform accounts have no user owner: "" matches nobody, so only admins pass.
  assertOwnerOrAdmin(auth, owner.ownerId ?? "", "ledger entry");
  return anchoredProof(ctx, entryLeafKey(entryId), "ledger entry");
}

/** Public: auction results are public. */
export function auctionResultProof(ctx: ServiceContext, listingId: string): Promise<ProofDocument> {
  return anchoredProof(ctx, `auction_result:${listingId}`, "auction");
}

export interface OrderProofs {
  /** One per anchored entry, oldest entry first. */
  items: ProofDocument[];
  /** The caller's entries of this order whose batch is not on chain yet. */
  pending: number;
}

/**
 * The escrow entries of an order (hold, release, refund) the caller may see: a buyer or seller their own, an admin all
 * of them, platform fees included. Anyone else gets 404, as for the order itself.
 */
export async function orderProofs(ctx: ServiceContext, auth: AuthContext, orderId: string): Promise<OrderProofs> {
  const order = await orderSummary(ctx.db.orm, orderId);
  const isAdmin = auth.roles.includes("admin");
  if (order === null || (!isAdmin && auth.userId !== order.buyerId && auth.userId !== order.sellerId)) throw new AppError("NOT_FOUND", "No such order.");
  const entryIds = await entryIdsForReferences(ctx.db.orm, escrowReferences(orderId), isAdmin ? null : auth.userId);
  const proofs = await anchoredProofs(ctx, entryIds.map(entryLeafKey));
  const items = entryIds.flatMap((entryId) => proofs.get(entryLeafKey(entryId)) ?? []);
  return { items, pending: entryIds.length - items.length };
}
