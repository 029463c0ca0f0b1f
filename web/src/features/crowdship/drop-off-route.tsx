// A trip's planned drop-off order: its deliveries' destinations, nearest first then improved, with the path's length.
import { useState } from "react";
import type { TripRoute } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { errorMessage } from "../../components/error-message";
import { placeName, shortReference } from "./crowdship-format";

export function DropOffRoute({ tripId }: { tripId: string }) {
  const [route, setRoute] = useState<TripRoute | null>(null);
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);

  async function plan(): Promise<void> {
    setPending(true);
    setAlert(null);
    try {
      setRoute(await api.tripRoute(tripId));
    } catch (error) {
      setAlert(errorMessage(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="drop-off-route" aria-labelledby={`route-${tripId}`}>
      <h4 id={`route-${tripId}`}>Drop-off route</h4>
      <ErrorAlert message={alert} />
      {route !== null &&
        (route.stops.length === 0 ? (
          <p className="muted">No deliveries on this trip yet.</p>
        ) : (
          <>
            <ol className="route-stops" aria-label="Drop-off order">
              {route.stops.map((stop) => (
                <li key={stop.shipmentId}>
                  {placeName(stop.place)} <span className="muted">(shipment {shortReference(stop.shipmentId)})</span>
                </li>
              ))}
            </ol>
            <p className="muted">About {Math.round(route.distanceKm).toLocaleString()} km from {route.start.city}, in straight lines.</p>
          </>
        ))}
      <button type="button" className="button button-secondary button-small" onClick={() => void plan()} disabled={pending} aria-busy={pending}>
        {pending ? "Planning…" : route === null ? "Plan the drop-off route" : "Plan again"}
      </button>
    </section>
  );
}
