// After delivery, the requester rates the traveller once, 1 to 5 stars; the rating feeds future matching.
import type { Shipment } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { SelectField } from "../../components/select-field";
import { SubmitButton } from "../../components/submit-button";
import { useFormSubmit } from "../../components/use-form-submit";

const stars = [5, 4, 3, 2, 1] as const;

export function RateTraveller({ shipmentId, onRated }: { shipmentId: string; onRated: (shipment: Shipment) => void }) {
  const form = useFormSubmit({
    fields: ["rating"],
    action: async (values) => onRated(await api.rateShipment(shipmentId, Number(values.rating))),
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} className="form" aria-label="Rate the traveller">
      <ErrorAlert message={form.alert} />
      <SelectField label="Your rating" name="rating" defaultValue="5" error={form.fieldErrors.rating}>
        {stars.map((count) => (
          <option key={count} value={count}>
            {count} {count === 1 ? "star" : "stars"}
          </option>
        ))}
      </SelectField>
      <SubmitButton pending={form.pending} pendingLabel="Saving…" variant="secondary">
        Rate
      </SubmitButton>
    </form>
  );
}
