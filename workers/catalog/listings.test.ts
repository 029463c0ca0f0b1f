// Listings over HTTP: create (both formats), read, edit, publish, end, the seller's own list — happy paths, errors, security, bad input.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listings, outboxEvents } from "../../db/schema";
import { call, createListingAs, expectProblem, phoneListing, registerSeller, registerUser, withDatabase } from "../test-support/api";

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

async function listingRow(id: string) {
  return withDatabase(async (db) => (await db.orm.select().from(listings).where(eq(listings.id, id)))[0]);
}

async function countListingsTitled(title: string) {
  return withDatabase(async (db) => (await db.orm.select({ n: sql<number>`count(*)::int` }).from(listings).where(eq(listings.title, title)))[0]!.n);
}

describe("GET /v1/categories", () => {
  it("returns at least 15 top-level categories, two levels deep, with attribute definitions", async () => {
    const response = await call("GET", "/v1/categories");
    expect(response.status).toBe(200);
    expect(response.body.items.length).toBeGreaterThanOrEqual(15);
    const electronics = response.body.items.find((category: { slug: string }) => category.slug === "electronics");
    const phones = electronics.children.find((category: { slug: string }) => category.slug === "phones");
    expect(phones).toMatchObject({ id: "cat_electronics__phones", parentId: "cat_electronics", path: "electronics/phones" });
    expect(phones.attributes.map((attribute: { name: string }) => attribute.name)).toEqual(["brand", "storage", "color"]);
  });
});

describe("POST /v1/listings", () => {
  it("lists a fixed-price item, live at once, and writes listing.created", async () => {
    const seller = await registerSeller("fixed");
    const listing = await createListingAs(seller.accessToken);
    expect(listing).toMatchObject({
      sellerId: seller.id,
      seller: { id: seller.id, displayName: "Test fixed" },
      format: "fixed",
      status: "active",
      price: { amount: 42_500, currency: "USD" },
      quantity: 1,
      quantityAvailable: 1,
      category: { id: "cat_electronics__phones", name: "Phones", path: "electronics/phones" },
      images: [],
    });
    expect(listing.id).toMatch(/^lst_/);
    const events = await withDatabase((db) => db.orm.select().from(outboxEvents).where(sql`${outboxEvents.payload}->>'listingId' = ${listing.id}`));
    expect(events.map((event) => event.type)).toEqual(["listing.created"]);
  });

  it("lists an auction with hidden reserve, Buy It Now and soft close", async () => {
    const seller = await registerSeller("auction");
    const endsAt = inHours(48);
    const listing = await createListingAs(seller.accessToken, {
      format: "auction",
      price: undefined,
      auction: { startPrice: { amount: 1000, currency: "USD" }, reservePrice: { amount: 5000, currency: "USD" }, buyItNowPrice: { amount: 9000, currency: "USD" }, endsAt, closeMode: "soft" },
    });
    expect(listing.auction).toMatchObject({ startPrice: { amount: 1000 }, currentPrice: { amount: 1000 }, bidCount: 0, status: "open", closeMode: "soft", softCloseSeconds: 120, hasReserve: true, reservePrice: { amount: 5000 } });
    expect(new Date(listing.auction.endsAt).toISOString()).toBe(new Date(endsAt).toISOString());
    const asPublic = await call("GET", `/v1/listings/${listing.id}`);
    expect(asPublic.body.auction.hasReserve).toBe(true);
    expect(asPublic.body.auction).not.toHaveProperty("reservePrice");
  });

  it("keeps a draft invisible to everyone but its seller", async () => {
    const seller = await registerSeller("draft");
    const draft = await createListingAs(seller.accessToken, { publish: false });
    expect(draft.status).toBe("draft");
    expectProblem(await call("GET", `/v1/listings/${draft.id}`), 404, "NOT_FOUND");
    const stranger = await registerUser("draft-peek");
    expectProblem(await call("GET", `/v1/listings/${draft.id}`, { token: stranger.accessToken }), 404, "NOT_FOUND");
    expect((await call("GET", `/v1/listings/${draft.id}`, { token: seller.accessToken })).status).toBe(200);
    const published = await call("POST", `/v1/listings/${draft.id}/publish`, { token: seller.accessToken });
    expect(published.body.status).toBe("active");
    expect((await call("GET", `/v1/listings/${draft.id}`)).status).toBe(200);
  });

  it("needs the seller role (403) and a token (401)", async () => {
    const buyer = await registerUser("not-seller");
    expectProblem(await call("POST", "/v1/listings", { token: buyer.accessToken, body: phoneListing() }), 403, "FORBIDDEN");
    expectProblem(await call("POST", "/v1/listings", { body: phoneListing() }), 401, "UNAUTHENTICATED");
  });

  it.each([
    ["a negative price", { price: { amount: -1, currency: "USD" } }, "price.amount"],
    ["a float price", { price: { amount: 12.5, currency: "USD" } }, "price.amount"],
    ["an unknown currency", { price: { amount: 100, currency: "XXX" } }, "price.currency"],
    ["a missing title", { title: undefined }, "title"],
    ["quantity zero", { quantity: 0 }, "quantity"],
    ["an unknown field", { colour: "red" }, "colour"],
    ["an unknown format", { format: "barter" }, "format"],
  ])("refuses %s with 400 at its path and creates nothing", async (_name, overrides, path) => {
    const seller = await registerSeller("bad-input");
    const title = `Unique ${crypto.randomUUID()}`;
    const response = await call("POST", "/v1/listings", { token: seller.accessToken, body: phoneListing({ title, ...overrides }) });
    const problem = expectProblem(response, 400, "VALIDATION_FAILED");
    expect(problem.errors?.map((error) => error.path)).toContain(path);
    expect(await countListingsTitled(title)).toBe(0);
  });

  it("checks category attributes: required, enum options, unknown ones", async () => {
    const seller = await registerSeller("attrs");
    const response = await call("POST", "/v1/listings", { token: seller.accessToken, body: phoneListing({ attributes: { storage: "3GB", flavour: "mint" } }) });
    const problem = expectProblem(response, 400, "VALIDATION_FAILED");
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(["attributes.brand", "attributes.flavour", "attributes.storage"]);
  });

  it("refuses an unknown category and a top-level one", async () => {
    const seller = await registerSeller("category");
    expect(expectProblem(await call("POST", "/v1/listings", { token: seller.accessToken, body: phoneListing({ categoryId: "cat_nope" }) }), 400, "VALIDATION_FAILED").errors).toEqual([{ path: "categoryId", message: "unknown category" }]);
    expect(expectProblem(await call("POST", "/v1/listings", { token: seller.accessToken, body: phoneListing({ categoryId: "cat_electronics" }) }), 400, "VALIDATION_FAILED").errors?.[0]?.message).toBe("choose a subcategory of Electronics");
  });

  it("checks auction terms: end window, reserve and Buy It Now order, one currency, one item", async () => {
    const seller = await registerSeller("terms");
    const auction = (terms: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      call("POST", "/v1/listings", { token: seller.accessToken, body: phoneListing({ format: "auction", price: undefined, auction: { startPrice: { amount: 1000, currency: "USD" }, endsAt: inHours(1), ...terms }, ...extra }) });
    const paths = async (response: Awaited<ReturnType<typeof auction>>) => expectProblem(response, 400, "VALIDATION_FAILED").errors?.map((error) => error.path);
    expect(await paths(await auction({ endsAt: new Date(Date.now() + 5_000).toISOString() }))).toEqual(["auction.endsAt"]);
    expect(await paths(await auction({ endsAt: inHours(31 * 24) }))).toEqual(["auction.endsAt"]);
    expect(await paths(await auction({ reservePrice: { amount: 500, currency: "USD" } }))).toEqual(["auction.reservePrice"]);
    expect(await paths(await auction({ buyItNowPrice: { amount: 1000, currency: "USD" } }))).toEqual(["auction.buyItNowPrice"]);
    expect(await paths(await auction({ buyItNowPrice: { amount: 5000, currency: "EUR" } }))).toEqual(["auction.buyItNowPrice"]);
    expect(await paths(await auction({}, { quantity: 2 }))).toEqual(["quantity"]);
    expect((await auction({ endsAt: new Date(Date.now() + 15_000).toISOString() })).status).toBe(201);
  });
});

describe("GET /v1/listings/:id", () => {
  it("sends an ETag and answers If-None-Match with 304", async () => {
    const seller = await registerSeller("etag");
    const listing = await createListingAs(seller.accessToken);
    const first = await call("GET", `/v1/listings/${listing.id}`);
    expect(first.headers.get("Cache-Control")).toBe("public, max-age=15, stale-while-revalidate=60");
    const etag = first.headers.get("ETag")!;
    expect(etag).toBe(`W/"${listing.id}-v1"`);
    expect((await call("GET", `/v1/listings/${listing.id}`, { headers: { "If-None-Match": etag } })).status).toBe(304);
    await call("PATCH", `/v1/listings/${listing.id}`, { token: seller.accessToken, body: { title: "Apple iPhone 13 — price drop" } });
    const changed = await call("GET", `/v1/listings/${listing.id}`, { headers: { "If-None-Match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.body.title).toBe("Apple iPhone 13 — price drop");
    expect(changed.headers.get("ETag")).toBe(`W/"${listing.id}-v2"`);
  });

  it("answers an unknown id with 404", async () => {
    expectProblem(await call("GET", "/v1/listings/lst_00000000000000000000000000"), 404, "NOT_FOUND");
  });
});

describe("PATCH /v1/listings/:id", () => {
  it("lets the seller change price, quantity and shipping", async () => {
    const seller = await registerSeller("edit");
    const listing = await createListingAs(seller.accessToken);
    const response = await call("PATCH", `/v1/listings/${listing.id}`, {
      token: seller.accessToken,
      body: { price: { amount: 39_900, currency: "USD" }, quantity: 3, shipping: { shipsFrom: { country: "AE", city: "Dubai" }, regions: ["AE", "SA"], cost: { amount: 1500, currency: "USD" } }, crowdshipEligible: true },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ price: { amount: 39_900 }, quantity: 3, quantityAvailable: 3, crowdshipEligible: true, shipping: { regions: ["AE", "SA"] }, version: 2 });
    expect((await listingRow(listing.id))?.shipsTo).toEqual(["AE", "SA"]);
  });

  it("answers another seller with 404 and changes nothing", async () => {
    const owner = await registerSeller("owner");
    const other = await registerSeller("other");
    const listing = await createListingAs(owner.accessToken);
    expectProblem(await call("PATCH", `/v1/listings/${listing.id}`, { token: other.accessToken, body: { title: "Mine now" } }), 404, "NOT_FOUND");
    expectProblem(await call("POST", `/v1/listings/${listing.id}/end`, { token: other.accessToken }), 404, "NOT_FOUND");
    expect((await listingRow(listing.id))?.title).toBe(listing.title);
  });

  it("refuses a price in another currency and an empty change", async () => {
    const seller = await registerSeller("edit-bad");
    const listing = await createListingAs(seller.accessToken);
    expect(expectProblem(await call("PATCH", `/v1/listings/${listing.id}`, { token: seller.accessToken, body: { price: { amount: 100, currency: "EUR" } } }), 400, "VALIDATION_FAILED").errors?.[0]?.path).toBe("price.currency");
    expectProblem(await call("PATCH", `/v1/listings/${listing.id}`, { token: seller.accessToken, body: {} }), 400, "VALIDATION_FAILED");
  });

  it("refuses changes to an ended listing with 409", async () => {
    const seller = await registerSeller("ended");
    const listing = await createListingAs(seller.accessToken);
    const ended = await call("POST", `/v1/listings/${listing.id}/end`, { token: seller.accessToken });
    expect(ended.body).toMatchObject({ status: "ended", endedAt: expect.any(String) });
    expectProblem(await call("PATCH", `/v1/listings/${listing.id}`, { token: seller.accessToken, body: { title: "Back again" } }), 409, "LISTING_NOT_EDITABLE");
    expectProblem(await call("POST", `/v1/listings/${listing.id}/end`, { token: seller.accessToken }), 409, "LISTING_NOT_EDITABLE");
  });

  it("freezes auction terms after the first bid", async () => {
    const seller = await registerSeller("frozen");
    const listing = await createListingAs(seller.accessToken, { format: "auction", price: undefined, auction: { startPrice: { amount: 1000, currency: "USD" }, endsAt: inHours(5) } });
    const moved = await call("PATCH", `/v1/listings/${listing.id}`, { token: seller.accessToken, body: { auction: { startPrice: { amount: 1500, currency: "USD" } } } });
    expect(moved.body.auction.startPrice.amount).toBe(1500);
    await withDatabase((db) => db.orm.update(listings).set({ bidCount: 1 }).where(eq(listings.id, listing.id)));
    expectProblem(await call("PATCH", `/v1/listings/${listing.id}`, { token: seller.accessToken, body: { auction: { startPrice: { amount: 100, currency: "USD" } } } }), 409, "LISTING_NOT_EDITABLE");
  });
});

describe("GET /v1/me/listings", () => {
  it("lists the caller's listings of any status, newest first, page by page", async () => {
    const seller = await registerSeller("mine");
    const created = [];
    for (let index = 0; index < 3; index++) created.push(await createListingAs(seller.accessToken, { title: `Mine number ${index}`, publish: index !== 1 }));
    const first = await call("GET", "/v1/me/listings?limit=2", { token: seller.accessToken });
    expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([created[2].id, created[1].id]);
    expect(first.body.items[1].status).toBe("draft");
    const second = await call("GET", `/v1/me/listings?limit=2&cursor=${first.body.nextCursor}`, { token: seller.accessToken });
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: created[0].id })], nextCursor: null });
    const drafts = await call("GET", "/v1/me/listings?status=draft", { token: seller.accessToken });
    expect(drafts.body.items.map((item: { id: string }) => item.id)).toEqual([created[1].id]);
  });
});
