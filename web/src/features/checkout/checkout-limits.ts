// How long the web app waits for a payment to settle after a confirm step, and why.

// The sandbox settles at once and Stripe's webhook usually within seconds; 30 tries a second apart covers both without hanging forever.
export const settleAttempts = 30;
export const settleIntervalMs = 1000;
