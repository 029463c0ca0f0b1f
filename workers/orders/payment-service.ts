// Paying an order, as explicit steps: checks, delivery, fraud, then the wallet hold or the card charge with its compensation.
import { eq } from "drizzle-orm";
import { orders, type Delivery } from "../../db/schema";
import { saleTerms } from "../catalog/sale-terms";
import { assessPayment, enforceAssessment } from "../fraud/service";
import { chargeCard, settleCardPayment } from "../payments/service";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { CARD_PAYMENT_MAX_AMOUNT_MINOR } from "../platform/limits";
import { inTransaction, type TxScope } from "../platform/events";
import { errorFields } from "../platform/logger";
import type { Currency, Money } from "../platform/money";
import { allowed, applyAction, partyOf, type ActingParty } from "./order-actions";
import { orderTotal, shippingCostFor } from "./order-service";
import { findOrder, lockOrder, orderView } from "./order-store";
import type { OrderRow, OrderView } from "./order-view";
import { inSavepoint } from "./savepoint";

export interface PayInput {
  source: "wallet" | "card";
  paymentMethod?: string | undefined;
  /** Where to deliver: required when the order has none yet (an auction's winner says it here), else it replaces it. */
  delivery?: Delivery | undefined;
}

export type PayResult =
  | { kind: "paid"; order: OrderView }
  | { kind: "requires_action"; order: OrderView; payment: { id: string; status: "requires_action"; nextAction: unknown } };

const totalOf = (order: OrderRow): Money => ({ amount: order.totalMinor, currency: order.currency as Currency });

/** Step 1: the caller is the buyer (others 404, the seller 403), the order is awaiting payment and not past its deadline. */
async function payableOrder(ctx: ServiceContext, auth: AuthContext, orderId: string): Promise<OrderRow> {
  const order = await findOrder(ctx.db.orm, orderId);
  if (!order) throw new AppError("NOT_FOUND", "No such order.");
  allowed(order, "pay", partyOf(auth, order));
  if (order.paymentDueAt.getTime() <= ctx.now().getTime()) {
    throw new AppError("ORDER_STATE_CONFLICT", "The payment deadline for this order has passed.", { extra: { status: order.status, paymentDueAt: order.paymentDueAt.toISOString() } });
  }
  return order;
}

/** Step 2: set or change where it goes; the shipping cost and so the total follow, before anything is charged. */
async function setDelivery(ctx: ServiceContext, auth: AuthContext, orderId: string, delivery: Delivery): Promise<OrderRow> {
  return inTransaction(ctx, async (scope) => {
    const order = await lockOrder(scope.tx, orderId);
    allowed(order, "pay", partyOf(auth, order));
    const terms = await saleTerms(scope.tx, order.listingId);
    if (!terms) throw new Error(`invariant failed: order ${order.id} sells listing ${order.listingId}, which does not exist`);
    const shippingCostMinor = shippingCostFor(terms, delivery);
    const [updated] = await scope.tx
      .update(orders)
      .set({ delivery, shippingCostMinor, totalMinor: orderTotal(order.unitPriceMinor, order.quantity, shippingCostMinor), version: order.version + 1, updatedAt: ctx.now() })
      .where(eq(orders.id, order.id))
      .returning();
    return updated!;
  });
}

/** Step 3: the fraud rules see every order payment before money moves (review → 409 PAYMENT_UNDER_REVIEW, block → 422 PAYMENT_BLOCKED). */
async function screen(ctx: ServiceContext, order: OrderRow, input: PayInput): Promise<void> {
  const assessment = await assessPayment(ctx, {
    userId: order.buyerId,
    amount: totalOf(order),
    kind: "order_payment",
    paymentMethod: input.source === "card" ? input.paymentMethod : undefined,
    counterpartyId: order.sellerId,
    subjectType: "order",
    subjectId: order.id,
  });
  enforceAssessment(assessment);
}

/** Step 4a, wallet: the hold, the stock and the status in one transaction; a short wallet is 422 INSUFFICIENT_FUNDS and changes nothing. */
async function payFromWallet(ctx: ServiceContext, auth: AuthContext, orderId: string): Promise<OrderView> {
  return inTransaction(ctx, async (scope) => {
    const order = await lockOrder(scope.tx, orderId);
    const moved = await applyAction(scope, ctx, order, "pay", { userId: auth.userId, role: "buyer" }, { set: { paymentSource: "wallet" } });
    return orderView(ctx, scope.tx, moved, "buyer");
  });
}

/**
 * The card's money is in our hands: settle it into the buyer's wallet, then, if the order can still be paid, hold it
 * in escrow in the same transaction (inside a savepoint, so a failed hold keeps the settle). If the order is no longer
 * payable (paid another way meanwhile, expired, cancelled) the money simply stays in the wallet. Returns the order
 * when it was paid, null when not.
 */
export async function completeCardPayment(scope: TxScope, ctx: ServiceContext, orderId: string, paymentId: string, by: ActingParty): Promise<OrderRow | null> {
  await settleCardPayment(scope, ctx, paymentId);
  const order = await lockOrder(scope.tx, orderId);
  if (order.status !== "pending_payment") return null;
  try {
    return await inSavepoint(scope, (inner) => applyAction(inner, ctx, order, "pay", by, { set: { paymentSource: "card", paymentId } }));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    ctx.log.warn("card payment settled to the wallet but could not pay the order", { orderId, paymentId, ...errorFields(error) });
    return null;
  }
}

/**
 * Step 4b, card. The charge is the one outside call: after it succeeds, the settle, hold, stock and status commit
 * together. If that transaction fails, the compensation is to settle the payment alone so the money lands in the
 * buyer's wallet (settling is idempotent by its ledger reference), then report the failure.
 */
async function payByCard(ctx: ServiceContext, auth: AuthContext, order: OrderRow, paymentMethod: string, idempotencyKey: string): Promise<PayResult> {
  const { payment } = await chargeCard(ctx, {
    userId: auth.userId,
    amount: totalOf(order),
    paymentMethod,
    reference: `order:${order.id}:card:${idempotencyKey}`,
    purpose: "order",
    orderId: order.id,
  });
  if (payment.status === "requires_action") {
    const view = await inTransaction(ctx, async (scope) => {
      const locked = await lockOrder(scope.tx, order.id);
      const [updated] = await scope.tx.update(orders).set({ paymentId: payment.id, paymentSource: "card", updatedAt: ctx.now() }).where(eq(orders.id, locked.id)).returning();
      return orderView(ctx, scope.tx, updated!, "buyer");
    });
    return { kind: "requires_action", order: view, payment: { id: payment.id, status: "requires_action", nextAction: payment.nextAction } };
  }
  let paid: OrderView | null;
  try {
    paid = await inTransaction(ctx, async (scope) => {
      const moved = await completeCardPayment(scope, ctx, order.id, payment.id, { userId: auth.userId, role: "buyer" });
      return moved ? orderView(ctx, scope.tx, moved, "buyer") : null;
    });
  } catch (error) {
    ctx.log.error("paying an order after a successful card charge failed; settling the charge to the wallet", { orderId: order.id, paymentId: payment.id, ...errorFields(error) });
    await inTransaction(ctx, (scope) => settleCardPayment(scope, ctx, payment.id));
    throw error;
  }
  if (!paid) throw new AppError("ORDER_STATE_CONFLICT", "The order could not be paid any more; the card payment was added to your wallet instead.", { extra: { paymentId: payment.id } });
  return { kind: "paid", order: paid };
}

/** POST /v1/orders/:id/pay: the steps above in order. The route guarantees an Idempotency-Key. */
export async function payOrder(ctx: ServiceContext, auth: AuthContext, orderId: string, input: PayInput, idempotencyKey: string): Promise<PayResult> {
  let order = await payableOrder(ctx, auth, orderId);
  if (input.delivery) order = await setDelivery(ctx, auth, orderId, input.delivery);
  if (!order.delivery) throw new AppError("DELIVERY_REQUIRED", "Say where the order should go: send `delivery` with the payment.");
  await screen(ctx, order, input);
  if (input.source === "wallet") return { kind: "paid", order: await payFromWallet(ctx, auth, orderId) };
  if (!input.paymentMethod) throw new AppError("VALIDATION_FAILED", "A card payment needs a paymentMethod.", { errors: [{ path: "paymentMethod", message: "required for source card" }] });
  if (order.totalMinor > CARD_PAYMENT_MAX_AMOUNT_MINOR) throw new AppError("BUSINESS_RULE", `One card payment is at most ${CARD_PAYMENT_MAX_AMOUNT_MINOR} minor units; top up the wallet and pay from it.`);
  return payByCard(ctx, auth, order, input.paymentMethod, idempotencyKey);
}
