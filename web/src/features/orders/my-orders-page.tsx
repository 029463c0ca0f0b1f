// The signed-in user's orders, newest first: tabs for buying and selling and a status filter, both kept in the URL.
import { Link, useSearchParams } from "react-router";
import type { Order, OrderRole } from "../../api/types";
import { api } from "../../app/api";
import { PagedList } from "../../components/paged-list";
import { SelectField } from "../../components/select-field";
import { usePagedData } from "../../components/use-paged-data";
import { formatMoney } from "../catalog/money";
import { formatDate } from "../catalog/time-left";
import { orderStatusLabel, orderStatusLabels, orderStatuses, parseOrderStatus, shortOrderNumber } from "./order-rules";

const pageSize = 20;
const tabs: readonly { role: OrderRole; label: string }[] = [
  { role: "buyer", label: "Buying" },
  { role: "seller", label: "Selling" },
];

export function MyOrdersPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const role: OrderRole = searchParams.get("role") === "seller" ? "seller" : "buyer";
  const status = parseOrderStatus(searchParams.get("status"));
  const list = usePagedData(
    (cursor, signal) => api.myOrders({ role, limit: pageSize, ...(status === null ? {} : { status }), ...(cursor === undefined ? {} : { cursor }) }, signal),
    [role, status],
  );
  const tabLabel = role === "seller" ? "Selling" : "Buying";

  function filter(next: { role?: OrderRole; status?: string }): void {
    const params = new URLSearchParams();
    const nextRole = next.role ?? role;
    const nextStatus = "status" in next ? next.status : (status ?? "");
    if (nextRole === "seller") params.set("role", "seller");
    if (nextStatus !== undefined && nextStatus !== "") params.set("status", nextStatus);
    setSearchParams(params);
  }

  return (
    <div className="my-orders">
      <title>Your orders · Mnbara</title>
      <header className="page-header page-header-row">
        <h1>Your orders</h1>
      </header>
      <nav aria-label="Buying or selling" className="tabs">
        {tabs.map((tab) => (
          <Link key={tab.role} to={tab.role === "seller" ? "/me/orders?role=seller" : "/me/orders"} className="tab" aria-current={tab.role === role ? "page" : undefined}>
            {tab.label}
          </Link>
        ))}
      </nav>
      <div className="orders-toolbar">
        <SelectField label="Status" name="status" value={status ?? ""} onChange={(event) => filter({ status: event.target.value })}>
          <option value="">Any status</option>
          {orderStatuses.map((value) => (
            <option key={value} value={value}>
              {orderStatusLabels[value]}
            </option>
          ))}
        </SelectField>
      </div>
      <PagedList
        list={list}
        label={`${tabLabel} orders`}
        className="order-list"
        loadingText="Loading your orders…"
        empty={
          <>
            <h2>{status === null ? (role === "seller" ? "No sales yet" : "No orders yet") : `No orders with status “${orderStatusLabel(status)}”`}</h2>
            <p>{role === "seller" ? "When a buyer orders one of your items, it shows here." : "Items you buy, and auctions you win, show here."}</p>
            {status !== null ? (
              <button type="button" className="button button-secondary" onClick={() => filter({ status: "" })}>
                Show every status
              </button>
            ) : (
              <Link to="/browse" className="button button-primary">
                Browse the marketplace
              </Link>
            )}
          </>
        }
      >
        {(order) => <OrderRow key={order.id} order={order} role={role} />}
      </PagedList>
    </div>
  );
}

function OrderRow({ order, role }: { order: Order; role: OrderRole }) {
  const needsPayment = role === "buyer" && order.status === "pending_payment";
  return (
    <li className="order-row">
      <div className="order-row-main">
        <h2 className="order-row-title">
          <Link to={`/orders/${order.id}`}>{order.title}</Link>
        </h2>
        <p className="order-row-meta">
          <span className={`badge badge-status badge-order-${order.status}`}>{orderStatusLabel(order.status)}</span>
          <span>Order {shortOrderNumber(order.id)}</span>
          <span>
            <time dateTime={order.createdAt}>{formatDate(order.createdAt)}</time>
          </span>
          {order.quantity > 1 && <span>{order.quantity} items</span>}
        </p>
      </div>
      <div className="order-row-numbers">
        <p className="order-row-total">{formatMoney(order.total)}</p>
        {needsPayment && (
          <Link to={`/orders/${order.id}/checkout`} className="button button-primary button-small">
            Pay now
          </Link>
        )}
      </div>
    </li>
  );
}
