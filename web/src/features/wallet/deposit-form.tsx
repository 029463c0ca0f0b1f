// Adding money to the wallet by card (a sandbox test card, or Stripe's card field), through a 3-D Secure step when the bank asks.
import { useState, type FormEvent } from "react";
import type { Money, PaymentsConfig, WalletBalance } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { pollUntil } from "../../components/poll-until";
import { SubmitButton } from "../../components/submit-button";
import { useIdempotentCall } from "../../components/use-idempotent-call";
import { formatMoney } from "../catalog/money";
import { CardFields } from "../checkout/card-fields";
import { settleAttempts, settleIntervalMs } from "../checkout/checkout-limits";
import { CompletingPayment, ConfirmPaymentStep } from "../checkout/confirm-payment-step";
import { availableIn, paymentFailureMessage } from "../checkout/payment-rules";
import { useCardPayment } from "../checkout/use-card-payment";
import { CurrencySelect } from "./currency-select";
import { AmountInput, useAmountInput } from "./amount-input";

interface DepositFormProps {
  config: PaymentsConfig;
  defaultCurrency: string;
  // The page reloads the balances and shows the message; called after each deposit that went through.
  onDeposited: (message: string) => void;
}

type Phase = { kind: "form" } | { kind: "confirm"; paymentId: string; amount: Money } | { kind: "settling" };

export function DepositForm({ config, defaultCurrency, onDeposited }: DepositFormProps) {
  const idempotent = useIdempotentCall();
  const card = useCardPayment(config);
  const amount = useAmountInput(defaultCurrency);
  const [alert, setAlert] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: "form" });

  function done(added: Money): void {
    amount.setText("");
    setPhase({ kind: "form" });
    onDeposited(`${formatMoney(added)} added to your wallet.`);
  }

  // A confirmed payment lands in the wallet once it settles: at once in the sandbox, on Stripe's webhook otherwise.
  async function settle(added: Money, before: WalletBalance[]): Promise<void> {
    setPhase({ kind: "settling" });
    const target = availableIn(before, added.currency).amount + added.amount;
    try {
      const wallet = await pollUntil(
        () => api.wallet(),
        (current) => availableIn(current.balances, added.currency).amount >= target,
        { attempts: settleAttempts, intervalMs: settleIntervalMs },
      );
      if (availableIn(wallet.balances, added.currency).amount >= target) return done(added);
    } catch {
      // Only the balance check failed; the message below covers it.
    }
    setPhase({ kind: "form" });
    onDeposited("Your payment is still being processed; the money will show in your wallet shortly. You will not be charged twice.");
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (pending) return;
    const money = amount.read();
    if (money === null) return;
    setPending(true);
    setAlert(null);
    try {
      const cardPart = await card.cardInput();
      if (!cardPart.ok) return setAlert(cardPart.message);
      const input = { amount: money, paymentMethod: cardPart.paymentMethod };
      const before = (await api.wallet()).balances;
      const deposit = await idempotent(`deposit:${JSON.stringify(input)}`, (key) => api.deposit(input, key));
      const next = await card.afterCharge(deposit.payment);
      if (next.kind === "done") done(money);
      else if (next.kind === "confirm") setPhase({ kind: "confirm", paymentId: next.paymentId, amount: money });
      else if (next.kind === "settle") await settle(money, before);
      else setAlert(next.message);
    } catch (error) {
      setAlert(paymentFailureMessage(error));
    } finally {
      setPending(false);
    }
  }

  if (phase.kind === "confirm") {
    const { paymentId, amount: charged } = phase;
    return (
      <ConfirmPaymentStep
        paymentId={paymentId}
        amount={charged}
        onConfirmed={async () => done(charged)}
        onAbandon={() => setPhase({ kind: "form" })}
      />
    );
  }
  if (phase.kind === "settling") {
    return <CompletingPayment />;
  }
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="form deposit-form" aria-label="Add money">
      <ErrorAlert message={alert} />
      <div className="field-row">
        <AmountInput amount={amount} label="Amount" name="amount" />
        <CurrencySelect label="Currency" name="currency" value={amount.currency} onChange={amount.setCurrency} />
      </div>
      <CardFields {...card.fieldsProps} />
      <SubmitButton pending={pending} pendingLabel="Adding…">
        Add money
      </SubmitButton>
    </form>
  );
}
