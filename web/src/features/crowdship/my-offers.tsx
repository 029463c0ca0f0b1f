// The traveller's own offers across requests, newest first: what each is for, the price against the quote, and where it stands.
import type { MyOffer, Page } from "../../api/types";
import { PagedList } from "../../components/paged-list";
import type { usePagedData } from "../../components/use-paged-data";
import { formatMoney } from "../catalog/money";
import { formatDateTime } from "../catalog/time-left";
import { formatWeightKg, offerStatusLabel, requestStatusLabel, routeName } from "./crowdship-format";

export function MyOffers({ list }: { list: ReturnType<typeof usePagedData<Page<MyOffer>>> }) {
  return (
    <section aria-labelledby="my-offers-title">
      <h2 id="my-offers-title">My offers</h2>
      <PagedList list={list} label="My offers" className="offer-list" loadingText="Loading your offers…" empty={<p>Offers you make on requests show here, with what became of them.</p>}>
        {(offer) => <MyOfferRow key={offer.id} offer={offer} />}
      </PagedList>
    </section>
  );
}

function MyOfferRow({ offer }: { offer: MyOffer }) {
  const { request } = offer;
  return (
    <li className="offer-row">
      <h3 className="match-title">{request.item.title}</h3>
      <p className="match-meta">
        <span className={`badge badge-status badge-offer-${offer.status}`}>{offerStatusLabel(offer.status)}</span>
        <span>
          {formatMoney(offer.price)} (quote {formatMoney(offer.quote)})
        </span>
        <span>{routeName(request.from, request.to)}</span>
        <span>{formatWeightKg(request.item.weightKg)}</span>
        <span>
          deliver by <time dateTime={request.deliverBy}>{formatDateTime(request.deliverBy)}</time>
        </span>
        <span>request {requestStatusLabel(request.status).toLowerCase()}</span>
        <span>
          offered <time dateTime={offer.createdAt}>{formatDateTime(offer.createdAt)}</time>
        </span>
      </p>
    </li>
  );
}
