// Travellers' offers on a request, each priced against the quote; accepting one holds its price from the wallet and reveals the PIN.
import type { AcceptOfferResult, Money, ShipmentOffer, ShipmentRequest } from "../../api/types";
import { api } from "../../app/api";
import { ConfirmAction } from "../../components/confirm-action";
import { LoadError } from "../../components/load-error";
import { useApiData } from "../../components/use-api-data";
import { useIdempotentCall } from "../../components/use-idempotent-call";
import { formatMoney } from "../catalog/money";
import { formatDateTime } from "../catalog/time-left";
import { offerStatusLabel } from "./crowdship-format";
import { priceAgainstQuote } from "./crowdship-rules";

interface RequestOffersProps {
  request: ShipmentRequest;
  onAccepted: (result: AcceptOfferResult) => void;
}

export function RequestOffers({ request, onAccepted }: RequestOffersProps) {
  const offers = useApiData((signal) => api.requestOffers(request.id, signal), [request.id, request.status]);
  const items = offers.state.data;
  return (
    <section className="card" aria-labelledby="offers-title">
      <div className="section-heading">
        <h2 id="offers-title">Offers</h2>
        <button type="button" className="button button-secondary button-small" onClick={offers.reload} disabled={offers.state.status === "loading"}>
          Check for new offers
        </button>
      </div>
      {items === null ? (
        offers.state.status === "error" ? (
          <LoadError message={offers.state.message} onRetry={offers.reload} />
        ) : (
          <p className="loading" role="status">
            Loading offers…
          </p>
        )
      ) : items.length === 0 ? (
        <p className="muted">No offers yet. Travellers who match are told about your request.</p>
      ) : (
        <ul className="offer-list" aria-label="Offers">
          {items.map((offer) => (
            <OfferRow key={offer.id} offer={offer} itemCost={request.orderId === null ? request.item.value : null} acceptable={request.status === "open" && offer.status === "open"} onAccepted={onAccepted} />
          ))}
        </ul>
      )}
    </section>
  );
}

interface OfferRowProps {
  offer: ShipmentOffer;
  /** "Buy this for me": the item's price the traveller pays, held with the reward; null when an order already paid for it. */
  itemCost: Money | null;
  acceptable: boolean;
  onAccepted: (result: AcceptOfferResult) => void;
}

function OfferRow({ offer, itemCost, acceptable, onAccepted }: OfferRowProps) {
  const held = itemCost === null ? `${formatMoney(offer.price)} is held` : `${formatMoney(offer.price)} and the item's price of ${formatMoney(itemCost)} (the traveller buys it for you) are held`;
  const idempotent = useIdempotentCall();
  const comparison = priceAgainstQuote(offer.price, offer.quote);
  return (
    <li className="offer-row">
      <p className="offer-price">
        <strong>{formatMoney(offer.price)}</strong> {comparison !== null && <span className="muted">({comparison.toLowerCase()} of {formatMoney(offer.quote)})</span>}{" "}
        <span className={`badge badge-status badge-offer-${offer.status}`}>{offerStatusLabel(offer.status)}</span>
      </p>
      {offer.pickupPlan !== null && <p>Pickup: {offer.pickupPlan}</p>}
      {offer.message !== null && <p className="offer-message">“{offer.message}”</p>}
      <p className="muted">
        Offered <time dateTime={offer.createdAt}>{formatDateTime(offer.createdAt)}</time>
      </p>
      {acceptable && (
        <ConfirmAction
          label={`Accept ${formatMoney(offer.price)}`}
          question={`Accept this offer? ${held} from your wallet and go to the traveller only when you give them the delivery PIN. Other offers are declined.`}
          confirmLabel="Yes, accept"
          pendingLabel="Accepting…"
          run={async () => onAccepted(await idempotent(`accept:${offer.id}`, (key) => api.acceptOffer(offer.id, key)))}
        />
      )}
    </li>
  );
}
