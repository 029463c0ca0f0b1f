// The seller's "mark shipped" form: the carrier and tracking number are optional, but they let the buyer follow the parcel.
import type { Order } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { SubmitButton } from "../../components/submit-button";
import { TextField } from "../../components/text-field";
import { useFormSubmit } from "../../components/use-form-submit";

const fields = ["carrier", "trackingNumber"] as const;
// Mirrors the order API's limit for both fields (CARRIER_MAX_LENGTH, TRACKING_NUMBER_MAX_LENGTH).
const shipFieldLengthMax = 64;

export function ShipForm({ orderId, onShipped }: { orderId: string; onShipped: (order: Order) => void }) {
  const form = useFormSubmit({
    fields,
    validate: (values) => ({
      carrier: values.carrier.trim().length > shipFieldLengthMax ? `Use at most ${shipFieldLengthMax} characters.` : undefined,
      trackingNumber: values.trackingNumber.trim().length > shipFieldLengthMax ? `Use at most ${shipFieldLengthMax} characters.` : undefined,
    }),
    async action(values) {
      const carrier = values.carrier.trim();
      const trackingNumber = values.trackingNumber.trim();
      onShipped(await api.shipOrder(orderId, { ...(carrier === "" ? {} : { carrier }), ...(trackingNumber === "" ? {} : { trackingNumber }) }));
    },
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="form ship-form" aria-label="Ship the item">
      <ErrorAlert message={form.alert} />
      <div className="field-row">
        <TextField label="Carrier" name="carrier" autoComplete="off" hint="For example DHL or USPS." error={form.fieldErrors.carrier} />
        <TextField label="Tracking number" name="trackingNumber" autoComplete="off" error={form.fieldErrors.trackingNumber} />
      </div>
      <SubmitButton pending={form.pending} pendingLabel="Saving…">
        Mark shipped
      </SubmitButton>
    </form>
  );
}
