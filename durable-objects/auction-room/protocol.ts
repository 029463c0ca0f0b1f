// What the AuctionRoom says: the public snapshot, RPC results, and the WebSocket messages, as one set of types.
import type { Money } from "../../workers/platform/money";

export interface AuctionSnapshot {
  listingId: string;
  status: "scheduled" | "open" | "closed";
  currentPrice: Money;
  minNextBid: Money;
  bidCount: number;
  endsAt: string;
  reserveMet: boolean;
  buyItNowAvailable: boolean;
  buyItNowPrice: Money | null;
  leadingBidderAlias: string | null;
  /** Only for the leader themself and the seller (API.md). */
  leadingBidderId?: string;
  winnerId?: string | null;
  winnerAlias?: string | null;
  finalPrice?: Money | null;
}

export interface BidAccepted {
  ok: true;
  bidId: string;
  bidderAlias: string;
  status: "leading" | "outbid";
  currentPrice: Money;
  minNextBid: Money;
  endsAt: string;
}

export interface RoomRejection {
  ok: false;
  code: "AUCTION_CLOSED" | "SELLER_CANNOT_BID" | "WRONG_CURRENCY" | "BID_TOO_LOW" | "BUY_NOW_UNAVAILABLE" | "IDEMPOTENCY_KEY_REUSED" | "NOT_CONFIGURED" | "RATE_LIMITED";
  detail: string;
  minNextBid?: Money;
  retryAfterSeconds?: number;
}

export interface HistoryEntry {
  bidderAlias: string;
  amount: Money;
  at: string;
}

export type ServerMessage =
  | { type: "state"; state: AuctionSnapshot }
  | { type: "bid"; currentPrice: Money; bidCount: number; minNextBid: Money; endsAt: string; leadingBidderAlias: string; reserveMet: boolean; buyItNowAvailable: boolean }
  | { type: "extended"; endsAt: string }
  | { type: "closed"; winnerAlias?: string; finalPrice?: Money; reserveMet: boolean }
  | { type: "pong" };

export const PING = JSON.stringify({ type: "ping" });
export const PONG = JSON.stringify({ type: "pong" });
