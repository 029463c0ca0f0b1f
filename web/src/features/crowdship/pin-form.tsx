// The traveller's last step: the 6-digit PIN the requester gives on receiving the item, with the tries left after a wrong one.
import { useState, type FormEvent } from "react";
import { ApiError } from "../../api/api-error";
import type { Shipment } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { SubmitButton } from "../../components/submit-button";
import { TextField } from "../../components/text-field";
import { useIdempotentCall } from "../../components/use-idempotent-call";
import { pinFailureMessage } from "./crowdship-rules";

const pinPattern = /^\d{6}$/;

interface PinFormProps {
  shipmentId: string;
  onDelivered: (shipment: Shipment) => void;
  // A wrong PIN may have locked it: the caller reloads to show the locked state.
  onLocked: () => void;
}

export function PinForm({ shipmentId, onDelivered, onLocked }: PinFormProps) {
  const idempotent = useIdempotentCall();
  const [pin, setPin] = useState("");
  const [pending, setPending] = useState(false);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [alert, setAlert] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (pending) return;
    setAlert(null);
    if (!pinPattern.test(pin)) return setFieldError("Enter the 6 digits the requester gives you.");
    setFieldError(undefined);
    setPending(true);
    try {
      onDelivered(await idempotent(`deliver:${shipmentId}:${pin}`, (key) => api.deliverShipment(shipmentId, pin, key)));
    } catch (error) {
      const locked = error instanceof ApiError && (error.code === "SHIPMENT_LOCKED" || (error.code === "WRONG_PIN" && error.extensions.attemptsLeft === 0));
      if (error instanceof ApiError && error.code === "WRONG_PIN" && !locked) setFieldError(pinFailureMessage(error));
      else setAlert(pinFailureMessage(error));
      setPin("");
      if (locked) onLocked();
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="form pin-form" aria-label="Confirm delivery with the PIN">
      <ErrorAlert message={alert} />
      <TextField
        label="Delivery PIN"
        name="pin"
        value={pin}
        onChange={(event) => setPin(event.target.value.replace(/\D/g, "").slice(0, 6))}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        required
        hint="Ask for it only once the requester has the item in their hands."
        error={fieldError}
      />
      <SubmitButton pending={pending} pendingLabel="Checking…">
        Confirm delivery
      </SubmitButton>
    </form>
  );
}
