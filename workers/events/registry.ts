// Which consumers handle which event type. A domain adds its handlers here; dispatch is by type.
import { cancelRoomOnEnd, closeListing, configureRoomOnCreate, configureRoomOnUpdate, copyBids, notifyOutbid } from "../auctions/handlers";
import { crowdshipHandlers } from "../crowdship/handlers";
import type { AppEnv } from "../env";
import { listingCacheHandlers } from "../catalog/handlers";
import { welcomeOnRegistration } from "../notifications/handlers";
import { orderOnAuctionClosed, payOrderOnCardSuccess } from "../orders/handlers";
import type { ServiceContext } from "../platform/context";
import type { EventEnvelope, EventType, TxScope } from "../platform/events";
import { syncListingsToAlgolia } from "../search/algolia-sync";
import { invalidateSearchOnAuctionClosed, invalidateSearchOnListingCreated, invalidateSearchOnListingEnded, invalidateSearchOnListingUpdated } from "../search/handlers";

export interface EventHandler<T extends EventType> {
  /** Stable name: (consumer, event id) is what makes a redelivery a no-op. */
  consumer: string;
  type: T;
  handle(ctx: ServiceContext, scope: TxScope, event: EventEnvelope<T>): Promise<void>;
}

// Each entry's type parameter is checked where it is declared; here they are only matched by `type`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const EVENT_HANDLERS: readonly EventHandler<any>[] = [
  welcomeOnRegistration,
  closeListing,
  notifyOutbid,
  configureRoomOnCreate,
  configureRoomOnUpdate,
  cancelRoomOnEnd,
  ...listingCacheHandlers,
  invalidateSearchOnListingCreated,
  invalidateSearchOnListingUpdated,
  invalidateSearchOnListingEnded,
  invalidateSearchOnAuctionClosed,
  orderOnAuctionClosed,
  payOrderOnCardSuccess,
  ...crowdshipHandlers,
];

export function handlersFor(type: string): readonly EventHandler<EventType>[] {
  return EVENT_HANDLERS.filter((handler) => handler.type === type);
}

/**
 * A consumer that takes a queue batch's events of its types at once, e.g. to make one request to an outside service
 * per batch instead of one per event. It runs after the per-event handlers of those events have succeeded.
 */
export interface BatchEventHandler<T extends EventType> {
  /** Stable name: (consumer, event id) is still claimed per event, so a redelivered event is not passed again. */
  consumer: string;
  types: readonly T[];
  /** When false (e.g. the service is not configured), nothing is claimed or run, and the events are acked as usual. */
  enabled(env: AppEnv): boolean;
  /** Runs in one transaction that first claims every event; only events this consumer has not handled are passed (at least one). */
  handleBatch(ctx: ServiceContext, scope: TxScope, events: EventEnvelope<T>[]): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const BATCH_EVENT_HANDLERS: readonly BatchEventHandler<any>[] = [copyBids, syncListingsToAlgolia];

export function batchHandlersFor(type: string, env: AppEnv): readonly BatchEventHandler<EventType>[] {
  return BATCH_EVENT_HANDLERS.filter((handler) => handler.types.includes(type) && handler.enabled(env));
}
