// Time left on an auction, ticking every second and following extensions; a timer, so screen readers do not read each tick.
import { formatDateTime, timeLeft, useNow } from "../catalog/time-left";
import { formatTime } from "./auction-format";

interface AuctionCountdownProps {
  endsAt: string;
  // Closed early (Buy It Now) or by the room: "Ended" whatever the clock says.
  closed: boolean;
  // The end a late bid last moved it to, if one did while the page was open.
  extendedTo: string | null;
}

export function AuctionCountdown({ endsAt, closed, extendedTo }: AuctionCountdownProps) {
  const now = useNow(1000);
  const left = closed ? null : timeLeft(endsAt, now);
  return (
    <div className="auction-countdown">
      <p role="timer" className="auction-ends">
        {left === null ? <strong className="countdown countdown-ended">Ended</strong> : <strong className="countdown">Ends in {left}</strong>}{" "}
        <span className="muted">
          (<time dateTime={endsAt}>{formatDateTime(endsAt)}</time>)
        </span>
      </p>
      {extendedTo !== null && left !== null && <p className="extended-note">Extended by a late bid: it now ends at {formatTime(extendedTo)}.</p>}
    </div>
  );
}
