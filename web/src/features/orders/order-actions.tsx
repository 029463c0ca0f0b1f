// What the viewer can do with the order now, by role and status: pay, cancel, ship, mark delivered, confirm delivery.
import { useState } from "react";
import { Link } from "react-router";
import type { Order, OrderRole } from "../../api/types";
import { api } from "../../app/api";
import { ConfirmAction } from "../../components/confirm-action";
import { ErrorAlert } from "../../components/error-alert";
import { errorMessage } from "../../components/error-message";
import { useIdempotentCall } from "../../components/use-idempotent-call";
import { formatMoney } from "../catalog/money";
import { orderActions } from "./order-rules";
import { ShipForm } from "./ship-form";

interface OrderActionsProps {
  order: Order;
  role: OrderRole;
  onChanged: (order: Order, notice: string) => void;
}

export function OrderActions({ order, role, onChanged }: OrderActionsProps) {
  const actions = orderActions(order, role);
  const idempotent = useIdempotentCall();
  if (actions.length === 0) return null;
  const has = (action: (typeof actions)[number]) => actions.includes(action);

  return (
    <section className="card order-actions" aria-labelledby="order-actions-title">
      <h2 id="order-actions-title">{role === "seller" ? "Your next step" : "What you can do"}</h2>
      {has("pay") && (
        <p>
          <Link to={`/orders/${order.id}/checkout`} className="button button-primary">
            Pay {formatMoney(order.total)}
          </Link>
        </p>
      )}
      {has("ship") && <ShipForm orderId={order.id} onShipped={(shipped) => onChanged(shipped, "Marked as shipped. The buyer has been told.")} />}
      {has("mark_delivered") && <MarkDelivered order={order} onChanged={onChanged} />}
      {has("confirm_delivery") && (
        <ConfirmAction
          label="Confirm delivery"
          question={`Did the item arrive as described? Confirming releases ${formatMoney(order.total)} from escrow to the seller. This cannot be undone.`}
          confirmLabel="Yes, I received it"
          pendingLabel="Confirming…"
          run={async () => onChanged(await idempotent(`confirm-delivery:${order.id}`, (key) => api.confirmDelivery(order.id, key)), "Delivery confirmed. The seller has been paid.")}
        />
      )}
      {has("cancel") && (
        <ConfirmAction
          label="Cancel order"
          question={order.status === "pending_payment" ? "Cancel this order? Nothing has been paid, and the item goes back on sale." : `Cancel this order? The buyer gets ${formatMoney(order.total)} back.`}
          confirmLabel="Yes, cancel the order"
          pendingLabel="Cancelling…"
          cancelLabel="Keep the order"
          variant="danger"
          run={async () => onChanged(await idempotent(`cancel:${order.id}`, (key) => api.cancelOrder(order.id, key)), "The order is cancelled.")}
        />
      )}
    </section>
  );
}

function MarkDelivered({ order, onChanged }: Omit<OrderActionsProps, "role">) {
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  async function markDelivered(): Promise<void> {
    setPending(true);
    setAlert(null);
    try {
      onChanged(await api.markDelivered(order.id), "Marked as delivered. The buyer is asked to confirm it.");
    } catch (error) {
      setAlert(errorMessage(error));
    } finally {
      setPending(false);
    }
  }
  return (
    <div className="mark-delivered">
      <ErrorAlert message={alert} />
      <p className="muted">When the carrier shows it delivered, tell the buyer; the money is released once they confirm, or automatically later.</p>
      <button type="button" className="button button-secondary" onClick={() => void markDelivered()} disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : "Mark delivered"}
      </button>
    </div>
  );
}
