// The admin's dispute queue: newest first, open or resolved, each opening to its conversation and the decision form.
import { Link, useSearchParams } from "react-router";
import type { DisputeStatus, DisputeSummary } from "../../api/types";
import { api } from "../../app/api";
import { PagedList } from "../../components/paged-list";
import { usePagedData } from "../../components/use-paged-data";
import { formatMoney } from "../catalog/money";
import { formatDateTime } from "../catalog/time-left";
import { disputeOutcomeLabels, disputeReasonLabel } from "../orders/dispute-rules";
import { orderStatusLabel, shortOrderNumber } from "../orders/order-rules";

const pageSize = 20;
const tabs: readonly { status: DisputeStatus | null; label: string }[] = [
  { status: "open", label: "Open" },
  { status: "resolved", label: "Resolved" },
  { status: null, label: "All" },
];

function parseTab(value: string | null): DisputeStatus | null {
  if (value === "all") return null;
  return value === "resolved" ? "resolved" : "open";
}

export function AdminDisputesPage() {
  const [searchParams] = useSearchParams();
  const status = parseTab(searchParams.get("status"));
  const list = usePagedData(
    (cursor, signal) => api.adminDisputes({ limit: pageSize, ...(status === null ? {} : { status }), ...(cursor === undefined ? {} : { cursor }) }, signal),
    [status],
  );
  const tabLabel = tabs.find((tab) => tab.status === status)?.label ?? "Open";
  const refreshing = list.first.status === "loading" && list.first.data !== null;

  return (
    <div className="admin-disputes">
      <title>Disputes · Admin · Mnbara</title>
      <header className="page-header page-header-row">
        <h1>Disputes</h1>
        <button type="button" className="button button-secondary" onClick={list.reload} disabled={list.first.status === "loading"} aria-busy={refreshing}>
          {refreshing ? "Refreshing…" : "Refresh"}
        </button>
      </header>
      <nav aria-label="Filter by status" className="tabs tabs-secondary">
        {tabs.map((tab) => (
          <Link key={tab.label} to={`/admin/disputes?status=${tab.status ?? "all"}`} className="tab" aria-current={tab.status === status ? "page" : undefined}>
            {tab.label}
          </Link>
        ))}
      </nav>
      <PagedList
        list={list}
        label={`${tabLabel} disputes`}
        className="order-list"
        loadingText="Loading disputes…"
        empty={
          <>
            <h2>{status === "open" ? "No open disputes" : "No disputes here"}</h2>
            <p>Disputes buyers open show here for a decision.</p>
          </>
        }
      >
        {(dispute) => <DisputeRow key={dispute.id} dispute={dispute} />}
      </PagedList>
    </div>
  );
}

function DisputeRow({ dispute }: { dispute: DisputeSummary }) {
  return (
    <li className="order-row">
      <div className="order-row-main">
        <h2 className="order-row-title">
          <Link to={`/admin/disputes/${dispute.orderId}`}>
            Order {shortOrderNumber(dispute.orderId)}: {disputeReasonLabel(dispute.reason).toLowerCase()}
          </Link>
        </h2>
        <p className="order-row-meta">
          <span className={`badge badge-status badge-dispute-${dispute.status}`}>{dispute.status === "open" ? "Open" : "Resolved"}</span>
          <span>Disputed when {orderStatusLabel(dispute.orderStatusBefore).toLowerCase()}</span>
          <span>
            Opened <time dateTime={dispute.createdAt}>{formatDateTime(dispute.createdAt)}</time>
          </span>
          {dispute.resolution !== null && <span>{disputeOutcomeLabels[dispute.resolution.outcome]}</span>}
        </p>
      </div>
      <div className="order-row-numbers">
        <p className="order-row-total">{formatMoney(dispute.total)}</p>
      </div>
    </li>
  );
}
