// HTTP for categories and listings: parse, authorize, call the catalog service, shape the response.
import { createRoute, z } from "@hono/zod-openapi";
import { currentAuth, optionalAuth, requireRole, signedIn } from "../platform/authorize";
import { createRouter } from "../platform/hono";
import {
  LISTING_DESCRIPTION_MAX_LENGTH,
  LISTING_MAX_ATTRIBUTES,
  LISTING_MAX_QUANTITY,
  LISTING_SHIPPING_MAX_REGIONS,
  LISTING_TITLE_MAX_LENGTH,
} from "../platform/limits";
import { MoneySchema } from "../platform/money";
import { authErrors, commonErrors, jsonBody, jsonResponse, PageQuerySchema } from "../platform/schemas";
import { categoryIndex } from "./categories-service";
import { createListing, endListing, getListing, listOwnListings, publishListing, updateListing, type CreateListingInput } from "./listings-service";
import { ListingIdParams, ListingSchema, ListingSummarySchema, CategoryTreeSchema } from "./schemas";

const Country = z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 country code");
const ShippingSchema = z
  .object({
    shipsFrom: z.object({ country: Country, city: z.string().trim().min(1).max(100).optional() }).strict(),
    regions: z.array(z.union([Country, z.literal("WW")])).min(1).max(LISTING_SHIPPING_MAX_REGIONS),
    cost: MoneySchema,
  })
  .strict()
  .openapi("Shipping");

const Attributes = z
  .record(z.string().min(1).max(50), z.union([z.string().max(200), z.number()]))
  .refine((value) => Object.keys(value).length <= LISTING_MAX_ATTRIBUTES, { message: `at most ${LISTING_MAX_ATTRIBUTES} attributes` });

const Common = {
  title: z.string().trim().min(3).max(LISTING_TITLE_MAX_LENGTH),
  description: z.string().trim().min(1).max(LISTING_DESCRIPTION_MAX_LENGTH),
  categoryId: z.string().min(1).max(100),
  condition: z.enum(["new", "used", "refurbished"]),
  quantity: z.number().int().min(1).max(LISTING_MAX_QUANTITY),
  attributes: Attributes.optional(),
  shipping: ShippingSchema.optional(),
  crowdshipEligible: z.boolean().optional(),
  publish: z.boolean().optional(),
};

const AuctionTermsSchema = z
  .object({
    startPrice: MoneySchema,
    reservePrice: MoneySchema.optional(),
    buyItNowPrice: MoneySchema.optional(),
    endsAt: z.iso.datetime({ offset: true }),
    closeMode: z.enum(["hard", "soft"]).optional(),
    softCloseSeconds: z.number().int().optional(),
  })
  .strict();

// One strict object rather than a discriminated union, so unknown fields are named even when `format` is missing.
const CreateListingSchema = z
  .object({ ...Common, format: z.enum(["fixed", "auction"]), price: MoneySchema.optional(), auction: AuctionTermsSchema.optional() })
  .strict()
  .superRefine((value, context) => {
    const needed = value.format === "fixed" ? "price" : "auction";
    const forbidden = value.format === "fixed" ? "auction" : "price";
    if (value[needed] === undefined) context.addIssue({ code: "custom", path: [needed], message: `required for format ${value.format}` });
    if (value[forbidden] !== undefined) context.addIssue({ code: "custom", path: [forbidden], message: `not allowed for format ${value.format}` });
  })
  .transform((value) => value as CreateListingInput)
  .openapi("CreateListing");

const UpdateListingSchema = z
  .object({
    title: Common.title.optional(),
    description: Common.description.optional(),
    price: MoneySchema.optional(),
    quantity: Common.quantity.optional(),
    attributes: Attributes.optional(),
    shipping: ShippingSchema.nullable().optional(),
    crowdshipEligible: z.boolean().optional(),
    auction: AuctionTermsSchema.partial().strict().optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: "send at least one field to change" })
  .openapi("UpdateListing");

const sellerOnly = [signedIn.middleware, requireRole("seller")];

const categoriesRoute = createRoute({
  method: "get",
  path: "/v1/categories",
  tags: ["Catalog"],
  summary: "The category tree with each category's attribute definitions",
  responses: { 200: jsonResponse("The tree", CategoryTreeSchema) },
});

const createRouteDef = createRoute({
  method: "post",
  path: "/v1/listings",
  tags: ["Catalog"],
  summary: "List an item at a fixed price or as an auction (seller role)",
  middleware: sellerOnly,
  security: signedIn.security,
  request: { body: jsonBody(CreateListingSchema) },
  responses: { 201: jsonResponse("The listing", ListingSchema), ...authErrors },
});

const getRoute = createRoute({
  method: "get",
  path: "/v1/listings/{id}",
  tags: ["Catalog"],
  summary: "A listing (drafts only for their seller)",
  middleware: optionalAuth,
  request: { params: ListingIdParams },
  responses: { 200: jsonResponse("The listing", ListingSchema), 304: { description: "Not modified (If-None-Match)" }, 404: authErrors[404] },
});

const patchRoute = createRoute({
  method: "patch",
  path: "/v1/listings/{id}",
  tags: ["Catalog"],
  summary: "Edit a listing (its seller or an admin; auction terms only before the first bid)",
  ...signedIn,
  request: { params: ListingIdParams, body: jsonBody(UpdateListingSchema) },
  responses: { 200: jsonResponse("The listing", ListingSchema), ...authErrors },
});

const publishRoute = createRoute({
  method: "post",
  path: "/v1/listings/{id}/publish",
  tags: ["Catalog"],
  summary: "Publish a draft",
  ...signedIn,
  request: { params: ListingIdParams },
  responses: { 200: jsonResponse("The listing", ListingSchema), ...authErrors },
});

const endRoute = createRoute({
  method: "post",
  path: "/v1/listings/{id}/end",
  tags: ["Catalog"],
  summary: "End a listing early (not an auction that has bids)",
  ...signedIn,
  request: { params: ListingIdParams },
  responses: { 200: jsonResponse("The listing", ListingSchema), ...authErrors },
});

const mineRoute = createRoute({
  method: "get",
  path: "/v1/me/listings",
  tags: ["Catalog"],
  summary: "The caller's listings, any status, newest first",
  ...signedIn,
  request: { query: PageQuerySchema.extend({ status: z.enum(["draft", "active", "ended", "sold"]).optional() }).strict() },
  responses: { 200: jsonResponse("A page of listings", z.object({ items: z.array(ListingSummarySchema), nextCursor: z.string().nullable() })), ...commonErrors },
});

export const catalogRoutes = createRouter()
  .openapi(categoriesRoute, async (c) => {
    c.header("Cache-Control", "public, max-age=300");
    // The tree is two levels deep (db/seed/categories.ts), which is what CategorySchema describes.
    const tree = (await categoryIndex(c.var.services.db.orm)).tree as z.infer<typeof CategoryTreeSchema>["items"];
    return c.json({ items: tree }, 200);
  })
  .openapi(createRouteDef, async (c) => c.json(await createListing(c.var.services, currentAuth(c), c.req.valid("json")), 201))
  .openapi(getRoute, async (c) => {
    const viewer = c.var.auth;
    const listing = await getListing(c.var.services, c.req.valid("param").id, viewer);
    const etag = `W/"${listing.id}-v${listing.version}${viewer ? `-${viewer.userId}` : ""}"`;
    c.header("ETag", etag);
    // The body depends on who asks (a seller sees drafts and the reserve): caches must key on the token.
    c.header("Vary", "Authorization");
    c.header("Cache-Control", listing.status === "draft" || viewer ? "private, no-cache" : "public, max-age=15, stale-while-revalidate=60");
    if (c.req.header("If-None-Match") === etag) return c.body(null, 304);
    return c.json(listing, 200);
  })
  .openapi(patchRoute, async (c) => c.json(await updateListing(c.var.services, currentAuth(c), c.req.valid("param").id, c.req.valid("json")), 200))
  .openapi(publishRoute, async (c) => c.json(await publishListing(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(endRoute, async (c) => c.json(await endListing(c.var.services, currentAuth(c), c.req.valid("param").id), 200))
  .openapi(mineRoute, async (c) => c.json(await listOwnListings(c.var.services, currentAuth(c), c.req.valid("query")), 200));
