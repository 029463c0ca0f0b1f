// The order's history as a list, oldest first: each status it reached, when, and any note (carrier, tracking, reason).
import type { TimelineEntry } from "../../api/types";
import { formatDateTime } from "../catalog/time-left";
import { orderStatusLabel } from "./order-rules";

export function OrderTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  return (
    <section className="card" aria-labelledby="order-timeline-title">
      <h2 id="order-timeline-title">Timeline</h2>
      {entries.length === 0 ? (
        <p className="muted">Nothing has happened to this order yet.</p>
      ) : (
        <ol className="timeline" aria-label="Order timeline">
          {entries.map((entry, index) => (
            <li key={`${entry.status}-${entry.at}-${index}`} className={`timeline-entry ${index === entries.length - 1 ? "timeline-current" : ""}`}>
              <span className="timeline-status">{orderStatusLabel(entry.status)}</span>{" "}
              <time className="timeline-time muted" dateTime={entry.at}>
                {formatDateTime(entry.at)}
              </time>
              {entry.note !== undefined && entry.note !== null && entry.note !== "" && <p className="timeline-note">{entry.note}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
