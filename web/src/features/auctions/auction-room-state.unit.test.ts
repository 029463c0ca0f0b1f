// The auction panel's reducer: answers and live messages arriving in any order never show an older picture than the newest.
import { describe, expect, it } from "vitest";
import type { AuctionLiveMessage, AuctionState } from "../../api/types";
import { auctionRoomReducer, initialRoomState, outcomeText, standingOf, type RoomAction, type RoomState } from "./auction-room-state";

const usd = (amount: number) => ({ amount, currency: "USD" });
const endsAt = "2030-01-01T12:00:00.000Z";

function snapshot(changes: Partial<AuctionState> = {}): AuctionState {
  return {
    listingId: "lst_1",
    status: "open",
    currentPrice: usd(1000),
    minNextBid: usd(1000),
    bidCount: 0,
    endsAt,
    reserveMet: true,
    buyItNowAvailable: false,
    buyItNowPrice: null,
    leadingBidderAlias: null,
    ...changes,
  };
}

const bidMessage = (changes: Partial<Extract<AuctionLiveMessage, { type: "bid" }>>): AuctionLiveMessage => ({
  type: "bid",
  currentPrice: usd(1000),
  bidCount: 1,
  minNextBid: usd(1050),
  endsAt,
  leadingBidderAlias: "Bidder 1",
  reserveMet: true,
  buyItNowAvailable: false,
  ...changes,
});

const run = (actions: RoomAction[], start: RoomState = initialRoomState()) => actions.reduce(auctionRoomReducer, start);
const loaded = (auction: AuctionState, viewerId: string | null = "usr_a"): RoomAction => ({ type: "loaded", auction, viewerId });
const message = (value: AuctionLiveMessage): RoomAction => ({ type: "message", message: value });

describe("auction room state", () => {
  it("knows the viewer leads from their bid's answer, whether the live message came before or after it", () => {
    const answer: RoomAction = {
      type: "bidPlaced",
      result: { bidId: "b1", bidderAlias: "Bidder 1", status: "leading", currentPrice: usd(1000), minNextBid: usd(1050), endsAt },
      maxAmount: usd(2000),
    };
    const answerFirst = run([loaded(snapshot()), answer, message(bidMessage({}))]);
    const messageFirst = run([loaded(snapshot()), message(bidMessage({})), answer]);

    for (const state of [answerFirst, messageFirst]) {
      expect(standingOf(state, "usr_a")).toBe("leading");
      expect(state.auction?.bidCount).toBe(1);
      expect(state.mine).toEqual({ alias: "Bidder 1", maxAmount: usd(2000) });
    }
  });

  it("an answer older than a live message does not bring back a lead already lost", () => {
    const state = run([
      loaded(snapshot({ bidCount: 1, leadingBidderAlias: "Bidder 2", currentPrice: usd(1000), minNextBid: usd(1050) })),
      message(bidMessage({ bidCount: 3, currentPrice: usd(3100), minNextBid: usd(3200), leadingBidderAlias: "Bidder 3" })),
      { type: "bidPlaced", result: { bidId: "b2", bidderAlias: "Bidder 1", status: "leading", currentPrice: usd(2050), minNextBid: usd(2100), endsAt }, maxAmount: usd(3000) },
    ]);

    expect(standingOf(state, "usr_a")).toBe("outbid");
    expect(state.auction?.currentPrice).toEqual(usd(3100));
    expect(state.mine?.alias).toBe("Bidder 1");
  });

  it("ignores a state fetched before bids that the socket has already reported", () => {
    const state = run([loaded(snapshot()), message(bidMessage({ bidCount: 2, currentPrice: usd(1550) })), loaded(snapshot({ bidCount: 1 }))]);
    expect(state.auction?.bidCount).toBe(2);
    expect(state.auction?.currentPrice).toEqual(usd(1550));
  });

  it("learns the viewer's alias from the signed-in state when they lead, and keeps their leader id across socket states", () => {
    const state = run([
      loaded(snapshot({ bidCount: 1, leadingBidderAlias: "Bidder 4", leadingBidderId: "usr_a" })),
      message({ type: "state", state: snapshot({ bidCount: 1, leadingBidderAlias: "Bidder 4" }) }),
    ]);
    expect(state.mine).toEqual({ alias: "Bidder 4", maxAmount: null });
    expect(state.auction?.leadingBidderId).toBe("usr_a");
    expect(standingOf(state, "usr_a")).toBe("leading");
  });

  it("shows an extension even when the bid that caused it already moved the end", () => {
    const later = "2030-01-01T13:00:00.000Z";
    const state = run([loaded(snapshot()), message(bidMessage({ endsAt: later })), message({ type: "extended", endsAt: later })]);
    expect(state.auction?.endsAt).toBe(later);
    expect(state.extendedTo).toBe(later);
    expect(state.announcement).toMatch(/extended/);
  });

  it("on close, tells the winner they won and another bidder that they lost", () => {
    const closed = message({ type: "closed", winnerAlias: "Bidder 2", finalPrice: usd(2050), reserveMet: true });
    const start = (alias: string) => initialRoomState({ alias, maxAmount: null });
    const winner = run([loaded(snapshot({ bidCount: 2, leadingBidderAlias: "Bidder 2" })), closed], start("Bidder 2"));
    const loser = run([loaded(snapshot({ bidCount: 2, leadingBidderAlias: "Bidder 2" })), closed], start("Bidder 1"));
    const watcher = run([loaded(snapshot({ bidCount: 2, leadingBidderAlias: "Bidder 2" }), null), closed]);

    expect(standingOf(winner, "usr_a")).toBe("won");
    expect(standingOf(loser, "usr_a")).toBe("lost");
    expect(standingOf(watcher, null)).toBe("none");
    expect(outcomeText(watcher.auction!, null)).toMatch(/^Sold to Bidder 2 for .*20\.50$/);
    // A later unsettled state (the end time passed, the alarm not seen) does not undo the outcome.
    const after = run([loaded(snapshot({ status: "closed", bidCount: 2, leadingBidderAlias: "Bidder 2" }), null)], watcher);
    expect(after.settled).toBe(true);
    expect(after.auction?.winnerAlias).toBe("Bidder 2");
  });

  it("says the reserve was not met when bids never reached it", () => {
    const state = run([loaded(snapshot({ bidCount: 1, reserveMet: false })), message({ type: "closed", reserveMet: false })]);
    expect(state.settled).toBe(true);
    expect(outcomeText(state.auction!, null)).toBe("Ended — reserve not met");
  });
});
