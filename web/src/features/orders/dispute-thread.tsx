// A dispute's conversation: its status, reason, every message with its evidence, the resolution, and a reply box while open.
import type { Dispute, DisputeResolution } from "../../api/types";
import { api } from "../../app/api";
import { formatMoney } from "../catalog/money";
import { formatDateTime } from "../catalog/time-left";
import { DisputeMessageForm } from "./dispute-message-form";
import { authorRoleLabel, disputeOutcomeLabels, disputeReasonLabel } from "./dispute-rules";

interface DisputeThreadProps {
  dispute: Dispute;
  viewerId: string | null;
  onChanged: (dispute: Dispute) => void;
}

export function DisputeThread({ dispute, viewerId, onChanged }: DisputeThreadProps) {
  const open = dispute.status === "open";
  return (
    <div className="dispute-thread">
      <dl className="details">
        <dt>Status</dt>
        <dd>
          <span className={`badge badge-status badge-dispute-${dispute.status}`}>{open ? "Open" : "Resolved"}</span>
        </dd>
        <dt>Reason</dt>
        <dd>{disputeReasonLabel(dispute.reason)}</dd>
      </dl>
      <ol className="dispute-messages" aria-label="Dispute messages">
        {dispute.messages.map((message, index) => (
          <li key={message.id} className={`dispute-message dispute-message-${message.authorRole}`}>
            <p className="dispute-message-head">
              <strong>{authorRoleLabel(message.authorRole, message.authorId === viewerId)}</strong>{" "}
              <time className="muted" dateTime={message.at}>
                {formatDateTime(message.at)}
              </time>
            </p>
            <p className="dispute-message-text">{message.message}</p>
            {message.evidence.length > 0 && (
              <ul className="dispute-evidence" aria-label="Evidence">
                {message.evidence.map((item, evidenceIndex) => (
                  <li key={evidenceIndex}>
                    {item.kind === "url" ? (
                      <a href={item.value} target="_blank" rel="noopener noreferrer nofollow">
                        {item.value}
                      </a>
                    ) : (
                      item.value
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {dispute.resolution !== null && <Resolution resolution={dispute.resolution} />}
      {open && (
        <DisputeMessageForm
          label="Reply in the dispute"
          messageLabel="Your message"
          submitLabel="Send message"
          pendingLabel="Sending…"
          send={async (message, evidence) => {
            const added = await api.addDisputeMessage(dispute.id, { message, ...(evidence.length === 0 ? {} : { evidence }) });
            onChanged({ ...dispute, messages: [...dispute.messages, added] });
          }}
        />
      )}
    </div>
  );
}

function Resolution({ resolution }: { resolution: DisputeResolution }) {
  return (
    <div className="dispute-resolution" role="note">
      <p>
        <strong>Resolved: {disputeOutcomeLabels[resolution.outcome]}</strong>
        {resolution.refundAmount !== null && <> ({formatMoney(resolution.refundAmount)} refunded)</>} on{" "}
        <time dateTime={resolution.resolvedAt}>{formatDateTime(resolution.resolvedAt)}</time>
      </p>
      {resolution.note !== "" && <p>{resolution.note}</p>}
    </div>
  );
}
