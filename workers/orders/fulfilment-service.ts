// After payment: shipping, delivery, the buyer's confirmation (escrow released), and cancelling.
import type { AuthContext } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import type { TxScope } from "../platform/events";
import { actAs, actFor, type ActingParty } from "./order-actions";
import type { OrderView } from "./order-view";

export const shipOrder = (ctx: ServiceContext, auth: AuthContext, orderId: string, tracking: { carrier?: string | undefined; trackingNumber?: string | undefined }) =>
  actAs(ctx, auth, orderId, "ship", {
    set: { carrier: tracking.carrier ?? null, trackingNumber: tracking.trackingNumber ?? null },
    note: tracking.carrier || tracking.trackingNumber ? [tracking.carrier, tracking.trackingNumber].filter(Boolean).join(" ") : null,
  });

/** The buyer has the item: escrow goes to the seller less the platform fee, and the order is completed. */
export const confirmDelivery = (ctx: ServiceContext, auth: AuthContext, orderId: string) => actAs(ctx, auth, orderId, "confirm_delivery");

/** The buyer before payment; the seller (or an admin) before shipping, refunding a paid order in full. */
export const cancelOrder = (ctx: ServiceContext, auth: AuthContext, orderId: string, reason: string | undefined) => actAs(ctx, auth, orderId, "cancel", { note: reason ?? null });

/** The seller or an admin says it arrived: the auto-release clock starts. */
export const markDeliveredBy = (ctx: ServiceContext, auth: AuthContext, orderId: string) => actAs(ctx, auth, orderId, "mark_delivered", { set: { deliveredAt: ctx.now() } });

/**
 * For other domains: the order was delivered. `by` is who says so: { role: "system", userId: courierId } for a
 * crowdship PIN (allowed from paid, shipped or in transit), or a seller/admin. Pass `scope` to do it inside your own
 * transaction (the shipment's delivery and the order's commit together); without it, it runs in its own.
 */
export const markDelivered = (ctx: ServiceContext, orderId: string, by: ActingParty, scope?: TxScope): Promise<OrderView> =>
  actFor(ctx, orderId, "mark_delivered", by, { set: { deliveredAt: ctx.now() } }, scope);

/** For other domains: a courier picked the item up (crowdship). Same conventions as markDelivered. */
export const markInTransit = (ctx: ServiceContext, orderId: string, by: ActingParty, scope?: TxScope): Promise<OrderView> => actFor(ctx, orderId, "mark_in_transit", by, {}, scope);

/**
 * For other domains: the crowdship courier handed the item over against the buyer's PIN, which is the buyer's own
 * confirmation: the order completes and escrow goes to the seller less the fee (from paid, shipped, in transit or
 * delivered). `courierId` is recorded as the actor. Same `scope` convention as markDelivered.
 */
export const confirmDeliveredByCourier = (ctx: ServiceContext, orderId: string, courierId: string, scope?: TxScope): Promise<OrderView> =>
  actFor(ctx, orderId, "confirm_delivery", { role: "system", userId: courierId }, { set: { deliveredAt: ctx.now() } }, scope);
