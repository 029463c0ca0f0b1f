// Disputes: the buyer opens one (escrow stays put, auto-release stops), the parties and admins talk, an admin decides the money.
import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import { disputeMessages, disputes, orders, type DisputeEvidence } from "../../db/schema";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { newestFirstAfter, toPage } from "../platform/cursor";
import type { Tx } from "../platform/db";
import { AppError } from "../platform/errors";
import { inTransaction } from "../platform/events";
import { newId } from "../platform/ids";
import { DISPUTE_MAX_MESSAGES } from "../platform/limits";
import type { Money } from "../platform/money";
import { toDisputeSummary, toDisputeView, toMessageView, type DisputeMessageView, type DisputeSummary, type DisputeView } from "./dispute-view";
import { allowed, applyAction, partyOf } from "./order-actions";
import { findOrder, lockOrder } from "./order-store";
import type { DisputeRow, OrderRow } from "./order-view";

export interface DisputeMessageInput {
  message: string;
  evidence?: DisputeEvidence[] | undefined;
}

export interface OpenDisputeInput extends DisputeMessageInput {
  reason: DisputeRow["reason"];
}

export interface ResolveDisputeInput {
  outcome: "refund" | "partial_refund" | "release";
  refundAmount?: Money | undefined;
  note: string;
}

async function messagesOf(tx: Tx | ServiceContext["db"]["orm"], disputeId: string) {
  return tx.select().from(disputeMessages).where(eq(disputeMessages.disputeId, disputeId)).orderBy(asc(disputeMessages.createdAt), asc(disputeMessages.id));
}

async function insertMessage(tx: Tx, disputeId: string, author: { userId: string; role: "buyer" | "seller" | "admin" }, input: DisputeMessageInput, at: Date) {
  const [row] = await tx
    .insert(disputeMessages)
    .values({ id: newId("disputeMessage", at.getTime()), disputeId, authorId: author.userId, authorRole: author.role, body: input.message, evidence: input.evidence ?? [], createdAt: at })
    .returning();
  return row!;
}

/** The buyer opens a dispute on a paid, shipped, in-transit or delivered order; its first message states the case. */
export async function openDispute(ctx: ServiceContext, auth: AuthContext, orderId: string, input: OpenDisputeInput): Promise<DisputeView> {
  return inTransaction(ctx, async (scope) => {
    const order = await lockOrder(scope.tx, orderId);
    const party = partyOf(auth, order);
    allowed(order, "open_dispute", party);
    const now = ctx.now();
    const [dispute] = await scope.tx
      .insert(disputes)
      .values({ id: newId("dispute", now.getTime()), orderId: order.id, openedBy: auth.userId, reason: input.reason, status: "open", orderStatusBefore: order.status, createdAt: now })
      .returning();
    const message = await insertMessage(scope.tx, dispute!.id, { userId: auth.userId, role: "buyer" }, input, now);
    const moved = await applyAction(scope, ctx, order, "open_dispute", { userId: auth.userId, role: party }, { note: input.reason });
    return toDisputeView(dispute!, moved, [message]);
  });
}

/** The order's dispute with every message, for its parties and admins. */
export async function getDispute(ctx: ServiceContext, auth: AuthContext, orderId: string): Promise<DisputeView> {
  const order = await findOrder(ctx.db.orm, orderId);
  if (!order) throw new AppError("NOT_FOUND", "No such order.");
  partyOf(auth, order);
  const [dispute] = await ctx.db.orm.select().from(disputes).where(eq(disputes.orderId, order.id));
  if (!dispute) throw new AppError("NOT_FOUND", "This order has no dispute.");
  return toDisputeView(dispute, order, await messagesOf(ctx.db.orm, dispute.id));
}

/** The dispute, locked, with its order; anyone but the parties and admins gets 404. */
async function lockDispute(tx: Tx, auth: AuthContext, disputeId: string): Promise<{ dispute: DisputeRow; order: OrderRow; party: "buyer" | "seller" | "admin" }> {
  const [dispute] = await tx.select().from(disputes).where(eq(disputes.id, disputeId)).for("update");
  if (!dispute) throw new AppError("NOT_FOUND", "No such dispute.");
  const order = await lockOrder(tx, dispute.orderId);
  try {
    return { dispute, order, party: partyOf(auth, order) };
  } catch {
    throw new AppError("NOT_FOUND", "No such dispute.");
  }
}

/** A message (with evidence) from a party or an admin while the dispute is open. */
export async function addDisputeMessage(ctx: ServiceContext, auth: AuthContext, disputeId: string, input: DisputeMessageInput): Promise<DisputeMessageView> {
  return inTransaction(ctx, async (scope) => {
    const { dispute, party } = await lockDispute(scope.tx, auth, disputeId);
    if (dispute.status !== "open") throw new AppError("DISPUTE_RESOLVED", "This dispute has been decided; it takes no more messages.");
    const [existing] = await scope.tx.select({ messages: count() }).from(disputeMessages).where(eq(disputeMessages.disputeId, dispute.id));
    if ((existing?.messages ?? 0) >= DISPUTE_MAX_MESSAGES) throw new AppError("BUSINESS_RULE", `A dispute holds at most ${DISPUTE_MAX_MESSAGES} messages; an admin will decide on what is there.`);
    if (party === "admin") await scope.audit({ actorId: auth.userId, action: "orders.dispute_message", subjectType: "dispute", subjectId: dispute.id });
    return toMessageView(await insertMessage(scope.tx, dispute.id, { userId: auth.userId, role: party }, input, ctx.now()));
  });
}

/** The admin queue: disputes newest first, optionally only open or only resolved ones. */
export async function listDisputes(ctx: ServiceContext, page: { status?: DisputeRow["status"] | undefined; limit: number; cursor?: string | undefined }): Promise<{ items: DisputeSummary[]; nextCursor: string | null }> {
  const rows = await ctx.db.orm
    .select()
    .from(disputes)
    .where(and(page.status ? eq(disputes.status, page.status) : undefined, newestFirstAfter(disputes.createdAt, disputes.id, page.cursor)))
    .orderBy(desc(disputes.createdAt), desc(disputes.id))
    .limit(page.limit + 1);
  const { items, nextCursor } = toPage(rows, page.limit, (row) => ({ key: row.createdAt.toISOString(), id: row.id }));
  const orderRows = items.length === 0 ? [] : await ctx.db.orm.select().from(orders).where(inArray(orders.id, items.map((row) => row.orderId)));
  const byId = new Map(orderRows.map((row) => [row.id, row]));
  return { items: items.map((row) => toDisputeSummary(row, byId.get(row.orderId)!)), nextCursor };
}

const RESOLUTIONS = { refund: "resolve_refund", partial_refund: "resolve_partial_refund", release: "resolve_release" } as const;

function refundMinorFor(order: OrderRow, input: ResolveDisputeInput): number | undefined {
  if (input.outcome !== "partial_refund") return undefined;
  const amount = input.refundAmount!;
  if (amount.currency !== order.currency) throw new AppError("WRONG_CURRENCY", `The order was paid in ${order.currency}.`);
  if (amount.amount <= 0 || amount.amount >= order.totalMinor) {
    throw new AppError("REFUND_OUT_OF_RANGE", `A partial refund is more than 0 and less than the order total (${order.totalMinor}); use refund or release for all of it.`, { extra: { totalMinor: order.totalMinor } });
  }
  return amount.amount;
}

/** An admin decides: refund all (→ refunded), refund part and release the rest less the fee on it (→ completed), or release all (→ completed). */
export async function resolveDispute(ctx: ServiceContext, auth: AuthContext, disputeId: string, input: ResolveDisputeInput): Promise<DisputeView> {
  if (!auth.roles.includes("admin")) throw new AppError("FORBIDDEN", "Only an admin decides a dispute.");
  return inTransaction(ctx, async (scope) => {
    const { dispute, order } = await lockDispute(scope.tx, auth, disputeId);
    if (dispute.status !== "open") throw new AppError("DISPUTE_RESOLVED", "This dispute has already been decided.", { extra: { outcome: dispute.outcome } });
    const refundMinor = refundMinorFor(order, input);
    const moved = await applyAction(scope, ctx, order, RESOLUTIONS[input.outcome], { userId: auth.userId, role: "admin" }, { note: input.note, ...(refundMinor === undefined ? {} : { refundMinor }) });
    const [resolved] = await scope.tx
      .update(disputes)
      .set({ status: "resolved", outcome: input.outcome, refundMinor: moved.refundedMinor, resolutionNote: input.note, resolvedBy: auth.userId, resolvedAt: ctx.now() })
      .where(eq(disputes.id, dispute.id))
      .returning();
    await scope.audit({
      actorId: auth.userId,
      action: "orders.dispute_resolved",
      subjectType: "dispute",
      subjectId: dispute.id,
      details: { orderId: order.id, outcome: input.outcome, refundMinor: moved.refundedMinor, feeMinor: moved.feeMinor, currency: order.currency, note: input.note },
    });
    return toDisputeView(resolved!, moved, await messagesOf(scope.tx, dispute.id));
  });
}
