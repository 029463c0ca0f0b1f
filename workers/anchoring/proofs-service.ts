// Inclusion proofs as stored by the anchoring job: one leaf's ProofDocument once its batch is on chain.
import { and, eq } from "drizzle-orm";
import type { Hex } from "viem";
import { anchorBatches, anchorLeaves } from "../../db/schema";
import { ledgerEntryOwner } from "../ledger/service";
import type { AuthContext } from "../platform/auth-context";
import { assertOwnerOrAdmin } from "../platform/authorize";
import type { ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { type AnchoredLeaf } from "./leaves";
import { type ProofDocument, proofDocument } from "./proof-document";

/**
 * The proof of the leaf with this key, or 404 while its batch is not anchored: a proof whose root is not yet on chain
 * proves nothing, and 404 is what the client already handles for "not there yet" (it retries after the next cron run).
 */
async function anchoredProof(ctx: ServiceContext, key: string, what: string): Promise<ProofDocument> {
  const [row] = await ctx.db.orm
    .select({ leaf: anchorLeaves.leaf, leafHash: anchorLeaves.leafHash, proof: anchorLeaves.proof, batch: anchorBatches })
    .from(anchorLeaves)
    .innerJoin(anchorBatches, eq(anchorBatches.id, anchorLeaves.batchId))
    .where(and(eq(anchorLeaves.leafKey, key), eq(anchorBatches.status, "anchored")))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", `No anchored proof for this ${what} yet: it is anchored by the next anchoring run after it was written.`);
  const { batch } = row;
  return proofDocument(
    { leaf: row.leaf as AnchoredLeaf, leafHash: row.leafHash as Hex, proof: row.proof as Hex[], root: batch.root as Hex },
    { id: String(batch.id), leafCount: batch.leafCount },
    { chainId: batch.chainId, contract: batch.contract, transactionHash: batch.txHash!, blockNumber: batch.blockNumber! },
  );
}

/** The entry's owner (the user whose account it is) or an admin; anyone else, and platform accounts for non-admins, get 404. */
export async function ledgerEntryProof(ctx: ServiceContext, auth: AuthContext, entryId: string): Promise<ProofDocument> {
  const owner = await ledgerEntryOwner(ctx.db.orm, entryId);
  if (owner === null) throw new AppError("NOT_FOUND", "No such ledger entry.");
  // Platform accounts have no user owner: "" matches nobody, so only admins pass.
  assertOwnerOrAdmin(auth, owner.ownerId ?? "", "ledger entry");
  return anchoredProof(ctx, `ledger_entry:${entryId}`, "ledger entry");
}

/** Public: auction results are public. */
export function auctionResultProof(ctx: ServiceContext, listingId: string): Promise<ProofDocument> {
  return anchoredProof(ctx, `auction_result:${listingId}`, "auction");
}
