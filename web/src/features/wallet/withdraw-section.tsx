// Taking money out: the payout account it goes to (set it first), then an amount in one of the wallet's currencies.
import { useState, type FormEvent } from "react";
import { ApiError } from "../../api/api-error";
import type { PaymentsConfig, PayoutAccount } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { LoadError } from "../../components/load-error";
import { SubmitButton } from "../../components/submit-button";
import { useApiData } from "../../components/use-api-data";
import { useIdempotentCall } from "../../components/use-idempotent-call";
import { formatMoney } from "../catalog/money";
import { paymentFailureMessage } from "../checkout/payment-rules";
import { CurrencySelect } from "./currency-select";
import { PayoutAccountForm } from "./payout-account-form";
import { AmountInput, useAmountInput } from "./amount-input";

interface WithdrawSectionProps {
  provider: PaymentsConfig["provider"];
  defaultCurrency: string;
  onWithdrawn: (message: string) => void;
}

// No payout account yet is an answer (404), not a failure.
async function loadPayoutAccount(signal: AbortSignal): Promise<PayoutAccount | null> {
  try {
    return await api.payoutAccount(signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function WithdrawSection({ provider, defaultCurrency, onWithdrawn }: WithdrawSectionProps) {
  const account = useApiData(loadPayoutAccount, []);
  const [editing, setEditing] = useState(false);
  if (account.state.status === "error" && account.state.data === null) return <LoadError message={account.state.message} onRetry={account.reload} />;
  if (account.state.status === "loading" && account.state.data === null) {
    return (
      <p className="loading" role="status">
        Loading your payout account…
      </p>
    );
  }
  const current = account.state.data;
  if (current === null || editing) {
    return (
      <>
        <p className="muted">{current === null ? "Set where withdrawals go first." : "Withdrawals will go to the new account."}</p>
        <PayoutAccountForm
          provider={provider}
          onSaved={(saved) => {
            account.replace(saved);
            setEditing(false);
          }}
          {...(current === null ? {} : { onCancel: () => setEditing(false) })}
        />
      </>
    );
  }
  return (
    <>
      <p className="payout-account">
        Withdrawals go to <strong>{current.label}</strong>{" "}
        <button type="button" className="button button-link" onClick={() => setEditing(true)}>
          Change
        </button>
      </p>
      <WithdrawForm defaultCurrency={defaultCurrency} onWithdrawn={onWithdrawn} />
    </>
  );
}

function WithdrawForm({ defaultCurrency, onWithdrawn }: Omit<WithdrawSectionProps, "provider">) {
  const idempotent = useIdempotentCall();
  const amount = useAmountInput(defaultCurrency);
  const [alert, setAlert] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (pending) return;
    const money = amount.read();
    if (money === null) return;
    setPending(true);
    setAlert(null);
    try {
      const withdrawal = await idempotent(`withdraw:${JSON.stringify(money)}`, (key) => api.withdraw(money, key));
      amount.setText("");
      onWithdrawn(
        withdrawal.status === "failed"
          ? `The withdrawal failed${withdrawal.failureReason ? `: ${withdrawal.failureReason}` : "."} The money is back in your wallet.`
          : `${formatMoney(withdrawal.amount)} ${withdrawal.status === "paid" ? "sent" : "is on its way"} to ${withdrawal.destination.label}.`,
      );
    } catch (error) {
      setAlert(paymentFailureMessage(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="form withdraw-form" aria-label="Withdraw">
      <ErrorAlert message={alert} />
      <div className="field-row">
        <AmountInput amount={amount} label="Amount to withdraw" name="withdrawAmount" />
        <CurrencySelect label="Currency" name="withdrawCurrency" value={amount.currency} onChange={amount.setCurrency} />
      </div>
      <SubmitButton pending={pending} pendingLabel="Withdrawing…" variant="secondary">
        Withdraw
      </SubmitButton>
    </form>
  );
}
