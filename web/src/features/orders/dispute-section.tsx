// The dispute part of an order page: the conversation when there is one, else (for the buyer, while it fits) a way to open one.
import { useState } from "react";
import type { Dispute, DisputeReason, Order } from "../../api/types";
import { api } from "../../app/api";
import { LoadError } from "../../components/load-error";
import { SelectField } from "../../components/select-field";
import { useApiData } from "../../components/use-api-data";
import { DisputeMessageForm } from "./dispute-message-form";
import { disputeReasonLabels, disputeReasons } from "./dispute-rules";
import { DisputeThread } from "./dispute-thread";

interface DisputeSectionProps {
  order: Order;
  viewerId: string | null;
  canOpen: boolean;
  // Opening a dispute changes the order's status; the page reloads it.
  onOpened: () => void;
}

export function DisputeSection({ order, viewerId, canOpen, onOpened }: DisputeSectionProps) {
  const hasDispute = (order.dispute !== undefined && order.dispute !== null) || order.status === "disputed";
  if (!hasDispute && !canOpen) return null;
  return (
    <section className="card dispute-section" aria-labelledby="dispute-title">
      <h2 id="dispute-title">Dispute</h2>
      {hasDispute ? <LoadedDispute orderId={order.id} viewerId={viewerId} /> : <OpenDispute orderId={order.id} onOpened={onOpened} />}
    </section>
  );
}

function LoadedDispute({ orderId, viewerId }: { orderId: string; viewerId: string | null }) {
  const { state, reload, replace } = useApiData((signal) => api.orderDispute(orderId, signal), [orderId]);
  if (state.data === null) {
    if (state.status === "error") return <LoadError message={state.message} onRetry={reload} />;
    return (
      <p className="loading" role="status">
        Loading the dispute…
      </p>
    );
  }
  return <DisputeThread dispute={state.data} viewerId={viewerId} onChanged={replace} />;
}

function OpenDispute({ orderId, onOpened }: { orderId: string; onOpened: (dispute: Dispute) => void }) {
  const [opening, setOpening] = useState(false);
  const [reason, setReason] = useState<DisputeReason>("not_received");
  if (!opening) {
    return (
      <>
        <p className="muted">If something is wrong with the order, open a dispute: the money stays in escrow until it is settled.</p>
        <button type="button" className="button button-secondary" onClick={() => setOpening(true)}>
          Open a dispute
        </button>
      </>
    );
  }
  return (
    <DisputeMessageForm
      label="Open a dispute"
      messageLabel="What happened?"
      submitLabel="Open dispute"
      pendingLabel="Opening…"
      send={async (message, evidence) => onOpened(await api.openDispute(orderId, { reason, message, ...(evidence.length === 0 ? {} : { evidence }) }))}
    >
      <SelectField label="Reason" name="reason" value={reason} onChange={(event) => setReason(event.target.value as DisputeReason)} required markRequired>
        {disputeReasons.map((value) => (
          <option key={value} value={value}>
            {disputeReasonLabels[value]}
          </option>
        ))}
      </SelectField>
    </DisputeMessageForm>
  );
}
