// Event handlers of the notifications domain: what lands in a user's inbox, and when.
import type { EventHandler } from "../events/registry";
import { createNotification } from "./service";

export const welcomeOnRegistration: EventHandler<"user.registered"> = {
  consumer: "notifications.welcome",
  type: "user.registered",
  async handle(ctx, { tx }, event) {
    await createNotification(
      tx,
      {
        userId: event.payload.userId,
        kind: "welcome",
        title: `Welcome to Mnbara, ${event.payload.displayName}`,
        body: "Buy, bid, sell — or carry an item on a trip you are already taking and earn a reward.",
        sourceEventId: event.id,
      },
      ctx.now(),
    );
  },
};
