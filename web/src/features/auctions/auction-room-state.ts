// The auction panel's state as a reducer: the HTTP state, live socket messages and the viewer's own bids, merged in order.
import type { AuctionLiveMessage, AuctionState, BidHistoryEntry, BidResult, Money } from "../../api/types";
import { formatMoney } from "../catalog/money";
import { formatTime } from "./auction-format";
import type { MyBidMemory } from "./my-bid-storage";

export type Connection = "connecting" | "live" | "reconnecting";

export interface RoomState {
  load: { status: "loading" } | { status: "ready" } | { status: "missing" } | { status: "error"; message: string };
  auction: AuctionState | null;
  // True once the outcome is settled (the room closed it): a state with `winnerId`, or a "closed" message.
  settled: boolean;
  connection: Connection;
  // Newest first; null until the first load.
  history: BidHistoryEntry[] | null;
  // The viewer's alias and highest maximum on this auction, once they have bid (remembered across reloads).
  mine: MyBidMemory | null;
  // When a late bid last moved the end, shown beside the countdown.
  extendedTo: string | null;
  // Read out politely by screen readers; only changes, never the state as first loaded.
  announcement: string;
  // The viewer bought it with Buy It Now in this page.
  boughtByMe: boolean;
}

export type RoomAction =
  | { type: "loaded"; auction: AuctionState; viewerId: string | null }
  | { type: "missing" }
  | { type: "failed"; message: string }
  | { type: "history"; items: BidHistoryEntry[] }
  | { type: "connection"; connection: Connection }
  | { type: "message"; message: AuctionLiveMessage }
  | { type: "bidPlaced"; result: BidResult; maxAmount: Money }
  | { type: "minimumRaised"; minNextBid: Money }
  | { type: "bought"; auction: AuctionState; viewerId: string | null };

export type Standing = "none" | "leading" | "outbid" | "won" | "lost";

export function initialRoomState(mine: MyBidMemory | null = null): RoomState {
  return { load: { status: "loading" }, auction: null, settled: false, connection: "connecting", history: null, mine, extendedTo: null, announcement: "", boughtByMe: false };
}

export function auctionRoomReducer(state: RoomState, action: RoomAction): RoomState {
  switch (action.type) {
    case "loaded":
    case "bought": {
      const next = applyState(state, action.auction);
      const mine = learnAlias(next.mine, action.auction, action.viewerId);
      if (action.type === "loaded") return { ...next, load: { status: "ready" }, mine };
      const price = action.auction.finalPrice ?? action.auction.currentPrice;
      return { ...next, load: { status: "ready" }, mine, boughtByMe: true, announcement: `You bought it for ${formatMoney(price)}.` };
    }
    case "missing":
      return { ...state, load: { status: "missing" } };
    case "failed":
      // A failed refresh keeps what is on screen; only a first load shows the error.
      return state.auction === null ? { ...state, load: { status: "error", message: action.message } } : state;
    case "history":
      return { ...state, history: action.items };
    case "connection":
      return { ...state, connection: action.connection };
    case "message":
      return applyMessage(state, action.message);
    case "bidPlaced":
      return applyOwnBid(state, action.result, action.maxAmount);
    case "minimumRaised": {
      const auction = state.auction;
      if (auction === null || action.minNextBid.amount <= auction.minNextBid.amount) return state;
      return { ...state, auction: { ...auction, minNextBid: action.minNextBid } };
    }
  }
}

/** Takes a full state unless it is older than what is shown (bids only ever add up; a settled outcome is final). */
function applyState(state: RoomState, incoming: AuctionState): RoomState {
  const current = state.auction;
  const incomingSettled = incoming.status === "closed" && incoming.winnerId !== undefined;
  if (current !== null && !incomingSettled && (state.settled || incoming.bidCount < current.bidCount)) return state;
  // The socket's state never names the leader; keep what the HTTP state said while the leader is the same.
  const leadingBidderId = incoming.leadingBidderId ?? (current?.leadingBidderAlias === incoming.leadingBidderAlias ? current?.leadingBidderId : undefined);
  return { ...state, auction: { ...incoming, ...(leadingBidderId === undefined ? {} : { leadingBidderId }) }, settled: state.settled || incomingSettled };
}

// The HTTP state names the leader (or winner) only to that person: then their alias is known even on a new device.
function learnAlias(mine: MyBidMemory | null, auction: AuctionState, viewerId: string | null): MyBidMemory | null {
  if (viewerId === null) return mine;
  const alias = auction.winnerId === viewerId ? auction.winnerAlias : auction.leadingBidderId === viewerId ? auction.leadingBidderAlias : null;
  if (alias === null || alias === undefined || alias === mine?.alias) return mine;
  return { alias, maxAmount: mine?.maxAmount ?? null };
}

function applyMessage(state: RoomState, message: AuctionLiveMessage): RoomState {
  if (message.type === "pong") return state;
  if (message.type === "state") return { ...applyState(state, message.state), load: { status: "ready" } };
  const auction = state.auction;
  if (auction === null) return state;
  switch (message.type) {
    case "bid": {
      if (message.bidCount < auction.bidCount) return state;
      const { type: _type, ...changes } = message;
      const next = { ...auction, ...changes, status: auction.status === "scheduled" ? ("open" as const) : auction.status };
      return { ...state, auction: next, announcement: bidAnnouncement(next, state.mine) };
    }
    case "extended": {
      // The bid that caused it has usually brought the new end already; the note and announcement still belong to it.
      if (Date.parse(message.endsAt) < Date.parse(auction.endsAt) || state.extendedTo === message.endsAt) return state;
      const next = { ...auction, endsAt: message.endsAt };
      return {
        ...state,
        auction: next,
        extendedTo: message.endsAt,
        announcement: `${bidAnnouncement(next, state.mine)} A late bid extended the auction: it now ends at ${formatTime(message.endsAt)}.`,
      };
    }
    case "closed": {
      const next: AuctionState = {
        ...auction,
        status: "closed",
        reserveMet: message.reserveMet,
        buyItNowAvailable: false,
        winnerAlias: message.winnerAlias ?? null,
        finalPrice: message.finalPrice ?? null,
        ...(message.finalPrice === undefined ? {} : { currentPrice: message.finalPrice }),
      };
      return { ...state, auction: next, settled: true, announcement: `The auction has ended. ${outcomeText(next, state.mine)}.` };
    }
  }
}

/** Our own bid's answer may arrive before or after the socket tells everyone; an older picture never replaces a newer one. */
function applyOwnBid(state: RoomState, result: BidResult, maxAmount: Money): RoomState {
  const previousMax = state.mine?.maxAmount;
  const mine: MyBidMemory = {
    alias: result.bidderAlias,
    maxAmount: previousMax !== null && previousMax !== undefined && previousMax.currency === maxAmount.currency && previousMax.amount > maxAmount.amount ? previousMax : maxAmount,
  };
  const auction = state.auction;
  if (auction === null) return { ...state, mine };
  const newer = result.currentPrice.amount >= auction.currentPrice.amount;
  const next: AuctionState = newer
    ? {
        ...auction,
        currentPrice: result.currentPrice,
        minNextBid: result.minNextBid.amount > auction.minNextBid.amount ? result.minNextBid : auction.minNextBid,
        endsAt: Date.parse(result.endsAt) > Date.parse(auction.endsAt) ? result.endsAt : auction.endsAt,
        ...(result.status === "leading" ? { leadingBidderAlias: result.bidderAlias } : {}),
      }
    : auction;
  const announcement =
    result.status === "leading"
      ? `Bid placed. You're the highest bidder at ${formatMoney(next.currentPrice)}.`
      : `Bid placed, but you've been outbid: another bidder's maximum is higher. The price is now ${formatMoney(next.currentPrice)}.`;
  return { ...state, auction: next, mine, announcement };
}

function bidAnnouncement(auction: AuctionState, mine: MyBidMemory | null): string {
  const count = auction.bidCount === 1 ? "1 bid" : `${auction.bidCount} bids`;
  const standing = mine === null ? "" : auction.leadingBidderAlias === mine.alias ? " You're the highest bidder." : " You've been outbid.";
  return `New bid: ${formatMoney(auction.currentPrice)}, ${count}.${standing}`;
}

/** Where the viewer stands: only someone who has bid (or bought) is leading, outbid, a winner or not. */
export function standingOf(state: RoomState, viewerId: string | null): Standing {
  const auction = state.auction;
  if (auction === null) return "none";
  const myAlias = state.mine?.alias ?? null;
  if (auction.status === "closed" && state.settled) {
    const won = viewerId !== null && auction.winnerId !== undefined && auction.winnerId !== null ? auction.winnerId === viewerId : myAlias !== null && auction.winnerAlias === myAlias;
    if (won) return "won";
    return myAlias === null ? "none" : "lost";
  }
  if (myAlias === null) return "none";
  return auction.leadingBidderAlias === myAlias ? "leading" : "outbid";
}

/** "Sold to Bidder 2 for $20.50", "Ended — reserve not met", "Ended with no bids" (no full stop: it also serves as a title). */
export function outcomeText(auction: AuctionState, mine: MyBidMemory | null): string {
  const winner = auction.winnerAlias ?? null;
  const price = auction.finalPrice ?? null;
  if (winner !== null && price !== null) return winner === mine?.alias ? `You won it for ${formatMoney(price)}` : `Sold to ${winner} for ${formatMoney(price)}`;
  if (auction.bidCount > 0 && !auction.reserveMet) return "Ended — reserve not met";
  if (auction.bidCount === 0) return "Ended with no bids";
  return "Ended without a sale";
}
