// The auction engine: eBay-style proxy bidding as a pure state machine, (state, command, now) → (state, events). All the rules live here.
import { incrementFor, type AuctionCurrency } from "./increments";

export interface AuctionTerms {
  listingId: string;
  sellerId: string;
  currency: AuctionCurrency;
  startPriceMinor: number;
  reservePriceMinor: number | null;
  buyItNowPriceMinor: number | null;
  endsAtMs: number;
  closeMode: "hard" | "soft";
  /** Soft close: a bid in the last N seconds moves the end to now + N. */
  softCloseSeconds: number;
  /** Soft close: the end never moves more than this past the original end. */
  maxExtensionSeconds: number;
}

export interface BidderMax {
  bidderId: string;
  maxMinor: number;
  /** Sequence number of the bid that set this maximum: among equal maxima the earlier one leads. */
  seq: number;
}

export interface AuctionState {
  terms: AuctionTerms;
  status: "open" | "closed";
  endsAtMs: number;
  bidCount: number;
  nextSeq: number;
  leader: BidderMax | null;
  /** The highest maximum of anyone but the leader: with the leader's, all the price depends on (maxima only rise). */
  runnerUp: BidderMax | null;
  currentPriceMinor: number;
  reserveMet: boolean;
  buyItNowAvailable: boolean;
  winnerId: string | null;
  finalPriceMinor: number | null;
  closedReason: "ended" | "bought" | null;
}

export type AuctionEvent =
  | { type: "bid"; seq: number; bidderId: string; maxMinor: number; currentPriceMinor: number; leaderId: string; bidCount: number; minNextBidMinor: number; endsAtMs: number }
  | { type: "outbid"; bidderId: string; currentPriceMinor: number }
  | { type: "extended"; endsAtMs: number }
  | { type: "closed"; winnerId: string | null; finalPriceMinor: number | null; reserveMet: boolean; reason: "ended" | "bought" };

export type BidRejection = "AUCTION_CLOSED" | "SELLER_CANNOT_BID" | "WRONG_CURRENCY" | "BID_TOO_LOW" | "BUY_NOW_UNAVAILABLE";

export type Outcome<T> = { ok: true; state: AuctionState; events: AuctionEvent[]; result: T } | { ok: false; rejection: BidRejection; detail: string };

export function openAuction(terms: AuctionTerms): AuctionState {
  if (!Number.isSafeInteger(terms.startPriceMinor) || terms.startPriceMinor < 0) throw new Error("invariant failed: start price must be a non-negative integer");
  return {
    terms,
    status: "open",
    endsAtMs: terms.endsAtMs,
    bidCount: 0,
    nextSeq: 1,
    leader: null,
    runnerUp: null,
    currentPriceMinor: terms.startPriceMinor,
    reserveMet: terms.reservePriceMinor === null,
    buyItNowAvailable: terms.buyItNowPriceMinor !== null,
    winnerId: null,
    finalPriceMinor: null,
    closedReason: null,
  };
}

/** The price everyone sees: second-highest maximum plus its band's increment, capped at the leader's maximum; the reserve lifts it. */
export function visiblePrice(terms: AuctionTerms, leader: BidderMax | null, runnerUp: BidderMax | null): number {
  if (!leader) return terms.startPriceMinor;
  let price = terms.startPriceMinor;
  if (runnerUp) {
    price = runnerUp.maxMinor >= leader.maxMinor ? leader.maxMinor : Math.min(leader.maxMinor, runnerUp.maxMinor + incrementFor(terms.currency, runnerUp.maxMinor));
  }
  if (terms.reservePriceMinor !== null && leader.maxMinor >= terms.reservePriceMinor) price = Math.max(price, terms.reservePriceMinor);
  return price;
}

export function minNextBid(state: AuctionState): number {
  if (state.bidCount === 0) return state.terms.startPriceMinor;
  return state.currentPriceMinor + incrementFor(state.terms.currency, state.currentPriceMinor);
}

function isOpenAt(state: AuctionState, nowMs: number): boolean {
  return state.status === "open" && nowMs < state.endsAtMs;
}

export function placeBid(
  state: AuctionState,
  bid: { bidderId: string; maxMinor: number; currency: string },
  nowMs: number,
): Outcome<{ seq: number; leading: boolean }> {
  const { terms } = state;
  if (!isOpenAt(state, nowMs)) return { ok: false, rejection: "AUCTION_CLOSED", detail: "This auction has ended." };
  if (bid.bidderId === terms.sellerId) return { ok: false, rejection: "SELLER_CANNOT_BID", detail: "Sellers cannot bid on their own auction." };
  if (bid.currency !== terms.currency) return { ok: false, rejection: "WRONG_CURRENCY", detail: `Bids on this auction are in ${terms.currency}.` };
  if (!Number.isSafeInteger(bid.maxMinor) || bid.maxMinor <= 0) return { ok: false, rejection: "BID_TOO_LOW", detail: "A maximum bid must be a positive whole number of minor units." };
  const isLeader = state.leader?.bidderId === bid.bidderId;
  if (isLeader && bid.maxMinor <= state.leader!.maxMinor) return { ok: false, rejection: "BID_TOO_LOW", detail: "Raise your maximum above your current one." };
  const minimum = minNextBid(state);
  if (!isLeader && bid.maxMinor < minimum) return { ok: false, rejection: "BID_TOO_LOW", detail: `The minimum bid is ${minimum} minor units.` };

  const seq = state.nextSeq;
  const entry: BidderMax = { bidderId: bid.bidderId, maxMinor: bid.maxMinor, seq };
  let leader = state.leader;
  let runnerUp = state.runnerUp;
  if (isLeader) leader = entry;
  else if (!leader || bid.maxMinor > leader.maxMinor) {
    runnerUp = leader;
    leader = entry;
  } else if (!runnerUp || bid.maxMinor > runnerUp.maxMinor) {
    runnerUp = entry; // equal to the leader's maximum still loses: the earlier bid leads
  }
  const currentPriceMinor = visiblePrice(terms, leader, runnerUp);
  const reserveMet = terms.reservePriceMinor === null || leader!.maxMinor >= terms.reservePriceMinor;
  // Buy It Now goes with the first bid, or with a reserve, with the first bid that meets it.
  const buyItNowAvailable = state.buyItNowAvailable && terms.reservePriceMinor !== null && !reserveMet;

  let endsAtMs = state.endsAtMs;
  const events: AuctionEvent[] = [];
  if (terms.closeMode === "soft" && endsAtMs - nowMs < terms.softCloseSeconds * 1000) {
    const cap = terms.endsAtMs + terms.maxExtensionSeconds * 1000;
    const extended = Math.min(nowMs + terms.softCloseSeconds * 1000, cap);
    if (extended > endsAtMs) endsAtMs = extended;
  }
  const next: AuctionState = { ...state, leader, runnerUp, currentPriceMinor, reserveMet, buyItNowAvailable, endsAtMs, bidCount: state.bidCount + 1, nextSeq: seq + 1 };
  events.push({ type: "bid", seq, bidderId: bid.bidderId, maxMinor: bid.maxMinor, currentPriceMinor, leaderId: leader!.bidderId, bidCount: next.bidCount, minNextBidMinor: minNextBid(next), endsAtMs });
  if (state.leader && state.leader.bidderId !== leader!.bidderId) events.push({ type: "outbid", bidderId: state.leader.bidderId, currentPriceMinor });
  if (endsAtMs !== state.endsAtMs) events.push({ type: "extended", endsAtMs });
  return { ok: true, state: next, events, result: { seq, leading: leader!.bidderId === bid.bidderId } };
}

/** Ends the auction at or after its end time. Closing a closed auction changes nothing (alarms fire at least once). */
export function closeAuction(state: AuctionState, nowMs: number): Outcome<null> {
  if (state.status === "closed" || nowMs < state.endsAtMs) return { ok: true, state, events: [], result: null };
  const winnerId = state.leader && state.reserveMet ? state.leader.bidderId : null;
  const finalPriceMinor = winnerId ? state.currentPriceMinor : null;
  const next: AuctionState = { ...state, status: "closed", winnerId, finalPriceMinor, buyItNowAvailable: false, closedReason: "ended" };
  return { ok: true, state: next, events: [{ type: "closed", winnerId, finalPriceMinor, reserveMet: state.reserveMet, reason: "ended" }], result: null };
}

export function buyItNow(state: AuctionState, buyerId: string, nowMs: number): Outcome<{ priceMinor: number }> {
  if (!isOpenAt(state, nowMs)) return { ok: false, rejection: "AUCTION_CLOSED", detail: "This auction has ended." };
  if (buyerId === state.terms.sellerId) return { ok: false, rejection: "SELLER_CANNOT_BID", detail: "Sellers cannot buy their own item." };
  const price = state.terms.buyItNowPriceMinor;
  if (!state.buyItNowAvailable || price === null) return { ok: false, rejection: "BUY_NOW_UNAVAILABLE", detail: "Buy It Now is no longer available." };
  const next: AuctionState = { ...state, status: "closed", winnerId: buyerId, finalPriceMinor: price, currentPriceMinor: price, buyItNowAvailable: false, reserveMet: true, closedReason: "bought", endsAtMs: Math.min(state.endsAtMs, nowMs) };
  return { ok: true, state: next, events: [{ type: "closed", winnerId: buyerId, finalPriceMinor: price, reserveMet: true, reason: "bought" }], result: { priceMinor: price } };
}

/** The seller ended the listing early: allowed only before the first bid (bidders rely on the end time). */
export function cancelAuction(state: AuctionState): Outcome<null> {
  if (state.status === "closed") return { ok: true, state, events: [], result: null };
  if (state.bidCount > 0) return { ok: false, rejection: "AUCTION_CLOSED", detail: "An auction with bids runs to its end." };
  const next: AuctionState = { ...state, status: "closed", buyItNowAvailable: false, closedReason: "ended" };
  return { ok: true, state: next, events: [{ type: "closed", winnerId: null, finalPriceMinor: null, reserveMet: state.reserveMet, reason: "ended" }], result: null };
}
