// "Ship with a traveller": what to carry (or the order it is), from where to where, by when, and an optional reward up front.
import { useState } from "react";
import type { Order, ShipmentRequest } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { SubmitButton } from "../../components/submit-button";
import { TextField } from "../../components/text-field";
import { TextareaField } from "../../components/textarea-field";
import { useFormSubmit } from "../../components/use-form-submit";
import { defaultCurrency } from "../catalog/money";
import { toDateTimeLocal } from "../catalog/listing-form-values";
import { CurrencySelect } from "../wallet/currency-select";
import { placeFieldNames, readDateTimeLocal, readPlace, readPositiveMoney, readWeightKg } from "./crowdship-rules";
import { PlaceFields } from "./place-fields";

const fields = ["title", "weightKg", "value", "description", ...placeFieldNames("from"), ...placeFieldNames("to"), "deliverBy", "reward"] as const;
type RequestField = (typeof fields)[number];
// Mirrors the API's limits on the item's text.
const titleLengthMax = 120;
const descriptionLengthMax = 2_000;
// A week is a typical trip-and-hand-over window; the requester changes it as they like.
const defaultDeliveryDays = 7;

export function RequestForm({ order, onCreated }: { order: Order | null; onCreated: (request: ShipmentRequest) => void }) {
  const [currency, setCurrency] = useState(order?.total.currency ?? defaultCurrency);
  const [defaultDeliverBy] = useState(() => toDateTimeLocal(new Date(Date.now() + defaultDeliveryDays * 86_400_000)));
  const form = useFormSubmit<RequestField>({
    fields,
    validate: (values) => read(values, currency, order).errors,
    async action(values) {
      const { input } = read(values, currency, order);
      if (input !== null) onCreated(await api.createShipmentRequest(input));
    },
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="form request-form" aria-label="Ship with a traveller">
      <ErrorAlert message={form.alert} />
      <fieldset>
        <legend>What to carry</legend>
        <TextField label="Item" name="title" defaultValue={order?.title ?? ""} maxLength={titleLengthMax} required markRequired autoComplete="off" error={form.fieldErrors.title} />
        <div className="field-row">
          <TextField label="Weight (kg)" name="weightKg" inputMode="decimal" required markRequired autoComplete="off" hint="Packed, to the gram if you know it." error={form.fieldErrors.weightKg} />
          {order === null && (
            <>
              <TextField label="Declared value" name="value" inputMode="decimal" required markRequired autoComplete="off" error={form.fieldErrors.value} />
              <CurrencySelect label="Currency" name="currency" value={currency} onChange={setCurrency} />
            </>
          )}
        </div>
        <TextareaField label="Description (optional)" name="description" rows={2} maxLength={descriptionLengthMax} error={form.fieldErrors.description} />
      </fieldset>
      <div className="place-pair">
        <PlaceFields prefix="from" legend="Pick up in" errors={form.fieldErrors} />
        <PlaceFields prefix="to" legend="Deliver to" errors={form.fieldErrors} />
      </div>
      <div className="field-row">
        <TextField label="Deliver by" name="deliverBy" type="datetime-local" defaultValue={defaultDeliverBy} required markRequired error={form.fieldErrors.deliverBy} />
        <TextField
          label={`Reward up front (${currency}, optional)`}
          name="reward"
          inputMode="decimal"
          autoComplete="off"
          hint="Leave empty to take offers against the platform's quote."
          error={form.fieldErrors.reward}
        />
      </div>
      <SubmitButton pending={form.pending} pendingLabel="Finding travellers…">
        Find travellers
      </SubmitButton>
    </form>
  );
}

function read(values: Record<RequestField, string>, currency: string, order: Order | null) {
  const errors: Partial<Record<RequestField, string>> = {};
  const title = values.title.trim();
  if (title === "") errors.title = "Say what the item is.";
  const weight = readWeightKg(values.weightKg);
  if (!weight.ok) errors.weightKg = weight.message;
  const value = order === null ? readPositiveMoney(values.value, currency) : null;
  if (value !== null && !value.ok) errors.value = value.message;
  const from = readPlace(values, "from", errors);
  const to = readPlace(values, "to", errors);
  const deliverBy = readDateTimeLocal(values.deliverBy);
  if (deliverBy === null) errors.deliverBy = "Choose the latest delivery time.";
  else if (Date.parse(deliverBy) <= Date.now()) errors.deliverBy = "Choose a time in the future.";
  const reward = values.reward.trim() === "" ? null : readPositiveMoney(values.reward, currency);
  if (reward !== null && !reward.ok) errors.reward = reward.message;
  if (!weight.ok || from === null || to === null || deliverBy === null || Object.keys(errors).length > 0) return { errors, input: null };
  const description = values.description.trim();
  return {
    errors,
    input: {
      ...(order === null ? {} : { orderId: order.id }),
      item: { title, weightKg: weight.weightKg, ...(value?.ok ? { value: value.money } : {}), ...(description === "" ? {} : { description }) },
      from,
      to,
      deliverBy,
      ...(reward?.ok ? { reward: reward.money } : {}),
    },
  };
}
