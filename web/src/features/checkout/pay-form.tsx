// Paying one order: from the wallet or by card, with a delivery address first when the order has none yet (an auction's).
import { useCallback, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError } from "../../api/api-error";
import type { Delivery, DeliveryMethod, Money, Order, PayOrderInput, PaySource, PaymentsConfig } from "../../api/types";
import { api } from "../../app/api";
import { useAppSelector } from "../../app/store";
import { ErrorAlert } from "../../components/error-alert";
import { placeFieldErrors } from "../../components/place-field-errors";
import { pollUntil } from "../../components/poll-until";
import { RadioGroup } from "../../components/radio-group";
import { SubmitButton } from "../../components/submit-button";
import { useIdempotentCall } from "../../components/use-idempotent-call";
import { selectUser } from "../auth/auth-slice";
import { formatMoney } from "../catalog/money";
import { addressFields, parseAddress, type AddressField } from "../orders/address";
import { AddressFields } from "../orders/address-fields";
import { DeliveryMethodField } from "../orders/delivery-method-field";
import { orderNotice } from "../orders/order-notice";
import { orderStatusLabel } from "../orders/order-rules";
import { CardFields } from "./card-fields";
import { settleAttempts, settleIntervalMs } from "./checkout-limits";
import { CompletingPayment, ConfirmPaymentStep } from "./confirm-payment-step";
import { paymentFailureMessage, walletCovers } from "./payment-rules";
import { useCardPayment } from "./use-card-payment";

interface PayFormProps {
  order: Order;
  config: PaymentsConfig;
  available: Money;
  // Whether the listing allows crowdship, for an order that still needs its delivery.
  crowdshipEligible: boolean;
  onWalletChanged: () => void;
}

type Phase = { kind: "choose" } | { kind: "confirm"; paymentId: string } | { kind: "settling" };

const paidMessage = "Payment received. The money is held in escrow until you confirm delivery.";

export function PayForm({ order, config, available, crowdshipEligible, onWalletChanged }: PayFormProps) {
  const navigate = useNavigate();
  const user = useAppSelector(selectUser);
  const idempotent = useIdempotentCall();
  const card = useCardPayment(config);
  const formRef = useRef<HTMLFormElement>(null);
  const covers = walletCovers(available, order.total);
  const needsDelivery = order.delivery === null;
  const [source, setSource] = useState<PaySource>(covers ? "wallet" : "card");
  const [method, setMethod] = useState<DeliveryMethod>("shipping");
  const [phase, setPhase] = useState<Phase>({ kind: "choose" });
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [addressErrors, setAddressErrors] = useState<Partial<Record<AddressField, string>>>({});

  const paid = useCallback(() => navigate(`/orders/${order.id}`, { state: orderNotice(paidMessage) }), [navigate, order.id]);

  // After a confirm step the order turns paid a moment later (at once in the sandbox, on Stripe's webhook otherwise).
  const settle = useCallback(async () => {
    setPhase({ kind: "settling" });
    let status: Order["status"] | null = null;
    try {
      const latest = await pollUntil(() => api.order(order.id), (current) => current.status !== "pending_payment", { attempts: settleAttempts, intervalMs: settleIntervalMs });
      status = latest.status;
    } catch {
      // The payment went through on the provider's side; only our check failed, so the message below says where to look.
    }
    if (status === "paid") return void (await paid());
    setPhase({ kind: "choose" });
    setAlert(
      status === null || status === "pending_payment"
        ? "Your payment is still being processed. Check the order in a minute; you will not be charged twice."
        : `The order is now ${orderStatusLabel(status).toLowerCase()}.`,
    );
  }, [order.id, paid]);

  // The delivery an auction's order still needs, read from the form; null when it has one or the address is incomplete.
  function readDelivery(): { ok: true; delivery: Delivery | null } | { ok: false } {
    if (!needsDelivery || formRef.current === null) return { ok: true, delivery: null };
    const data = new FormData(formRef.current);
    const parsed = parseAddress(Object.fromEntries(addressFields.map((field) => [field, String(data.get(field) ?? "")])) as Record<AddressField, string>);
    setAddressErrors(parsed.ok ? {} : parsed.errors);
    return parsed.ok ? { ok: true, delivery: { method, address: parsed.address } } : { ok: false };
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (pending) return;
    const delivery = readDelivery();
    if (!delivery.ok) return setAlert("Check the delivery address.");
    setPending(true);
    setAlert(null);
    try {
      let paymentMethod: string | null = null;
      if (source === "card") {
        const cardPart = await card.cardInput();
        if (!cardPart.ok) return setAlert(cardPart.message);
        paymentMethod = cardPart.paymentMethod;
      }
      const input: PayOrderInput = { source, ...(paymentMethod === null ? {} : { paymentMethod }), ...(delivery.delivery === null ? {} : { delivery: delivery.delivery }) };
      const result = await idempotent(`pay:${order.id}:${JSON.stringify(input)}`, (key) => api.payOrder(order.id, input, key));
      const next = await card.afterCharge(result.payment);
      if (next.kind === "confirm") setPhase({ kind: "confirm", paymentId: next.paymentId });
      else if (next.kind === "failed") setAlert(next.message);
      else if (next.kind === "done" && result.order.status === "paid") await paid();
      else await settle();
    } catch (error) {
      const placed = placeFieldErrors(error, addressFields.map((field) => `delivery.address.${field}`));
      if (Object.keys(placed.fieldErrors).length > 0) {
        setAddressErrors(Object.fromEntries(Object.entries(placed.fieldErrors).map(([path, message]) => [path.split(".").at(-1), message])));
      }
      setAlert(placed.alert === null ? "Check the delivery address." : paymentFailureMessage(error, { available, due: order.total }));
      if (error instanceof ApiError && error.code === "INSUFFICIENT_FUNDS") onWalletChanged();
    } finally {
      setPending(false);
    }
  }

  if (phase.kind === "confirm") {
    return <ConfirmPaymentStep paymentId={phase.paymentId} amount={order.total} onConfirmed={settle} onAbandon={() => setPhase({ kind: "choose" })} />;
  }
  if (phase.kind === "settling") {
    return <CompletingPayment />;
  }
  return (
    <form ref={formRef} onSubmit={(event) => void onSubmit(event)} noValidate className="form pay-form" aria-label="Pay for the order">
      <ErrorAlert message={alert} />
      {needsDelivery && (
        <>
          <DeliveryMethodField value={method} onChange={setMethod} crowdshipEligible={crowdshipEligible} shippingDescription="The seller's shipping cost, if any, is added when you pay." />
          <AddressFields errors={addressErrors} defaultName={user?.displayName ?? ""} />
        </>
      )}
      <RadioGroup<PaySource>
        legend="Pay with"
        name="source"
        value={source}
        onChange={(value) => {
          setSource(value);
          setAlert(null);
        }}
        variant="cards"
        options={[
          { value: "wallet", label: "Wallet balance", description: covers ? `${formatMoney(available)} available` : `${formatMoney(available)} available: not enough for this order` },
          { value: "card", label: "Card", description: config.provider === "sandbox" ? "Sandbox test cards" : "Visa, Mastercard and more" },
        ]}
      />
      {source === "wallet" && !covers && (
        <p className="field-hint">
          <Link to="/wallet">Add money to your wallet</Link>, or pay by card.
        </p>
      )}
      {source === "card" && <CardFields {...card.fieldsProps} />}
      <p className="muted">Your payment is held in escrow and only reaches the seller once you confirm the item arrived.</p>
      <SubmitButton pending={pending} pendingLabel="Paying…">
        Pay {formatMoney(order.total)}
      </SubmitButton>
    </form>
  );
}
