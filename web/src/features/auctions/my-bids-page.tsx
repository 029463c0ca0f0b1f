// The auctions the signed-in user has bid on, latest activity first: where they stand, their maximum, the price and time left.
import { Link } from "react-router";
import type { MyBid } from "../../api/types";
import { api } from "../../app/api";
import { LoadError } from "../../components/load-error";
import { LoadMore } from "../../components/load-more";
import { usePagedData } from "../../components/use-paged-data";
import { formatMoney } from "../catalog/money";
import { formatDateTime, timeLeft, useNow } from "../catalog/time-left";
import { bidCountText, myBidStatusLabels } from "./auction-format";

const pageSize = 20;

export function MyBidsPage() {
  const list = usePagedData((cursor, signal) => api.myBids({ limit: pageSize, ...(cursor === undefined ? {} : { cursor }) }, signal), []);
  const now = useNow(1000);
  const refreshing = list.first.status === "loading" && list.first.data !== null;

  return (
    <div className="my-bids">
      <title>Your bids · Mnbara</title>
      <header className="page-header page-header-row">
        <h1>Your bids</h1>
        <button type="button" className="button button-secondary" onClick={list.reload} disabled={list.first.status === "loading"} aria-busy={refreshing}>
          {refreshing ? "Refreshing…" : "Refresh"}
        </button>
      </header>
      <p className="muted my-bids-note">A bid you just placed can take a moment to appear here. Each listing shows its live price as you open it.</p>
      {list.first.status === "error" && list.first.data === null ? (
        <LoadError message={list.first.message} onRetry={list.reload} />
      ) : list.first.data === null ? (
        <p className="loading" role="status">
          Loading your bids…
        </p>
      ) : list.items.length === 0 ? (
        <div className="empty-state">
          <h2>No bids yet</h2>
          <p>Auctions you bid on show here, with whether you are in front.</p>
          <Link to="/search?format=auction" className="button button-primary">
            Find an auction
          </Link>
        </div>
      ) : (
        <>
          <ul className={`my-bid-list ${refreshing ? "is-stale" : ""}`} aria-label="Auctions you bid on" aria-busy={refreshing}>
            {list.items.map((item) => (
              <MyBidRow key={item.listingId} item={item} now={now} />
            ))}
          </ul>
          <LoadMore
            hasMore={list.nextCursor !== null && list.first.status !== "loading"}
            more={list.more}
            onLoadMore={() => void list.loadMore()}
            summary={list.nextCursor === null ? `Showing all ${list.items.length}.` : `Showing ${list.items.length}.`}
          />
        </>
      )}
    </div>
  );
}

function MyBidRow({ item, now }: { item: MyBid; now: number }) {
  const finished = item.status === "won" || item.status === "lost";
  const left = finished ? null : timeLeft(item.endsAt, now);
  return (
    <li className="my-bid">
      <div className="my-bid-main">
        <h2 className="my-bid-title">
          <Link to={`/listings/${item.listingId}`}>{item.title || "An auction"}</Link>
        </h2>
        <p className="my-bid-meta">
          <span className={`badge badge-status badge-bid-${item.status}`}>{myBidStatusLabels[item.status]}</span>
          <span>{bidCountText(item.bidCount)}</span>
          <span>
            {left === null ? (
              <>
                Ended <time dateTime={item.endsAt}>{formatDateTime(item.endsAt)}</time>
              </>
            ) : (
              <span className="countdown">Ends in {left}</span>
            )}
          </span>
        </p>
      </div>
      <dl className="my-bid-numbers">
        <div>
          <dt>{finished ? "Final bid" : "Current bid"}</dt>
          <dd className="my-bid-price">{formatMoney(item.currentPrice)}</dd>
        </div>
        <div>
          <dt>Your maximum</dt>
          <dd>{formatMoney(item.myMaxAmount)}</dd>
        </div>
      </dl>
    </li>
  );
}
