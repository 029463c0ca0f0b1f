// One order, for its buyer or seller: status, money, timeline, delivery, the actions that fit, and any dispute.
import { useEffect, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import type { Order } from "../../api/types";
import { useAppSelector } from "../../app/store";
import { OrderProofsSection } from "../anchoring/order-proofs-section";
import { selectUser } from "../auth/auth-slice";
import { countryName } from "../catalog/countries";
import { formatDateTime } from "../catalog/time-left";
import { addressLines } from "./address";
import { DisputeSection } from "./dispute-section";
import { OrderActions } from "./order-actions";
import { readOrderNotice } from "./order-notice";
import { orderActions, orderStatusLabel, shortOrderNumber, viewerRole } from "./order-rules";
import { OrderSummary } from "./order-summary";
import { OrderNotLoaded } from "./order-not-loaded";
import { OrderTimeline } from "./order-timeline";
import { useOrder } from "./use-order";

export function OrderPage() {
  const { id = "" } = useParams();
  const user = useAppSelector(selectUser);
  const location = useLocation();
  const navigate = useNavigate();
  const { state, order, reload, replace } = useOrder(id);
  const [notice, setNotice] = useState(() => readOrderNotice(location.state) ?? "");

  // The notice is for this arrival only: a reload must not repeat it.
  useEffect(() => {
    if (readOrderNotice(location.state) !== null) void navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);

  if (order === null) return <OrderNotLoaded state={state} reload={reload} />;

  const role = viewerRole(order, user?.id ?? null);
  const changed = (updated: Order, message: string) => {
    replace(updated);
    setNotice(message);
  };
  return (
    <article className="order-page" aria-labelledby="order-title">
      <title>{`Order ${shortOrderNumber(order.id)} · Mnbara`}</title>
      <header className="page-header">
        <p className="muted">
          <Link to={role === "seller" ? "/me/orders?role=seller" : "/me/orders"}>Your orders</Link> · Order {shortOrderNumber(order.id)}
        </p>
        <h1 id="order-title">{order.title}</h1>
        <p className="order-status-line">
          <span className={`badge badge-status badge-order-${order.status}`}>
            {orderStatusLabel(order.status)}
          </span>{" "}
          <span className="muted">
            {role === "seller" ? "You are the seller" : role === "buyer" ? "You are the buyer" : "Viewing as an admin"} · placed <time dateTime={order.createdAt}>{formatDateTime(order.createdAt)}</time>
          </span>
        </p>
      </header>
      <p className="notice" role="status">
        {notice}
      </p>
      <div className="order-layout">
        <div className="order-main">
          <section className="card" aria-labelledby="order-money-title">
            <h2 id="order-money-title">Summary</h2>
            <OrderSummary order={order} showPayout={role !== "buyer"} />
            {order.status === "pending_payment" && (
              <p className="muted">
                Payment is due by <time dateTime={order.paymentDueAt}>{formatDateTime(order.paymentDueAt)}</time>, or the order expires.
              </p>
            )}
            {role === "seller" && (order.status === "paid" || order.status === "shipped" || order.status === "in_transit" || order.status === "delivered") && (
              <p className="muted">The buyer's payment is held in escrow and comes to your wallet when they confirm delivery.</p>
            )}
          </section>
          {role !== null && <OrderActions order={order} role={role} onChanged={changed} />}
          <DisputeSection order={order} viewerId={user?.id ?? null} canOpen={role !== null && orderActions(order, role).includes("open_dispute")} onOpened={reload} />
          <OrderProofsSection orderId={order.id} status={order.status} />
        </div>
        <aside className="order-aside">
          <DeliveryCard order={order} isBuyer={role === "buyer"} />
          <OrderTimeline entries={order.timeline} />
        </aside>
      </div>
    </article>
  );
}

function DeliveryCard({ order, isBuyer }: { order: Order; isBuyer: boolean }) {
  const { delivery, carrier, trackingNumber } = order;
  return (
    <section className="card" aria-labelledby="delivery-title">
      <h2 id="delivery-title">Delivery</h2>
      {delivery === null ? (
        <p className="muted">The buyer gives the delivery address when paying.</p>
      ) : (
        <dl className="details">
          <dt>Method</dt>
          <dd>
            {delivery.method === "crowdship" ? "Crowdship (a traveller carries it)" : "Shipping"}
            {delivery.method === "crowdship" && isBuyer && (
              <>
                {" · "}
                <Link to={`/crowdship/requests/new?orderId=${encodeURIComponent(order.id)}`}>Ship with a traveller</Link>
              </>
            )}
          </dd>
          <dt>Deliver to</dt>
          <dd>
            <address className="address">
              {addressLines(delivery.address, countryName).map((line, index) => (
                <span key={index} className="address-line">
                  {line}
                </span>
              ))}
            </address>
          </dd>
          {carrier !== null && (
            <>
              <dt>Carrier</dt>
              <dd>{carrier}</dd>
            </>
          )}
          {trackingNumber !== null && (
            <>
              <dt>Tracking number</dt>
              <dd>
                <code>{trackingNumber}</code>
              </dd>
            </>
          )}
          {order.autoReleaseAt !== null && (
            <>
              <dt>Payment released</dt>
              <dd>
                automatically on <time dateTime={order.autoReleaseAt}>{formatDateTime(order.autoReleaseAt)}</time> unless disputed
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
