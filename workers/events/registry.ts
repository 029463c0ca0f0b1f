// Which consumers handle which event type. A domain adds its handlers here; dispatch is by type.
import { cancelRoomOnEnd, closeListing, configureRoomOnCreate, configureRoomOnUpdate, copyBid, notifyOutbid, showBidOnListing } from "../auctions/handlers";
import { welcomeOnRegistration } from "../notifications/handlers";
import type { ServiceContext } from "../platform/context";
import type { EventEnvelope, EventType, TxScope } from "../platform/events";
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
  copyBid,
  showBidOnListing,
  closeListing,
  notifyOutbid,
  configureRoomOnCreate,
  configureRoomOnUpdate,
  cancelRoomOnEnd,
  invalidateSearchOnListingCreated,
  invalidateSearchOnListingUpdated,
  invalidateSearchOnListingEnded,
  invalidateSearchOnAuctionClosed,
];

export function handlersFor(type: string): readonly EventHandler<EventType>[] {
  return EVENT_HANDLERS.filter((handler) => handler.type === type);
}
