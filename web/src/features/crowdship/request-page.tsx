// One shipment request, for its requester: what and where, the travellers who match, their offers against the quote, and accepting one.
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { AcceptOfferResult, ShipmentRequest } from "../../api/types";
import { api } from "../../app/api";
import { LoadError } from "../../components/load-error";
import { useApiData } from "../../components/use-api-data";
import { formatMoney } from "../catalog/money";
import { formatDateTime } from "../catalog/time-left";
import { formatWeightKg, placeName, requestStatusLabel, routeName } from "./crowdship-format";
import { AcceptedPin } from "./accepted-pin";
import { RequestMatches } from "./request-matches";
import { RequestOffers } from "./request-offers";

export function RequestPage() {
  const { id = "" } = useParams();
  const request = useApiData((signal) => api.shipmentRequest(id, signal), [id]);
  const [accepted, setAccepted] = useState<AcceptOfferResult | null>(null);
  const data = request.state.data !== null && request.state.data.id === id ? request.state.data : null;

  if (data === null) {
    return request.state.status === "error" ? (
      <LoadError message={request.state.message} onRetry={request.reload} />
    ) : (
      <p className="loading" role="status">
        Loading the request…
      </p>
    );
  }
  return (
    <article className="request-page" aria-labelledby="request-title">
      <title>{`${data.item.title} · Crowdship · Mnbara`}</title>
      <header className="page-header">
        <p className="muted">
          <Link to="/crowdship">Crowdship</Link> · {routeName(data.from, data.to)}
        </p>
        <h1 id="request-title">{data.item.title}</h1>
        <p>
          <span className={`badge badge-status badge-request-${data.status}`}>{requestStatusLabel(data.status)}</span>
        </p>
      </header>
      {accepted !== null ? (
        <AcceptedPin result={accepted} />
      ) : (
        data.status === "accepted" && (
          <p className="notice">
            You accepted an offer on this request.{" "}
            {data.shipmentId ? <Link to={`/shipments/${data.shipmentId}`}>Follow the delivery live</Link> : <>Follow the delivery under <Link to="/crowdship">your shipments</Link></>}.
          </p>
        )
      )}
      <div className="order-layout">
        <div className="order-main">
          {data.status === "open" && <RequestMatches requestId={data.id} />}
          <RequestOffers
            request={data}
            onAccepted={(result) => {
              setAccepted(result);
              request.reload();
            }}
          />
        </div>
        <aside className="order-aside">
          <RequestSummary request={data} />
        </aside>
      </div>
    </article>
  );
}

function RequestSummary({ request }: { request: ShipmentRequest }) {
  return (
    <section className="card" aria-labelledby="request-summary-title">
      <h2 id="request-summary-title">Request</h2>
      <dl className="details">
        <dt>From</dt>
        <dd>{placeName(request.from)}</dd>
        <dt>To</dt>
        <dd>{placeName(request.to)}</dd>
        <dt>Weight</dt>
        <dd>{formatWeightKg(request.item.weightKg)}</dd>
        <dt>Value</dt>
        <dd>{formatMoney(request.item.value)}</dd>
        <dt>Deliver by</dt>
        <dd>
          <time dateTime={request.deliverBy}>{formatDateTime(request.deliverBy)}</time>
        </dd>
        <dt>Quote</dt>
        <dd>{formatMoney(request.quote)}</dd>
        {request.reward !== null && (
          <>
            <dt>Your reward</dt>
            <dd>{formatMoney(request.reward)}</dd>
          </>
        )}
        {request.orderId !== null && (
          <>
            <dt>Order</dt>
            <dd>
              <Link to={`/orders/${request.orderId}`}>View the order</Link>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
