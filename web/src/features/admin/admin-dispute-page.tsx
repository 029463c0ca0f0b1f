// One dispute for an admin: the order's money and history, the conversation (the admin can write too), and the decision.
import { Link, useParams } from "react-router";
import { api } from "../../app/api";
import { useAppSelector } from "../../app/store";
import { LoadError } from "../../components/load-error";
import { useApiData } from "../../components/use-api-data";
import { selectUser } from "../auth/auth-slice";
import { DisputeThread } from "../orders/dispute-thread";
import { orderStatusLabel, shortOrderNumber } from "../orders/order-rules";
import { OrderSummary } from "../orders/order-summary";
import { OrderTimeline } from "../orders/order-timeline";
import { useOrder } from "../orders/use-order";
import { ResolveDisputeForm } from "./resolve-dispute-form";

export function AdminDisputePage() {
  const { orderId = "" } = useParams();
  const user = useAppSelector(selectUser);
  const { state: orderState, order, reload: reloadOrder } = useOrder(orderId);
  const dispute = useApiData((signal) => api.orderDispute(orderId, signal), [orderId]);
  const current = dispute.state.data !== null && dispute.state.data.orderId === orderId ? dispute.state.data : null;

  if (order === null || current === null) {
    const failed = orderState.status === "error" ? { message: orderState.message, retry: reloadOrder } : dispute.state.status === "error" ? { message: dispute.state.message, retry: dispute.reload } : null;
    if (failed !== null) return <LoadError message={failed.message} onRetry={failed.retry} />;
    return (
      <p className="loading" role="status">
        Loading the dispute…
      </p>
    );
  }

  return (
    <article className="admin-dispute" aria-labelledby="admin-dispute-title">
      <title>{`Dispute on order ${shortOrderNumber(order.id)} · Admin · Mnbara`}</title>
      <header className="page-header">
        <p className="muted">
          <Link to="/admin/disputes">Disputes</Link> · Order {shortOrderNumber(order.id)}
        </p>
        <h1 id="admin-dispute-title">{order.title}</h1>
        <p>
          <span className={`badge badge-status badge-order-${order.status}`}>{orderStatusLabel(order.status)}</span>
        </p>
      </header>
      <div className="order-layout">
        <div className="order-main">
          <section className="card" aria-labelledby="admin-dispute-thread-title">
            <h2 id="admin-dispute-thread-title">Dispute</h2>
            <DisputeThread dispute={current} viewerId={user?.id ?? null} onChanged={dispute.replace} />
          </section>
          {current.status === "open" && (
            <section className="card" aria-labelledby="resolve-title">
              <h2 id="resolve-title">Decide</h2>
              <ResolveDisputeForm
                disputeId={current.id}
                total={order.total}
                onResolved={(resolved) => {
                  dispute.replace(resolved);
                  reloadOrder();
                }}
              />
            </section>
          )}
        </div>
        <aside className="order-aside">
          <section className="card" aria-labelledby="admin-order-title">
            <h2 id="admin-order-title">Order</h2>
            <OrderSummary order={order} showPayout />
          </section>
          <OrderTimeline entries={order.timeline} />
        </aside>
      </div>
    </article>
  );
}
