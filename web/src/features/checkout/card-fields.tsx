// How the payer gives a card: a select of the sandbox's test cards, or Stripe's own card field when Stripe is configured.
import { lazy, Suspense } from "react";
import type { PaymentsConfig } from "../../api/types";
import { SelectField } from "../../components/select-field";
import type { StripeCard } from "./stripe-card-field";

// Loaded only when Stripe is the provider, so sandbox pages never download Stripe's code.
const StripeCardField = lazy(() => import("./stripe-card-field"));

interface CardFieldsProps {
  config: PaymentsConfig;
  testCard: string;
  onTestCardChange: (paymentMethod: string) => void;
  onStripeReady: (card: StripeCard | null) => void;
  error?: string | undefined;
}

export function CardFields({ config, testCard, onTestCardChange, onStripeReady, error }: CardFieldsProps) {
  if (config.provider === "stripe") {
    if (config.publishableKey === undefined || config.publishableKey === "") return <p className="alert">Card payments are not set up yet. Use your wallet balance instead.</p>;
    return (
      <Suspense
        fallback={
          <p className="loading" role="status">
            Loading the card field…
          </p>
        }
      >
        <StripeCardField publishableKey={config.publishableKey} onReady={onStripeReady} />
      </Suspense>
    );
  }
  const methods = config.testPaymentMethods ?? [];
  return (
    <SelectField
      label="Test card"
      name="paymentMethod"
      value={testCard}
      onChange={(event) => onTestCardChange(event.target.value)}
      hint="Sandbox mode: no real card is charged. Pick a test card to try each outcome."
      error={error}
      required
    >
      {methods.map((method) => (
        <option key={method.id} value={method.id}>
          {method.description}
        </option>
      ))}
    </SelectField>
  );
}

/** The sandbox card picked when the form opens: the first test card, which is the one that succeeds. */
export function defaultTestCard(config: PaymentsConfig | null): string {
  return config?.testPaymentMethods?.[0]?.id ?? "";
}
