// The Worker's entry: HTTP (API + web app), the event queues, and cron.
import { createApp } from "./app";
import { releaseExpiredReservations } from "./catalog/inventory-service";
import type { AppEnv } from "./env";
import { consumeDeadLetters, consumeEvents } from "./events/consumer";
import { createScope } from "./platform/context";
import { relayPendingEvents } from "./platform/events";
import { createLogger } from "./platform/logger";

export { AuctionRoom } from "../durable-objects/auction-room/auction-room";

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
        const released = await releaseExpiredReservations(scope.ctx);
        if (relayed > 0 || released > 0) log.info("cron", { relayed, releasedReservations: released });
      } finally {
        await scope.close();
      }
    })();
    ctx.waitUntil(run);
    await run;
  },
} satisfies ExportedHandler<AppEnv>;
