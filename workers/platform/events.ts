// Domain events: the typed catalogue, the envelope that travels on the queue, and the transaction helper that writes the outbox.
import { and, inArray, isNull, lt, sql } from "drizzle-orm";
import { auditLog, outboxEvents } from "../../db/schema";
import type { ServiceContext } from "./context";
import type { Tx } from "./db";
import { newId } from "./ids";
import { OUTBOX_RELAY_BATCH_SIZE, OUTBOX_RELAY_GRACE_SECONDS, OUTBOX_RELAY_PASSES_PER_RUN } from "./limits";
import { errorFields } from "./logger";
import type { Money } from "./money";

/** Every event type and its payload. Later domains add theirs here (listing.created, auction.closed, order.paid …). */
export interface EventPayloads {
  "user.registered": { userId: string; email: string; displayName: string };
  "user.role_granted": { userId: string; role: string };
  "listing.created": { listingId: string };
  "listing.updated": { listingId: string };
  "listing.ended": { listingId: string };
  "auction.bid_placed": {
    listingId: string;
    seq: number;
    bidderId: string;
    bidderAlias: string;
    maxMinor: number;
    priceAfterMinor: number;
    currency: string;
    leaderIdAfter: string;
    bidCount: number;
    endsAt: string;
    at: string;
    hash: string;
  };
  "auction.outbid": { listingId: string; bidderId: string; currentPriceMinor: number; currency: string };
  "auction.closed": { listingId: string; sellerId: string; winnerId: string | null; finalPriceMinor: number | null; currency: string; reserveMet: boolean; bidCount: number; headHash: string; reason: "ended" | "bought" };
  "order.created": OrderEventPayload & { source: "fixed_price" | "buy_now" | "auction"; paymentDueAt: string };
  "order.paid": OrderEventPayload & { paymentSource: "wallet" | "card" };
  "order.shipped": OrderEventPayload & { carrier: string | null; trackingNumber: string | null };
  "order.delivered": OrderEventPayload;
  "order.completed": OrderEventPayload & { feeMinor: number; refundedMinor: number };
  "order.cancelled": OrderEventPayload & { refundedMinor: number };
  "order.expired": OrderEventPayload;
  "order.refunded": OrderEventPayload & { refundedMinor: number };
  "order.disputed": OrderEventPayload & { disputeId: string };
  /** An admin decided a held payment: approved means the payer may retry it; rejected means it stays blocked. */
  "fraud.review_decided": { reviewId: string; userId: string; subjectType: string; subjectId: string; status: "approved" | "rejected" };
  /** A card payment that needed the payer's action (3-D Secure) succeeded later and is settled into the payer's wallet. */
  "payment.succeeded": { paymentId: string; userId: string; amount: Money; purpose: "deposit" | "order"; orderId?: string };
  /** Crowdship (docs/crowdship.md). A new trip or request: the matcher tells the best matches on the other side. */
  "trip.created": { tripId: string; travelerId: string };
  "trip.cancelled": { tripId: string; travelerId: string };
  "shipment_request.created": { requestId: string; requesterId: string; orderId: string | null };
  "shipment_offer.created": { offerId: string; requestId: string; requesterId: string; travelerId: string; price: Money };
  "shipment.accepted": ShipmentEventPayload & { offerId: string };
  "shipment.milestone": ShipmentEventPayload & { milestone: string; at: string };
  "shipment.delivered": ShipmentEventPayload & { deliveredAt: string; onTime: boolean };
  /** Five wrong delivery PINs: support must look at it. */
  "shipment.locked": ShipmentEventPayload & { at: string };
}
export type EventType = keyof EventPayloads;

/** What every shipment.* event carries: the parties, so notifications need not read the shipment back. */
export interface ShipmentEventPayload {
  shipmentId: string;
  requestId: string;
  travelerId: string;
  requesterId: string;
  orderId: string | null;
  sellerId: string | null;
}

/** What every order.* event carries, so a consumer (notifications, analytics) rarely needs to read the order back. */
export interface OrderEventPayload {
  orderId: string;
  listingId: string;
  buyerId: string;
  sellerId: string;
  totalMinor: number;
  currency: string;
}

export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  occurredAt: string;
  payload: EventPayloads[T];
}

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details?: Record<string, unknown>;
}

/** An open transaction plus the two things written inside it: outbox events and audit rows. */
export interface TxScope {
  tx: Tx;
  emit<T extends EventType>(type: T, payload: EventPayloads[T]): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
}

/**
 * Runs `work` in one transaction. Events it emits are written to the outbox in that transaction and,
 * only once it has committed, handed to the queue in the background (cron relays anything missed).
 */
export async function inTransaction<T>(ctx: ServiceContext, work: (scope: TxScope) => Promise<T>): Promise<T> {
  const staged: EventEnvelope[] = [];
  const result = await ctx.db.orm.transaction(async (tx) =>
    work({
      tx,
      async emit(type, payload) {
        const event: EventEnvelope = { id: newId("event"), type, occurredAt: ctx.now().toISOString(), payload };
        await tx.insert(outboxEvents).values({ id: event.id, type, payload, occurredAt: new Date(event.occurredAt) });
        staged.push(event);
      },
      async audit(entry) {
        await writeAudit(tx, ctx, entry);
      },
    }),
  );
  if (staged.length > 0) ctx.defer(publishEvents(ctx, staged));
  return result;
}

export async function writeAudit(q: Tx | ServiceContext["db"]["orm"], ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  await q.insert(auditLog).values({
    id: newId("audit"),
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    details: entry.details ?? {},
    requestId: ctx.requestId,
    ip: ctx.client.ip,
    userAgent: ctx.client.userAgent,
    at: ctx.now(),
  });
}

/** Sends events to the queue and marks them published; on failure they stay for the cron relay. */
export async function publishEvents(ctx: ServiceContext, events: EventEnvelope[]): Promise<void> {
  const ids = events.map((event) => event.id);
  try {
    await ctx.env.EVENTS_QUEUE.sendBatch(events.map((event) => ({ body: event, contentType: "json" as const })));
  } catch (error) {
    ctx.log.warn("outbox relay failed; cron will retry", { eventIds: ids, ...errorFields(error) });
    await ctx.db.orm
      .update(outboxEvents)
      .set({ relayAttempts: sql`${outboxEvents.relayAttempts} + 1` })
      .where(inArray(outboxEvents.id, ids));
    return;
  }
  await ctx.db.orm.update(outboxEvents).set({ publishedAt: ctx.now() }).where(inArray(outboxEvents.id, ids));
}

/** Cron: relays outbox rows still unpublished after the grace period. Bounded passes; duplicates are fine (consumers dedupe). */
export async function relayPendingEvents(ctx: ServiceContext): Promise<number> {
  let relayed = 0;
  for (let pass = 0; pass < OUTBOX_RELAY_PASSES_PER_RUN; pass++) {
    const cutoff = new Date(ctx.now().getTime() - OUTBOX_RELAY_GRACE_SECONDS * 1000);
    const rows = await ctx.db.orm
      .select()
      .from(outboxEvents)
      .where(and(isNull(outboxEvents.publishedAt), lt(outboxEvents.occurredAt, cutoff)))
      .orderBy(outboxEvents.occurredAt)
      .limit(OUTBOX_RELAY_BATCH_SIZE);
    if (rows.length === 0) break;
    const before = rows.length;
    await publishEvents(
      ctx,
      rows.map((row) => ({ id: row.id, type: row.type as EventType, occurredAt: row.occurredAt.toISOString(), payload: row.payload as never })),
    );
    const stillPending = await ctx.db.orm
      .select({ id: outboxEvents.id })
      .from(outboxEvents)
      .where(and(inArray(outboxEvents.id, rows.map((row) => row.id)), isNull(outboxEvents.publishedAt)));
    relayed += before - stillPending.length;
    if (stillPending.length > 0 || rows.length < OUTBOX_RELAY_BATCH_SIZE) break; // the queue is failing, or we are done
  }
  return relayed;
}

