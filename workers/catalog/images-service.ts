// Listing photos: upload to R2 (type sniffed, size and count capped), remove, and serve with long-lived caching.
import { and, asc, count, eq, sql } from "drizzle-orm";
import { listingImages, listings } from "../../db/schema";
import type { AuthContext } from "../platform/auth-context";
import { assertOwnerOrAdmin } from "../platform/authorize";
import type { ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { inTransaction } from "../platform/events";
import { newId } from "../platform/ids";
import { LISTING_MAX_IMAGES } from "../platform/limits";
import { errorFields } from "../platform/logger";
import { imageObjectKey, sniffImageType } from "./image-rules";
import { imageUrl } from "./listing-view";

export interface UploadedImage {
  id: string;
  url: string;
  contentType: string;
  bytes: number;
  position: number;
}

export async function uploadImage(ctx: ServiceContext, auth: AuthContext, listingId: string, declaredType: string, bytes: Uint8Array): Promise<UploadedImage> {
  const sniffed = sniffImageType(bytes);
  if (!sniffed || sniffed !== declaredType.split(";")[0]?.trim().toLowerCase()) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Upload a JPEG, PNG or WebP image, with its matching Content-Type.");
  }
  const imageId = newId("image");
  const key = imageObjectKey(imageId);
  // Check ownership and the count before storing anything, then again under the row lock below.
  const [listing] = await ctx.db.orm.select({ sellerId: listings.sellerId }).from(listings).where(eq(listings.id, listingId));
  if (!listing) throw new AppError("NOT_FOUND", "No such listing.");
  assertOwnerOrAdmin(auth, listing.sellerId, "listing");
  await ctx.env.LISTING_IMAGES.put(key, bytes, { httpMetadata: { contentType: sniffed, cacheControl: "public, max-age=31536000, immutable" } });
  try {
    return await inTransaction(ctx, async ({ tx, emit }) => {
      const [locked] = await tx.select().from(listings).where(eq(listings.id, listingId)).for("update");
      if (!locked || (locked.status !== "draft" && locked.status !== "active")) throw new AppError("LISTING_NOT_EDITABLE", "Photos can only be added to drafts and live listings.");
      const [existing] = await tx.select({ total: count() }).from(listingImages).where(eq(listingImages.listingId, listingId));
      const position = existing?.total ?? 0;
      if (position >= LISTING_MAX_IMAGES) throw new AppError("TOO_MANY_IMAGES", `A listing can have at most ${LISTING_MAX_IMAGES} photos.`);
      await tx.insert(listingImages).values({ id: imageId, listingId, objectKey: key, contentType: sniffed, bytes: bytes.byteLength, position, createdAt: ctx.now() });
      await tx
        .update(listings)
        .set({ primaryImageId: sql`coalesce(${listings.primaryImageId}, ${imageId})`, version: sql`${listings.version} + 1`, updatedAt: ctx.now() })
        .where(eq(listings.id, listingId));
      await emit("listing.updated", { listingId });
      return { id: imageId, url: imageUrl(imageId), contentType: sniffed, bytes: bytes.byteLength, position };
    });
  } catch (error) {
    // Compensation: the row was not written, so the stored object must not linger.
    await ctx.env.LISTING_IMAGES.delete(key).catch((deleteError: unknown) => ctx.log.error("orphaned image object", { key, ...errorFields(deleteError) }));
    throw error;
  }
}

export async function deleteImage(ctx: ServiceContext, auth: AuthContext, listingId: string, imageId: string): Promise<void> {
  const key = await inTransaction(ctx, async ({ tx, emit }) => {
    const [listing] = await tx.select().from(listings).where(eq(listings.id, listingId)).for("update");
    if (!listing) throw new AppError("NOT_FOUND", "No such listing.");
    assertOwnerOrAdmin(auth, listing.sellerId, "listing");
    const [removed] = await tx.delete(listingImages).where(and(eq(listingImages.id, imageId), eq(listingImages.listingId, listingId))).returning();
    if (!removed) throw new AppError("NOT_FOUND", "No such photo on this listing.");
    const remaining = await tx.select({ id: listingImages.id }).from(listingImages).where(eq(listingImages.listingId, listingId)).orderBy(asc(listingImages.position));
    for (const [position, image] of remaining.entries()) await tx.update(listingImages).set({ position }).where(eq(listingImages.id, image.id));
    await tx
      .update(listings)
      .set({ primaryImageId: remaining[0]?.id ?? null, version: sql`${listings.version} + 1`, updatedAt: ctx.now() })
      .where(eq(listings.id, listingId));
    await emit("listing.updated", { listingId });
    return removed.objectKey;
  });
  ctx.defer(ctx.env.LISTING_IMAGES.delete(key));
}

/** The stored object, for GET /v1/images/:id; null when there is none. */
export async function readImage(ctx: ServiceContext, imageId: string, ifNoneMatch: string | undefined): Promise<R2ObjectBody | R2Object | null> {
  if (!/^img_[0-9A-HJKMNP-TV-Z]{26}$/.test(imageId)) return null;
  return ctx.env.LISTING_IMAGES.get(imageObjectKey(imageId), ifNoneMatch ? { onlyIf: { etagDoesNotMatch: ifNoneMatch.replace(/^W\//, "").replaceAll('"', "") } } : undefined);
}
