// The order's money through the ledger: hold the total in escrow, release it to the seller less the fee, refund it to the buyer.
import { postTransfer } from "../ledger/service";
import type { ServiceContext } from "../platform/context";
import type { TxScope } from "../platform/events";
import type { Currency } from "../platform/money";
import { splitEscrow, type EscrowSplit } from "./escrow-math";
import type { OrderRow } from "./order-view";

// Each movement has a fixed ledger reference per order (docs/money.md), so running a step twice moves money once.
const holdReference = (orderId: string) => `order:${orderId}:hold`;
const releaseReference = (orderId: string) => `order:${orderId}:release`;
const refundReference = (orderId: string) => `order:${orderId}:refund`;

/** Every ledger reference an order's escrow can post under (anchoring lists the order's entries by them). */
export const escrowReferences = (orderId: string): string[] => [holdReference(orderId), releaseReference(orderId), refundReference(orderId)];

const available = (ownerId: string, currency: Currency) => ({ kind: "user_available" as const, ownerId, currency });
const held = (ownerId: string, currency: Currency) => ({ kind: "user_held" as const, ownerId, currency });

/** Between the buyer's own balances: available → held for a hold, held → available for a refund. */
async function moveWithinBuyer(scope: TxScope, ctx: ServiceContext, order: OrderRow, kind: "escrow_hold" | "refund", amountMinor: number, actorId: string | null): Promise<void> {
  const currency = order.currency as Currency;
  const toHeld = kind === "escrow_hold" ? amountMinor : -amountMinor;
  await postTransfer(scope, ctx, {
    kind,
    reference: kind === "escrow_hold" ? holdReference(order.id) : refundReference(order.id),
    postings: [
      { account: available(order.buyerId, currency), amount: -toHeld },
      { account: held(order.buyerId, currency), amount: toHeld },
    ],
    memo: kind === "escrow_hold" ? `Order ${order.id} paid: held in escrow` : `Order ${order.id}: refund from escrow`,
    actorId,
  });
}

/** Buyer available → buyer held, the whole total. INSUFFICIENT_FUNDS (422) when the wallet is short; nothing moves then. */
export async function holdEscrow(scope: TxScope, ctx: ServiceContext, order: OrderRow, actorId: string | null): Promise<void> {
  await moveWithinBuyer(scope, ctx, order, "escrow_hold", order.totalMinor, actorId);
  await scope.audit({ actorId, action: "orders.escrow_hold", subjectType: "order", subjectId: order.id, details: { amountMinor: order.totalMinor, currency: order.currency } });
}

/**
 * Ends escrow: `refundMinor` back to the buyer, the rest to the seller less the platform fee on the rest.
 * A whole refund is one transfer, a whole release one, a partial refund one of each (refund first, then release).
 */
export async function settleEscrow(scope: TxScope, ctx: ServiceContext, order: OrderRow, refundMinor: number, feeBps: number, actorId: string | null): Promise<EscrowSplit> {
  const currency = order.currency as Currency;
  const split = splitEscrow(order.totalMinor, refundMinor, feeBps);
  if (split.refundMinor > 0) await moveWithinBuyer(scope, ctx, order, "refund", split.refundMinor, actorId);
  if (split.releaseMinor > 0) {
    // A zero share (a 0% or 100% fee) is left out: the ledger refuses zero postings.
    const postings = [
      { account: held(order.buyerId, currency), amount: -split.releaseMinor },
      { account: available(order.sellerId, currency), amount: split.sellerMinor },
      { account: { kind: "platform_fees" as const, currency }, amount: split.feeMinor },
    ].filter((posting) => posting.amount !== 0);
    await postTransfer(scope, ctx, { kind: "escrow_release", reference: releaseReference(order.id), postings, memo: `Order ${order.id}: escrow released to the seller`, actorId });
  }
  await scope.audit({ actorId, action: "orders.escrow_settled", subjectType: "order", subjectId: order.id, details: { currency, totalMinor: order.totalMinor, feeBps, ...split } });
  return split;
}
