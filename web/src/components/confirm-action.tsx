// A button whose action cannot be undone: the first press asks, the second does it; errors show beside it.
import { useId, useState, type ReactNode } from "react";
import { ErrorAlert } from "./error-alert";
import { errorMessage } from "./error-message";

interface ConfirmActionProps {
  label: string;
  // What happens if they go ahead, in a sentence or two.
  question: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  cancelLabel?: string;
  variant?: "primary" | "secondary" | "danger";
  run: () => Promise<void>;
  // Turns a failure into words; the generic message otherwise.
  describeError?: (error: unknown) => string;
}

export function ConfirmAction({ label, question, confirmLabel, pendingLabel, cancelLabel = "Not now", variant = "primary", run, describeError = errorMessage }: ConfirmActionProps) {
  const questionId = useId();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);

  async function go(): Promise<void> {
    setPending(true);
    setAlert(null);
    try {
      await run();
      setConfirming(false);
    } catch (error) {
      setAlert(describeError(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="confirm-action">
      <ErrorAlert message={alert} />
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby={questionId}>
          <p id={questionId}>{question}</p>
          <div className="actions">
            <button type="button" className={`button button-${variant}`} onClick={() => void go()} disabled={pending} aria-busy={pending} autoFocus>
              {pending ? pendingLabel : confirmLabel}
            </button>
            <button type="button" className="button button-link" onClick={() => setConfirming(false)} disabled={pending}>
              {cancelLabel}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className={`button button-${variant}`} onClick={() => setConfirming(true)}>
          {label}
        </button>
      )}
    </div>
  );
}
