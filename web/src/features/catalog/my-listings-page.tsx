// The seller's own listings, any status, newest first, filtered by status tabs that live in the URL.
import { Link, useSearchParams } from "react-router";
import { api } from "../../app/api";
import type { ListingStatus, OwnListingSummary } from "../../api/types";
import { LoadError } from "../../components/load-error";
import { LoadMore } from "../../components/load-more";
import { usePagedData } from "../../components/use-paged-data";
import { formatLabels, statusLabels } from "./listing-rules";
import { formatMoney } from "./money";
import { formatDate, timeLeft, useNow } from "./time-left";

const pageSize = 20;
const tabs: readonly { status: ListingStatus | null; label: string }[] = [
  { status: null, label: "All" },
  { status: "active", label: "Active" },
  { status: "draft", label: "Drafts" },
  { status: "ended", label: "Ended" },
  { status: "sold", label: "Sold" },
];

function parseStatus(value: string | null): ListingStatus | null {
  return value === "draft" || value === "active" || value === "ended" || value === "sold" ? value : null;
}

export function MyListingsPage() {
  const [searchParams] = useSearchParams();
  const status = parseStatus(searchParams.get("status"));
  const list = usePagedData(
    (cursor, signal) => api.myListings({ limit: pageSize, ...(status === null ? {} : { status }), ...(cursor === undefined ? {} : { cursor }) }, signal),
    [status],
  );
  const now = useNow(30_000);
  const tabLabel = tabs.find((tab) => tab.status === status)?.label ?? "All";

  return (
    <div className="my-listings">
      <title>Your listings · Mnbara</title>
      <header className="page-header page-header-row">
        <h1>Your listings</h1>
        <Link to="/sell" className="button button-primary">
          Sell an item
        </Link>
      </header>
      <nav aria-label="Filter by status" className="tabs">
        {tabs.map((tab) => (
          <Link key={tab.label} to={tab.status === null ? "/me/listings" : `/me/listings?status=${tab.status}`} className="tab" aria-current={tab.status === status ? "page" : undefined}>
            {tab.label}
          </Link>
        ))}
      </nav>
      {list.first.status === "error" && list.first.data === null ? (
        <LoadError message={list.first.message} onRetry={list.reload} />
      ) : list.first.data === null ? (
        <p className="loading" role="status">
          Loading your listings…
        </p>
      ) : list.items.length === 0 ? (
        <div className="empty-state">
          <h2>{status === null ? "You have no listings yet" : `No ${tabLabel.toLowerCase()} listings`}</h2>
          <p>{status === null ? "List your first item: it takes a couple of minutes." : "Listings with this status will show here."}</p>
          {status === null ? (
            <Link to="/sell" className="button button-primary">
              Sell an item
            </Link>
          ) : (
            <Link to="/me/listings">See all your listings</Link>
          )}
        </div>
      ) : (
        <>
          <ul className={`own-listings ${list.first.status === "loading" ? "is-stale" : ""}`} aria-label={`${tabLabel} listings`} aria-busy={list.first.status === "loading"}>
            {list.items.map((item) => (
              <OwnListingRow key={item.id} item={item} now={now} />
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

function OwnListingRow({ item, now }: { item: OwnListingSummary; now: number }) {
  const left = item.format === "auction" && item.endsAt !== null ? timeLeft(item.endsAt, now) : null;
  return (
    <li className="own-listing">
      <div className="own-listing-image">{item.imageUrl === null ? <span className="no-photo">No photo</span> : <img src={item.imageUrl} alt="" loading="lazy" />}</div>
      <div className="own-listing-main">
        <h2 className="own-listing-title">
          <Link to={`/listings/${item.id}`}>{item.title}</Link>
        </h2>
        <p className="own-listing-meta">
          <span className={`badge badge-status badge-${item.status}`}>{statusLabels[item.status]}</span>
          <span>{formatLabels[item.format]}</span>
          <span>
            Listed <time dateTime={item.createdAt}>{formatDate(item.createdAt)}</time>
          </span>
        </p>
      </div>
      <div className="own-listing-numbers">
        <p className="own-listing-price">{formatMoney(item.price)}</p>
        <p className="muted">
          {item.format === "auction"
            ? `${item.bidCount === 1 ? "1 bid" : `${item.bidCount} bids`}${item.status === "active" ? (left === null ? " · ended" : ` · ${left} left`) : ""}`
            : `${item.quantityAvailable} of ${item.quantity} available`}
        </p>
      </div>
    </li>
  );
}
