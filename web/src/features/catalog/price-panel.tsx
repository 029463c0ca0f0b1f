// The price part of a listing page: the fixed price, or the auction — live once published, else its terms as listed.
import type { Listing } from "../../api/types";
import { LiveAuctionPanel } from "../auctions/auction-panel";
import { formatMoney } from "./money";
import { formatDateTime, timeLeft, useNow } from "./time-left";

export function PricePanel({ listing }: { listing: Listing }) {
  if (listing.format === "auction" && listing.auction !== undefined) {
    const summary = <AuctionSummaryPanel listing={listing} auction={listing.auction} />;
    // A draft has no auction room yet; the summary also stands in when the live state cannot be had.
    return listing.status === "draft" ? summary : <LiveAuctionPanel listing={listing} fallback={summary} />;
  }
  return (
    <div className="price-panel">
      <p className="price-label">Price</p>
      {listing.price !== undefined && <p className="price-large">{formatMoney(listing.price)}</p>}
    </div>
  );
}

function AuctionSummaryPanel({ listing, auction }: { listing: Listing; auction: NonNullable<Listing["auction"]> }) {
  const now = useNow(1000);
  const left = timeLeft(auction.endsAt, now);
  const hasBids = auction.bidCount > 0;
  const ended = auction.status === "closed" || left === null;
  return (
    <div className="price-panel">
      <p className="price-label">
        <span className="badge badge-auction">Auction</span> {hasBids ? (ended ? "Final bid" : "Current bid") : "Starting bid"}
      </p>
      <p className="price-large">{formatMoney(hasBids ? auction.currentPrice : auction.startPrice)}</p>
      <dl className="auction-facts">
        <dt>Bids</dt>
        <dd>{auction.bidCount === 1 ? "1 bid" : `${auction.bidCount} bids`}</dd>
        <dt>{ended ? "Ended" : listing.status === "draft" ? "Would end" : "Ends in"}</dt>
        <dd>
          {ended || listing.status === "draft" ? (
            <time dateTime={auction.endsAt}>{formatDateTime(auction.endsAt)}</time>
          ) : (
            <>
              <strong className="countdown">{left}</strong>{" "}
              <span className="muted">
                (<time dateTime={auction.endsAt}>{formatDateTime(auction.endsAt)}</time>)
              </span>
            </>
          )}
        </dd>
        {auction.buyItNowPrice !== null && (
          <>
            <dt>Buy It Now</dt>
            <dd>{formatMoney(auction.buyItNowPrice)}</dd>
          </>
        )}
        <dt>Closing</dt>
        <dd>{auction.closeMode === "soft" ? `Soft: a late bid extends it by ${auction.softCloseSeconds ?? 0} seconds` : "Hard: ends exactly on time"}</dd>
      </dl>
      {auction.hasReserve && <ReserveHint auction={auction} />}
    </div>
  );
}

// Only the seller sees the reserve; others learn whether it is met from the bids (none yet means not met).
function ReserveHint({ auction }: { auction: NonNullable<Listing["auction"]> }) {
  const reserve = auction.reservePrice ?? null;
  if (reserve !== null) {
    const met = auction.bidCount > 0 && auction.currentPrice.amount >= reserve.amount;
    return <p className={`reserve-hint ${met ? "reserve-met" : ""}`}>{met ? `Reserve met (${formatMoney(reserve)}).` : `Reserve not met yet: your reserve is ${formatMoney(reserve)}.`}</p>;
  }
  return <p className="reserve-hint">{auction.bidCount === 0 ? "Reserve not met" : "This auction has a reserve price."}</p>;
}
