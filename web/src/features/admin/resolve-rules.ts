// Pure logic of the dispute decision form: a partial refund needs an amount above zero and below the order's total.
import type { DisputeOutcome, Money, ResolveDisputeInput } from "../../api/types";
import { formatMoney, parseAmount } from "../catalog/money";

// Mirrors the dispute API's limit on the decision's note (DISPUTE_NOTE_MAX_LENGTH).
export const resolutionNoteLengthMax = 2000;

type ResolveFields = { refundAmount?: string; note?: string };
export type ReadResolution = { ok: true; input: ResolveDisputeInput } | { ok: false; errors: ResolveFields };

export function readResolution(outcome: DisputeOutcome, refundText: string, noteText: string, total: Money): ReadResolution {
  const note = noteText.trim();
  const errors: ResolveFields = {};
  if (note === "") errors.note = "Explain the decision: both parties see it.";
  else if (note.length > resolutionNoteLengthMax) errors.note = `Use at most ${resolutionNoteLengthMax} characters.`;
  let refundAmount: Money | undefined;
  if (outcome === "partial_refund") {
    const parsed = parseAmount(refundText, total.currency);
    if (!parsed.ok) errors.refundAmount = parsed.message;
    else if (parsed.amountMinor === 0 || parsed.amountMinor >= total.amount)
      errors.refundAmount = `A partial refund is more than zero and less than ${formatMoney(total)}; refund it all with a full refund.`;
    else refundAmount = { amount: parsed.amountMinor, currency: total.currency };
  }
  if (errors.note !== undefined || errors.refundAmount !== undefined) return { ok: false, errors };
  return { ok: true, input: { outcome, note, ...(refundAmount === undefined ? {} : { refundAmount }) } };
}
