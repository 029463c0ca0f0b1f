// Converting between wallet currencies: ask for a quote, see the rate, spread and how long it holds, then convert before it expires.
import { useState, type FormEvent } from "react";
import type { FxQuote } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { errorMessage } from "../../components/error-message";
import { SubmitButton } from "../../components/submit-button";
import { useIdempotentCall } from "../../components/use-idempotent-call";
import { formatMoney } from "../catalog/money";
import { useNow } from "../catalog/time-left";
import { paymentFailureMessage } from "../checkout/payment-rules";
import { CurrencySelect } from "./currency-select";
import { AmountInput, useAmountInput } from "./amount-input";
import { countdownText, quoteSecondsLeft, rateText, spreadText } from "./wallet-rules";

interface ConvertFormProps {
  defaultCurrency: string;
  onConverted: (message: string) => void;
}

export function ConvertForm({ defaultCurrency, onConverted }: ConvertFormProps) {
  const amount = useAmountInput(defaultCurrency);
  const [buyCurrency, setBuyCurrency] = useState(defaultCurrency === "EUR" ? "USD" : "EUR");
  const [alert, setAlert] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [quote, setQuote] = useState<FxQuote | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (pending) return;
    const sell = amount.read();
    if (sell === null) return;
    if (buyCurrency === sell.currency) return setAlert("Choose two different currencies.");
    setPending(true);
    setAlert(null);
    try {
      setQuote(await api.fxQuote({ sell, buyCurrency }));
    } catch (error) {
      setAlert(errorMessage(error));
    } finally {
      setPending(false);
    }
  }

  if (quote !== null) {
    return (
      <QuoteReview
        quote={quote}
        onDone={(message) => {
          setQuote(null);
          amount.setText("");
          onConverted(message);
        }}
        onBack={() => setQuote(null)}
      />
    );
  }
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="form convert-form" aria-label="Convert currency">
      <ErrorAlert message={alert} />
      <div className="field-row">
        <AmountInput amount={amount} label="Amount to convert" name="sellAmount" />
        <CurrencySelect label="From" name="sellCurrency" value={amount.currency} onChange={amount.setCurrency} />
        <CurrencySelect label="To" name="buyCurrency" value={buyCurrency} onChange={setBuyCurrency} except={amount.currency} />
      </div>
      <SubmitButton pending={pending} pendingLabel="Getting a quote…" variant="secondary">
        Get quote
      </SubmitButton>
    </form>
  );
}

function QuoteReview({ quote, onDone, onBack }: { quote: FxQuote; onDone: (message: string) => void; onBack: () => void }) {
  const idempotent = useIdempotentCall();
  const now = useNow(250);
  const secondsLeft = quoteSecondsLeft(quote.expiresAt, now);
  const expired = secondsLeft === 0;
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);

  async function convert(): Promise<void> {
    setPending(true);
    setAlert(null);
    try {
      await idempotent(`convert:${quote.id}`, (key) => api.convert(quote.id, key));
      onDone(`Converted ${formatMoney(quote.sell)} to ${formatMoney(quote.buy)}.`);
    } catch (error) {
      setAlert(paymentFailureMessage(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="quote" aria-labelledby="quote-title">
      <h3 id="quote-title">Your quote</h3>
      <dl className="details">
        <dt>You convert</dt>
        <dd>{formatMoney(quote.sell)}</dd>
        <dt>You get</dt>
        <dd className="quote-buy">{formatMoney(quote.buy)}</dd>
        <dt>Rate</dt>
        <dd>{rateText(quote)}</dd>
        <dt>Spread</dt>
        <dd>{spreadText(quote.spreadBps)} (included in the rate)</dd>
      </dl>
      <p className={`quote-countdown ${expired ? "quote-expired" : ""}`} role="timer" aria-live="off">
        {expired ? "This quote has expired." : `Quote holds for ${countdownText(secondsLeft)}`}
      </p>
      <ErrorAlert message={alert} />
      <div className="actions">
        {expired ? (
          <button type="button" className="button button-primary" onClick={onBack}>
            Get a new quote
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={() => void convert()} disabled={pending} aria-busy={pending}>
            {pending ? "Converting…" : "Convert"}
          </button>
        )}
        {!expired && (
          <button type="button" className="button button-link" onClick={onBack} disabled={pending}>
            Change amount
          </button>
        )}
      </div>
    </section>
  );
}
