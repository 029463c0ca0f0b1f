// Words and times the auction screens share: bid counts, clock times and the labels for where a bidder stands.
import type { MyBidStatus } from "../../api/types";

export function bidCountText(count: number): string {
  return count === 1 ? "1 bid" : `${count} bids`;
}

/** "14:05:09" in the reader's locale: bids and extensions are seconds apart, so the seconds matter. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export const myBidStatusLabels: Record<MyBidStatus, string> = { leading: "Leading", outbid: "Outbid", won: "Won", lost: "Lost" };
