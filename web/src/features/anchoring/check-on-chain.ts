// Loaded only when someone presses Verify (viem, the Merkle tree and the leaf schema stay out of the main bundle): the same checks as `npm run verify`.
import { allPassed, documentChecks } from "../../../../workers/anchoring/proof-verification";
import type { AnchorProof } from "../../api/types";

/** One JSON-RPC request from the browser; a node slower than this counts as unreachable. */
const RPC_TIMEOUT_MS = 15_000;

export type Verdict = { verified: true; blockNumber: number } | { verified: false; reason: string };

/** Recomputes the leaf and the root from the proof, then reads anchorOf(batch) and the Anchored event from the chain. Never throws. */
export async function verifyOnChain(proof: AnchorProof, rpcUrl: string): Promise<Verdict> {
  const checks = await documentChecks(proof, rpcUrl, RPC_TIMEOUT_MS);
  if (allPassed(checks) && proof.chain !== null) return { verified: true, blockNumber: proof.chain.blockNumber };
  return { verified: false, reason: checks.find((check) => !check.ok)?.message ?? "no check ran" };
}
