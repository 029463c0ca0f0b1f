// The sandbox's 3-D Secure step: the bank wants the payer to approve the payment before it completes.
import { useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { useIdempotentCall } from "../../components/use-idempotent-call";
import { formatMoney } from "../catalog/money";
import type { Money } from "../../api/types";
import { paymentFailureMessage } from "./payment-rules";

interface ConfirmPaymentStepProps {
  paymentId: string;
  amount: Money;
  // Called once the payment is confirmed; the caller then waits for the order or wallet to show it.
  onConfirmed: () => Promise<void>;
  onAbandon: () => void;
}

export function ConfirmPaymentStep({ paymentId, amount, onConfirmed, onAbandon }: ConfirmPaymentStepProps) {
  const idempotent = useIdempotentCall();
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);

  async function confirm(): Promise<void> {
    setPending(true);
    setAlert(null);
    try {
      await idempotent(`confirm:${paymentId}`, (key) => api.confirmPayment(paymentId, key));
      await onConfirmed();
    } catch (error) {
      setAlert(paymentFailureMessage(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="confirm-payment" aria-labelledby="confirm-payment-title">
      <h3 id="confirm-payment-title">Confirm with your bank</h3>
      <p>Your bank asks you to approve this payment of {formatMoney(amount)} (3-D Secure). Nothing is taken until you confirm.</p>
      <ErrorAlert message={alert} />
      <div className="actions">
        <button type="button" className="button button-primary" onClick={() => void confirm()} disabled={pending} aria-busy={pending} autoFocus>
          {pending ? "Confirming…" : "Confirm payment"}
        </button>
        <button type="button" className="button button-link" onClick={onAbandon} disabled={pending}>
          Use another way to pay
        </button>
      </div>
    </section>
  );
}

/** Shown while a confirmed payment settles: at once in the sandbox, on Stripe's webhook otherwise. */
export function CompletingPayment() {
  return (
    <p className="loading" role="status">
      Completing your payment…
    </p>
  );
}
