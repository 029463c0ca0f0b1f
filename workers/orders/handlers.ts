// Event handlers of the orders domain: an auction's close becomes the winner's order; a confirmed card payment pays its order.
import type { EventHandler } from "../events/registry";
import { orderForClosedAuction } from "./auction-orders";
import { completeCardPayment } from "./payment-service";

export const orderOnAuctionClosed: EventHandler<"auction.closed"> = {
  consumer: "orders.auction_closed",
  type: "auction.closed",
  async handle(ctx, scope, { payload }) {
    await orderForClosedAuction(scope, ctx, payload);
  },
};

/**
 * A card payment that needed a confirm step (3-D Secure) succeeded: hold it in escrow if its order still awaits payment.
 * If not (expired, cancelled, paid otherwise), completeCardPayment leaves the money in the buyer's wallet.
 */
export const payOrderOnCardSuccess: EventHandler<"payment.succeeded"> = {
  consumer: "orders.card_payment_succeeded",
  type: "payment.succeeded",
  async handle(ctx, scope, { payload }) {
    if (payload.purpose !== "order" || !payload.orderId) return;
    const paid = await completeCardPayment(scope, ctx, payload.orderId, payload.paymentId, { userId: null, role: "system" });
    if (!paid) ctx.log.info("a confirmed card payment found its order no longer payable; the money stays in the wallet", { orderId: payload.orderId, paymentId: payload.paymentId });
  },
};
