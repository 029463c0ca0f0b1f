// The inclusion-proof JSON: what the proof endpoints return and what `npm run verify` validates before trusting a file.
import { z } from "@hono/zod-openapi";
import { AnchoredLeafSchema } from "./leaves";
import type { LeafProof } from "./merkle";

/** Bumped whenever the document or the leaf encoding changes, so a verifier refuses what it does not understand. */
export const PROOF_DOCUMENT_VERSION = 1;

// One check, not regex + refine: zod runs a refine even after the regex failed, and BigInt would throw on non-digits.
const uint64Decimal = z.string().refine((value) => /^(0|[1-9][0-9]{0,19})$/.test(value) && BigInt(value) < 2n ** 64n, "a uint64 as a decimal string");
const UINT32_MAX = 2 ** 32 - 1;
const bytes32Hex = z.string().regex(/^0x[0-9a-f]{64}$/, "0x and 64 lowercase hex digits");
/**
 * No tree this code builds is deeper than 64 levels (that would take 2^64 leaves), so a longer proof is a broken or
 * hostile file; the bound also caps a verifier's work.
 */
const PROOF_MAX_STEPS = 64;

export const ProofDocumentSchema = z
  .object({
    version: z.literal(PROOF_DOCUMENT_VERSION),
    leaf: AnchoredLeafSchema,
    leafHash: bytes32Hex,
    proof: z.array(bytes32Hex).max(PROOF_MAX_STEPS),
    root: bytes32Hex,
    /**
     * The anchor contract's batch key (contracts/MnbaraAnchor.sol: anchorOf(uint64 batchId) → root, uint32 leafCount), so
     * a verifier reads the root and leaf count for exactly this batch. A decimal string: a uint64 may not fit a JSON number.
     */
    batch: z.object({ id: uint64Decimal, leafCount: z.number().int().min(1).max(UINT32_MAX) }).strict(),
    /** Null while the batch's root is not yet on chain (built, transaction not mined). */
    chain: z
      .object({
        chainId: z.number().int().positive(),
        contract: z.string().regex(/^0x[0-9a-fA-F]{40}$/, "an address: 0x and 40 hex digits"),
        transactionHash: bytes32Hex,
        blockNumber: z.number().int().nonnegative(),
      })
      .strict()
      .nullable(),
  })
  .strict()
  .openapi("AnchorProof");
export type ProofDocument = z.infer<typeof ProofDocumentSchema>;

export type ProofDocumentParse = { ok: true; document: ProofDocument } | { ok: false; errors: { path: string; message: string }[] };

/** For files from outside (the verify script): every field checked, and what is wrong reported by path. */
export function parseProofDocument(json: unknown): ProofDocumentParse {
  const parsed = ProofDocumentSchema.safeParse(json);
  if (parsed.success) return { ok: true, document: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) };
}

/** The document for one leaf of a batch; `chain` stays null until the anchoring transaction is mined. */
export function proofDocument(
  proof: LeafProof,
  batch: ProofDocument["batch"],
  chain: ProofDocument["chain"],
): ProofDocument {
  return { version: PROOF_DOCUMENT_VERSION, leaf: proof.leaf, leafHash: proof.leafHash, proof: proof.proof, root: proof.root, batch, chain };
}
