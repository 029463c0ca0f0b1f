// One of the traveller's trips: when, how much space is left, the open requests it could carry (with an offer form each and the traveller's offers on it), and its drop-off route.
import { useState } from "react";
import type { RequestMatch, ShipmentOffer, Trip } from "../../api/types";
import { api } from "../../app/api";
import { ConfirmAction } from "../../components/confirm-action";
import { LoadError } from "../../components/load-error";
import { useApiData } from "../../components/use-api-data";
import { formatMoney } from "../catalog/money";
import { formatDateTime } from "../catalog/time-left";
import { formatPercent, formatWeightKg, offerStatusLabel, placeName, routeName, tripStatusLabel } from "./crowdship-format";
import { DropOffRoute } from "./drop-off-route";
import { OfferForm } from "./offer-form";

interface TripCardProps {
  trip: Trip;
  /** The traveller's own offers loaded so far (the dashboard reads them in one list, not per request). */
  offers: ShipmentOffer[];
  onChanged: (trip: Trip, notice: string) => void;
  onOffered: (notice: string) => void;
}

export function TripCard({ trip, offers, onChanged, onOffered }: TripCardProps) {
  const headingId = `trip-${trip.id}`;
  const scheduled = trip.status === "scheduled";
  return (
    <li className="card trip-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{routeName(trip.from, trip.to)}</h3>
      <dl className="details">
        <dt>Status</dt>
        <dd>{tripStatusLabel(trip.status)}</dd>
        <dt>Leaves</dt>
        <dd>
          {placeName(trip.from)}, <time dateTime={trip.departAt}>{formatDateTime(trip.departAt)}</time>
        </dd>
        <dt>Arrives</dt>
        <dd>
          {placeName(trip.to)}, <time dateTime={trip.arriveAt}>{formatDateTime(trip.arriveAt)}</time>
        </dd>
        <dt>Free space</dt>
        <dd>
          {formatWeightKg(trip.freeCapacityKg)} of {formatWeightKg(trip.capacityKg)}
        </dd>
      </dl>
      {scheduled && (
        <>
          <TripRequests trip={trip} offers={offers} onOffered={onOffered} />
          <DropOffRoute tripId={trip.id} />
          <ConfirmAction
            label="Cancel trip"
            question="Cancel this trip? Requesters stop seeing it; deliveries you have already accepted stay yours to deliver."
            confirmLabel="Yes, cancel the trip"
            pendingLabel="Cancelling…"
            cancelLabel="Keep the trip"
            variant="danger"
            run={async () => onChanged(await api.cancelTrip(trip.id), "The trip is cancelled.")}
          />
        </>
      )}
    </li>
  );
}

function TripRequests({ trip, offers, onOffered }: { trip: Trip; offers: ShipmentOffer[]; onOffered: (notice: string) => void }) {
  const matches = useApiData((signal) => api.tripRequests(trip.id, signal), [trip.id]);
  const items = matches.state.data;
  return (
    <section className="trip-requests" aria-labelledby={`trip-requests-${trip.id}`}>
      <div className="section-heading">
        <h4 id={`trip-requests-${trip.id}`}>Requests you could carry</h4>
        <button type="button" className="button button-secondary button-small" onClick={matches.reload} disabled={matches.state.status === "loading"}>
          Refresh
        </button>
      </div>
      {items === null ? (
        matches.state.status === "error" ? (
          <LoadError message={matches.state.message} onRetry={matches.reload} />
        ) : (
          <p className="loading" role="status">
            Looking for requests…
          </p>
        )
      ) : items.length === 0 ? (
        <p className="muted">No open request fits this trip yet. New ones are matched as they come in.</p>
      ) : (
        <ul className="match-list" aria-label={`Requests for ${routeName(trip.from, trip.to)}`}>
          {items.map((match) => (
            <RequestMatch
              key={match.request.id}
              match={match}
              tripId={trip.id}
              mine={offers.filter((offer) => offer.requestId === match.request.id && offer.tripId === trip.id)}
              onOffered={(price) => {
                onOffered(`Offer of ${price} sent for “${match.request.item.title}”.`);
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function RequestMatch({ match, tripId, mine, onOffered }: { match: RequestMatch; tripId: string; mine: ShipmentOffer[]; onOffered: (price: string) => void }) {
  const { request } = match;
  const [offering, setOffering] = useState(false);
  const open = mine.find((offer) => offer.status === "open");
  return (
    <li className="match-row">
      <h5 className="match-title">{request.item.title}</h5>
      <p className="match-meta">
        <span>{routeName(request.from, request.to)}</span>
        <span>{formatWeightKg(request.item.weightKg)}</span>
        <span>
          deliver by <time dateTime={request.deliverBy}>{formatDateTime(request.deliverBy)}</time>
        </span>
        <span>quote {formatMoney(match.quote)}</span>
        <span>fit {formatPercent(match.score)}</span>
        <span>on time {formatPercent(match.onTimeProbability)}</span>
      </p>
      {mine.length > 0 && (
        <ul className="own-offers" aria-label={`Your offers for ${request.item.title}`}>
          {mine.map((offer) => (
            <li key={offer.id}>
              Your offer: {formatMoney(offer.price)} · {offerStatusLabel(offer.status)}
            </li>
          ))}
        </ul>
      )}
      {open === undefined &&
        (offering ? (
          <OfferForm
            requestId={request.id}
            tripId={tripId}
            quote={match.quote}
            onOffered={(offer) => {
              setOffering(false);
              onOffered(formatMoney(offer.price));
            }}
          />
        ) : (
          <button type="button" className="button button-primary button-small" onClick={() => setOffering(true)} aria-label={`Make an offer for ${request.item.title}`}>
            Make an offer
          </button>
        ))}
    </li>
  );
}
