// HTTP for search: parse the query, call the service, and shape the response with its cache headers (ETag, 304).
import { createRoute, z } from "@hono/zod-openapi";
import { requireRole, signedIn } from "../platform/authorize";
import { sha256Base64Url } from "../platform/crypto";
import { createRouter } from "../platform/hono";
import {
  MAX_PAGE_SIZE,
  SEARCH_ANALYTICS_DEFAULT_DAYS,
  SEARCH_ANALYTICS_DEFAULT_ITEMS,
  SEARCH_ANALYTICS_MAX_DAYS,
  SEARCH_HTTP_MAX_AGE_SECONDS,
  SEARCH_MAX_OFFSET,
  SEARCH_QUERY_MAX_LENGTH,
} from "../platform/limits";
import { CurrencySchema, MAX_MONEY_AMOUNT_MINOR, MoneySchema } from "../platform/money";
import { authErrors, commonErrors, jsonBody, jsonResponse, PageQuerySchema, problem } from "../platform/schemas";
import { recordClick, searchReport } from "./analytics";
import { buildSearchParams, CONDITIONS, FORMATS, SEARCH_SORTS } from "./query";
import { search, searchEngine } from "./service";
import { suggest } from "./suggest";

/** "used,refurbished" → ["used", "refurbished"]: several values of one facet match any of them. */
const commaList = <T extends string>(values: readonly T[]) => {
  const one = values.join("|");
  const description = `one or more of ${values.join(", ")}, comma-separated`;
  return z
    .string()
    .regex(new RegExp(`^(${one})(,(${one}))*$`), description)
    .transform((text) => text.split(",") as T[]) // each part is one of `values`: the pattern above says so
    .openapi({ type: "string", description, example: values[0] });
};

const MinorUnits = z
  .string()
  .regex(/^\d{1,13}$/, "a whole number of minor units")
  .transform(Number)
  .pipe(z.number().max(MAX_MONEY_AMOUNT_MINOR))
  .openapi({ type: "string", example: "2500" });

const SearchQuerySchema = PageQuerySchema.extend({
  q: z.string().max(SEARCH_QUERY_MAX_LENGTH).optional().openapi({ example: "wireless headphones" }),
  categoryId: z.string().min(1).max(64).optional().openapi({ description: "this category and its descendants", example: "cat_electronics" }),
  condition: commaList(CONDITIONS).optional(),
  format: commaList(FORMATS).optional(),
  minPrice: MinorUnits.optional().openapi({ description: "minor units of `currency`" }),
  maxPrice: MinorUnits.optional().openapi({ description: "minor units of `currency`" }),
  currency: CurrencySchema.optional().openapi({ description: "only listings priced in it; required with a price bound" }),
  shipsTo: z.string().regex(/^[A-Za-z]{2}$/, "an ISO 3166-1 alpha-2 country code").optional().openapi({ example: "AE" }),
  crowdship: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional()
    .openapi({ type: "string", enum: ["true", "false"] }),
  sort: z.enum(SEARCH_SORTS).default("relevance"),
}).strict();

const ListingSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    categoryId: z.string(),
    condition: z.enum(CONDITIONS),
    format: z.enum(FORMATS),
    price: MoneySchema.openapi({ description: "the fixed price, or an auction's current price" }),
    imageUrl: z.string().nullable(),
    endsAt: z.string().nullable(),
    bidCount: z.number().int(),
    crowdshipEligible: z.boolean(),
    shipsFrom: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("ListingSummary");

const counts = z.record(z.string(), z.number().int());

const SearchResultsSchema = z
  .object({
    items: z.array(ListingSummarySchema),
    facets: z.object({ categoryId: counts, condition: counts, format: counts, crowdshipEligible: counts }).openapi({
      description: "Counts over the matches. Each of condition, format and crowdshipEligible ignores its own filter (so other values stay visible); categoryId and total apply every filter.",
    }),
    total: z.number().int(),
    nextCursor: z.string().nullable(),
    didYouMean: z.string().optional().openapi({ description: "set when the text as typed matched nothing; the items are for this correction" }),
    queryId: z.string().openapi({ description: "send it back with POST /v1/search/clicks" }),
  })
  .openapi("SearchResults");

const cacheHeaders = {
  ETag: { schema: { type: "string" as const }, description: "weak; the results without queryId" },
  "Cache-Control": { schema: { type: "string" as const } },
  "X-Cache": { schema: { type: "string" as const, enum: ["hit", "miss", "bypass"] }, description: "whether the Redis result cache answered" },
};

const searchRoute = createRoute({
  method: "get",
  path: "/v1/search",
  tags: ["Search"],
  summary: "Search active listings: full text with typo tolerance, filters, facets, sorts",
  request: { query: SearchQuerySchema },
  responses: {
    200: { ...jsonResponse("A page of results", SearchResultsSchema), headers: cacheHeaders },
    304: { description: "The results are unchanged since the ETag in If-None-Match", headers: cacheHeaders },
    400: commonErrors[400],
  },
});

const suggestRoute = createRoute({
  method: "get",
  path: "/v1/search/suggest",
  tags: ["Search"],
  summary: "Autocomplete: popular past queries, then listing-title completions, for what has been typed",
  request: { query: z.object({ q: z.string().max(SEARCH_QUERY_MAX_LENGTH).openapi({ example: "wirel" }) }).strict() },
  responses: { 200: jsonResponse("At most 10 suggestions, best first", z.object({ items: z.array(z.string()) })), 400: commonErrors[400] },
});

const clickRoute = createRoute({
  method: "post",
  path: "/v1/search/clicks",
  tags: ["Search"],
  summary: "Record that a search result was opened (click-through analytics)",
  request: {
    body: jsonBody(
      z
        .object({
          queryId: z.string().min(1).max(64),
          listingId: z.string().min(1).max(64),
          position: z.number().int().min(0).max(SEARCH_MAX_OFFSET + MAX_PAGE_SIZE).openapi({ description: "zero-based place in the results" }),
        })
        .strict(),
    ),
  },
  responses: { 204: { description: "Recorded" }, ...commonErrors, 404: problem("No such search query") },
});

const analyticsRoute = createRoute({
  method: "get",
  path: "/v1/admin/search/analytics",
  tags: ["Search"],
  summary: "Top queries with click-through, and queries that found nothing (admin)",
  middleware: [signedIn.middleware, requireRole("admin")] as const,
  security: signedIn.security,
  request: {
    query: z
      .object({
        days: z.coerce.number().int().min(1).max(SEARCH_ANALYTICS_MAX_DAYS).default(SEARCH_ANALYTICS_DEFAULT_DAYS),
        limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(SEARCH_ANALYTICS_DEFAULT_ITEMS),
      })
      .strict(),
  },
  responses: {
    200: jsonResponse(
      "The report",
      z.object({
        topQueries: z.array(z.object({ query: z.string(), searches: z.number().int(), avgResults: z.number(), clickThroughRate: z.number() })),
        zeroResultQueries: z.array(z.object({ query: z.string(), searches: z.number().int() })),
      }),
    ),
    ...commonErrors,
    403: authErrors[403],
  },
});

const BEARER = /^Bearer (\S+)$/;

/** True when If-None-Match names `etag` (weak comparison, RFC 9110 §13.1.2) or is "*". */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

export const searchRoutes = createRouter()
  .openapi(searchRoute, async (c) => {
    const token = BEARER.exec(c.req.header("Authorization") ?? "")?.[1] ?? null;
    const { result, queryId, cache } = await search(c.var.services, buildSearchParams(c.req.valid("query")), token);
    const etag = `W/"${await sha256Base64Url(JSON.stringify(result))}"`;
    c.header("ETag", etag);
    c.header("Cache-Control", `public, max-age=${SEARCH_HTTP_MAX_AGE_SECONDS}`);
    c.header("X-Cache", cache);
    if (matchesEtag(c.req.header("If-None-Match"), etag)) return c.body(null, 304);
    return c.json({ ...result, queryId }, 200);
  })
  .openapi(suggestRoute, async (c) => {
    const services = c.var.services;
    c.header("Cache-Control", `public, max-age=${SEARCH_HTTP_MAX_AGE_SECONDS}`);
    return c.json({ items: await suggest(services, searchEngine(services), c.req.valid("query").q) }, 200);
  })
  .openapi(clickRoute, async (c) => {
    await recordClick(c.var.services, c.req.valid("json"));
    return c.body(null, 204);
  })
  .openapi(analyticsRoute, async (c) => c.json(await searchReport(c.var.services, c.req.valid("query")), 200));
