// Pure listing rules: category attributes, auction terms, and which status allows what. No I/O; tested in Node.
import type { AttributeDefinition } from "../../db/catalog";
import type { FieldError } from "../platform/errors";
import { AUCTION_MAX_DURATION_SECONDS, AUCTION_MAX_SOFT_CLOSE_SECONDS, AUCTION_MIN_DURATION_SECONDS } from "../platform/limits";
import type { Money } from "../platform/money";
import { AUCTION_CURRENCIES, isAuctionCurrency } from "../../durable-objects/auction-room/increments";

export type ListingStatus = "draft" | "active" | "ended" | "sold";

/** Checks attribute values against the category's definitions: required ones present, types and options respected, no strangers. */
export function validateAttributes(definitions: readonly AttributeDefinition[], values: Record<string, string | number>): FieldError[] {
  const errors: FieldError[] = [];
  const byName = new Map(definitions.map((definition) => [definition.name, definition]));
  for (const name of Object.keys(values)) {
    if (!byName.has(name)) errors.push({ path: `attributes.${name}`, message: "not an attribute of this category" });
  }
  for (const definition of definitions) {
    const value = values[definition.name];
    const path = `attributes.${definition.name}`;
    if (value === undefined || value === "") {
      if (definition.required) errors.push({ path, message: "required for this category" });
      continue;
    }
    if (definition.type === "number" && (typeof value !== "number" || !Number.isFinite(value))) errors.push({ path, message: "must be a number" });
    if (definition.type === "string" && typeof value !== "string") errors.push({ path, message: "must be text" });
    if (definition.type === "enum" && !definition.options?.includes(String(value))) {
      errors.push({ path, message: `must be one of: ${definition.options?.join(", ")}` });
    }
  }
  return errors;
}

export interface AuctionTerms {
  startPrice: Money;
  reservePrice?: Money | undefined;
  buyItNowPrice?: Money | undefined;
  endsAt: Date;
  closeMode: "hard" | "soft";
  softCloseSeconds?: number | undefined;
}

export function validateAuctionTerms(terms: AuctionTerms, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (!isAuctionCurrency(terms.startPrice.currency)) errors.push({ path: "auction.startPrice.currency", message: `auctions run in ${AUCTION_CURRENCIES.join(", ")}` });
  const secondsAhead = (terms.endsAt.getTime() - now.getTime()) / 1000;
  if (secondsAhead < AUCTION_MIN_DURATION_SECONDS) errors.push({ path: "auction.endsAt", message: `must be at least ${AUCTION_MIN_DURATION_SECONDS} seconds from now` });
  if (secondsAhead > AUCTION_MAX_DURATION_SECONDS) errors.push({ path: "auction.endsAt", message: "must be at most 30 days from now" });
  for (const [field, price] of [["reservePrice", terms.reservePrice], ["buyItNowPrice", terms.buyItNowPrice]] as const) {
    if (price && price.currency !== terms.startPrice.currency) errors.push({ path: `auction.${field}`, message: "must be in the start price's currency" });
  }
  if (terms.reservePrice && terms.reservePrice.amount < terms.startPrice.amount) errors.push({ path: "auction.reservePrice", message: "must be at least the start price" });
  if (terms.buyItNowPrice && terms.buyItNowPrice.amount <= Math.max(terms.startPrice.amount, terms.reservePrice?.amount ?? 0)) {
    errors.push({ path: "auction.buyItNowPrice", message: "must be above the start price and the reserve" });
  }
  if (terms.softCloseSeconds !== undefined) {
    if (terms.closeMode !== "soft") errors.push({ path: "auction.softCloseSeconds", message: "only applies to closeMode soft" });
    else if (terms.softCloseSeconds < 1 || terms.softCloseSeconds > AUCTION_MAX_SOFT_CLOSE_SECONDS) errors.push({ path: "auction.softCloseSeconds", message: `must be 1 to ${AUCTION_MAX_SOFT_CLOSE_SECONDS}` });
  }
  return errors;
}

/** Sellers may change drafts and live listings; ended and sold ones are history. */
export function isEditable(status: ListingStatus): boolean {
  return status === "draft" || status === "active";
}

/** Auction terms are frozen once someone has bid: bidders rely on them. */
export function auctionTermsEditable(bidCount: number): boolean {
  return bidCount === 0;
}

export function auctionStatus(status: ListingStatus, endsAt: Date | null, now: Date): "scheduled" | "open" | "closed" {
  if (status === "draft") return "scheduled";
  if (status === "active" && endsAt !== null && endsAt > now) return "open";
  return "closed";
}
