// The traveller's "send my position": from the device's location when it can give one, or typed by hand.
import { useState } from "react";
import type { PositionsResult } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { errorMessage } from "../../components/error-message";
import { SubmitButton } from "../../components/submit-button";
import { TextField } from "../../components/text-field";
import { useFormSubmit } from "../../components/use-form-submit";
import { formatDateTime } from "../catalog/time-left";
import { formatLatLng } from "./crowdship-format";
import { readCoordinate } from "./crowdship-rules";

const fields = ["lat", "lng"] as const;
// A fix older than this is stale for a moving courier; waiting longer than the timeout means the device has none.
const locationMaxAgeMs = 60_000;
const locationTimeoutMs = 15_000;

export function PositionForm({ shipmentId, onSent }: { shipmentId: string; onSent?: (result: PositionsResult) => void }) {
  const [locating, setLocating] = useState(false);
  const [locateAlert, setLocateAlert] = useState<string | null>(null);
  const [lastSent, setLastSent] = useState("");

  async function send(lat: number, lng: number): Promise<void> {
    const at = new Date().toISOString();
    const result = await api.postPositions(shipmentId, [{ lat, lng, at }]);
    setLastSent(`Position ${formatLatLng(lat, lng)} sent at ${formatDateTime(at)}.`);
    onSent?.(result);
  }

  const form = useFormSubmit({
    fields,
    validate: (values) => ({
      lat: readCoordinate(values.lat, 90) === null ? "Enter a latitude between -90 and 90." : undefined,
      lng: readCoordinate(values.lng, 180) === null ? "Enter a longitude between -180 and 180." : undefined,
    }),
    action: (values) => send(readCoordinate(values.lat, 90)!, readCoordinate(values.lng, 180)!),
  });

  function sendDeviceLocation(): void {
    setLocating(true);
    setLocateAlert(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        send(position.coords.latitude, position.coords.longitude)
          .catch((error: unknown) => setLocateAlert(errorMessage(error)))
          .finally(() => setLocating(false));
      },
      (error) => {
        setLocating(false);
        setLocateAlert(error.code === error.PERMISSION_DENIED ? "Location is blocked for this site. Allow it, or type your position below." : "Your device could not find its position. Type it below instead.");
      },
      { enableHighAccuracy: true, maximumAge: locationMaxAgeMs, timeout: locationTimeoutMs },
    );
  }

  return (
    <section className="position-form" aria-labelledby={`position-${shipmentId}`}>
      <h4 id={`position-${shipmentId}`}>Send my position</h4>
      <p className="muted" role="status">
        {lastSent}
      </p>
      {"geolocation" in navigator && (
        <p>
          <ErrorAlert message={locateAlert} />
          <button type="button" className="button button-secondary button-small" onClick={sendDeviceLocation} disabled={locating} aria-busy={locating}>
            {locating ? "Finding you…" : "Use my current location"}
          </button>
        </p>
      )}
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="form" aria-label="Send my position">
        <ErrorAlert message={form.alert} />
        <div className="field-row">
          <TextField label="Latitude" name="lat" inputMode="decimal" autoComplete="off" required error={form.fieldErrors.lat} />
          <TextField label="Longitude" name="lng" inputMode="decimal" autoComplete="off" required error={form.fieldErrors.lng} />
        </div>
        <SubmitButton pending={form.pending} pendingLabel="Sending…" variant="secondary">
          Send position
        </SubmitButton>
      </form>
    </section>
  );
}
