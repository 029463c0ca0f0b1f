// How a dispute is shown: the case with its messages to the parties and admins, and a summary line for the admin queue.
import type { disputeMessages, DisputeEvidence } from "../../db/schema";
import type { Currency, Money } from "../platform/money";
import type { DisputeRow, OrderRow } from "./order-view";
import type { OrderStatus } from "./state-machine";

export type DisputeMessageRow = typeof disputeMessages.$inferSelect;

export interface DisputeMessageView {
  id: string;
  authorId: string;
  authorRole: DisputeMessageRow["authorRole"];
  message: string;
  evidence: DisputeEvidence[];
  at: string;
}

export interface DisputeSummary {
  id: string;
  orderId: string;
  status: DisputeRow["status"];
  reason: DisputeRow["reason"];
  openedBy: string;
  orderStatus: OrderStatus;
  /** What the order was when it was disputed (shipped, delivered…). */
  orderStatusBefore: string;
  total: Money;
  /** The admin's decision, null while the dispute is open. */
  resolution: { outcome: NonNullable<DisputeRow["outcome"]>; refundAmount: Money | null; note: string; resolvedBy: string; resolvedAt: string } | null;
  createdAt: string;
}

export interface DisputeView extends DisputeSummary {
  messages: DisputeMessageView[];
}

export function toMessageView(row: DisputeMessageRow): DisputeMessageView {
  return { id: row.id, authorId: row.authorId, authorRole: row.authorRole, message: row.body, evidence: row.evidence, at: row.createdAt.toISOString() };
}

export function toDisputeSummary(dispute: DisputeRow, order: OrderRow): DisputeSummary {
  const currency = order.currency as Currency;
  return {
    id: dispute.id,
    orderId: dispute.orderId,
    status: dispute.status,
    reason: dispute.reason,
    openedBy: dispute.openedBy,
    orderStatus: order.status,
    orderStatusBefore: dispute.orderStatusBefore,
    total: { amount: order.totalMinor, currency },
    resolution:
      dispute.outcome && dispute.resolvedAt && dispute.resolvedBy
        ? {
            outcome: dispute.outcome,
            refundAmount: dispute.refundMinor ? { amount: dispute.refundMinor, currency } : null,
            note: dispute.resolutionNote ?? "",
            resolvedBy: dispute.resolvedBy,
            resolvedAt: dispute.resolvedAt.toISOString(),
          }
        : null,
    createdAt: dispute.createdAt.toISOString(),
  };
}

export function toDisputeView(dispute: DisputeRow, order: OrderRow, messages: readonly DisputeMessageRow[]): DisputeView {
  return { ...toDisputeSummary(dispute, order), messages: messages.map(toMessageView) };
}
