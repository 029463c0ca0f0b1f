// Words for what a fraud review held, and the limit on the admin's note.

// Mirrors the review API's limit (FRAUD_REVIEW_NOTE_MAX_LENGTH).
export const reviewNoteLengthMax = 1000;

const kindLabels: Record<string, string> = { deposit: "Deposit", order_payment: "Order payment", withdrawal: "Withdrawal" };

export function reviewKindLabel(kind: string): string {
  return kindLabels[kind] ?? kind.replaceAll("_", " ");
}
