// One listing in a results grid: photo, title, price, and badges for auctions (bids, time left) and crowdshipping.
import { Link } from "react-router";
import type { SearchHit } from "../../api/types";
import { countryName } from "../catalog/countries";
import { conditionLabels } from "../catalog/listing-rules";
import { formatMoney } from "../catalog/money";
import { timeLeft, useNow } from "../catalog/time-left";

interface ResultCardProps {
  hit: SearchHit;
  // Called as the link is followed, for click-through analytics.
  onOpen?: () => void;
}

export function ResultCard({ hit, onOpen }: ResultCardProps) {
  return (
    <article className="result-card">
      <div className="result-image">
        {hit.imageUrl === null ? <span className="no-photo">No photo</span> : <img src={hit.imageUrl} alt="" loading="lazy" />}
        {hit.format === "auction" && <span className="badge badge-auction result-format">Auction</span>}
      </div>
      <div className="result-body">
        <h3 className="result-title">
          <Link to={`/listings/${hit.id}`} className="result-link" onClick={onOpen}>
            {hit.title}
          </Link>
        </h3>
        <p className="result-price">{formatMoney(hit.price)}</p>
        {hit.format === "auction" && <AuctionLine hit={hit} />}
        <p className="result-meta">
          {conditionLabels[hit.condition] ?? hit.condition}
          {hit.shipsFrom !== null && hit.shipsFrom !== "" && <> · from {countryName(hit.shipsFrom)}</>}
        </p>
        {hit.crowdshipEligible && <span className="badge badge-crowdship">Crowdship</span>}
      </div>
    </article>
  );
}

function AuctionLine({ hit }: { hit: SearchHit }) {
  const now = useNow(1000);
  const left = hit.endsAt === null ? null : timeLeft(hit.endsAt, now);
  const bids = hit.bidCount === 1 ? "1 bid" : `${hit.bidCount} bids`;
  return (
    <p className="result-auction">
      {bids} · {left === null ? <span className="muted">Ended</span> : <span className="countdown">{left} left</span>}
    </p>
  );
}
