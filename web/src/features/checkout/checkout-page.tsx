// Checkout for one order: what is being paid, then pay from the wallet or by card, through a 3-D Secure step when the bank asks.
import { Link, useParams } from "react-router";
import type { Order } from "../../api/types";
import { api } from "../../app/api";
import { LoadError } from "../../components/load-error";
import { useApiData } from "../../components/use-api-data";
import { OrderNotLoaded } from "../orders/order-not-loaded";
import { orderStatusLabel, shortOrderNumber } from "../orders/order-rules";
import { OrderSummary } from "../orders/order-summary";
import { useOrder } from "../orders/use-order";
import { PayForm } from "./pay-form";
import { availableIn } from "./payment-rules";

export function CheckoutPage() {
  const { id = "" } = useParams();
  const { state, order, reload } = useOrder(id);
  const config = useApiData((signal) => api.paymentsConfig(signal), []);
  const wallet = useApiData((signal) => api.wallet(signal), []);
  // Only an order still without delivery (an auction's) needs the listing: whether crowdship is offered.
  const listingId = order !== null && order.delivery === null ? order.listingId : null;
  const listing = useApiData((signal) => (listingId === null ? Promise.resolve(null) : api.listing(listingId, signal)), [listingId]);

  if (order === null) return <OrderNotLoaded state={state} reload={reload} />;

  return (
    <div className="checkout">
      <title>Checkout · Mnbara</title>
      <header className="page-header">
        <p className="muted">Order {shortOrderNumber(order.id)}</p>
        <h1>Checkout</h1>
      </header>
      <div className="checkout-layout">
        <section className="card" aria-labelledby="checkout-summary-title">
          <h2 id="checkout-summary-title">Your order</h2>
          <OrderSummary order={order} showPayout={false} />
        </section>
        <section className="card" aria-labelledby="checkout-pay-title">
          <h2 id="checkout-pay-title">Payment</h2>
          {order.status !== "pending_payment" ? (
            <NotPayable order={order} />
          ) : config.state.data === null || wallet.state.data === null ? (
            config.state.status === "error" ? (
              <LoadError message={config.state.message} onRetry={config.reload} />
            ) : wallet.state.status === "error" ? (
              <LoadError message={wallet.state.message} onRetry={wallet.reload} />
            ) : (
              <p className="loading" role="status">
                Loading payment options…
              </p>
            )
          ) : (
            <PayForm
              order={order}
              config={config.state.data}
              available={availableIn(wallet.state.data.balances, order.total.currency)}
              crowdshipEligible={listing.state.data?.crowdshipEligible ?? false}
              onWalletChanged={wallet.reload}
            />
          )}
        </section>
      </div>
    </div>
  );
}

function NotPayable({ order }: { order: Order }) {
  return (
    <div className="not-payable">
      <p>
        {order.status === "paid" ? "This order is paid." : `This order cannot be paid: it is ${orderStatusLabel(order.status).toLowerCase()}.`}
      </p>
      <Link to={`/orders/${order.id}`} className="button button-secondary">
        View the order
      </Link>
    </div>
  );
}
