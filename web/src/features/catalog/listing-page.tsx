// A listing: photos, price or auction, the item's details, shipping and seller; its seller also gets the controls.
import { useEffect, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { ApiError } from "../../api/api-error";
import { api } from "../../app/api";
import { useAppSelector } from "../../app/store";
import type { Listing } from "../../api/types";
import { LoadError } from "../../components/load-error";
import { useApiData } from "../../components/use-api-data";
import { selectSessionStatus, selectUser } from "../auth/auth-slice";
import { BuyItNowPanel } from "../orders/buy-form";
import { attributeLabel } from "./attribute-label";
import { CategoryBreadcrumb } from "./category-breadcrumb";
import { countryName, worldwideRegion } from "./countries";
import { ListingGallery } from "./listing-gallery";
import { noticeText, readListingNotice } from "./listing-notice";
import { conditionLabels, statusLabels } from "./listing-rules";
import { formatMoney } from "./money";
import { PhotoManager } from "./photo-manager";
import { PricePanel } from "./price-panel";
import { SellerPanel } from "./seller-panel";
import { formatDate } from "./time-left";

export function ListingPage() {
  const { id = "" } = useParams();
  const status = useAppSelector(selectSessionStatus);
  const user = useAppSelector(selectUser);
  const location = useLocation();
  const navigate = useNavigate();
  const [notice, setNotice] = useState(() => {
    const fromState = readListingNotice(location.state);
    return fromState === null ? "" : noticeText(fromState);
  });
  // A restored session may own this listing (a draft is 404 to anyone else), so wait for it before asking.
  const ready = status !== "restoring";
  const { state, reload, replace } = useApiData((signal) => (ready ? api.listing(id, signal) : new Promise<Listing>(() => undefined)), [id, ready, user?.id]);

  // The notice is for this arrival only: a reload or a later visit must not repeat it.
  useEffect(() => {
    if (readListingNotice(location.state) !== null) void navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);

  const listing = state.data;
  if (listing === null || listing.id !== id) {
    if (state.status === "error") {
      if (state.error instanceof ApiError && state.error.status === 404) return <ListingNotFound />;
      return <LoadError message={state.message} onRetry={reload} />;
    }
    return (
      <p className="loading" role="status">
        Loading the listing…
      </p>
    );
  }

  const isSeller = user !== null && user.id === listing.sellerId;
  const editable = listing.status === "draft" || listing.status === "active";
  return (
    <article className="listing" aria-labelledby="listing-title">
      <title>{`${listing.title} · Mnbara`}</title>
      <CategoryBreadcrumb categoryId={listing.categoryId} fallbackName={listing.category.name} />
      <p className="notice" role="status">
        {notice}
      </p>
      <div className="listing-top">
        <ListingGallery key={listing.id} images={listing.images} title={listing.title} />
        <div className="listing-summary">
          <h1 id="listing-title">{listing.title}</h1>
          <ul className="badges listing-badges" aria-label="About this listing">
            <li className="badge">{conditionLabels[listing.condition]}</li>
            {listing.status !== "active" && <li className={`badge badge-status badge-${listing.status}`}>{statusLabels[listing.status]}</li>}
            {listing.crowdshipEligible && <li className="badge badge-crowdship">Crowdship eligible</li>}
          </ul>
          <PricePanel listing={listing} />
          <BuyItNowPanel listing={listing} />
          <dl className="details listing-facts">
            {listing.format === "fixed" && (
              <>
                <dt>Available</dt>
                <dd>{listing.quantityAvailable === 0 ? "None left" : `${listing.quantityAvailable} of ${listing.quantity}`}</dd>
              </>
            )}
            <dt>Condition</dt>
            <dd>{conditionLabels[listing.condition]}</dd>
            <dt>Seller</dt>
            <dd>{listing.seller.displayName || "A Mnbara seller"}</dd>
            <dt>Shipping</dt>
            <dd>
              {listing.shipping === null ? "Not offered" : listing.shipping.cost.amount === 0 ? "Free" : formatMoney(listing.shipping.cost)}
              {listing.shipping !== null && <span className="muted"> · from {countryName(listing.shipping.shipsFrom.country)}</span>}
            </dd>
            {listing.publishedAt !== null && (
              <>
                <dt>Listed</dt>
                <dd>
                  <time dateTime={listing.publishedAt}>{formatDate(listing.publishedAt)}</time>
                </dd>
              </>
            )}
          </dl>
          {listing.crowdshipEligible && (
            <p className="crowdship-note">
              <strong>Crowdshipping available.</strong> A traveller already heading your way can carry this item to you.
            </p>
          )}
        </div>
      </div>

      {isSeller && (
        <div className="seller-tools">
          <SellerPanel
            listing={listing}
            onChanged={(updated, message) => {
              replace(updated);
              setNotice(message);
            }}
          />
          {editable && <PhotoManager listing={listing} onChanged={reload} />}
        </div>
      )}

      <div className="listing-body">
        <section className="card" aria-labelledby="description-title">
          <h2 id="description-title">Description</h2>
          <p className="description">{listing.description}</p>
        </section>
        <aside className="listing-aside">
          <section className="card" aria-labelledby="item-details-title">
            <h2 id="item-details-title">Item details</h2>
            <dl className="details">
              <dt>Category</dt>
              <dd>
                <Link to={`/c/${listing.categoryId}`}>{listing.category.name || listing.category.path}</Link>
              </dd>
              {Object.entries(listing.attributes).map(([name, value]) => (
                <AttributeRow key={name} name={name} value={value} />
              ))}
            </dl>
          </section>
          <section className="card" aria-labelledby="shipping-title">
            <h2 id="shipping-title">Shipping</h2>
            {listing.shipping === null ? (
              <p className="muted">The seller has not offered shipping for this item.</p>
            ) : (
              <dl className="details">
                <dt>Ships from</dt>
                <dd>{[listing.shipping.shipsFrom.city, countryName(listing.shipping.shipsFrom.country)].filter(Boolean).join(", ")}</dd>
                <dt>Ships to</dt>
                <dd>
                  {listing.shipping.regions.includes(worldwideRegion) ? "Worldwide" : listing.shipping.regions.map(countryName).join(", ")}
                </dd>
                <dt>Cost</dt>
                <dd>{listing.shipping.cost.amount === 0 ? "Free shipping" : formatMoney(listing.shipping.cost)}</dd>
              </dl>
            )}
            <p className="shipping-crowdship">{listing.crowdshipEligible ? "Crowdship eligible: travellers can carry it." : "Not offered for crowdshipping."}</p>
          </section>
        </aside>
      </div>
    </article>
  );
}

function AttributeRow({ name, value }: { name: string; value: string | number }) {
  return (
    <>
      <dt>{attributeLabel(name)}</dt>
      <dd>{typeof value === "number" ? value.toLocaleString() : value}</dd>
    </>
  );
}

function ListingNotFound() {
  return (
    <section className="card narrow" aria-labelledby="listing-missing-title">
      <title>Listing not found · Mnbara</title>
      <h1 id="listing-missing-title">Listing not found</h1>
      <p>This listing does not exist, or it is a draft only its seller can see.</p>
      <p>
        <Link to="/browse">Browse the marketplace</Link>
      </p>
    </section>
  );
}
