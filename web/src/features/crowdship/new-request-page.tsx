// "Ship with a traveller": a standalone request, or one for an order bought with crowdship delivery (?orderId=).
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../../app/api";
import { LoadError } from "../../components/load-error";
import { useApiData } from "../../components/use-api-data";
import { shortOrderNumber } from "../orders/order-rules";
import { RequestForm } from "./request-form";

export function NewRequestPage() {
  const [searchParams] = useSearchParams();
  const orderId = searchParams.get("orderId");
  const navigate = useNavigate();
  const order = useApiData((signal) => (orderId === null ? Promise.resolve(null) : api.order(orderId, signal)), [orderId]);
  return (
    <div className="new-request-page">
      <title>Ship with a traveller · Mnbara</title>
      <header className="page-header">
        <p className="muted">
          <Link to="/crowdship">Crowdship</Link>
        </p>
        <h1>Ship with a traveller</h1>
        <p className="lead">Travellers already making the trip carry your item. You see each one's price, arrival estimate and odds of being on time before you choose.</p>
      </header>
      <section className="card" aria-labelledby="request-form-title">
        <h2 id="request-form-title">{orderId === null ? "Your request" : `For order ${shortOrderNumber(orderId)}`}</h2>
        {order.state.status === "error" ? (
          <LoadError message={order.state.message} onRetry={order.reload} />
        ) : order.state.status === "loading" ? (
          <p className="loading" role="status">
            Loading the order…
          </p>
        ) : (
          <RequestForm key={orderId ?? ""} order={order.state.data} onCreated={(request) => void navigate(`/crowdship/requests/${request.id}`)} />
        )}
      </section>
    </div>
  );
}
