// The live auction on a listing page: price, bids, reserve, countdown, the viewer's standing, bidding, Buy It Now and history.
import type { ReactNode } from "react";
import { Link, useLocation } from "react-router";
import type { AuctionState, Listing, Money } from "../../api/types";
import { useAppSelector } from "../../app/store";
import { LiveIndicator } from "../../components/live-indicator";
import { LoadError } from "../../components/load-error";
import { AuctionProofSection } from "../anchoring/auction-proof-section";
import { selectSessionStatus, selectUser } from "../auth/auth-slice";
import { formatMoney } from "../catalog/money";
import { useEnded } from "./auction-clock";
import { AuctionCountdown } from "./auction-countdown";
import { bidCountText } from "./auction-format";
import { AuctionOutcome } from "./auction-outcome";
import type { Connection } from "./auction-room-state";
import { BidForm } from "./bid-form";
import { BidHistory } from "./bid-history";
import { BidStanding } from "./bid-standing";
import { BuyItNow } from "./buy-it-now";
import { useAuctionRoom } from "./use-auction-room";

interface LiveAuctionPanelProps {
  listing: Listing;
  // Shown instead when the auction has no live room (a draft, or one that ended unseen): the listing's own summary.
  fallback: ReactNode;
}

export function LiveAuctionPanel({ listing, fallback }: LiveAuctionPanelProps) {
  const user = useAppSelector(selectUser);
  const viewerId = user?.id ?? null;
  // A new viewer (signed in or out here) starts over: who leads and which bids are theirs depend on it.
  return <LiveAuctionRoom key={`${listing.id}:${viewerId ?? ""}`} listing={listing} viewerId={viewerId} fallback={fallback} />;
}

function LiveAuctionRoom({ listing, viewerId, fallback }: LiveAuctionPanelProps & { viewerId: string | null }) {
  const room = useAuctionRoom(listing.id, viewerId);
  const { state } = room;
  const auction = state.auction;
  if (auction === null) {
    if (state.load.status === "missing") return fallback;
    if (state.load.status === "error") {
      return (
        <>
          {fallback}
          <LoadError message={`Live bidding could not be loaded. ${state.load.message}`} onRetry={room.retry} />
        </>
      );
    }
    return (
      <div className="price-panel auction-panel" aria-busy="true">
        <p className="loading auction-loading" role="status">
          Loading the auction…
        </p>
      </div>
    );
  }
  return <AuctionView listing={listing} auction={auction} viewerId={viewerId} room={room} />;
}

interface AuctionViewProps {
  listing: Listing;
  auction: AuctionState;
  viewerId: string | null;
  room: ReturnType<typeof useAuctionRoom>;
}

function AuctionView({ listing, auction, viewerId, room }: AuctionViewProps) {
  const { state, standing } = room;
  const status = useAppSelector(selectSessionStatus);
  const passed = useEnded(auction.endsAt);
  const ended = auction.status === "closed" || passed;
  const isSeller = viewerId !== null && viewerId === listing.sellerId;
  const terms = listing.auction;

  return (
    <section className="price-panel auction-panel" aria-label="Auction">
      <AuctionHeadline auction={auction} ended={ended} settled={state.settled} connection={state.connection} hasReserve={terms?.hasReserve ?? !auction.reserveMet} />
      <AuctionCountdown endsAt={auction.endsAt} closed={auction.status === "closed"} extendedTo={state.extendedTo} />
      {/* One polite voice for everything that changes by itself: new bids, the viewer's standing, extensions, the end. */}
      <p className="visually-hidden" role="status">
        {state.announcement}
      </p>

      <div className="auction-action">
        {ended ? (
          <AuctionOutcome auction={auction} settled={state.settled} standing={standing} mine={state.mine} isSeller={isSeller} boughtByMe={state.boughtByMe} />
        ) : isSeller ? (
          <SellerNote reserve={terms?.reservePrice ?? null} reserveMet={auction.reserveMet} />
        ) : status !== "signedIn" ? (
          <SignInToBid />
        ) : (
          <>
            <BidStanding standing={standing} mine={state.mine} />
            <BidForm
              listingId={listing.id}
              auction={auction}
              standing={standing}
              mine={state.mine}
              onBid={room.bidPlaced}
              onMinimumRaised={room.minimumRaised}
              onEnded={room.refresh}
            />
            {auction.buyItNowAvailable && auction.buyItNowPrice !== null && (
              <BuyItNow listingId={listing.id} price={auction.buyItNowPrice} onBought={room.bought} onUnavailable={room.refresh} />
            )}
          </>
        )}
      </div>

      {terms !== undefined && (
        <dl className="auction-facts auction-terms">
          {!ended && auction.buyItNowPrice !== null && (
            <>
              <dt>Buy It Now</dt>
              <dd>{auction.buyItNowAvailable ? formatMoney(auction.buyItNowPrice) : `${formatMoney(auction.buyItNowPrice)} (no longer offered)`}</dd>
            </>
          )}
          <dt>Closing</dt>
          <dd>{terms.closeMode === "soft" ? `Soft: a bid in the last ${softCloseText(terms.softCloseSeconds)} extends it` : "Hard: ends exactly on time"}</dd>
        </dl>
      )}

      <BidHistory history={state.history} myAlias={state.mine?.alias ?? null} ended={ended} />
      {auction.status === "closed" && state.settled && <AuctionProofSection listingId={listing.id} />}
    </section>
  );
}

interface AuctionHeadlineProps {
  auction: AuctionState;
  ended: boolean;
  settled: boolean;
  connection: Connection;
  hasReserve: boolean;
}

function AuctionHeadline({ auction, ended, settled, connection, hasReserve }: AuctionHeadlineProps) {
  const sold = settled && auction.finalPrice !== null && auction.finalPrice !== undefined;
  const label = sold ? "Sold for" : auction.bidCount === 0 ? "Starting bid" : ended ? "Final bid" : "Current bid";
  return (
    <>
      <div className="auction-head">
        <p className="price-label">
          <span className="badge badge-auction">Auction</span> {label}
        </p>
        {!ended && <LiveIndicator connection={connection} liveTitle="Bids show here as they are placed." />}
      </div>
      <p className="price-large auction-price">{formatMoney(sold ? auction.finalPrice! : auction.currentPrice)}</p>
      <ul className="auction-stats" aria-label="Bidding so far">
        {/* Nobody bid, yet it sold: only Buy It Now does that. */}
        <li className="bid-count">{sold && auction.bidCount === 0 ? "Bought with Buy It Now" : bidCountText(auction.bidCount)}</li>
        <li className={`reserve-status ${!hasReserve || auction.reserveMet ? "reserve-met" : "reserve-not-met"}`}>
          {!hasReserve ? "No reserve" : auction.reserveMet ? "Reserve met" : "Reserve not met"}
        </li>
        {!ended && (
          <li className="min-next-bid">
            Minimum next bid <strong>{formatMoney(auction.minNextBid)}</strong>
          </li>
        )}
      </ul>
    </>
  );
}

function SellerNote({ reserve, reserveMet }: { reserve: Money | null; reserveMet: boolean }) {
  return (
    <p className="seller-note">
      <strong>This is your auction.</strong> Bids show here as they come in; you cannot bid on it yourself.
      {reserve !== null && ` Your reserve is ${formatMoney(reserve)}${reserveMet ? " and has been met." : "."}`}
    </p>
  );
}

function SignInToBid() {
  const location = useLocation();
  return (
    <div className="sign-in-to-bid">
      <Link to="/sign-in" state={{ from: `${location.pathname}${location.search}` }} className="button button-primary">
        Sign in to bid
      </Link>
      <p className="muted">
        New to Mnbara? <Link to="/register">Create an account</Link>
      </p>
    </div>
  );
}

function softCloseText(seconds: number | null): string {
  const value = seconds ?? 0;
  if (value % 60 === 0 && value >= 60) return value === 60 ? "minute" : `${value / 60} minutes`;
  return `${value} seconds`;
}
