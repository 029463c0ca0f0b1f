// How a listing is shown: the API shape built from its row, images, category and seller name.
import type { listingImages, listings } from "../../db/schema";
import type { Currency, Money } from "../platform/money";
import type { CategoryNode } from "./categories-service";
import { auctionStatus } from "./listing-rules";

export type ListingRow = typeof listings.$inferSelect;
export type ImageRow = typeof listingImages.$inferSelect;

export interface ListingView {
  id: string;
  sellerId: string;
  seller: { id: string; displayName: string };
  title: string;
  description: string;
  categoryId: string;
  category: { id: string; name: string; path: string };
  condition: ListingRow["condition"];
  format: ListingRow["format"];
  status: ListingRow["status"];
  price?: Money;
  auction?: {
    startPrice: Money;
    currentPrice: Money;
    bidCount: number;
    endsAt: string;
    status: "scheduled" | "open" | "closed";
    closeMode: "hard" | "soft";
    softCloseSeconds: number | null;
    buyItNowPrice: Money | null;
    hasReserve: boolean;
    /** Only the seller sees their own reserve. */
    reservePrice?: Money | null;
  };
  quantity: number;
  quantityAvailable: number;
  attributes: Record<string, string | number>;
  shipping: ListingRow["shipping"];
  crowdshipEligible: boolean;
  images: { id: string; url: string; contentType: string; bytes: number }[];
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  endedAt: string | null;
}

export function imageUrl(imageId: string): string {
  return `/v1/images/${imageId}`;
}

export function toListingView(
  row: ListingRow,
  extras: { images: ImageRow[]; category: CategoryNode | null; sellerName: string; viewerIsOwner: boolean; now: Date },
): ListingView {
  const currency = row.currency as Currency;
  const money = (amount: number): Money => ({ amount, currency });
  const view: ListingView = {
    id: row.id,
    sellerId: row.sellerId,
    seller: { id: row.sellerId, displayName: extras.sellerName },
    title: row.title,
    description: row.description,
    categoryId: row.categoryId,
    category: { id: row.categoryId, name: extras.category?.name ?? "", path: extras.category?.path ?? row.categoryPath },
    condition: row.condition,
    format: row.format,
    status: row.status,
    quantity: row.quantity,
    quantityAvailable: row.quantityAvailable,
    attributes: row.attributes,
    shipping: row.shipping,
    crowdshipEligible: row.crowdshipEligible,
    images: extras.images.map((image) => ({ id: image.id, url: imageUrl(image.id), contentType: image.contentType, bytes: image.bytes })),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
  };
  if (row.format === "fixed") {
    view.price = money(row.priceMinor);
  } else {
    view.auction = {
      startPrice: money(row.startPriceMinor ?? row.priceMinor),
      currentPrice: money(row.priceMinor),
      bidCount: row.bidCount,
      endsAt: (row.endsAt ?? extras.now).toISOString(),
      status: auctionStatus(row.status, row.endsAt, extras.now),
      closeMode: row.closeMode ?? "hard",
      softCloseSeconds: row.softCloseSeconds,
      buyItNowPrice: row.buyItNowPriceMinor === null ? null : money(row.buyItNowPriceMinor),
      hasReserve: row.reservePriceMinor !== null,
      ...(extras.viewerIsOwner ? { reservePrice: row.reservePriceMinor === null ? null : money(row.reservePriceMinor) } : {}),
    };
  }
  return view;
}
