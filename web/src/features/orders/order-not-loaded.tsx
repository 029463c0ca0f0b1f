// What the order and checkout pages show until their order is loaded: loading, a load error, or not found.
import { Link } from "react-router";
import { ApiError } from "../../api/api-error";
import type { Order } from "../../api/types";
import { LoadError } from "../../components/load-error";
import type { ApiData } from "../../components/use-api-data";

/** The API answers 404 both for an order that does not exist and for one that is not the viewer's. */
export function OrderNotLoaded({ state, reload }: { state: ApiData<Order>; reload: () => void }) {
  if (state.status === "error") {
    if (state.error instanceof ApiError && state.error.status === 404) return <OrderNotFound />;
    return <LoadError message={state.message} onRetry={reload} />;
  }
  return (
    <p className="loading" role="status">
      Loading the order…
    </p>
  );
}

function OrderNotFound() {
  return (
    <section className="card narrow" aria-labelledby="order-missing-title">
      <title>Order not found · Mnbara</title>
      <h1 id="order-missing-title">Order not found</h1>
      <p>This order does not exist, or it is not one of yours.</p>
      <p>
        <Link to="/me/orders">Your orders</Link>
      </p>
    </section>
  );
}
