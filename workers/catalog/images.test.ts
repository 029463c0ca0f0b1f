// Listing photos: stored in R2, served with immutable caching, type-sniffed, size- and count-capped, owner only.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listingImages } from "../../db/schema";
import { call, createListingAs, expectProblem, registerSeller, withDatabase } from "../test-support/api";
import { exports } from "cloudflare:workers";

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]);

async function upload(listingId: string, token: string, bytes: Uint8Array, contentType: string) {
  const response = await (exports as unknown as { default: Fetcher }).default.fetch(
    new Request(`http://localhost/v1/listings/${listingId}/images`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": contentType }, body: bytes }),
  );
  return { status: response.status, headers: response.headers, body: /json/.test(response.headers.get("Content-Type") ?? "") ? await response.json<any>() : await response.text() };
}

async function imageCount(listingId: string) {
  return withDatabase(async (db) => (await db.orm.select().from(listingImages).where(eq(listingImages.listingId, listingId))).length);
}

describe("listing photos", () => {
  it("stores a PNG, shows it on the listing and serves it with immutable caching and 304s", async () => {
    const seller = await registerSeller("photo");
    const listing = await createListingAs(seller.accessToken);
    const uploaded = await upload(listing.id, seller.accessToken, PNG, "image/png");
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ contentType: "image/png", bytes: PNG.byteLength, position: 0, url: `/v1/images/${uploaded.body.id}` });
    const view = await call("GET", `/v1/listings/${listing.id}`);
    expect(view.body.images).toEqual([{ id: uploaded.body.id, url: uploaded.body.url, contentType: "image/png", bytes: PNG.byteLength }]);
    const served = await (exports as unknown as { default: Fetcher }).default.fetch(`http://localhost${uploaded.body.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(served.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
    const again = await (exports as unknown as { default: Fetcher }).default.fetch(`http://localhost${uploaded.body.url}`, { headers: { "If-None-Match": served.headers.get("ETag")! } });
    expect(again.status).toBe(304);
  });

  it("refuses bytes that are not the declared image type with 415, storing nothing", async () => {
    const seller = await registerSeller("photo-type");
    const listing = await createListingAs(seller.accessToken);
    expect((await upload(listing.id, seller.accessToken, JPEG, "image/png")).status).toBe(415);
    expect((await upload(listing.id, seller.accessToken, new TextEncoder().encode("<svg/>"), "image/svg+xml")).status).toBe(415);
    expect(await imageCount(listing.id)).toBe(0);
  });

  it("refuses a 10 MB image with 413, storing nothing", async () => {
    const seller = await registerSeller("photo-big");
    const listing = await createListingAs(seller.accessToken);
    const huge = new Uint8Array(10 * 1024 * 1024);
    huge.set(JPEG);
    const response = await upload(listing.id, seller.accessToken, huge, "image/jpeg");
    expect(response.status).toBe(413);
    expect(response.body.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await imageCount(listing.id)).toBe(0);
  });

  it("caps a listing at 10 photos with 422 TOO_MANY_IMAGES", async () => {
    const seller = await registerSeller("photo-many");
    const listing = await createListingAs(seller.accessToken);
    for (let index = 0; index < 10; index++) expect((await upload(listing.id, seller.accessToken, JPEG, "image/jpeg")).status).toBe(201);
    const eleventh = await upload(listing.id, seller.accessToken, JPEG, "image/jpeg");
    expect({ status: eleventh.status, code: eleventh.body.code }).toEqual({ status: 422, code: "TOO_MANY_IMAGES" });
    expect(await imageCount(listing.id)).toBe(10);
  });

  it("answers another seller with 404 and lets the owner remove a photo", async () => {
    const owner = await registerSeller("photo-owner");
    const other = await registerSeller("photo-other");
    const listing = await createListingAs(owner.accessToken);
    expect((await upload(listing.id, other.accessToken, JPEG, "image/jpeg")).status).toBe(404);
    const first = await upload(listing.id, owner.accessToken, JPEG, "image/jpeg");
    const second = await upload(listing.id, owner.accessToken, PNG, "image/png");
    expectProblem(await call("DELETE", `/v1/listings/${listing.id}/images/${first.body.id}`, { token: other.accessToken }), 404, "NOT_FOUND");
    expect((await call("DELETE", `/v1/listings/${listing.id}/images/${first.body.id}`, { token: owner.accessToken })).status).toBe(204);
    const view = await call("GET", `/v1/listings/${listing.id}`);
    expect(view.body.images.map((image: { id: string }) => image.id)).toEqual([second.body.id]);
  });
});
