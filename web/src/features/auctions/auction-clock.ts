// Whether an end time has passed, re-checked exactly when it does rather than on every tick.
import { useEffect, useState } from "react";

// setTimeout takes at most 2^31 − 1 ms (about 24.8 days); auctions run up to 30 days, so long waits go in steps.
const maxTimerDelayMs = 2_147_483_647;

export function useEnded(endsAt: string): boolean {
  const [ended, setEnded] = useState(() => Date.parse(endsAt) <= Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const left = Date.parse(endsAt) - Date.now();
      setEnded(left <= 0);
      if (left > 0) timer = setTimeout(check, Math.min(left, maxTimerDelayMs));
    };
    check();
    return () => clearTimeout(timer);
  }, [endsAt]);
  return ended;
}
