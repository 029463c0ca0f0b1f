// The bids so far, newest first, by alias and the price each made; the viewer's own alias is marked.
import { useId, useState } from "react";
import type { BidHistoryEntry } from "../../api/types";
import { formatMoney } from "../catalog/money";
import { formatTime } from "./auction-format";

// Enough to see the bidding war; the rest is one click away.
const shownAtFirst = 5;

export function BidHistory({ history, myAlias, ended }: { history: BidHistoryEntry[] | null; myAlias: string | null; ended: boolean }) {
  const titleId = useId();
  const [showAll, setShowAll] = useState(false);
  const shown = history === null ? [] : showAll ? history : history.slice(0, shownAtFirst);
  return (
    <section className="bid-history" aria-labelledby={titleId}>
      <h2 id={titleId} className="bid-history-title">
        Bid history
      </h2>
      {history === null ? (
        <p className="muted">Loading the bids…</p>
      ) : history.length === 0 ? (
        <p className="muted">{ended ? "No bids were placed." : "No bids yet."}</p>
      ) : (
        <>
          <ol className="bid-list" aria-label="Bids, newest first">
            {shown.map((entry, index) => (
              <li key={`${entry.at}-${entry.bidderAlias}-${index}`} className="bid-entry">
                <span className="bid-alias">
                  {entry.bidderAlias}
                  {entry.bidderAlias === myAlias && <span className="muted"> (you)</span>}
                </span>
                <span className="bid-amount">{formatMoney(entry.amount)}</span>
                <time className="bid-time muted" dateTime={entry.at}>
                  {formatTime(entry.at)}
                </time>
              </li>
            ))}
          </ol>
          {history.length > shownAtFirst && (
            <button type="button" className="button button-link button-tiny" onClick={() => setShowAll((value) => !value)} aria-expanded={showAll}>
              {showAll ? "Show fewer bids" : `Show ${history.length - shownAtFirst} more`}
            </button>
          )}
        </>
      )}
    </section>
  );
}
