// Whether a live page's numbers are still moving by themselves: a dot and "Live", or "Reconnecting…".
import type { LiveConnection } from "./live-socket";

const connectionLabels: Record<LiveConnection, string> = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…" };

// Not announced: the updates themselves are. `liveTitle` says what updates by itself while live.
export function LiveIndicator({ connection, liveTitle }: { connection: LiveConnection; liveTitle: string }) {
  return (
    <span className={`live-indicator live-indicator-${connection}`} title={connection === "live" ? liveTitle : "Live updates paused; reconnecting."}>
      <span className="live-dot" aria-hidden="true" />
      {connectionLabels[connection]}
    </span>
  );
}
