// Writing in a dispute: a message and an optional link to evidence; opening a dispute adds the reason first.
import { useState, type ReactNode } from "react";
import type { Evidence } from "../../api/types";
import { ErrorAlert } from "../../components/error-alert";
import { SubmitButton } from "../../components/submit-button";
import { TextField } from "../../components/text-field";
import { TextareaField } from "../../components/textarea-field";
import { useFormSubmit } from "../../components/use-form-submit";
import { disputeMessageLengthMax, parseDisputeMessage } from "./dispute-rules";

interface DisputeMessageFormProps {
  label: string;
  messageLabel: string;
  submitLabel: string;
  pendingLabel: string;
  send: (message: string, evidence: Evidence[]) => Promise<void>;
  // Fields that come before the message, e.g. the reason when opening a dispute.
  children?: ReactNode;
}

const fields = ["message", "evidenceUrl"] as const;

export function DisputeMessageForm({ label, messageLabel, submitLabel, pendingLabel, send, children }: DisputeMessageFormProps) {
  // Cleared after each sent message, so the form is controlled.
  const [message, setMessage] = useState("");
  const [evidenceUrl, setEvidenceUrl] = useState("");
  const form = useFormSubmit({
    fields,
    validate: (values) => {
      const parsed = parseDisputeMessage(values.message, values.evidenceUrl);
      return parsed.ok ? {} : parsed.errors;
    },
    async action(values) {
      const parsed = parseDisputeMessage(values.message, values.evidenceUrl);
      if (!parsed.ok) return;
      await send(parsed.message, parsed.evidence);
      setMessage("");
      setEvidenceUrl("");
    },
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="form dispute-form" aria-label={label}>
      <ErrorAlert message={form.alert} />
      {children}
      <TextareaField
        label={messageLabel}
        name="message"
        rows={4}
        maxLength={disputeMessageLengthMax}
        value={message}
        onChange={(event) => setMessage(event.target.value)}
        required
        markRequired
        error={form.fieldErrors.message}
      />
      <TextField
        label="Link to evidence (optional)"
        name="evidenceUrl"
        type="url"
        inputMode="url"
        value={evidenceUrl}
        onChange={(event) => setEvidenceUrl(event.target.value)}
        hint="A photo or document online, e.g. the tracking page."
        error={form.fieldErrors.evidenceUrl}
      />
      <SubmitButton pending={form.pending} pendingLabel={pendingLabel}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
