// The admin's decision on an open dispute: refund all, refund part (the rest to the seller), or release to the seller.
import { useState, type FormEvent } from "react";
import type { Dispute, DisputeOutcome, Money } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { placeFieldErrors } from "../../components/place-field-errors";
import { RadioGroup } from "../../components/radio-group";
import { SubmitButton } from "../../components/submit-button";
import { TextField } from "../../components/text-field";
import { TextareaField } from "../../components/textarea-field";
import { useIdempotentCall } from "../../components/use-idempotent-call";
import { formatMoney } from "../catalog/money";
import { disputeOutcomeLabels } from "../orders/dispute-rules";
import { readResolution, resolutionNoteLengthMax } from "./resolve-rules";

interface ResolveDisputeFormProps {
  disputeId: string;
  total: Money;
  onResolved: (dispute: Dispute) => void;
}

const outcomes: readonly DisputeOutcome[] = ["refund", "partial_refund", "release"];

export function ResolveDisputeForm({ disputeId, total, onResolved }: ResolveDisputeFormProps) {
  const idempotent = useIdempotentCall();
  const [outcome, setOutcome] = useState<DisputeOutcome>("refund");
  const [refundText, setRefundText] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<{ refundAmount?: string; note?: string }>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (pending) return;
    const read = readResolution(outcome, refundText, note, total);
    setErrors(read.ok ? {} : read.errors);
    if (!read.ok) return;
    setPending(true);
    setAlert(null);
    try {
      onResolved(await idempotent(`resolve:${disputeId}:${JSON.stringify(read.input)}`, (key) => api.resolveDispute(disputeId, read.input, key)));
    } catch (error) {
      const placed = placeFieldErrors(error, ["refundAmount", "note"]);
      setErrors(placed.fieldErrors);
      setAlert(placed.alert);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="form resolve-form" aria-label="Resolve the dispute">
      <ErrorAlert message={alert} />
      <RadioGroup<DisputeOutcome>
        legend="Decision"
        name="outcome"
        value={outcome}
        onChange={setOutcome}
        options={outcomes.map((value) => ({
          value,
          label: disputeOutcomeLabels[value],
          description:
            value === "refund" ? `${formatMoney(total)} back to the buyer.` : value === "release" ? "The seller is paid, less the platform fee." : "You choose how much the buyer gets back.",
        }))}
      />
      {outcome === "partial_refund" && (
        <TextField
          label={`Refund amount (${total.currency})`}
          name="refundAmount"
          inputMode="decimal"
          autoComplete="off"
          value={refundText}
          onChange={(event) => setRefundText(event.target.value)}
          hint={`Less than ${formatMoney(total)}.`}
          required
          error={errors.refundAmount}
        />
      )}
      <TextareaField
        label="Note to both parties"
        name="note"
        rows={3}
        maxLength={resolutionNoteLengthMax}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        required
        markRequired
        error={errors.note}
      />
      <SubmitButton pending={pending} pendingLabel="Resolving…">
        Resolve dispute
      </SubmitButton>
    </form>
  );
}
