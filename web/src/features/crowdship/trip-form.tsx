// The traveller's "add a trip" form: where from and to, when, and how many kilograms they can carry.
import type { Trip } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { SubmitButton } from "../../components/submit-button";
import { TextField } from "../../components/text-field";
import { TextareaField } from "../../components/textarea-field";
import { useFormSubmit } from "../../components/use-form-submit";
import { placeFieldNames, readDateTimeLocal, readPlace, readWeightKg } from "./crowdship-rules";
import { PlaceFields } from "./place-fields";

const fields = [...placeFieldNames("from"), ...placeFieldNames("to"), "departAt", "arriveAt", "capacityKg", "notes"] as const;
type TripField = (typeof fields)[number];
// Mirrors the API's limit on a trip's notes.
const notesLengthMax = 1_000;

export function TripForm({ onCreated }: { onCreated: (trip: Trip) => void }) {
  const form = useFormSubmit<TripField>({
    fields,
    validate: (values) => read(values).errors,
    async action(values) {
      const { input } = read(values);
      if (input !== null) onCreated(await api.createTrip(input));
    },
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="form trip-form" aria-label="Add a trip">
      <ErrorAlert message={form.alert} />
      <div className="place-pair">
        <PlaceFields prefix="from" legend="From" errors={form.fieldErrors} />
        <PlaceFields prefix="to" legend="To" errors={form.fieldErrors} />
      </div>
      <div className="field-row">
        <TextField label="Departs" name="departAt" type="datetime-local" required markRequired error={form.fieldErrors.departAt} />
        <TextField label="Arrives" name="arriveAt" type="datetime-local" required markRequired error={form.fieldErrors.arriveAt} />
        <TextField label="Space for (kg)" name="capacityKg" inputMode="decimal" required markRequired autoComplete="off" error={form.fieldErrors.capacityKg} />
      </div>
      <TextareaField label="Notes (optional)" name="notes" rows={2} maxLength={notesLengthMax} hint="For example which airport, or what you will not carry." error={form.fieldErrors.notes} />
      <SubmitButton pending={form.pending} pendingLabel="Adding the trip…">
        Add trip
      </SubmitButton>
    </form>
  );
}

function read(values: Record<TripField, string>) {
  const errors: Partial<Record<TripField, string>> = {};
  const from = readPlace(values, "from", errors);
  const to = readPlace(values, "to", errors);
  const departAt = readDateTimeLocal(values.departAt);
  const arriveAt = readDateTimeLocal(values.arriveAt);
  if (departAt === null) errors.departAt = "Choose when you leave.";
  if (arriveAt === null) errors.arriveAt = "Choose when you arrive.";
  else if (departAt !== null && Date.parse(arriveAt) <= Date.parse(departAt)) errors.arriveAt = "You arrive after you leave.";
  const capacity = readWeightKg(values.capacityKg);
  if (!capacity.ok) errors.capacityKg = capacity.message;
  const notes = values.notes.trim();
  if (from === null || to === null || departAt === null || arriveAt === null || !capacity.ok || Object.keys(errors).length > 0) return { errors, input: null };
  return { errors, input: { from, to, departAt, arriveAt, capacityKg: capacity.weightKg, ...(notes === "" ? {} : { notes }) } };
}
