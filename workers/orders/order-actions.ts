// Taking an action on an order: who the caller is to it, the state machine's verdict, then escrow, stock and the status change together.
import { settleStockInTransaction } from "../catalog/inventory-service";
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { inTransaction, type TxScope } from "../platform/events";
import { holdEscrow, settleEscrow } from "./escrow";
import { feeBps, lockOrder, moveOrder, orderView, type OrderInsert } from "./order-store";
import type { OrderRow, OrderView, Viewer } from "./order-view";
import { transition, type OrderAction, type OrderActor } from "./state-machine";

/** Who acts on an order: a user in a role towards it, or the platform (userId null for crons; the courier's id for a PIN). */
export interface ActingParty {
  userId: string | null;
  role: OrderActor;
}

export interface ActionOptions {
  note?: string | null;
  /** Other columns that change with the status (tracking number, delivery time…). */
  set?: Partial<OrderInsert>;
  /** For a partial refund: what goes back to the buyer. */
  refundMinor?: number;
}

/** How `auth` stands to `order`. Anyone who is neither party nor admin is told it does not exist (API.md: 404, never 403). */
export function partyOf(auth: AuthContext, order: OrderRow): Viewer {
  if (auth.userId === order.buyerId) return "buyer";
  if (auth.userId === order.sellerId) return "seller";
  if (auth.roles.includes("admin")) return "admin";
  throw new AppError("NOT_FOUND", "No such order.");
}

/** The state machine's verdict as an error a caller sees: 403 when the role may never do it, 409 when not in this status. */
export function allowed(order: OrderRow, action: OrderAction, role: OrderActor) {
  const verdict = transition(order.status, action, role);
  if (!verdict.ok) throw new AppError(verdict.error, verdict.detail, verdict.error === "ORDER_STATE_CONFLICT" ? { extra: { status: order.status } } : {});
  return verdict;
}

/**
 * Applies `action` to a locked order inside the caller's transaction: the escrow transfer it implies, the stock it
 * settles (sold when paid; back on sale when an unpaid order ends), and the status change with its event.
 * Any failure throws and the caller's transaction rolls everything back together.
 */
export async function applyAction(scope: TxScope, ctx: ServiceContext, order: OrderRow, action: OrderAction, by: ActingParty, options: ActionOptions = {}): Promise<OrderRow> {
  const verdict = allowed(order, action, by.role);
  const set: Partial<OrderInsert> = { ...options.set };
  if (verdict.escrow === "hold") {
    await holdEscrow(scope, ctx, order, by.userId);
  } else if (verdict.escrow !== "none") {
    const refundMinor = verdict.escrow === "release" ? 0 : verdict.escrow === "refund" ? order.totalMinor : (options.refundMinor ?? 0);
    const split = await settleEscrow(scope, ctx, order, refundMinor, feeBps(ctx), by.userId);
    Object.assign(set, { feeMinor: split.feeMinor, refundedMinor: split.refundMinor });
  }
  // Only fixed-price orders reserve stock; an auction's single item left the catalog when the auction closed.
  if (order.source === "fixed_price") {
    const holder = { listingId: order.listingId, holderRef: order.id };
    if (verdict.to === "paid") await settleStockInTransaction(scope, ctx, holder, "consumed");
    // A cancellation after payment leaves the stock sold: the seller cancels because they cannot deliver that item.
    if (order.status === "pending_payment" && (verdict.to === "cancelled" || verdict.to === "expired")) await settleStockInTransaction(scope, ctx, holder, "released");
  }
  if (by.role === "admin") {
    await scope.audit({ actorId: by.userId, action: `orders.admin.${action}`, subjectType: "order", subjectId: order.id, details: { from: order.status, to: verdict.to, note: options.note ?? null } });
  }
  return moveOrder(scope, ctx, order, verdict.to, { actorId: by.userId, note: options.note ?? null, set });
}

/** A signed-in user's action on an order over HTTP: their role is what they are to the order; the answer is the order as they see it. */
export async function actAs(ctx: ServiceContext, auth: AuthContext, orderId: string, action: OrderAction, options: ActionOptions = {}): Promise<OrderView> {
  return inTransaction(ctx, async (scope) => {
    const order = await lockOrder(scope.tx, orderId);
    const viewer = partyOf(auth, order);
    const moved = await applyAction(scope, ctx, order, action, { userId: auth.userId, role: viewer }, options);
    return orderView(ctx, scope.tx, moved, viewer);
  });
}

/**
 * An action by the platform or a party known without a token (other domains, crons, event handlers). Runs inside
 * `scope` when given, so it commits with the caller's own change, or in a transaction of its own. The answer is the
 * order as that party sees it (the platform sees what an admin does).
 */
export async function actFor(ctx: ServiceContext, orderId: string, action: OrderAction, by: ActingParty, options: ActionOptions = {}, scope?: TxScope): Promise<OrderView> {
  const work = async (inner: TxScope) => {
    const order = await lockOrder(inner.tx, orderId);
    const moved = await applyAction(inner, ctx, order, action, by, options);
    return orderView(ctx, inner.tx, moved, by.role === "buyer" || by.role === "seller" ? by.role : "admin");
  };
  return scope ? work(scope) : inTransaction(ctx, work);
}
