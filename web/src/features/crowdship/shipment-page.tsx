// Live tracking of one shipment: the map, ETA and status, the milestones so far, updating from the courier session as they happen.
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useAppSelector } from "../../app/store";
import { LiveIndicator } from "../../components/live-indicator";
import { LoadError } from "../../components/load-error";
import { selectUser } from "../auth/auth-slice";
import { formatMoney } from "../catalog/money";
import { formatDateTime } from "../catalog/time-left";
import { formatLatLng, milestoneLabel, placeName, routeName, shipmentStatusLabel, shortReference } from "./crowdship-format";
import { DeliveryActions } from "./delivery-actions";
import { RateTraveller } from "./rate-traveller";
import { ShipmentMap } from "./shipment-map";
import { useLiveShipment } from "./use-live-shipment";

// Nothing moves after these; the socket stays open only to show the last word.
const finished = new Set(["delivered", "cancelled"]);

export function ShipmentPage() {
  const { id = "" } = useParams();
  // A new id starts from nothing: no positions or milestones of another shipment may linger.
  return <ShipmentTracking key={id} shipmentId={id} />;
}

function ShipmentTracking({ shipmentId }: { shipmentId: string }) {
  const user = useAppSelector(selectUser);
  const { state, loadError, retry, reload, replace } = useLiveShipment(shipmentId);
  const [notice, setNotice] = useState("");
  const { shipment, status, lastPosition, eta, milestones, trace, connection, announcement } = state;

  if (shipment === null || status === null) {
    return loadError !== null ? (
      <LoadError message={loadError} onRetry={retry} />
    ) : (
      <p className="loading" role="status">
        Loading the shipment…
      </p>
    );
  }
  const isTraveler = user?.id === shipment.travelerId;
  return (
    <article className="shipment-page" aria-labelledby="shipment-title">
      <title>{`Tracking ${shipment.item.title} · Mnbara`}</title>
      <header className="page-header">
        <p className="muted">
          <Link to={isTraveler ? "/crowdship/trips" : "/crowdship"}>{isTraveler ? "Travel and carry" : "Crowdship"}</Link> · Shipment {shortReference(shipment.id)}
        </p>
        <h1 id="shipment-title">{shipment.item.title}</h1>
        <p className="order-status-line">
          <span className={`badge badge-status badge-shipment-${status}`}>{shipmentStatusLabel(status)}</span> <span className="muted">{routeName(shipment.from, shipment.to)}</span>{" "}
          {!finished.has(status) && <LiveIndicator connection={connection} liveTitle="Positions and milestones show here as they happen." />}
        </p>
      </header>
      <p className="notice" role="status">
        {notice}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <div className="order-layout">
        <div className="order-main">
          <section className="card" aria-labelledby="map-title">
            <h2 id="map-title">Where it is</h2>
            <ShipmentMap from={shipment.from} to={shipment.to} trace={trace} lastPosition={lastPosition} />
          </section>
          {user?.id === shipment.requesterId && status === "delivered" && (
            <section className="card" aria-labelledby="rating-title">
              <h2 id="rating-title">How did it go?</h2>
              {shipment.rating === null ? (
                <RateTraveller
                  shipmentId={shipment.id}
                  onRated={(rated) => {
                    replace(rated);
                    setNotice("Thank you: your rating is saved.");
                  }}
                />
              ) : (
                <p>You rated the traveller {shipment.rating} out of 5.</p>
              )}
            </section>
          )}
          {isTraveler && (
            <section className="card" aria-labelledby="delivery-actions-title">
              <h2 id="delivery-actions-title">Your delivery</h2>
              <DeliveryActions
                shipment={{ ...shipment, status }}
                onChanged={(changed, message) => {
                  replace(changed);
                  setNotice(message);
                }}
                onLocked={reload}
              />
            </section>
          )}
        </div>
        <aside className="order-aside">
          <section className="card" aria-labelledby="progress-title">
            <h2 id="progress-title">Progress</h2>
            <dl className="details shipment-facts">
              <dt>Status</dt>
              <dd>{shipmentStatusLabel(status)}</dd>
              <dt>Estimated arrival</dt>
              <dd>{eta === null ? "Not known yet" : <time dateTime={eta}>{formatDateTime(eta)}</time>}</dd>
              <dt>Last position</dt>
              <dd>
                {lastPosition === null ? (
                  "None yet"
                ) : (
                  <>
                    {formatLatLng(lastPosition.lat, lastPosition.lng)} at <time dateTime={lastPosition.at}>{formatDateTime(lastPosition.at)}</time>
                  </>
                )}
              </dd>
              <dt>From</dt>
              <dd>{placeName(shipment.from)}</dd>
              <dt>To</dt>
              <dd>{placeName(shipment.to)}</dd>
              <dt>Deliver by</dt>
              <dd>
                <time dateTime={shipment.deliverBy}>{formatDateTime(shipment.deliverBy)}</time>
              </dd>
              <dt>Reward</dt>
              <dd>{formatMoney(shipment.reward)}</dd>
              {shipment.itemCost.amount > 0 && (
                <>
                  <dt>Item price (paid back to the traveller)</dt>
                  <dd>{formatMoney(shipment.itemCost)}</dd>
                </>
              )}
            </dl>
          </section>
          <section className="card" aria-labelledby="milestones-title">
            <h2 id="milestones-title">Milestones</h2>
            {milestones.length === 0 ? (
              <p className="muted">Nothing yet.</p>
            ) : (
              <ol className="timeline" aria-label="Milestones">
                {milestones.map((milestone, index) => (
                  <li key={`${milestone.kind}-${milestone.at}`} className={`timeline-entry ${index === milestones.length - 1 ? "timeline-current" : ""}`}>
                    <span className="timeline-status">{milestoneLabel(milestone.kind)}</span>{" "}
                    <time className="timeline-time muted" dateTime={milestone.at}>
                      {formatDateTime(milestone.at)}
                    </time>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}
