// The card field when the provider is Stripe: Stripe Elements draws it and confirms the PaymentIntent, so card data goes to Stripe only.
import { CardElement, Elements, useElements, useStripe } from "@stripe/react-stripe-js";
import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { useEffect, useId } from "react";

export type StripeResult<T = object> = ({ ok: true } & T) | { ok: false; message: string };

// What the payment forms ask of Stripe.js: a PaymentMethod from the typed card (its id is all our Worker receives),
// and the bank's next action (3-D Secure) on a PaymentIntent our Worker created and confirmed.
export interface StripeCard {
  createPaymentMethod: () => Promise<StripeResult<{ paymentMethod: string }>>;
  handleNextAction: (clientSecret: string) => Promise<StripeResult>;
}

interface StripeCardFieldProps {
  publishableKey: string;
  onReady: (card: StripeCard | null) => void;
}

// One Stripe.js per key for the page's life: loading it again would add a second script.
const stripeByKey = new Map<string, Promise<Stripe | null>>();

export default function StripeCardField({ publishableKey, onReady }: StripeCardFieldProps) {
  let stripe = stripeByKey.get(publishableKey);
  if (stripe === undefined) {
    stripe = loadStripe(publishableKey);
    stripeByKey.set(publishableKey, stripe);
  }
  return (
    <Elements stripe={stripe}>
      <CardInput onReady={onReady} />
    </Elements>
  );
}

function CardInput({ onReady }: { onReady: StripeCardFieldProps["onReady"] }) {
  const stripe = useStripe();
  const elements = useElements();
  const labelId = useId();

  useEffect(() => {
    if (stripe === null || elements === null) return onReady(null);
    onReady({
      async createPaymentMethod() {
        const card = elements.getElement(CardElement);
        if (card === null) return { ok: false, message: "The card field is not ready yet. Try again in a moment." };
        const result = await stripe.createPaymentMethod({ type: "card", card });
        if (result.error !== undefined) return { ok: false, message: result.error.message ?? "Check your card details." };
        return { ok: true, paymentMethod: result.paymentMethod.id };
      },
      async handleNextAction(clientSecret) {
        const result = await stripe.handleNextAction({ clientSecret });
        if (result.error !== undefined) return { ok: false, message: result.error.message ?? "Your bank did not approve the payment. No money was taken." };
        return { ok: true };
      },
    });
    return () => onReady(null);
  }, [stripe, elements, onReady]);

  return (
    <div className="field stripe-card-field">
      <span id={labelId} className="field-label">
        Card details
      </span>
      <div className="stripe-card-input" role="group" aria-labelledby={labelId}>
        <CardElement options={{ hidePostalCode: false }} />
      </div>
      <p className="field-hint">Your card details go straight to Stripe; Mnbara never sees them.</p>
    </div>
  );
}
