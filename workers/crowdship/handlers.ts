// Event handlers of the crowdship domain: new trips and requests tell their best matches; offers, shipment progress and locks tell the people concerned.
import { eq } from "drizzle-orm";
import { shipmentRequests } from "../../db/crowdship";
import { adminIds } from "../auth/users";
import type { EventHandler } from "../events/registry";
import { createNotification } from "../notifications/service";
import type { Tx } from "../platform/db";
import type { EventEnvelope } from "../platform/events";
import { CROWDSHIP_ADMIN_NOTIFY_MAX, CROWDSHIP_MATCH_NOTIFY_TOP } from "../platform/limits";
import { formatMoney, isCurrency } from "../platform/money";
import { bestRequestsFor, bestTripsFor } from "./matches-service";
import { toKg } from "./trip-schemas";
import { findTrip } from "./trips-service";

interface Message {
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

/** One notification per recipient of an event; a redelivery notifies nobody twice (unique per event, kind and recipient). */
async function notify(tx: Tx, event: EventEnvelope, userIds: readonly (string | null)[], message: Message, now: Date): Promise<void> {
  for (const userId of new Set(userIds)) {
    if (userId) await createNotification(tx, { userId, ...message, sourceEventId: event.id }, now);
  }
}

const when = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export const notifyRequestersOfNewTrip: EventHandler<"trip.created"> = {
  consumer: "crowdship.trip_created_matches",
  type: "trip.created",
  async handle(ctx, { tx }, event) {
    const trip = await findTrip(tx, event.payload.tripId);
    if (!trip) return;
    const { best } = await bestRequestsFor(ctx, tx, trip, CROWDSHIP_MATCH_NOTIFY_TOP);
    for (const { request } of best) {
      await notify(
        tx,
        event,
        [request.requesterId],
        {
          kind: "crowdship_trip_match",
          title: `A traveller is going ${trip.fromPlace.city} → ${trip.toPlace.city}`,
          body: `They arrive ${when(trip.arriveAt)}, in time for your request "${request.item.title}". Watch for their offer.`,
          data: { tripId: trip.id, requestId: request.id },
        },
        ctx.now(),
      );
    }
  },
};

export const notifyTravelersOfNewRequest: EventHandler<"shipment_request.created"> = {
  consumer: "crowdship.request_created_matches",
  type: "shipment_request.created",
  async handle(ctx, { tx }, event) {
    const [request] = await tx.select().from(shipmentRequests).where(eq(shipmentRequests.id, event.payload.requestId));
    if (!request || request.status !== "open") return;
    for (const { match, trip } of await bestTripsFor(ctx, tx, request, CROWDSHIP_MATCH_NOTIFY_TOP)) {
      const quote = isCurrency(request.currency) ? formatMoney({ amount: match.quoteMinor, currency: request.currency }) : String(match.quoteMinor);
      await notify(
        tx,
        event,
        [trip.travelerId],
        {
          kind: "crowdship_request_match",
          title: `A request fits your trip to ${trip.toPlace.city}`,
          body: `"${request.item.title}", ${toKg(request.weightGrams)} kg, ${request.fromPlace.city} → ${request.toPlace.city} by ${when(request.deliverBy)}. Quote ${quote}.`,
          data: { requestId: request.id, tripId: trip.id },
        },
        ctx.now(),
      );
    }
  },
};

export const notifyRequesterOfOffer: EventHandler<"shipment_offer.created"> = {
  consumer: "crowdship.offer_created",
  type: "shipment_offer.created",
  async handle(ctx, { tx }, event) {
    const { offerId, requestId, requesterId, price } = event.payload;
    await notify(
      tx,
      event,
      [requesterId],
      { kind: "shipment_offer", title: "A traveller offers to carry your item", body: `Their price is ${formatMoney(price)}. Compare it with the quote and accept it to book them.`, data: { offerId, requestId } },
      ctx.now(),
    );
  },
};

export const notifyPartiesOfAcceptance: EventHandler<"shipment.accepted"> = {
  consumer: "crowdship.shipment_accepted",
  type: "shipment.accepted",
  async handle(ctx, { tx }, event) {
    const { shipmentId, requestId, travelerId, sellerId, orderId } = event.payload;
    const data = { shipmentId, requestId, orderId };
    await notify(tx, event, [travelerId], { kind: "shipment_accepted", title: "Your offer was accepted", body: "Pick the item up and bring it; the requester gives you the delivery PIN on hand-over.", data }, ctx.now());
    await notify(tx, event, [sellerId], { kind: "shipment_accepted", title: "A traveller will carry your order", body: "Hand the item to them at pickup; you are paid once the buyer receives it.", data }, ctx.now());
  },
};

/** Milestones with their own event (delivered, locked) or that the requester caused (accepted) are told there, not here. */
const MILESTONE_TITLES: Record<string, string> = {
  picked_up: "Your item was picked up",
  departed: "Your item is on its way",
  arrived: "Your item has arrived in the destination city",
  out_for_delivery: "Your item is out for delivery",
};

export const notifyRequesterOfMilestone: EventHandler<"shipment.milestone"> = {
  consumer: "crowdship.shipment_milestone",
  type: "shipment.milestone",
  async handle(ctx, { tx }, event) {
    const { shipmentId, requestId, requesterId, sellerId, milestone, at } = event.payload;
    const title = MILESTONE_TITLES[milestone];
    if (!title) return;
    // The seller hears only that the item left their hands.
    const recipients = milestone === "picked_up" ? [requesterId, sellerId] : [requesterId];
    await notify(tx, event, recipients, { kind: "shipment_milestone", title, body: `Updated ${when(new Date(at))}. Follow it live on the shipment's page.`, data: { shipmentId, requestId, milestone } }, ctx.now());
  },
};

export const notifyPartiesOfDelivery: EventHandler<"shipment.delivered"> = {
  consumer: "crowdship.shipment_delivered",
  type: "shipment.delivered",
  async handle(ctx, { tx }, event) {
    const { shipmentId, requestId, requesterId, travelerId, sellerId, orderId } = event.payload;
    const data = { shipmentId, requestId, orderId };
    await notify(tx, event, [requesterId], { kind: "shipment_delivered", title: "Your item was delivered", body: "The traveller's reward has been released. Rate the traveller to help others choose.", data }, ctx.now());
    await notify(tx, event, [travelerId], { kind: "shipment_delivered", title: "Delivery confirmed", body: "The PIN was right: your reward is in your wallet.", data }, ctx.now());
    await notify(tx, event, [sellerId], { kind: "shipment_delivered", title: "Your order reached the buyer", body: "The buyer's payment has been released to you.", data }, ctx.now());
  },
};

export const notifyAdminsOfLock: EventHandler<"shipment.locked"> = {
  consumer: "crowdship.shipment_locked",
  type: "shipment.locked",
  async handle(ctx, { tx }, event) {
    const { shipmentId, requestId, travelerId, requesterId } = event.payload;
    await notify(
      tx,
      event,
      await adminIds(tx, CROWDSHIP_ADMIN_NOTIFY_MAX),
      { kind: "shipment_locked", title: "A shipment is locked after 5 wrong PINs", body: `Shipment ${shipmentId} needs support: check with both parties, then unlock it.`, data: { shipmentId, requestId, travelerId, requesterId } },
      ctx.now(),
    );
  },
};

export const crowdshipHandlers = [
  notifyRequestersOfNewTrip,
  notifyTravelersOfNewRequest,
  notifyRequesterOfOffer,
  notifyPartiesOfAcceptance,
  notifyRequesterOfMilestone,
  notifyPartiesOfDelivery,
  notifyAdminsOfLock,
];
