// The Worker's entry: HTTP (API + web app), the event queues, and cron.
import { createApp } from "./app";
import { releaseExpiredReservations } from "./catalog/inventory-service";
import type { AppEnv } from "./env";
import { consumeDeadLetters, consumeEvents } from "./events/consumer";
import { createScope } from "./platform/context";
import { deleteExpiredIdempotencyKeys } from "./platform/idempotency-store";
import { relayPendingEvents } from "./platform/events";
import { createLogger } from "./platform/logger";
import { autoReleaseDeliveredOrders, expireUnpaidOrders } from "./orders/crons";
import { settleStrandedPayments } from "./payments/reconcile";
import { runAnchoring } from "./anchoring/service";
import { completeArrivedTrips, expireLateRequests } from "./crowdship/crons";

export { AuctionRoom } from "../durable-objects/auction-room/auction-room";
export { CourierSession } from "../durable-objects/courier-session/courier-session";

const app = createApp();

export default {
  fetch: app.fetch,

  async queue(batch, env, _ctx) {
    const log = createLogger(env.LOG_LEVEL);
    if (batch.queue.endsWith("-dlq")) await consumeDeadLetters(batch, env, log);
    else await consumeEvents(batch, env, log);
  },

  async scheduled(controller, env, ctx) {
    const log = createLogger(env.LOG_LEVEL, { cron: controller.cron });
    const scope = createScope(env, log, `cron:${controller.scheduledTime}`, { ip: null, userAgent: null });
    const run = (async () => {
      try {
        const relayed = await relayPendingEvents(scope.ctx);
        // Orders first: an expiring order gives its stock back itself, before the catalog's lapse sweep would.
        const expiredOrders = await expireUnpaidOrders(scope.ctx);
        const releasedOrders = await autoReleaseDeliveredOrders(scope.ctx);
        if (expiredOrders > 0 || releasedOrders > 0) log.info("cron", { expiredOrders, autoReleasedOrders: releasedOrders });
        const released = await releaseExpiredReservations(scope.ctx);
        const expiredKeys = await deleteExpiredIdempotencyKeys(scope.ctx);
        if (expiredKeys > 0) log.info("cron", { expiredIdempotencyKeys: expiredKeys });
        const expiredRequests = await expireLateRequests(scope.ctx);
        const completedTrips = await completeArrivedTrips(scope.ctx);
        if (expiredRequests > 0 || completedTrips > 0) log.info("cron", { expiredShipmentRequests: expiredRequests, completedTrips });
        const strandedPayments = await settleStrandedPayments(scope.ctx);
        if (strandedPayments > 0) log.warn("cron settled card payments their requests never settled", { strandedPayments });
        if (relayed > 0 || released > 0) log.info("cron", { relayed, releasedReservations: released });
        // Last: it may wait on the chain for a receipt, and with no chain configured it returns at once.
        await runAnchoring(scope.ctx);
      } finally {
        await scope.close();
      }
    })();
    ctx.waitUntil(run);
    await run;
  },
} satisfies ExportedHandler<AppEnv>;
