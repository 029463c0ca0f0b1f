// The trips that can carry a request, best first: the traveller, when they travel, the price with their detour, the arrival estimate and the odds of being on time.
import { api } from "../../app/api";
import { LoadError } from "../../components/load-error";
import { useApiData } from "../../components/use-api-data";
import { formatMoney } from "../catalog/money";
import { formatDateTime } from "../catalog/time-left";
import { formatPercent, routeName } from "./crowdship-format";

export function RequestMatches({ requestId }: { requestId: string }) {
  const matches = useApiData((signal) => api.requestMatches(requestId, signal), [requestId]);
  const items = matches.state.data;
  return (
    <section className="card" aria-labelledby="matches-title">
      <h2 id="matches-title">Travellers who could carry it</h2>
      {items === null ? (
        matches.state.status === "error" ? (
          <LoadError message={matches.state.message} onRetry={matches.reload} />
        ) : (
          <p className="loading" role="status">
            Finding travellers…
          </p>
        )
      ) : items.length === 0 ? (
        <p className="muted">No trip fits yet. Travellers on this route are told about your request, and new trips are matched as they are announced.</p>
      ) : (
        <ul className="match-list" aria-label="Matching trips">
          {items.map((match) => (
            <li key={match.tripId} className="match-row">
              <h3 className="match-title">
                {match.travelerName} · {routeName(match.from, match.to)}
              </h3>
              <dl className="details match-details">
                <dt>Travels</dt>
                <dd>
                  <time dateTime={match.departAt}>{formatDateTime(match.departAt)}</time> → <time dateTime={match.arriveAt}>{formatDateTime(match.arriveAt)}</time>
                </dd>
                <dt>Quote</dt>
                <dd>{formatMoney(match.quote)}</dd>
                <dt>Estimated delivery</dt>
                <dd>
                  <time dateTime={match.estimatedDeliveryAt}>{formatDateTime(match.estimatedDeliveryAt)}</time>
                </dd>
                <dt>On time</dt>
                <dd>{formatPercent(match.onTimeProbability)} likely</dd>
                <dt>Fit</dt>
                <dd>{formatPercent(match.score)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
