// The anchoring core inside workerd: the Merkle library, viem and zod load and agree with Node on the same batch.
import { describe, expect, it } from "vitest";
import { auctionResultLeaf, ledgerEntryLeaf } from "./leaves";
import { buildBatchTree, proofFor, verifyProof } from "./merkle";
import { parseProofDocument, proofDocument } from "./proof-document";

describe("anchoring in workerd", () => {
  it("builds a batch whose proofs verify, with the same root Node computes", () => {
    const tree = buildBatchTree([
      ledgerEntryLeaf({ entryId: "ent_1", transferId: "trf_1", accountId: "user_available:usr_1:USD", currency: "USD", amountMinor: -1_500, balanceAfterMinor: 8_500, accountSeq: 2, hash: "ab".repeat(32) }),
      ledgerEntryLeaf({ entryId: "ent_2", transferId: "trf_1", accountId: "user_held:usr_1:USD", currency: "USD", amountMinor: 1_500, balanceAfterMinor: 1_500, accountSeq: 1, hash: "cd".repeat(32) }),
      auctionResultLeaf({ listingId: "lst_1", winnerId: "usr_2", finalPriceMinor: 12_000, currency: "USD", reserveMet: true, bidCount: 7, headHash: "ef".repeat(32) }),
    ]);
    expect(tree.root).toBe(ROOT_FROM_NODE);
    const proof = proofFor(tree, "auction_result:lst_1")!;
    expect(verifyProof(proof)).toBe(true);
    const parsed = parseProofDocument(JSON.parse(JSON.stringify(proofDocument(proof, { id: "1", leafCount: tree.leafCount }, null))));
    expect(parsed.ok && verifyProof(parsed.document)).toBe(true);
    expect(verifyProof({ ...proof, leaf: auctionResultLeaf({ listingId: "lst_1", winnerId: "usr_3", finalPriceMinor: 12_000, currency: "USD", reserveMet: true, bidCount: 7, headHash: "ef".repeat(32) }) })).toBe(false);
  });
});

/** Worked out in Node (npx tsx); the same batch must give the same root in both runtimes. */
const ROOT_FROM_NODE = "0x4aea86e6a2f7ede1ff58a39651255021c60ca64fa0e64f4302174bd2f73e1c92";
