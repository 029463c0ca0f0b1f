// The card half of a payment form, shared by checkout and wallet deposits: which card, and what to do after the server answers.
import { useCallback, useRef, useState } from "react";
import type { Payment, PaymentsConfig } from "../../api/types";
import { api } from "../../app/api";
import { useIdempotentCall } from "../../components/use-idempotent-call";
import { defaultTestCard } from "./card-fields";
import { nextStep } from "./payment-rules";
import type { StripeCard } from "./stripe-card-field";

export type CardInput = { ok: true; paymentMethod: string } | { ok: false; message: string };

// What the form does next: nothing more (it is paid), show the sandbox's confirm step, or wait for the payment to settle.
export type AfterCharge = { kind: "done" } | { kind: "confirm"; paymentId: string } | { kind: "settle" } | { kind: "failed"; message: string };

export function useCardPayment(config: PaymentsConfig) {
  const [testCard, setTestCard] = useState(() => defaultTestCard(config));
  const stripeCard = useRef<StripeCard | null>(null);
  const idempotent = useIdempotentCall();
  const onStripeReady = useCallback((card: StripeCard | null) => {
    stripeCard.current = card;
  }, []);

  /** The payment method to send: a sandbox test card's id, or the id of a PaymentMethod Stripe.js made from the typed card. */
  async function cardInput(): Promise<CardInput> {
    if (config.provider === "sandbox") return testCard === "" ? { ok: false, message: "Choose a test card." } : { ok: true, paymentMethod: testCard };
    const card = stripeCard.current;
    if (card === null) return { ok: false, message: "The card field is still loading. Try again in a moment." };
    const created = await card.createPaymentMethod();
    return created.ok ? { ok: true, paymentMethod: created.paymentMethod } : created;
  }

  /**
   * Follows the payment the server answered with. Stripe's 3-D Secure runs here in Stripe's own window, and then our
   * Worker is asked to check the payment with Stripe; the sandbox's step waits for the payer to press confirm.
   */
  async function afterCharge(payment: Payment | null): Promise<AfterCharge> {
    const step = nextStep(payment, config.provider);
    if (step.kind !== "stripe") return step;
    const card = stripeCard.current;
    if (card === null) return { kind: "failed", message: "The card field is not ready. Reload the page and try again." };
    const handled = await card.handleNextAction(step.clientSecret);
    if (!handled.ok) return { kind: "failed", message: handled.message };
    await idempotent(`confirm:${step.paymentId}`, (key) => api.confirmPayment(step.paymentId, key));
    return { kind: "settle" };
  }

  return { cardInput, afterCharge, fieldsProps: { config, testCard, onTestCardChange: setTestCard, onStripeReady } };
}
