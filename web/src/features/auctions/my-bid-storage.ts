// Remembers, per account and auction, the alias the viewer bids under and their highest maximum, so a reload still knows them.
import type { Money } from "../../api/types";

export interface MyBidMemory {
  // "Bidder 2": how the room, the history and the live messages name this viewer.
  alias: string;
  // The highest maximum placed from this browser; null when only the alias is known (e.g. from the leader's state).
  maxAmount: Money | null;
}

const keyFor = (userId: string, listingId: string) => `mnbara.myBid.${userId}.${listingId}`;

// Storage can be unavailable (blocked cookies, some private modes); the panel then learns the alias again from the next bid.
export const myBidStorage = {
  read(userId: string, listingId: string): MyBidMemory | null {
    try {
      const value: unknown = JSON.parse(localStorage.getItem(keyFor(userId, listingId)) ?? "null");
      if (typeof value !== "object" || value === null || !("alias" in value) || typeof value.alias !== "string") return null;
      const max = "maxAmount" in value ? (value.maxAmount as Partial<Money> | null) : null;
      const maxAmount = max !== null && typeof max === "object" && Number.isSafeInteger(max.amount) && typeof max.currency === "string" ? { amount: max.amount!, currency: max.currency } : null;
      return { alias: value.alias, maxAmount };
    } catch {
      return null;
    }
  },
  write(userId: string, listingId: string, memory: MyBidMemory): void {
    try {
      localStorage.setItem(keyFor(userId, listingId), JSON.stringify(memory));
    } catch {
      // See above: this page still knows it until it is closed.
    }
  },
};
