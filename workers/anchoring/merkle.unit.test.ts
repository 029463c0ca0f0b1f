// Anchoring's pure core: leaf encoding, batch trees and proofs, checked against a hand-written reference and tampering.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import fc from "fast-check";
import { concat, keccak256, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { ANCHOR_BATCH_MAX_LEAVES } from "../platform/limits";
import { type AnchoredLeaf, auctionResultLeaf, LEAF_TAGS, leafHash, leafKey, ledgerEntryLeaf } from "./leaves";
import { type BatchTree, buildBatchTree, proofFor, verifyProof } from "./merkle";
import { parseProofDocument, proofDocument } from "./proof-document";

const sha256Hex = (seed: number) => seed.toString(16).padStart(8, "0").repeat(8);

function ledgerLeaf(n: number, overrides: Partial<Parameters<typeof ledgerEntryLeaf>[0]> = {}): AnchoredLeaf {
  return ledgerEntryLeaf({
    entryId: `ent_${String(n).padStart(6, "0")}`,
    transferId: `trf_${Math.floor(n / 2)}`,
    accountId: `user_available:usr_${n % 7}:USD`,
    currency: "USD",
    amountMinor: n % 2 === 0 ? -(n * 100 + 1) : n * 100 + 1,
    balanceAfterMinor: n * 1_000,
    accountSeq: n + 1,
    hash: sha256Hex(n + 1),
    ...overrides,
  });
}

function auctionLeaf(n: number, overrides: Partial<Parameters<typeof auctionResultLeaf>[0]> = {}): AnchoredLeaf {
  const won = n % 3 !== 0;
  return auctionResultLeaf({
    listingId: `lst_${String(n).padStart(6, "0")}`,
    winnerId: won ? `usr_${n}` : null,
    finalPriceMinor: won ? n * 250 : null,
    currency: "EUR",
    reserveMet: won,
    bidCount: won ? n + 1 : 0,
    headHash: sha256Hex(1_000_000 + n),
    ...overrides,
  });
}

/** A mixed batch: about one auction result for every three ledger entries, as a busy day might look. */
function batchOf(size: number): AnchoredLeaf[] {
  return Array.from({ length: size }, (_, n) => (n % 4 === 3 ? auctionLeaf(n) : ledgerLeaf(n)));
}

function allProofsVerify(tree: BatchTree): boolean {
  return [...tree.proofs.values()].every((proof) => verifyProof(proof));
}

/** The documented algorithm written out by hand (sort leaf hashes, fill a 2n − 1 array), to check the library against. */
function referenceRoot(leafHashes: Hex[]): Hex {
  const sorted = [...leafHashes].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  const nodes: Hex[] = new Array(2 * sorted.length - 1);
  sorted.forEach((hash, i) => (nodes[nodes.length - 1 - i] = hash));
  for (let i = nodes.length - 1 - sorted.length; i >= 0; i--) {
    const [a, b] = [nodes[2 * i + 1]!, nodes[2 * i + 2]!].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
    nodes[i] = keccak256(concat([a!, b!]));
  }
  return nodes[0]!;
}

/** Walks a proof as the documentation says a verifier in another language would. */
function referenceWalk(start: Hex, proof: Hex[]): Hex {
  return proof.reduce<Hex>((hash, sibling) => (BigInt(hash) <= BigInt(sibling) ? keccak256(concat([hash, sibling])) : keccak256(concat([sibling, hash]))), start);
}

describe("leaf encoding", () => {
  it("a ledger entry hashes exactly like OpenZeppelin's StandardMerkleTree leaf of the documented tuple", () => {
    const leaf = ledgerLeaf(5);
    const types = ["string", "string", "string", "string", "string", "int256", "int256", "uint256", "bytes32"];
    const v = leaf.kind === "ledger_entry" ? leaf.values : null!;
    const tuple = [LEAF_TAGS.ledger_entry, v.entryId, v.transferId, v.accountId, v.currency, v.amountMinor, v.balanceAfterMinor, v.accountSeq, `0x${v.hash}`];
    const reference = StandardMerkleTree.of([tuple], types);
    expect(leafHash(leaf)).toBe(reference.leafHash(tuple));
  });

  it("an auction result hashes like the documented tuple, with \"\" and -1 standing for nobody won", () => {
    const types = ["string", "string", "string", "int256", "string", "bool", "uint256", "bytes32"];
    const unsold = auctionLeaf(3); // n % 3 === 0: no winner
    expect(unsold.kind === "auction_result" && unsold.values.winnerId).toBe(null);
    const tuple = [LEAF_TAGS.auction_result, "lst_000003", "", "-1", "EUR", false, "0", `0x${sha256Hex(1_000_003)}`];
    expect(leafHash(unsold)).toBe(StandardMerkleTree.of([tuple], types).leafHash(tuple));
    const sold = auctionLeaf(4);
    const soldTuple = [LEAF_TAGS.auction_result, "lst_000004", "usr_4", "1000", "EUR", true, "5", `0x${sha256Hex(1_000_004)}`];
    expect(leafHash(sold)).toBe(StandardMerkleTree.of([soldTuple], types).leafHash(soldTuple));
  });

  it("a ledger entry and an auction result never share a leaf hash, however alike their values", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.string({ minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        (id, other, currency, amountMinor, count, hash) => {
          const ledger = ledgerEntryLeaf({ entryId: id, transferId: other, accountId: other, currency, amountMinor, balanceAfterMinor: amountMinor, accountSeq: count, hash });
          const auction = auctionResultLeaf({ listingId: id, winnerId: other, finalPriceMinor: amountMinor, currency, reserveMet: true, bidCount: count, headHash: hash });
          expect(leafHash(ledger)).not.toBe(leafHash(auction));
        },
      ),
    );
  });

  it("refuses inputs that would not encode one-to-one or would lose precision", () => {
    expect(() => ledgerLeaf(1, { amountMinor: 2 ** 53 })).toThrow(/safe integer/);
    expect(() => ledgerLeaf(1, { amountMinor: 1.5 })).toThrow(/safe integer/);
    expect(() => ledgerLeaf(1, { hash: `0x${sha256Hex(1)}` })).toThrow();
    expect(() => ledgerLeaf(1, { hash: sha256Hex(0xabc).toUpperCase() })).toThrow();
    expect(() => ledgerLeaf(1, { accountSeq: -1 })).toThrow();
    expect(() => auctionLeaf(1, { winnerId: "" })).toThrow();
    expect(() => auctionLeaf(1, { finalPriceMinor: -1 })).toThrow();
  });

  it("keeps integers beyond 2^53 exact when given as bigint", () => {
    const leaf = ledgerLeaf(1, { amountMinor: -(2n ** 62n) });
    expect(leaf.kind === "ledger_entry" && leaf.values.amountMinor).toBe("-4611686018427387904");
  });
});

describe("batch trees and proofs", () => {
  it.each([1, 2, 3, 100])("every leaf's proof verifies in a batch of %i", (size) => {
    const tree = buildBatchTree(batchOf(size));
    expect(tree.leafCount).toBe(size);
    expect(tree.proofs.size).toBe(size);
    expect(allProofsVerify(tree)).toBe(true);
  });

  it("a batch of one has the leaf hash as root and an empty proof", () => {
    const [leaf] = batchOf(1);
    const tree = buildBatchTree([leaf!]);
    expect(tree.root).toBe(leafHash(leaf!));
    expect(proofFor(tree, leafKey(leaf!))?.proof).toEqual([]);
  });

  it("every leaf's proof verifies in a batch of any size, and matches the documented algorithm", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), (size) => {
        const leaves = batchOf(size);
        const tree = buildBatchTree(leaves);
        expect(allProofsVerify(tree)).toBe(true);
        expect(tree.root).toBe(referenceRoot(leaves.map(leafHash)));
        for (const proof of tree.proofs.values()) expect(referenceWalk(proof.leafHash, proof.proof)).toBe(tree.root);
      }),
      { numRuns: 30 },
    );
  });

  it("the root does not depend on the order leaves are given in", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }).chain((size) => fc.shuffledSubarray(batchOf(size), { minLength: size, maxLength: size }).map((shuffled) => ({ size, shuffled }))),
        ({ size, shuffled }) => {
          expect(buildBatchTree(shuffled).root).toBe(buildBatchTree(batchOf(size)).root);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("a known tiny batch always has the same root", () => {
    const tree = buildBatchTree([ledgerLeaf(0), ledgerLeaf(1), auctionLeaf(3), auctionLeaf(4)]);
    expect(tree.root).toBe("0xd4afe53becc2d9b9a4d246b45fe253d5648cc525c0c89f6fde4740e1975ea547");
  });

  it("finds proofs by kind and id, and says null for a leaf not in the batch", () => {
    const tree = buildBatchTree(batchOf(8));
    expect(proofFor(tree, "ledger_entry:ent_000000")?.leaf).toEqual(ledgerLeaf(0));
    expect(proofFor(tree, "auction_result:lst_000003")?.leaf).toEqual(auctionLeaf(3));
    expect(proofFor(tree, "ledger_entry:ent_000003")).toBe(null);
    expect(proofFor(tree, "auction_result:lst_000000")).toBe(null);
  });

  it("refuses an empty batch, the same leaf twice, and one leaf past the limit", () => {
    expect(() => buildBatchTree([])).toThrow(/at least one/);
    expect(() => buildBatchTree([ledgerLeaf(1), ledgerLeaf(1, { amountMinor: 5 })])).toThrow(/twice/);
    const malformed = { kind: "auction_result", values: { ...(auctionLeaf(1).values as object), winnerId: "" } } as AnchoredLeaf;
    expect(() => buildBatchTree([ledgerLeaf(2), malformed])).toThrow();
    const full = Array.from({ length: ANCHOR_BATCH_MAX_LEAVES }, (_, n) => ledgerLeaf(n));
    expect(() => buildBatchTree([...full, ledgerLeaf(ANCHOR_BATCH_MAX_LEAVES)])).toThrow(/batch limit/);
    const tree = buildBatchTree(full);
    expect(tree.leafCount).toBe(ANCHOR_BATCH_MAX_LEAVES);
    expect(Math.max(...[...tree.proofs.values()].map((proof) => proof.proof.length))).toBe(12);
  });
});

describe("tampering", () => {
  const tree = buildBatchTree(batchOf(100));
  const ledgerProof = proofFor(tree, "ledger_entry:ent_000010")!;
  const auctionProof = proofFor(tree, "auction_result:lst_000011")!;

  it("the untouched proofs verify", () => {
    expect(verifyProof(ledgerProof)).toBe(true);
    expect(verifyProof(auctionProof)).toBe(true);
  });

  it("an amount one minor unit off fails, even with the leaf hash recomputed to match", () => {
    const leaf = ledgerLeaf(10, { amountMinor: -1_001 + 1 });
    expect(verifyProof({ ...ledgerProof, leaf })).toBe(false);
    expect(verifyProof({ ...ledgerProof, leaf, leafHash: leafHash(leaf) })).toBe(false);
  });

  it("another chain hash fails", () => {
    const leaf = ledgerLeaf(10, { hash: sha256Hex(999) });
    expect(verifyProof({ ...ledgerProof, leaf, leafHash: leafHash(leaf) })).toBe(false);
  });

  it("an auction result with another winner, price or head hash fails", () => {
    for (const overrides of [{ winnerId: "usr_eve" }, { finalPriceMinor: 11 * 250 + 1 }, { headHash: sha256Hex(7) }, { reserveMet: false }]) {
      const leaf = auctionLeaf(11, overrides);
      expect(verifyProof({ ...auctionProof, leaf, leafHash: leafHash(leaf) })).toBe(false);
    }
  });

  it("a swapped kind fails, whether the values are kept or made to look alike", () => {
    const swapped = { kind: "auction_result", values: ledgerProof.leaf.values } as unknown as AnchoredLeaf;
    expect(verifyProof({ ...ledgerProof, leaf: swapped })).toBe(false);
    const v = ledgerProof.leaf.kind === "ledger_entry" ? ledgerProof.leaf.values : null!;
    const lookAlike = auctionResultLeaf({ listingId: v.entryId, winnerId: v.accountId, finalPriceMinor: 1_001, currency: v.currency, reserveMet: true, bidCount: 11, headHash: v.hash });
    expect(verifyProof({ ...ledgerProof, leaf: lookAlike, leafHash: leafHash(lookAlike) })).toBe(false);
  });

  it("a proof checked against another batch's root fails", () => {
    const other = buildBatchTree(batchOf(101));
    expect(other.root).not.toBe(tree.root);
    expect(verifyProof({ ...ledgerProof, root: other.root })).toBe(false);
  });

  it("a stated leaf hash that does not match the values fails, even when it is in the tree", () => {
    expect(verifyProof({ ...ledgerProof, leafHash: auctionProof.leafHash })).toBe(false);
  });

  it("a changed, dropped or extra proof step fails", () => {
    const [first, ...rest] = ledgerProof.proof;
    expect(verifyProof({ ...ledgerProof, proof: [auctionProof.leafHash, ...rest] })).toBe(false);
    expect(verifyProof({ ...ledgerProof, proof: rest })).toBe(false);
    expect(verifyProof({ ...ledgerProof, proof: [...ledgerProof.proof, first!] })).toBe(false);
  });

  it("malformed hex is an invalid proof, not an exception", () => {
    expect(verifyProof({ ...ledgerProof, proof: ["0x1234"] })).toBe(false);
    expect(verifyProof({ ...ledgerProof, root: "not hex" as Hex })).toBe(false);
    expect(verifyProof({ ...ledgerProof, leafHash: "0xzz" })).toBe(false);
  });
});

describe("proof documents", () => {
  const tree = buildBatchTree(batchOf(5));
  const document = proofDocument(proofFor(tree, "ledger_entry:ent_000001")!, { id: "1", leafCount: tree.leafCount }, null);

  it("survive a JSON round trip, validate and verify", () => {
    const parsed = parseProofDocument(JSON.parse(JSON.stringify(document)));
    expect(parsed).toEqual({ ok: true, document });
    expect(parsed.ok && verifyProof(parsed.document)).toBe(true);
  });

  it("accept a mined batch's chain details", () => {
    const chain = { chainId: 137, contract: `0x${"ab".repeat(20)}`, transactionHash: `0x${"cd".repeat(32)}`, blockNumber: 123_456 };
    expect(parseProofDocument({ ...document, chain }).ok).toBe(true);
    expect(parseProofDocument({ ...document, batch: { id: "18446744073709551615", leafCount: 2 ** 32 - 1 } }).ok).toBe(true);
  });

  it("are refused with the offending path when malformed", () => {
    const cases: [unknown, string][] = [
      [{ ...document, version: 2 }, "version"],
      [{ ...document, root: document.root.toUpperCase().replace("0X", "0x") }, "root"],
      [{ ...document, proof: Array.from({ length: 65 }, () => document.root) }, "proof"],
      [{ ...document, extra: true }, ""],
      [{ ...document, leaf: { kind: "auction_result", values: document.leaf.values } }, "leaf.values"],
      [{ ...document, leaf: { ...document.leaf, values: { ...document.leaf.values, amountMinor: 5 } } }, "leaf.values.amountMinor"],
      [{ ...document, chain: { chainId: 137, contract: "0x1", transactionHash: document.root, blockNumber: 1 } }, "chain.contract"],
      [{ ...document, batch: { id: "18446744073709551616", leafCount: 5 } }, "batch.id"],
      [{ ...document, batch: { id: "anb_1", leafCount: 5 } }, "batch.id"],
      [{ ...document, batch: { id: "1", leafCount: 0 } }, "batch.leafCount"],
    ];
    for (const [input, path] of cases) {
      const parsed = parseProofDocument(input);
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.errors.map((error) => error.path)).toContain(path);
    }
  });
});
