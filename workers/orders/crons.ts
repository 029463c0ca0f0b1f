// Cron work on orders: expire the unpaid past their deadline, release escrow of the delivered once the dispute window closed.
import { and, asc, eq, lt } from "drizzle-orm";
import { orders } from "../../db/schema";
import type { ServiceContext } from "../platform/context";
import { errorFields } from "../platform/logger";
import { ORDER_AUTO_RELEASE_DAYS, ORDER_CRON_BATCH_SIZE } from "../platform/limits";
import { actFor } from "./order-actions";
import type { OrderAction } from "./state-machine";

const SYSTEM = { userId: null, role: "system" } as const;

/**
 * Applies `action` to each order found, each in its own transaction, so one failure neither blocks nor undoes the rest.
 * An order another request moved meanwhile (paid at the last second, disputed) is refused by the state machine and skipped.
 */
async function sweep(ctx: ServiceContext, ids: readonly string[], action: OrderAction, note: string): Promise<number> {
  let moved = 0;
  for (const id of ids) {
    try {
      await actFor(ctx, id, action, SYSTEM, { note });
      moved++;
    } catch (error) {
      ctx.log.warn("order cron skipped an order", { orderId: id, action, ...errorFields(error) });
    }
  }
  return moved;
}

/** Unpaid orders past their payment deadline → expired; a fixed-price order's stock goes back on sale. */
export async function expireUnpaidOrders(ctx: ServiceContext): Promise<number> {
  const due = await ctx.db.orm
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, "pending_payment"), lt(orders.paymentDueAt, ctx.now())))
    .orderBy(asc(orders.paymentDueAt))
    .limit(ORDER_CRON_BATCH_SIZE);
  return sweep(ctx, due.map((row) => row.id), "expire", "not paid in time");
}

/** Delivered orders nobody confirmed or disputed within ORDER_AUTO_RELEASE_DAYS → escrow released, completed. */
export async function autoReleaseDeliveredOrders(ctx: ServiceContext): Promise<number> {
  const cutoff = new Date(ctx.now().getTime() - ORDER_AUTO_RELEASE_DAYS * 86_400_000);
  const due = await ctx.db.orm
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, "delivered"), lt(orders.deliveredAt, cutoff)))
    .orderBy(asc(orders.deliveredAt))
    .limit(ORDER_CRON_BATCH_SIZE);
  return sweep(ctx, due.map((row) => row.id), "auto_release", `released ${ORDER_AUTO_RELEASE_DAYS} days after delivery`);
}
