// The traveller's offer to carry one request on one trip: a price (the platform's quote to start from), how they will pick it up, a message.
import type { Money, ShipmentOffer } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { SubmitButton } from "../../components/submit-button";
import { TextField } from "../../components/text-field";
import { TextareaField } from "../../components/textarea-field";
import { useFormSubmit } from "../../components/use-form-submit";
import { amountText } from "../catalog/money";
import { readPositiveMoney } from "./crowdship-rules";

const fields = ["price", "pickupPlan", "message"] as const;
// Mirrors the API's limits on an offer's free text.
const pickupPlanLengthMax = 500;
const messageLengthMax = 1_000;

interface OfferFormProps {
  requestId: string;
  tripId: string;
  quote: Money;
  onOffered: (offer: ShipmentOffer) => void;
}

export function OfferForm({ requestId, tripId, quote, onOffered }: OfferFormProps) {
  const form = useFormSubmit({
    fields,
    validate: (values) => {
      const price = readPositiveMoney(values.price, quote.currency);
      return { price: price.ok ? undefined : price.message };
    },
    async action(values) {
      const price = readPositiveMoney(values.price, quote.currency);
      if (!price.ok) return;
      const pickupPlan = values.pickupPlan.trim();
      const message = values.message.trim();
      onOffered(await api.makeOffer(requestId, { tripId, price: price.money, ...(pickupPlan === "" ? {} : { pickupPlan }), ...(message === "" ? {} : { message }) }));
    },
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="form offer-form" aria-label="Make an offer">
      <ErrorAlert message={form.alert} />
      <TextField
        label={`Your price (${quote.currency})`}
        name="price"
        inputMode="decimal"
        defaultValue={amountText(quote.amount, quote.currency)}
        required
        markRequired
        autoComplete="off"
        hint="Starts at the platform's quote for this route and weight."
        error={form.fieldErrors.price}
      />
      <TextField label="Pickup plan (optional)" name="pickupPlan" maxLength={pickupPlanLengthMax} autoComplete="off" hint="Where and when you can collect it." error={form.fieldErrors.pickupPlan} />
      <TextareaField label="Message (optional)" name="message" rows={2} maxLength={messageLengthMax} error={form.fieldErrors.message} />
      <SubmitButton pending={form.pending} pendingLabel="Sending the offer…">
        Make offer
      </SubmitButton>
    </form>
  );
}
