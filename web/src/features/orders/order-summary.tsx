// An order's money at a glance: item, quantity, price, shipping and total; for the seller also the fee and what they receive.
import { Link } from "react-router";
import type { Order } from "../../api/types";
import { formatMoney } from "../catalog/money";
import { sellerPayout } from "./order-rules";

interface OrderSummaryProps {
  order: Order;
  // The seller sees the platform fee and their payout; the buyer only what they pay.
  showPayout: boolean;
}

export function OrderSummary({ order, showPayout }: OrderSummaryProps) {
  const payout = showPayout ? sellerPayout(order) : null;
  return (
    <dl className="details order-summary" aria-label="Order summary">
      <dt>Item</dt>
      <dd>
        <Link to={`/listings/${order.listingId}`}>{order.title}</Link>
      </dd>
      <dt>Quantity</dt>
      <dd>{order.quantity}</dd>
      <dt>Price</dt>
      <dd>
        {formatMoney(order.unitPrice)}
        {order.quantity > 1 && <span className="muted"> each</span>}
      </dd>
      <dt>Shipping</dt>
      <dd>{order.shippingCost.amount === 0 ? "Free" : formatMoney(order.shippingCost)}</dd>
      <dt>Total</dt>
      <dd className="order-total">{formatMoney(order.total)}</dd>
      {showPayout && order.fee !== undefined && (
        <>
          <dt>Platform fee</dt>
          <dd className="order-fee">−{formatMoney(order.fee)}</dd>
        </>
      )}
      {payout !== null && (
        <>
          <dt>You receive</dt>
          <dd className="order-payout">{formatMoney(payout)}</dd>
        </>
      )}
    </dl>
  );
}
