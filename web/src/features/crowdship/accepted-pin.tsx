// The delivery PIN, shown once after accepting an offer, with the one rule that keeps the reward safe.
import { Link } from "react-router";
import type { AcceptOfferResult } from "../../api/types";
import { formatMoney } from "../catalog/money";

export function AcceptedPin({ result }: { result: AcceptOfferResult }) {
  const { shipment, pin } = result;
  return (
    <section className="card accepted-pin" aria-labelledby="pin-title">
      <h2 id="pin-title">Your delivery PIN</h2>
      <p className="pin-code">{pin}</p>
      <p>
        <strong>Give this PIN to the traveller only when you have the item in your hands.</strong> It releases the {formatMoney(shipment.reward)} reward
        {shipment.itemCost.amount > 0 && <> and the item's price of {formatMoney(shipment.itemCost)}</>}, held from your wallet until then.
      </p>
      <p className="muted">It is shown only this once: write it down or keep this page open.</p>
      <p>
        <Link to={`/shipments/${shipment.id}`} className="button button-primary">
          Track the shipment
        </Link>
      </p>
    </section>
  );
}
