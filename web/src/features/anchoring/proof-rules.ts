// What a proof row says about its leaf, in words: which balance an entry moved and by how much, or how an auction ended.
import type { AnchorProof, Money } from "../../api/types";

const accountKindLabels: Record<string, string> = {
  user_available: "Available balance",
  user_held: "Held in escrow",
  platform_fees: "Platform fees",
};

export interface ProofSubject {
  what: string;
  amount: Money | null;
}

/** Ledger account ids are `<kind>:<owner>:<currency>` or `<kind>:<currency>` (workers/ledger/accounts.ts). */
export function proofSubject(proof: AnchorProof): ProofSubject {
  if (proof.leaf.kind === "ledger_entry") {
    const { accountId, amountMinor, currency } = proof.leaf.values;
    const kind = accountId.split(":")[0] ?? accountId;
    return { what: accountKindLabels[kind] ?? kind, amount: { amount: Number(amountMinor), currency } };
  }
  const { finalPriceMinor, currency, bidCount } = proof.leaf.values;
  const bids = `${bidCount} ${bidCount === "1" ? "bid" : "bids"}`;
  return finalPriceMinor === null ? { what: `Auction result: not sold (${bids})`, amount: null } : { what: `Auction result: sold (${bids})`, amount: { amount: Number(finalPriceMinor), currency } };
}

/** 0x1234…abcd: enough to tell hashes apart on screen; the full one is in the title. */
export function shortHash(hash: string): string {
  return hash.length <= 14 ? hash : `${hash.slice(0, 6)}…${hash.slice(-4)}`;
}
