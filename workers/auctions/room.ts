// Reaching a listing's AuctionRoom: the stub, and setting it up from the catalog's terms when it has not been yet.
import { getAuctionTerms } from "../catalog/auction-terms";
import type { ServiceContext } from "../platform/context";
import type { Queryable } from "../platform/db";
import { AppError } from "../platform/errors";
import type { AuctionRoom } from "../../durable-objects/auction-room/auction-room";

export function roomStub(ctx: ServiceContext, listingId: string): DurableObjectStub<AuctionRoom> {
  return ctx.env.AUCTION_ROOM.get(ctx.env.AUCTION_ROOM.idFromName(listingId)) as DurableObjectStub<AuctionRoom>;
}

/** Pushes the catalog's current terms into the room (before the first bid they may still change). 404 when not a live auction. */
export async function configureRoom(ctx: ServiceContext, listingId: string, q: Queryable = ctx.db.orm): Promise<DurableObjectStub<AuctionRoom>> {
  const terms = await getAuctionTerms(q, listingId);
  if (!terms) throw new AppError("NOT_FOUND", "No such auction.");
  const stub = roomStub(ctx, listingId);
  await stub.configure(terms);
  return stub;
}

/** The room, configured: the fast path costs one RPC; only a room never set up goes to the catalog first. */
export async function readyRoom(ctx: ServiceContext, listingId: string): Promise<DurableObjectStub<AuctionRoom>> {
  const stub = roomStub(ctx, listingId);
  if (await stub.isConfigured()) return stub;
  return configureRoom(ctx, listingId);
}
