// What the seller sees on their own listing: its status and the actions that fit it (edit, publish, end).
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../app/api";
import type { Listing } from "../../api/types";
import { ErrorAlert } from "../../components/error-alert";
import { errorMessage } from "../../components/error-message";
import { statusLabels } from "./listing-rules";

interface SellerPanelProps {
  listing: Listing;
  onChanged: (listing: Listing, notice: string) => void;
}

const statusExplanations: Record<Listing["status"], string> = {
  draft: "Only you can see this draft. Publish it to let buyers find it.",
  active: "Buyers can find and see this listing.",
  ended: "This listing has ended; buyers can still see it but not buy it.",
  sold: "This listing has sold.",
};

export function SellerPanel({ listing, onChanged }: SellerPanelProps) {
  const [pending, setPending] = useState<"publish" | "end" | null>(null);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const editable = listing.status === "draft" || listing.status === "active";
  const endable = editable && !(listing.format === "auction" && (listing.auction?.bidCount ?? 0) > 0);

  async function run(kind: "publish" | "end"): Promise<void> {
    setPending(kind);
    setAlert(null);
    try {
      const updated = kind === "publish" ? await api.publishListing(listing.id) : await api.endListing(listing.id);
      setConfirmingEnd(false);
      onChanged(updated, kind === "publish" ? "Your listing is live." : "The listing has ended.");
    } catch (error) {
      setAlert(errorMessage(error));
    } finally {
      setPending(null);
    }
  }

  return (
    <section className="card seller-panel" aria-labelledby="seller-panel-title">
      <div className="seller-panel-head">
        <h2 id="seller-panel-title">Your listing</h2>
        <span className={`badge badge-status badge-${listing.status}`}>{statusLabels[listing.status]}</span>
      </div>
      <p className="muted">{statusExplanations[listing.status]}</p>
      <ErrorAlert message={alert} />
      {editable && (
        <div className="actions">
          <Link to={`/listings/${listing.id}/edit`} className="button button-secondary">
            Edit
          </Link>
          {listing.status === "draft" && (
            <button type="button" className="button button-primary" onClick={() => void run("publish")} disabled={pending !== null} aria-busy={pending === "publish"}>
              {pending === "publish" ? "Publishing…" : "Publish"}
            </button>
          )}
          {endable && !confirmingEnd && (
            <button type="button" className="button button-danger" onClick={() => setConfirmingEnd(true)} disabled={pending !== null}>
              End listing
            </button>
          )}
        </div>
      )}
      {editable && !endable && <p className="field-hint">An auction with bids runs until its end time.</p>}
      {confirmingEnd && (
        <div className="confirm" role="group" aria-labelledby="end-confirm-text">
          <p id="end-confirm-text">
            End this listing now? {listing.status === "draft" ? "The draft can no longer be published." : "Buyers will no longer be able to buy it."} This cannot be undone.
          </p>
          <div className="actions">
            <button type="button" className="button button-danger" onClick={() => void run("end")} disabled={pending !== null} aria-busy={pending === "end"} autoFocus>
              {pending === "end" ? "Ending…" : "Yes, end listing"}
            </button>
            <button type="button" className="button button-link" onClick={() => setConfirmingEnd(false)} disabled={pending !== null}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
