// A batch's Merkle tree over anchored leaves, each leaf's inclusion proof, and the check that recomputes a proof's root.
import { SimpleMerkleTree } from "@openzeppelin/merkle-tree";
import type { Hex } from "viem";
import { ANCHOR_BATCH_MAX_LEAVES } from "../platform/limits";
import { type AnchoredLeaf, AnchoredLeafSchema, leafHash, leafKey } from "./leaves";

/*
 * THE TREE. OpenZeppelin's standard Merkle tree (the one its Solidity MerkleProof library verifies), over the leaf
 * hashes from leaves.ts:
 *   - Leaf order: ascending by leaf hash (as unsigned 256-bit numbers). The order the caller passes leaves in does not
 *     matter, so the same batch always gives the same root.
 *   - Inner node = keccak256(a ‖ b) with the two 32-byte children sorted ascending first. Sorted pairs are why a proof
 *     is just the list of sibling hashes, leaf to root, with no left/right flags.
 *   - Verifying: h = leafHash; for each p in proof: h = keccak256(min(h, p) ‖ max(h, p)); valid when h = root.
 *     A batch of one leaf has root = that leaf's hash and an empty proof.
 * To rebuild a root from a whole batch (not needed to check one proof): sort the leaf hashes ascending, place them at
 * the end of an array of 2n − 1 nodes in reverse (leaf i at index 2n − 2 − i), then fill i = n − 2 … 0 with the node
 * hash of children 2i + 1 and 2i + 2; the root is index 0 (OpenZeppelin's makeMerkleTree).
 */

export interface LeafProof {
  leaf: AnchoredLeaf;
  leafHash: Hex;
  /** Sibling hashes from the leaf up to the root. */
  proof: Hex[];
  root: Hex;
}

/** What verifyProof reads: a LeafProof, or a proof document's fields as parsed from a file (hex as plain strings). */
export interface ProofToVerify {
  leaf: AnchoredLeaf;
  leafHash: string;
  proof: readonly string[];
  root: string;
}

export interface BatchTree {
  root: Hex;
  leafCount: number;
  /** Every leaf's proof by leafKey (kind:id), worked out once so the job can store them beside the batch. */
  proofs: ReadonlyMap<string, LeafProof>;
}

/**
 * Throws on an empty or oversized batch, a malformed leaf, or the same entry or auction twice: the job selects the
 * batch, so any of these is a bug in the job, not an input to handle. A malformed leaf would be anchored but never
 * verify, which is why it stops the batch here.
 */
export function buildBatchTree(leaves: readonly AnchoredLeaf[]): BatchTree {
  if (leaves.length === 0) throw new Error("anchoring: a batch needs at least one leaf");
  if (leaves.length > ANCHOR_BATCH_MAX_LEAVES) throw new Error(`anchoring: ${leaves.length} leaves exceed the batch limit of ${ANCHOR_BATCH_MAX_LEAVES}`);
  for (const leaf of leaves) AnchoredLeafSchema.parse(leaf);
  const keys = leaves.map(leafKey);
  if (new Set(keys).size !== keys.length) throw new Error("anchoring: a batch holds the same leaf key twice");

  const hashes = leaves.map(leafHash);
  const tree = SimpleMerkleTree.of(hashes);
  const root = tree.root as Hex;
  const proofs = new Map<string, LeafProof>();
  leaves.forEach((leaf, index) => {
    proofs.set(keys[index]!, { leaf, leafHash: hashes[index]!, proof: tree.getProof(index) as Hex[], root });
  });
  return { root, leafCount: leaves.length, proofs };
}

/** Null when the leaf is not in this batch (not anchored yet, or in another batch): the caller decides what that means. */
export function proofFor(tree: BatchTree, key: string): LeafProof | null {
  return tree.proofs.get(key) ?? null;
}

/**
 * True only if the leaf is well-formed, its values hash to the stated leaf hash and the proof leads from it to the root.
 * The leaf hash is recomputed from the values, never taken from the document. The leaf is checked against its schema
 * because the encoding is one-to-one only for valid leaves (a winnerId of "" would encode like null). Malformed input
 * is an invalid proof, not an exception.
 */
export function verifyProof(document: ProofToVerify): boolean {
  try {
    const leaf = AnchoredLeafSchema.safeParse(document.leaf);
    if (!leaf.success) return false;
    const computedLeafHash = leafHash(leaf.data);
    if (computedLeafHash !== document.leafHash.toLowerCase()) return false;
    return SimpleMerkleTree.verify(document.root.toLowerCase(), computedLeafHash, [...document.proof]);
  } catch {
    return false;
  }
}
