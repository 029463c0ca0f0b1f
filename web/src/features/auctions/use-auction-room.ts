// One auction, live: loads its state and bid history, follows the room's socket, and catches up after drops and at the end.
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { ApiError } from "../../api/api-error";
import type { AuctionState, BidResult, Money } from "../../api/types";
import { api } from "../../app/api";
import { errorMessage } from "../../components/error-message";
import { auctionRoomReducer, initialRoomState, standingOf } from "./auction-room-state";
import { connectAuctionSocket } from "./auction-socket";
import { myBidStorage } from "./my-bid-storage";

// After the end time the room's alarm closes the auction and says so on the socket; without a live socket, ask instead.
const settleCheckDelayMs = { live: 10_000, offline: 1_500, again: 5_000 };
const settleChecksMax = 6;

/** Mount it under a key of listing and viewer: it reads the viewer's remembered bid once, when it starts. */
export function useAuctionRoom(listingId: string, viewerId: string | null) {
  const [state, dispatch] = useReducer(auctionRoomReducer, null, () => initialRoomState(viewerId === null ? null : myBidStorage.read(viewerId, listingId)));
  const [attempt, setAttempt] = useState(0);
  const refreshRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    let socket: { close(): void } | null = null;

    async function loadState(): Promise<boolean> {
      try {
        const auction = await api.auction(listingId, signal);
        if (!signal.aborted) dispatch({ type: "loaded", auction, viewerId });
        return true;
      } catch (error) {
        if (signal.aborted) return false;
        // Drafts and auctions whose room never opened have no live state; the listing's own summary stands in.
        if (error instanceof ApiError && error.status === 404) dispatch({ type: "missing" });
        else dispatch({ type: "failed", message: errorMessage(error) });
        return false;
      }
    }

    // One history request at a time; bids arriving meanwhile ask for one more afterwards, so the last answer is the newest.
    let historyLoading = false;
    let historyAgain = false;
    async function loadHistory(): Promise<void> {
      if (historyLoading) {
        historyAgain = true;
        return;
      }
      historyLoading = true;
      try {
        do {
          historyAgain = false;
          const items = await api.bidHistory(listingId, signal);
          if (!signal.aborted) dispatch({ type: "history", items });
        } while (historyAgain && !signal.aborted);
      } catch {
        // The history is secondary: the next bid or reconnect loads it again.
      } finally {
        historyLoading = false;
      }
    }

    refreshRef.current = () => {
      void loadState();
      void loadHistory();
    };

    void (async () => {
      const [loaded] = await Promise.all([loadState(), loadHistory()]);
      if (!loaded || signal.aborted) return;
      socket = connectAuctionSocket(api.auctionLiveUrl(listingId), {
        onMessage(message) {
          dispatch({ type: "message", message });
          if (message.type === "bid") void loadHistory();
        },
        onConnection(connection) {
          dispatch({ type: "connection", connection });
        },
        // The socket's own "state" has no leader id, so the signed-in state is fetched again too.
        onReconnected: () => refreshRef.current(),
      });
    })();

    return () => {
      controller.abort();
      socket?.close();
    };
  }, [listingId, viewerId, attempt]);

  // Remember the viewer's alias and maximum so a reload still knows which bids are theirs.
  useEffect(() => {
    if (viewerId !== null && state.mine !== null) myBidStorage.write(viewerId, listingId, state.mine);
  }, [viewerId, listingId, state.mine]);

  useSettleChecks(state.auction?.endsAt ?? null, state.load.status === "ready" && !state.settled, state.connection === "live", refreshRef);

  const liveRef = useRef(false);
  liveRef.current = state.connection === "live";
  const bidPlaced = useCallback((result: BidResult, maxAmount: Money) => {
    dispatch({ type: "bidPlaced", result, maxAmount });
    // The answer has no bid count and the history has a new line; the socket brings both, unless it is down.
    if (!liveRef.current) refreshRef.current();
  }, []);
  const minimumRaised = useCallback((minNextBid: Money) => dispatch({ type: "minimumRaised", minNextBid }), []);
  const bought = useCallback((auction: AuctionState) => dispatch({ type: "bought", auction, viewerId }), [viewerId]);
  const refresh = useCallback(() => refreshRef.current(), []);
  const retry = useCallback(() => setAttempt((count) => count + 1), []);

  return { state, standing: standingOf(state, viewerId), bidPlaced, minimumRaised, bought, refresh, retry };
}

/** Once the end time passes and no outcome has come, asks the server a few times (sooner when the socket is down). */
function useSettleChecks(endsAt: string | null, waiting: boolean, live: boolean, refreshRef: { current: () => void }): void {
  const [checks, setChecks] = useState(0);
  const [wakeups, setWakeups] = useState(0);
  useEffect(() => {
    if (endsAt === null || !waiting || checks >= settleChecksMax) return;
    const untilEnd = Date.parse(endsAt) - Date.now();
    const after = checks > 0 ? settleCheckDelayMs.again : live ? settleCheckDelayMs.live : settleCheckDelayMs.offline;
    // Long waits are re-armed in steps (timers cap at about 24.8 days).
    const delay = Math.min(Math.max(0, untilEnd) + after, 86_400_000);
    const timer = setTimeout(() => {
      if (Date.parse(endsAt) > Date.now()) {
        setWakeups((count) => count + 1);
        return;
      }
      refreshRef.current();
      setChecks((count) => count + 1);
    }, delay);
    return () => clearTimeout(timer);
  }, [endsAt, waiting, live, checks, wakeups, refreshRef]);
}
