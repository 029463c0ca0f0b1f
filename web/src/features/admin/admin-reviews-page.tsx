// The fraud review queue: payments the risk checks held, with their score and reasons, for an admin to approve or reject.
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { FraudReview, ReviewStatus } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { errorMessage } from "../../components/error-message";
import { PagedList } from "../../components/paged-list";
import { TextField } from "../../components/text-field";
import { usePagedData } from "../../components/use-paged-data";
import { formatMoney } from "../catalog/money";
import { formatDateTime } from "../catalog/time-left";
import { reviewKindLabel, reviewNoteLengthMax } from "./review-rules";

const pageSize = 20;
const tabs: readonly { status: ReviewStatus; label: string }[] = [
  { status: "pending", label: "Pending" },
  { status: "approved", label: "Approved" },
  { status: "rejected", label: "Rejected" },
];

function parseStatus(value: string | null): ReviewStatus {
  return value === "approved" || value === "rejected" ? value : "pending";
}

export function AdminReviewsPage() {
  const [searchParams] = useSearchParams();
  const status = parseStatus(searchParams.get("status"));
  const list = usePagedData((cursor, signal) => api.adminReviews({ status, limit: pageSize, ...(cursor === undefined ? {} : { cursor }) }, signal), [status]);
  const [notice, setNotice] = useState("");
  const refreshing = list.first.status === "loading" && list.first.data !== null;
  const tabLabel = tabs.find((tab) => tab.status === status)?.label ?? "Pending";

  return (
    <div className="admin-reviews">
      <title>Fraud reviews · Admin · Mnbara</title>
      <header className="page-header page-header-row">
        <h1>Fraud reviews</h1>
        <button type="button" className="button button-secondary" onClick={list.reload} disabled={list.first.status === "loading"} aria-busy={refreshing}>
          {refreshing ? "Refreshing…" : "Refresh"}
        </button>
      </header>
      <nav aria-label="Filter by status" className="tabs tabs-secondary">
        {tabs.map((tab) => (
          <Link key={tab.status} to={tab.status === "pending" ? "/admin/reviews" : `/admin/reviews?status=${tab.status}`} className="tab" aria-current={tab.status === status ? "page" : undefined}>
            {tab.label}
          </Link>
        ))}
      </nav>
      <p className="notice" role="status">
        {notice}
      </p>
      <PagedList
        list={list}
        label={`${tabLabel} reviews`}
        className="review-list"
        loadingText="Loading reviews…"
        empty={
          <>
            <h2>{status === "pending" ? "Nothing waiting for review" : `No ${tabLabel.toLowerCase()} reviews`}</h2>
            <p>Payments the risk checks hold show here.</p>
          </>
        }
      >
        {(review) => (
          <ReviewCard
            key={review.id}
            review={review}
            onDecided={(decided) => {
              setNotice(`${decided.status === "approved" ? "Approved" : "Rejected"}: ${reviewKindLabel(decided.kind)} of ${formatMoney(decided.amount)}.`);
              list.reload();
            }}
          />
        )}
      </PagedList>
    </div>
  );
}

function ReviewCard({ review, onDecided }: { review: FraudReview; onDecided: (review: FraudReview) => void }) {
  const [note, setNote] = useState("");
  const [pending, setPending] = useState<"approve" | "reject" | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const headingId = `review-${review.id}`;

  async function decide(decision: "approve" | "reject"): Promise<void> {
    setPending(decision);
    setAlert(null);
    try {
      onDecided(await api.decideReview(review.id, decision, note.trim()));
    } catch (error) {
      setAlert(errorMessage(error));
    } finally {
      setPending(null);
    }
  }

  return (
    <li className="card review-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="review-title">
        {reviewKindLabel(review.kind)} of {formatMoney(review.amount)}
      </h2>
      <dl className="details">
        <dt>Risk score</dt>
        <dd>
          <strong className="review-score">{review.score}</strong>
        </dd>
        <dt>User</dt>
        <dd>
          <code>{review.userId}</code>
        </dd>
        <dt>Held</dt>
        <dd>
          <time dateTime={review.createdAt}>{formatDateTime(review.createdAt)}</time>
        </dd>
        {review.decidedAt !== null && (
          <>
            <dt>Decided</dt>
            <dd>
              <time dateTime={review.decidedAt}>{formatDateTime(review.decidedAt)}</time>
              {review.note !== null && <> · {review.note}</>}
            </dd>
          </>
        )}
      </dl>
      <ul className="review-reasons" aria-label="Reasons">
        {review.reasons.map((reason) => (
          <li key={reason.rule}>
            <strong>+{reason.points}</strong> {reason.detail}
          </li>
        ))}
      </ul>
      {review.status === "pending" && (
        <div className="review-decision">
          <ErrorAlert message={alert} />
          <TextField label="Note (optional)" name={`note-${review.id}`} maxLength={reviewNoteLengthMax} value={note} onChange={(event) => setNote(event.target.value)} autoComplete="off" />
          <div className="actions">
            <button type="button" className="button button-primary" onClick={() => void decide("approve")} disabled={pending !== null} aria-busy={pending === "approve"}>
              {pending === "approve" ? "Approving…" : "Approve"}
            </button>
            <button type="button" className="button button-danger" onClick={() => void decide("reject")} disabled={pending !== null} aria-busy={pending === "reject"}>
              {pending === "reject" ? "Rejecting…" : "Reject"}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
