// Pure dispute logic: reason and role words, and reading the message form (text plus an optional evidence link).
import type { DisputeOutcome, DisputeReason, Evidence } from "../../api/types";

export const disputeReasonLabels: Record<DisputeReason, string> = {
  not_received: "The item has not arrived",
  not_as_described: "The item is not as described",
  damaged: "The item arrived damaged",
  wrong_item: "I received a different item",
  other: "Something else",
};

export const disputeReasons = Object.keys(disputeReasonLabels) as DisputeReason[];

export function disputeReasonLabel(reason: string): string {
  return (disputeReasonLabels as Record<string, string>)[reason] ?? reason.replaceAll("_", " ");
}

export const disputeOutcomeLabels: Record<DisputeOutcome, string> = {
  refund: "Full refund to the buyer",
  partial_refund: "Partial refund, the rest to the seller",
  release: "Release the money to the seller",
};

export function authorRoleLabel(role: string, isMe: boolean): string {
  if (isMe) return "You";
  return { buyer: "Buyer", seller: "Seller", admin: "Mnbara support" }[role] ?? role;
}

// Mirror the dispute API's limits (DISPUTE_MESSAGE_MAX_LENGTH, DISPUTE_EVIDENCE_MAX_LENGTH).
export const disputeMessageLengthMax = 5000;
const evidenceLengthMax = 2000;

export type ParsedDisputeMessage = { ok: true; message: string; evidence: Evidence[] } | { ok: false; errors: { message?: string; evidenceUrl?: string } };

/** The message is required; the evidence link, if any, must be an https address (the API accepts no other). */
export function parseDisputeMessage(message: string, evidenceUrl: string): ParsedDisputeMessage {
  const text = message.trim();
  const link = evidenceUrl.trim();
  const errors: { message?: string; evidenceUrl?: string } = {};
  if (text === "") errors.message = "Write a message.";
  else if (text.length > disputeMessageLengthMax) errors.message = `Use at most ${disputeMessageLengthMax} characters.`;
  if (link.length > evidenceLengthMax) errors.evidenceUrl = `Use at most ${evidenceLengthMax} characters.`;
  else if (link !== "" && !isSecureWebAddress(link)) errors.evidenceUrl = "Enter a web address starting with https://.";
  if (errors.message !== undefined || errors.evidenceUrl !== undefined) return { ok: false, errors };
  return { ok: true, message: text, evidence: link === "" ? [] : [{ kind: "url", value: link }] };
}

function isSecureWebAddress(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    return new URL(text).protocol === "https:";
  } catch {
    return false;
  }
}
