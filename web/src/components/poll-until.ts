// Asks again and again, a bounded number of times, until an answer satisfies the caller: for results that settle a moment later.

export interface PollOptions {
  attempts: number;
  intervalMs: number;
  signal?: AbortSignal;
  // Injected by tests; real waits otherwise.
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The first answer for which `done` is true, or the last answer once the attempts run out (the caller decides what that means). */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, { attempts, intervalMs, signal, sleep = wait }: PollOptions): Promise<T> {
  let value = await read();
  for (let attempt = 1; attempt < attempts && !done(value); attempt++) {
    await sleep(intervalMs, signal);
    signal?.throwIfAborted();
    value = await read();
  }
  return value;
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
