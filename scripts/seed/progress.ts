// A one-line progress bar for long seeding runs: percentage, count, rate and ETA, redrawn in place with `\r` on a terminal.

/** Redraws at most this often: faster is invisible and costs terminal writes. */
const REDRAW_INTERVAL_MS = 100;
/** Without a terminal (CI logs, pipes) `\r` does not redraw, so a plain line is printed every this many percent. */
const PLAIN_LINE_PERCENT_STEP = 10;
const BAR_WIDTH = 24;

export interface Progress {
  advance(count: number): void;
  /** Draws the final state and ends the line. */
  finish(): void;
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--:--";
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  return `${minutes}:${String(whole % 60).padStart(2, "0")}`;
}

/** Writes to stdout; `label` starts the line, e.g. "[seed] listings". */
export function createProgress(label: string, total: number): Progress {
  const stream = process.stdout;
  const nowMs = () => performance.now();
  const startedMs = nowMs();
  const redraws = stream.isTTY === true;
  let done = 0;
  let drawnMs = Number.NEGATIVE_INFINITY;
  let lastPlainStep = -1;
  let plainPrintedAt = -1;

  const line = (): string => {
    const fraction = total === 0 ? 1 : done / total;
    const elapsedSeconds = (nowMs() - startedMs) / 1000;
    const rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
    const filled = Math.round(fraction * BAR_WIDTH);
    const eta = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
    return (
      `${label} [${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${(fraction * 100).toFixed(1).padStart(5)}% ` +
      `${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} ${Math.round(rate).toLocaleString("en-US")}/s ` +
      (done >= total ? `in ${formatDuration(elapsedSeconds)}` : `ETA ${formatDuration(eta)}`)
    );
  };

  const draw = (final: boolean): void => {
    if (redraws) {
      const now = nowMs();
      if (!final && now - drawnMs < REDRAW_INTERVAL_MS) return;
      drawnMs = now;
      stream.write(`\r${line()}\x1b[K${final ? "\n" : ""}`); // \x1b[K clears what a longer previous line left
      return;
    }
    const step = Math.floor(((total === 0 ? 1 : done / total) * 100) / PLAIN_LINE_PERCENT_STEP);
    if (step > lastPlainStep || (final && plainPrintedAt !== done)) {
      lastPlainStep = step;
      plainPrintedAt = done;
      stream.write(`${line()}\n`);
    }
  };

  return {
    advance(count) {
      done = Math.min(total, done + count);
      draw(false);
    },
    finish() {
      draw(true);
    },
  };
}
