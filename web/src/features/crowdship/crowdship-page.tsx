// Crowdship for the requester: ask a traveller to carry something, follow one's requests and the shipments under way.
import { Link } from "react-router";
import { api } from "../../app/api";
import { PagedList } from "../../components/paged-list";
import { usePagedData } from "../../components/use-paged-data";
import { formatMoney } from "../catalog/money";
import { formatDate } from "../catalog/time-left";
import { requestStatusLabel, routeName, shipmentStatusLabel } from "./crowdship-format";

const pageSize = 20;

export function CrowdshipPage() {
  const requests = usePagedData((cursor, signal) => api.myShipmentRequests({ limit: pageSize, ...(cursor === undefined ? {} : { cursor }) }, signal), []);
  const shipments = usePagedData((cursor, signal) => api.myShipments({ role: "requester", limit: pageSize, ...(cursor === undefined ? {} : { cursor }) }, signal), []);
  return (
    <div className="crowdship-page">
      <title>Crowdship · Mnbara</title>
      <header className="page-header page-header-row">
        <h1>Crowdship</h1>
        <div className="actions">
          <Link to="/crowdship/requests/new" className="button button-primary">
            Ship with a traveller
          </Link>
          <Link to="/crowdship/trips" className="button button-secondary">
            Travel and carry
          </Link>
        </div>
      </header>
      <section aria-labelledby="shipments-title">
        <h2 id="shipments-title">Your shipments</h2>
        <PagedList list={shipments} label="Your shipments" className="order-list" loadingText="Loading your shipments…" empty={<p>Once you accept a traveller's offer, the shipment shows here to follow live.</p>}>
          {(shipment) => (
            <li key={shipment.id} className="order-row">
              <div className="order-row-main">
                <h3 className="order-row-title">
                  <Link to={`/shipments/${shipment.id}`}>{shipment.item.title}</Link>
                </h3>
                <p className="order-row-meta">
                  <span className={`badge badge-status badge-shipment-${shipment.status}`}>{shipmentStatusLabel(shipment.status)}</span>
                  <span>{routeName(shipment.from, shipment.to)}</span>
                </p>
              </div>
              <p className="order-row-total">{formatMoney(shipment.reward)}</p>
            </li>
          )}
        </PagedList>
      </section>
      <section aria-labelledby="requests-title">
        <h2 id="requests-title">Your requests</h2>
        <PagedList
          list={requests}
          label="Your requests"
          className="order-list"
          loadingText="Loading your requests…"
          empty={
            <>
              <p>No requests yet. Ask a traveller already making the trip to bring you something.</p>
              <Link to="/crowdship/requests/new" className="button button-primary">
                Ship with a traveller
              </Link>
            </>
          }
        >
          {(request) => (
            <li key={request.id} className="order-row">
              <div className="order-row-main">
                <h3 className="order-row-title">
                  <Link to={`/crowdship/requests/${request.id}`}>{request.item.title}</Link>
                </h3>
                <p className="order-row-meta">
                  <span className={`badge badge-status badge-request-${request.status}`}>{requestStatusLabel(request.status)}</span>
                  <span>{routeName(request.from, request.to)}</span>
                  <span>
                    by <time dateTime={request.deliverBy}>{formatDate(request.deliverBy)}</time>
                  </span>
                </p>
              </div>
              <p className="order-row-total">quote {formatMoney(request.quote)}</p>
            </li>
          )}
        </PagedList>
      </section>
    </div>
  );
}
