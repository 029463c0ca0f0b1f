import { describe, expect, it } from "vitest";
import type { AnchorProof } from "../../api/types";
import { proofSubject, shortHash } from "./proof-rules";

const hash = `0x${"ab".repeat(32)}`;
const base = { version: 1 as const, leafHash: hash, proof: [], root: hash, batch: { id: "3", leafCount: 1 }, chain: null };
const entry = (accountId: string, amountMinor: string): AnchorProof => ({
  ...base,
  leaf: { kind: "ledger_entry", values: { entryId: "len_1", transferId: "ltr_1", accountId, currency: "USD", amountMinor, balanceAfterMinor: "0", accountSeq: "1", hash: "cd".repeat(32) } },
});
const auction = (finalPriceMinor: string | null, bidCount: string): AnchorProof => ({
  ...base,
  leaf: { kind: "auction_result", values: { listingId: "lst_1", winnerId: finalPriceMinor === null ? null : "usr_1", finalPriceMinor, currency: "EUR", reserveMet: true, bidCount, headHash: "ef".repeat(32) } },
});

describe("proofSubject", () => {
  it("names the balance a ledger entry moved and its signed amount", () => {
    expect(proofSubject(entry("user_held:usr_1:USD", "2000"))).toEqual({ what: "Held in escrow", amount: { amount: 2000, currency: "USD" } });
    expect(proofSubject(entry("user_available:usr_1:USD", "-2000"))).toEqual({ what: "Available balance", amount: { amount: -2000, currency: "USD" } });
    expect(proofSubject(entry("platform_fees:USD", "100"))).toEqual({ what: "Platform fees", amount: { amount: 100, currency: "USD" } });
    expect(proofSubject(entry("fx:USD", "5")).what).toBe("fx");
  });

  it("tells a sold auction by its price and an unsold one without, with the bid count", () => {
    expect(proofSubject(auction("3000", "1"))).toEqual({ what: "Auction result: sold (1 bid)", amount: { amount: 3000, currency: "EUR" } });
    expect(proofSubject(auction(null, "0"))).toEqual({ what: "Auction result: not sold (0 bids)", amount: null });
  });
});

describe("shortHash", () => {
  it("keeps the start and end of a long hash and leaves a short one alone", () => {
    expect(shortHash(`0x1234${"0".repeat(56)}abcd`)).toBe("0x1234…abcd");
    expect(shortHash("0x12")).toBe("0x12");
  });
});
