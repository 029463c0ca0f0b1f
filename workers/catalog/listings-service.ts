// Listing rules with I/O: create, read, edit, publish and end listings; only the seller (or an admin) may change one.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { listingImages, listings } from "../../db/schema";
import { displayNames } from "../auth/users";
import type { AuthContext } from "../platform/auth-context";
import { assertOwnerOrAdmin } from "../platform/authorize";
import type { ServiceContext } from "../platform/context";
import { newestFirstAfter, toPage } from "../platform/cursor";
import type { Queryable } from "../platform/db";
import { AppError, type FieldError } from "../platform/errors";
import { inTransaction, type TxScope } from "../platform/events";
import { newId } from "../platform/ids";
import { AUCTION_DEFAULT_SOFT_CLOSE_SECONDS, LISTING_CACHE_TTL_SECONDS } from "../platform/limits";
import { errorFields } from "../platform/logger";
import type { Money } from "../platform/money";
import { redisKeyPrefix } from "../platform/redis";
import { findCategory, type CategoryNode } from "./categories-service";
import { auctionTermsEditable, isEditable, validateAttributes, validateAuctionTerms, type AuctionTerms } from "./listing-rules";
import { toListingView, type ListingRow, type ListingView } from "./listing-view";

export interface ShippingInput {
  shipsFrom: { country: string; city?: string | undefined };
  regions: string[];
  cost: Money;
}

interface ListingInputCommon {
  title: string;
  description: string;
  categoryId: string;
  condition: "new" | "used" | "refurbished";
  quantity: number;
  attributes?: Record<string, string | number> | undefined;
  shipping?: ShippingInput | undefined;
  crowdshipEligible?: boolean | undefined;
  /** false keeps it a draft; default true publishes it at once. */
  publish?: boolean | undefined;
}

export interface AuctionInput {
  startPrice: Money;
  reservePrice?: Money | undefined;
  buyItNowPrice?: Money | undefined;
  endsAt: string;
  closeMode?: "hard" | "soft" | undefined;
  softCloseSeconds?: number | undefined;
}

export type CreateListingInput = ListingInputCommon & ({ format: "fixed"; price: Money } | { format: "auction"; auction: AuctionInput });

export interface UpdateListingInput {
  title?: string | undefined;
  description?: string | undefined;
  price?: Money | undefined;
  quantity?: number | undefined;
  attributes?: Record<string, string | number> | undefined;
  shipping?: ShippingInput | null | undefined;
  crowdshipEligible?: boolean | undefined;
  auction?: Partial<AuctionInput> | undefined;
}

const cacheKey = (ctx: ServiceContext, listingId: string) => `${redisKeyPrefix(ctx.env)}:listing:${listingId}`;

function invalid(errors: FieldError[]): never {
  throw new AppError("VALIDATION_FAILED", "The listing is invalid.", { errors });
}

async function leafCategory(q: Queryable, categoryId: string): Promise<CategoryNode> {
  const category = await findCategory(q, categoryId);
  if (!category) invalid([{ path: "categoryId", message: "unknown category" }]);
  if (category.children?.length) invalid([{ path: "categoryId", message: `choose a subcategory of ${category.name}` }]);
  return category;
}

function shippingErrors(shipping: ShippingInput | null | undefined, currency: string): FieldError[] {
  if (shipping && shipping.cost.currency !== currency) return [{ path: "shipping.cost.currency", message: "must be the listing's currency" }];
  return [];
}

function shipsTo(shipping: ShippingInput | null | undefined): string[] {
  return shipping ? [...new Set(shipping.regions.map((region) => region.toUpperCase()))] : [];
}

function auctionTerms(input: AuctionInput): AuctionTerms {
  return {
    startPrice: input.startPrice,
    reservePrice: input.reservePrice,
    buyItNowPrice: input.buyItNowPrice,
    endsAt: new Date(input.endsAt),
    closeMode: input.closeMode ?? "hard",
    softCloseSeconds: input.closeMode === "soft" ? (input.softCloseSeconds ?? AUCTION_DEFAULT_SOFT_CLOSE_SECONDS) : input.softCloseSeconds,
  };
}

function auctionColumns(terms: AuctionTerms) {
  return {
    priceMinor: terms.startPrice.amount,
    startPriceMinor: terms.startPrice.amount,
    reservePriceMinor: terms.reservePrice?.amount ?? null,
    buyItNowPriceMinor: terms.buyItNowPrice?.amount ?? null,
    endsAt: terms.endsAt,
    closeMode: terms.closeMode,
    softCloseSeconds: terms.closeMode === "soft" ? (terms.softCloseSeconds ?? AUCTION_DEFAULT_SOFT_CLOSE_SECONDS) : null,
  };
}

async function viewOf(ctx: ServiceContext, q: Queryable, row: ListingRow, viewer: AuthContext | null): Promise<ListingView> {
  const [images, names, category] = [
    await q.select().from(listingImages).where(eq(listingImages.listingId, row.id)).orderBy(asc(listingImages.position)),
    await displayNames(q, [row.sellerId]),
    await findCategory(q, row.categoryId),
  ];
  return toListingView(row, { images, category, sellerName: names.get(row.sellerId) ?? "", viewerIsOwner: viewer?.userId === row.sellerId, now: ctx.now() });
}

export async function createListing(ctx: ServiceContext, auth: AuthContext, input: CreateListingInput): Promise<ListingView> {
  const category = await leafCategory(ctx.db.orm, input.categoryId);
  const now = ctx.now();
  const currency = input.format === "fixed" ? input.price.currency : input.auction.startPrice.currency;
  const terms = input.format === "auction" ? auctionTerms(input.auction) : null;
  const errors = [
    ...validateAttributes(category.attributes, input.attributes ?? {}),
    ...(terms ? validateAuctionTerms(terms, now) : []),
    ...(input.format === "auction" && input.quantity !== 1 ? [{ path: "quantity", message: "an auction sells exactly one item" }] : []),
    ...shippingErrors(input.shipping, currency),
  ];
  if (errors.length > 0) invalid(errors);
  const publish = input.publish ?? true;
  return inTransaction(ctx, async ({ tx, emit }) => {
    const [row] = await tx
      .insert(listings)
      .values({
        id: newId("listing"),
        sellerId: auth.userId,
        title: input.title,
        description: input.description,
        categoryId: category.id,
        categoryPath: category.path,
        condition: input.condition,
        format: input.format,
        status: publish ? "active" : "draft",
        currency,
        priceMinor: input.format === "fixed" ? input.price.amount : input.auction.startPrice.amount,
        ...(terms ? auctionColumns(terms) : {}),
        quantity: input.quantity,
        quantityAvailable: input.quantity,
        attributes: input.attributes ?? {},
        shipping: input.shipping ?? null,
        shipsTo: shipsTo(input.shipping),
        crowdshipEligible: input.crowdshipEligible ?? false,
        createdAt: now,
        updatedAt: now,
        publishedAt: publish ? now : null,
      })
      .returning();
    await emit("listing.created", { listingId: row!.id });
    return viewOf(ctx, tx, row!, auth);
  });
}

/** Loads a listing for a change by `auth`, locked for the rest of the transaction; others' listings are 404. */
async function lockForChange(scope: TxScope, auth: AuthContext, listingId: string): Promise<ListingRow> {
  const [row] = await scope.tx.select().from(listings).where(eq(listings.id, listingId)).for("update");
  if (!row) throw new AppError("NOT_FOUND", "No such listing.");
  assertOwnerOrAdmin(auth, row.sellerId, "listing");
  if (row.sellerId !== auth.userId) await scope.audit({ actorId: auth.userId, action: "catalog.admin_listing_change", subjectType: "listing", subjectId: row.id });
  return row;
}

/** Drops the cached public view; also called for changes made elsewhere (stock, photos, bids) through their events. */
export function forgetCachedListing(ctx: ServiceContext, listingId: string): void {
  const redis = ctx.redis;
  if (redis) ctx.defer(redis.del(cacheKey(ctx, listingId)).catch((error: unknown) => ctx.log.warn("listing cache delete failed", errorFields(error))));
}

export async function updateListing(ctx: ServiceContext, auth: AuthContext, listingId: string, input: UpdateListingInput): Promise<ListingView> {
  const view = await inTransaction(ctx, async (scope) => {
    const row = await lockForChange(scope, auth, listingId);
    if (!isEditable(row.status)) throw new AppError("LISTING_NOT_EDITABLE", `A listing that is ${row.status} cannot be changed.`);
    const errors: FieldError[] = [];
    const changes: Partial<typeof listings.$inferInsert> = {};
    if (input.title !== undefined) changes.title = input.title;
    if (input.description !== undefined) changes.description = input.description;
    if (input.crowdshipEligible !== undefined) changes.crowdshipEligible = input.crowdshipEligible;
    if (input.attributes !== undefined) {
      errors.push(...validateAttributes((await findCategory(scope.tx, row.categoryId))?.attributes ?? [], input.attributes));
      changes.attributes = input.attributes;
    }
    if (input.shipping !== undefined) {
      errors.push(...shippingErrors(input.shipping, row.currency));
      changes.shipping = input.shipping;
      changes.shipsTo = shipsTo(input.shipping);
    }
    if (input.price !== undefined) {
      if (row.format !== "fixed") errors.push({ path: "price", message: "an auction's prices are in auction" });
      else if (input.price.currency !== row.currency) errors.push({ path: "price.currency", message: `the listing is priced in ${row.currency}` });
      else changes.priceMinor = input.price.amount;
    }
    if (input.quantity !== undefined) {
      const held = row.quantity - row.quantityAvailable; // reserved or sold: cannot be taken back
      if (row.format === "auction" && input.quantity !== 1) errors.push({ path: "quantity", message: "an auction sells exactly one item" });
      else if (input.quantity < held) errors.push({ path: "quantity", message: `${held} are already reserved or sold` });
      else Object.assign(changes, { quantity: input.quantity, quantityAvailable: input.quantity - held });
    }
    if (input.auction !== undefined) {
      if (row.format !== "auction") errors.push({ path: "auction", message: "only auctions have auction terms" });
      else if (!auctionTermsEditable(row.bidCount)) throw new AppError("LISTING_NOT_EDITABLE", "Auction terms cannot change after the first bid.");
      else {
        const money = (amount: number | null) => (amount === null ? undefined : { amount, currency: row.currency as Money["currency"] });
        const merged: AuctionInput = {
          startPrice: input.auction.startPrice ?? money(row.startPriceMinor)!,
          reservePrice: input.auction.reservePrice ?? money(row.reservePriceMinor),
          buyItNowPrice: input.auction.buyItNowPrice ?? money(row.buyItNowPriceMinor),
          endsAt: input.auction.endsAt ?? row.endsAt!.toISOString(),
          closeMode: input.auction.closeMode ?? row.closeMode ?? "hard",
          softCloseSeconds: input.auction.softCloseSeconds ?? row.softCloseSeconds ?? undefined,
        };
        const terms = auctionTerms(merged);
        if (terms.startPrice.currency !== row.currency) errors.push({ path: "auction.startPrice.currency", message: `the listing is priced in ${row.currency}` });
        errors.push(...validateAuctionTerms(terms, ctx.now()));
        Object.assign(changes, auctionColumns(terms));
      }
    }
    if (errors.length > 0) invalid(errors);
    const [updated] = await scope.tx
      .update(listings)
      .set({ ...changes, version: sql`${listings.version} + 1`, updatedAt: ctx.now() })
      .where(eq(listings.id, row.id))
      .returning();
    await scope.emit("listing.updated", { listingId: row.id });
    return viewOf(ctx, scope.tx, updated!, auth);
  });
  forgetCachedListing(ctx, listingId);
  return view;
}

async function transition(ctx: ServiceContext, auth: AuthContext, listingId: string, to: "active" | "ended"): Promise<ListingView> {
  const view = await inTransaction(ctx, async (scope) => {
    const row = await lockForChange(scope, auth, listingId);
    if (to === "active" && row.status !== "draft") throw new AppError("LISTING_NOT_EDITABLE", `Only a draft can be published; this listing is ${row.status}.`);
    if (to === "ended" && !isEditable(row.status)) throw new AppError("LISTING_NOT_EDITABLE", `The listing is already ${row.status}.`);
    if (to === "ended" && row.format === "auction" && row.bidCount > 0) throw new AppError("LISTING_NOT_EDITABLE", "An auction with bids runs to its end.");
    if (to === "ended" && row.quantityAvailable < row.quantity && row.format === "fixed") {
      // Stock already reserved stays with its orders; ending only stops new sales.
      ctx.log.info("ending a listing with reserved stock", { listingId });
    }
    if (to === "active" && row.format === "auction") {
      const errors = validateAuctionTerms(auctionTerms({ startPrice: { amount: row.startPriceMinor ?? 0, currency: row.currency as Money["currency"] }, endsAt: row.endsAt!.toISOString(), closeMode: row.closeMode ?? "hard" }), ctx.now());
      if (errors.length > 0) invalid(errors);
    }
    const now = ctx.now();
    const [updated] = await scope.tx
      .update(listings)
      .set(to === "active" ? { status: "active", publishedAt: now, updatedAt: now, version: sql`${listings.version} + 1` } : { status: "ended", endedAt: now, updatedAt: now, version: sql`${listings.version} + 1` })
      .where(eq(listings.id, row.id))
      .returning();
    await scope.emit(to === "active" ? "listing.updated" : "listing.ended", { listingId: row.id });
    return viewOf(ctx, scope.tx, updated!, auth);
  });
  forgetCachedListing(ctx, listingId);
  return view;
}

export const publishListing = (ctx: ServiceContext, auth: AuthContext, listingId: string) => transition(ctx, auth, listingId, "active");
export const endListing = (ctx: ServiceContext, auth: AuthContext, listingId: string) => transition(ctx, auth, listingId, "ended");

/**
 * A listing as the public sees it (cached in Redis), or as its seller/an admin sees it (drafts, the reserve).
 * Drafts are invisible to everyone else: 404.
 */
export async function getListing(ctx: ServiceContext, listingId: string, viewer: AuthContext | null): Promise<ListingView> {
  const privileged = (sellerId: string) => viewer !== null && (viewer.userId === sellerId || viewer.roles.includes("admin"));
  const redis = ctx.redis;
  if (redis && !viewer) {
    const hit = await redis.get<ListingView>(cacheKey(ctx, listingId)).catch(() => null);
    if (hit) return hit;
  }
  const [row] = await ctx.db.orm.select().from(listings).where(eq(listings.id, listingId)).limit(1);
  if (!row || (row.status === "draft" && !privileged(row.sellerId))) throw new AppError("NOT_FOUND", "No such listing.");
  const view = await viewOf(ctx, ctx.db.orm, row, viewer);
  if (redis && !privileged(row.sellerId) && row.status !== "draft") {
    const publicView = viewer ? await viewOf(ctx, ctx.db.orm, row, null) : view;
    ctx.defer(redis.set(cacheKey(ctx, listingId), publicView, { ex: LISTING_CACHE_TTL_SECONDS }).catch((error: unknown) => ctx.log.warn("listing cache write failed", errorFields(error))));
  }
  return view;
}

export interface ListingSummaryRow {
  id: string;
  title: string;
  status: ListingRow["status"];
  format: ListingRow["format"];
  price: Money;
  quantity: number;
  quantityAvailable: number;
  bidCount: number;
  endsAt: string | null;
  imageUrl: string | null;
  createdAt: string;
}

/** The seller's own listings, any status, newest first. */
export async function listOwnListings(
  ctx: ServiceContext,
  auth: AuthContext,
  page: { limit: number; cursor?: string | undefined; status?: ListingRow["status"] | undefined },
): Promise<{ items: ListingSummaryRow[]; nextCursor: string | null }> {
  const rows = await ctx.db.orm
    .select()
    .from(listings)
    .where(and(eq(listings.sellerId, auth.userId), page.status ? eq(listings.status, page.status) : undefined, newestFirstAfter(listings.createdAt, listings.id, page.cursor)))
    .orderBy(desc(listings.createdAt), desc(listings.id))
    .limit(page.limit + 1);
  const summaries = rows.map((row) => ({
    id: row.id,
    title: row.title,
    status: row.status,
    format: row.format,
    price: { amount: row.priceMinor, currency: row.currency as Money["currency"] },
    quantity: row.quantity,
    quantityAvailable: row.quantityAvailable,
    bidCount: row.bidCount,
    endsAt: row.endsAt?.toISOString() ?? null,
    imageUrl: row.primaryImageId ? `/v1/images/${row.primaryImageId}` : null,
    createdAt: row.createdAt.toISOString(),
  }));
  return toPage(summaries, page.limit, (summary) => ({ key: summary.createdAt, id: summary.id }));
}

