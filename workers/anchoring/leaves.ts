// What the anchoring job commits to: the kinds of Merkle leaf, their JSON form and their exact byte encoding and hash.
import { z } from "@hono/zod-openapi";
import { encodeAbiParameters, keccak256, type Hex } from "viem";
import { ANCHOR_LEAF_TEXT_MAX_LENGTH } from "../platform/limits";

/*
 * THE LEAF ENCODING (version 1). A verifier in any language can follow this; Solidity and OpenZeppelin's
 * StandardMerkleTree hash leaves the same way.
 *
 *   leafHash = keccak256(keccak256(abi.encode(tag, field1, …, field8)))
 *
 * abi.encode is the Ethereum contract ABI encoding of the listed types, in order (not encodePacked): every value is
 * 32-byte aligned and strings carry their length, so no two different value lists share an encoding. Hashing twice
 * means no leaf can be mistaken for an inner node (second-preimage attack): an inner node is keccak256 of 64 bytes,
 * a leaf is keccak256 of a 32-byte hash.
 *
 * The first value is the kind's tag. The tags differ, so a ledger entry and an auction result can never produce the
 * same bytes, even when every other value looks alike.
 *
 * ledger_entry:  tag "mnbara.ledger_entry.v1"                                          (string)
 *                entryId, transferId, accountId, currency                               (string ×4, UTF-8)
 *                amountMinor (signed: + raises the balance), balanceAfterMinor          (int256 ×2)
 *                accountSeq (1, 2, 3 … per account)                                     (uint256)
 *                hash (the entry's own SHA-256 chain hash, workers/ledger/entry-hash.ts) (bytes32)
 *
 * auction_result: tag "mnbara.auction_result.v1"                                         (string)
 *                listingId, winnerId ("" when nobody won)                               (string ×2)
 *                finalPriceMinor (-1 when nobody won; otherwise ≥ 0)                     (int256)
 *                currency                                                               (string)
 *                reserveMet                                                             (bool)
 *                bidCount                                                               (uint256)
 *                headHash (the SHA-256 head of the auction's hash-chained bid log)       (bytes32)
 *
 * In the JSON form (the proof document's `leaf`), integers are decimal strings (a Postgres bigint does not fit a JSON
 * number everywhere), hashes are 64 lowercase hex digits without 0x exactly as Mnbara stores them (encoded as the
 * bytes32 0x<hash>), and "nobody won" is null for winnerId and finalPriceMinor.
 */

export const LEAF_TAGS = {
  ledger_entry: "mnbara.ledger_entry.v1",
  auction_result: "mnbara.auction_result.v1",
} as const;
export type LeafKind = keyof typeof LEAF_TAGS;
export const LEAF_KINDS = Object.keys(LEAF_TAGS) as LeafKind[];

/** A Postgres bigint as a decimal string: at most 19 digits, no leading zeros, no "-0". */
const SIGNED_INTEGER = /^(0|-?[1-9][0-9]{0,18})$/;
const UNSIGNED_INTEGER = /^(0|[1-9][0-9]{0,18})$/;
/** Mnbara's chain hashes (ledger entries, bid logs) are SHA-256 as lowercase hex. */
const SHA256_HEX = /^[0-9a-f]{64}$/;

const text = z.string().min(1).max(ANCHOR_LEAF_TEXT_MAX_LENGTH);
const signedInteger = z.string().regex(SIGNED_INTEGER, "a decimal integer string");
const unsignedInteger = z.string().regex(UNSIGNED_INTEGER, "a non-negative decimal integer string");
const sha256Hex = z.string().regex(SHA256_HEX, "64 lowercase hex digits");

export const LedgerEntryLeafValuesSchema = z
  .object({
    entryId: text,
    transferId: text,
    accountId: text,
    currency: text,
    amountMinor: signedInteger,
    balanceAfterMinor: signedInteger,
    accountSeq: unsignedInteger,
    hash: sha256Hex,
  })
  .strict();

export const AuctionResultLeafValuesSchema = z
  .object({
    listingId: text,
    winnerId: text.nullable(),
    finalPriceMinor: unsignedInteger.nullable(),
    currency: text,
    reserveMet: z.boolean(),
    bidCount: unsignedInteger,
    headHash: sha256Hex,
  })
  .strict();

export const AnchoredLeafSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ledger_entry"), values: LedgerEntryLeafValuesSchema }).strict(),
  z.object({ kind: z.literal("auction_result"), values: AuctionResultLeafValuesSchema }).strict(),
]);
export type AnchoredLeaf = z.infer<typeof AnchoredLeafSchema>;
export type LedgerEntryLeafValues = z.infer<typeof LedgerEntryLeafValuesSchema>;
export type AuctionResultLeafValues = z.infer<typeof AuctionResultLeafValuesSchema>;

/** A ledger entry as the anchoring job reads it (the ledger's own row shape, so pure code needs no db import). */
export interface LedgerEntryInput {
  entryId: string;
  transferId: string;
  accountId: string;
  currency: string;
  amountMinor: number | bigint;
  balanceAfterMinor: number | bigint;
  accountSeq: number | bigint;
  hash: string;
}

/** A closed auction's result as recorded by workers/auctions/results-service.ts (and carried by auction.closed). */
export interface AuctionResultInput {
  listingId: string;
  winnerId: string | null;
  finalPriceMinor: number | bigint | null;
  currency: string;
  reserveMet: boolean;
  bidCount: number | bigint;
  headHash: string;
}

function integerText(value: number | bigint): string {
  if (typeof value === "number" && !Number.isSafeInteger(value)) throw new Error(`anchoring: ${value} is not a safe integer`);
  return BigInt(value).toString();
}

/** Validated, so a bad row fails here, loudly, instead of producing a leaf nobody can verify later. */
export function ledgerEntryLeaf(entry: LedgerEntryInput): AnchoredLeaf {
  return AnchoredLeafSchema.parse({
    kind: "ledger_entry",
    values: {
      entryId: entry.entryId,
      transferId: entry.transferId,
      accountId: entry.accountId,
      currency: entry.currency,
      amountMinor: integerText(entry.amountMinor),
      balanceAfterMinor: integerText(entry.balanceAfterMinor),
      accountSeq: integerText(entry.accountSeq),
      hash: entry.hash,
    },
  });
}

export function auctionResultLeaf(result: AuctionResultInput): AnchoredLeaf {
  return AnchoredLeafSchema.parse({
    kind: "auction_result",
    values: {
      listingId: result.listingId,
      winnerId: result.winnerId,
      finalPriceMinor: result.finalPriceMinor === null ? null : integerText(result.finalPriceMinor),
      currency: result.currency,
      reserveMet: result.reserveMet,
      bidCount: integerText(result.bidCount),
      headHash: result.headHash,
    },
  });
}

/** One leaf per (kind, id) in a batch: an entry or an auction is anchored once. Also how proofs are looked up. */
export function leafKey(leaf: AnchoredLeaf): string {
  return leaf.kind === "ledger_entry" ? `ledger_entry:${leaf.values.entryId}` : `auction_result:${leaf.values.listingId}`;
}

const LEDGER_ENTRY_TYPES = [
  { type: "string" },
  { type: "string" },
  { type: "string" },
  { type: "string" },
  { type: "string" },
  { type: "int256" },
  { type: "int256" },
  { type: "uint256" },
  { type: "bytes32" },
] as const;

const AUCTION_RESULT_TYPES = [
  { type: "string" },
  { type: "string" },
  { type: "string" },
  { type: "int256" },
  { type: "string" },
  { type: "bool" },
  { type: "uint256" },
  { type: "bytes32" },
] as const;

/** abi.encode(tag, fields…) exactly as documented at the top of this file. */
export function encodeLeaf(leaf: AnchoredLeaf): Hex {
  if (leaf.kind === "ledger_entry") {
    const v = leaf.values;
    return encodeAbiParameters(LEDGER_ENTRY_TYPES, [
      LEAF_TAGS.ledger_entry,
      v.entryId,
      v.transferId,
      v.accountId,
      v.currency,
      BigInt(v.amountMinor),
      BigInt(v.balanceAfterMinor),
      BigInt(v.accountSeq),
      `0x${v.hash}`,
    ]);
  }
  const v = leaf.values;
  return encodeAbiParameters(AUCTION_RESULT_TYPES, [
    LEAF_TAGS.auction_result,
    v.listingId,
    v.winnerId ?? "",
    v.finalPriceMinor === null ? -1n : BigInt(v.finalPriceMinor),
    v.currency,
    v.reserveMet,
    BigInt(v.bidCount),
    `0x${v.headHash}`,
  ]);
}

/** keccak256(keccak256(abi.encode(…))): OpenZeppelin's standard leaf, so MerkleProof.verify in Solidity accepts it. */
export function leafHash(leaf: AnchoredLeaf): Hex {
  return keccak256(keccak256(encodeLeaf(leaf)));
}
