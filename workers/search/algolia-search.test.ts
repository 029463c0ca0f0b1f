// The Algolia engine's contract: the exact requests algoliasearch sends for GET /v1/search and /v1/search/suggest, and how Algolia's answers map to our responses.
import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import type { AppEnv } from "../env";
import { decodeCursor, encodeCursor } from "../platform/cursor";
import { ALGOLIA_MAX_FACET_VALUES } from "../platform/limits";
import { SUMMARY_ATTRIBUTES } from "./algolia-mapping";
import { algoliaAnswer, algoliaTestApp, asSent, SEARCH_KEY, WORKER_AGENT, type CannedAlgoliaResponse } from "./algolia-test-fixtures";
import { encodeSearchPosition } from "./query";
import { insertListings, searchQueryRow, uniqueWord } from "./test-fixtures";

const QUERIES_PATH = "/1/indexes/*/queries";

async function get(env: AppEnv, path: string) {
  const response = await createApp().request(path, { headers: { "CF-Connecting-IP": "10.9.9.9" } }, env);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function queriesAnswer(...results: unknown[]): CannedAlgoliaResponse {
  return { method: "POST", path: QUERIES_PATH, status: 200, body: { results } };
}

const PHONE_CASE_HIT = {
  objectID: "lst_algolia_a",
  title: "Leather phone case",
  categoryId: "cat_electronics__phones",
  condition: "used",
  format: "auction",
  priceMinor: 1_500,
  currency: "USD",
  imageUrl: "/v1/images/img_a",
  endsAtMs: Date.parse("2030-01-02T03:04:05.678Z"),
  bidCount: 3,
  crowdshipEligible: true,
  shipsFrom: "AE",
  createdAtMs: Date.parse("2029-12-01T10:00:00.000Z"),
};
const TABLET_CASE_HIT = {
  objectID: "lst_algolia_b",
  title: "Tablet case",
  categoryId: "cat_electronics__tablets",
  condition: "refurbished",
  format: "auction",
  priceMinor: 2_000,
  currency: "USD",
  imageUrl: null,
  endsAtMs: Date.parse("2030-01-03T00:00:00.000Z"),
  bidCount: 0,
  crowdshipEligible: true,
  shipsFrom: null,
  createdAtMs: Date.parse("2029-12-02T10:00:00.000Z"),
};

/** The main query of a search with no filters, as the engine sends it. */
function mainQuery(indexName: string, query: string, overrides: Record<string, unknown> = {}) {
  return {
    indexName,
    query,
    filters: "",
    facets: ["categoryId", "condition", "format", "crowdshipEligible"],
    maxValuesPerFacet: ALGOLIA_MAX_FACET_VALUES,
    hitsPerPage: 20,
    page: 0,
    attributesToRetrieve: SUMMARY_ATTRIBUTES,
    attributesToHighlight: [],
    ...overrides,
  };
}

describe("a search on Algolia", () => {
  it("sends one multi-query: the page with every filter, then one counting query per refined facet without its own filter", async () => {
    const algolia = algoliaTestApp();
    await algolia.respond(
      queriesAnswer(
        algoliaAnswer({
          hits: [PHONE_CASE_HIT, TABLET_CASE_HIT],
          nbHits: 5,
          nbPages: 3,
          facets: { categoryId: { cat_electronics__phones: 4, cat_electronics__tablets: 1 }, condition: { used: 3, refurbished: 2 }, format: { auction: 5 }, crowdshipEligible: { true: 5 } },
        }),
        algoliaAnswer({ nbHits: 12, facets: { condition: { new: 7, used: 3, refurbished: 2 } } }),
        algoliaAnswer({ nbHits: 9, facets: { format: { fixed: 4, auction: 5 } } }),
        algoliaAnswer({ nbHits: 11, facets: { crowdshipEligible: { true: 5, false: 6 } } }),
      ),
    );

    const response = await get(
      algolia.env,
      "/v1/search?q=Phone%20%20CASE&categoryId=cat_electronics&condition=refurbished,used&format=auction&minPrice=100&maxPrice=50000&currency=USD&shipsTo=ae&crowdship=true&limit=2",
    );

    const base = 'categoryPaths:"electronics" AND currency:"USD" AND priceMinor >= 100 AND priceMinor <= 50000 AND (shipsTo:"AE" OR shipsTo:"WW")';
    const counting = (facet: string, filters: string) => ({
      indexName: "listings",
      query: "phone case",
      filters,
      facets: [facet],
      hitsPerPage: 0,
      attributesToRetrieve: [],
      attributesToHighlight: [],
      analytics: false,
    });
    expect((await algolia.requests()).map(asSent)).toEqual([
      {
        method: "POST",
        path: QUERIES_PATH,
        query: { "x-algolia-agent": WORKER_AGENT },
        headers: { "x-algolia-application-id": algolia.appId, "x-algolia-api-key": SEARCH_KEY, "content-type": "text/plain" },
        body: {
          requests: [
            mainQuery("listings", "phone case", {
              filters: `${base} AND (condition:"used" OR condition:"refurbished") AND format:"auction" AND crowdshipEligible:true`,
              hitsPerPage: 2,
            }),
            counting("condition", `${base} AND format:"auction" AND crowdshipEligible:true`),
            counting("format", `${base} AND (condition:"used" OR condition:"refurbished") AND crowdshipEligible:true`),
            counting("crowdshipEligible", `${base} AND (condition:"used" OR condition:"refurbished") AND format:"auction"`),
          ],
        },
      },
    ]);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [
        {
          id: "lst_algolia_a",
          title: "Leather phone case",
          categoryId: "cat_electronics__phones",
          condition: "used",
          format: "auction",
          price: { amount: 1_500, currency: "USD" },
          imageUrl: "/v1/images/img_a",
          endsAt: "2030-01-02T03:04:05.678Z",
          bidCount: 3,
          crowdshipEligible: true,
          shipsFrom: "AE",
          createdAt: "2029-12-01T10:00:00.000Z",
        },
        {
          id: "lst_algolia_b",
          title: "Tablet case",
          categoryId: "cat_electronics__tablets",
          condition: "refurbished",
          format: "auction",
          price: { amount: 2_000, currency: "USD" },
          imageUrl: null,
          endsAt: "2030-01-03T00:00:00.000Z",
          bidCount: 0,
          crowdshipEligible: true,
          shipsFrom: null,
          createdAt: "2029-12-02T10:00:00.000Z",
        },
      ],
      facets: {
        categoryId: { cat_electronics__phones: 4, cat_electronics__tablets: 1 },
        condition: { new: 7, used: 3, refurbished: 2 },
        format: { fixed: 4, auction: 5 },
        crowdshipEligible: { true: 5, false: 6 },
      },
      total: 5,
      nextCursor: expect.any(String),
      queryId: expect.stringMatching(/^srq_/),
    });
    const analytics = await searchQueryRow(response.body.queryId);
    expect({ engine: analytics.engine, normalizedQuery: analytics.normalizedQuery, resultCount: analytics.resultCount }).toEqual({ engine: "algolia", normalizedQuery: "phone case", resultCount: 5 });
  });

  it("takes unrefined facets from the main query, with zero for values Algolia leaves out, and sends no counting query", async () => {
    const algolia = algoliaTestApp();
    await algolia.respond(queriesAnswer(algoliaAnswer({ hits: [PHONE_CASE_HIT], nbHits: 1, facets: { categoryId: { cat_electronics__phones: 1 }, condition: { used: 1 }, format: { auction: 1 }, crowdshipEligible: { true: 1 } } })));
    const response = await get(algolia.env, "/v1/search?q=leather");
    expect((await algolia.requests()).map((request) => (request.body as { requests: unknown[] }).requests)).toEqual([[mainQuery("listings", "leather")]]);
    expect(response.body).toMatchObject({
      facets: { categoryId: { cat_electronics__phones: 1 }, condition: { new: 0, used: 1, refurbished: 0 }, format: { fixed: 0, auction: 1 }, crowdshipEligible: { true: 1, false: 0 } },
      total: 1,
      nextCursor: null,
    });
    expect(response.body.didYouMean).toBeUndefined();
  });

  it("reads each sort's replica, and relevance without text the newest replica", async () => {
    const algolia = algoliaTestApp({ ALGOLIA_INDEX_NAME: "shop_listings" });
    const cases = [
      { query: "q=lamp", indexName: "shop_listings" },
      { query: "q=lamp&sort=price_asc", indexName: "shop_listings_price_asc" },
      { query: "q=lamp&sort=price_desc", indexName: "shop_listings_price_desc" },
      { query: "q=lamp&sort=ending_soon", indexName: "shop_listings_ending_soon" },
      { query: "q=lamp&sort=newest", indexName: "shop_listings_newest" },
      { query: "categoryId=cat_electronics__phones", indexName: "shop_listings_newest" },
    ];
    await algolia.respond(...cases.map(() => queriesAnswer(algoliaAnswer({ nbHits: 0 }))));
    for (const { query } of cases) expect((await get(algolia.env, `/v1/search?${query}`)).status).toBe(200);
    const sent = (await algolia.requests()).map((request) => (request.body as { requests: { indexName: string; query: string; filters: string }[] }).requests);
    expect(sent.map(([main]) => ({ indexName: main!.indexName, query: main!.query, filters: main!.filters }))).toEqual(
      cases.map(({ indexName }, index) => ({ indexName, query: index === 5 ? "" : "lamp", filters: index === 5 ? 'categoryPaths:"electronics/phones"' : "" })),
    );
  });

  it("pages with the cursor it issued: page n+1 of the same search, no cursor on the last page", async () => {
    const algolia = algoliaTestApp();
    await algolia.respond(
      queriesAnswer(algoliaAnswer({ hits: [PHONE_CASE_HIT], nbHits: 2, nbPages: 2 })),
      queriesAnswer(algoliaAnswer({ hits: [TABLET_CASE_HIT], nbHits: 2, nbPages: 2, page: 1 })),
    );
    const first = await get(algolia.env, "/v1/search?q=case&sort=price_asc&limit=1");
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get(algolia.env, `/v1/search?q=case&sort=price_asc&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect({ ids: second.body.items.map((item: { id: string }) => item.id), nextCursor: second.body.nextCursor }).toEqual({ ids: ["lst_algolia_b"], nextCursor: null });
    const pages = (await algolia.requests()).map((request) => (request.body as { requests: { indexName: string; page: number; hitsPerPage: number }[] }).requests[0]);
    expect(pages.map((main) => ({ indexName: main!.indexName, page: main!.page, hitsPerPage: main!.hitsPerPage }))).toEqual([
      { indexName: "listings_price_asc", page: 0, hitsPerPage: 1 },
      { indexName: "listings_price_asc", page: 1, hitsPerPage: 1 },
    ]);
  });

  it("refuses a cursor from another search, from the Postgres engine or past the last readable page with 400, sending nothing", async () => {
    const algolia = algoliaTestApp();
    await algolia.respond(queriesAnswer(algoliaAnswer({ hits: [PHONE_CASE_HIT], nbHits: 2, nbPages: 2 })));
    const { nextCursor } = (await get(algolia.env, "/v1/search?q=case&limit=1")).body;
    const postgresCursor = encodeSearchPosition({ order: "relevance", offset: 20 });
    const farCursor = encodeCursor({ key: 10_000, id: decodeCursor(nextCursor).id });
    for (const path of [`/v1/search?q=other&limit=1&cursor=${nextCursor}`, `/v1/search?q=case&limit=2&cursor=${nextCursor}`, `/v1/search?q=case&limit=1&cursor=${postgresCursor}`, `/v1/search?q=case&limit=1&cursor=${farCursor}`]) {
      const response = await get(algolia.env, path);
      expect({ path, status: response.status, code: response.body.code, errorPath: response.body.errors?.[0]?.path }).toEqual({ path, status: 400, code: "VALIDATION_FAILED", errorPath: "cursor" });
    }
    expect(await algolia.requests()).toHaveLength(1);
  });

  it("answers an unknown category with 400 without asking Algolia", async () => {
    const algolia = algoliaTestApp();
    const response = await get(algolia.env, "/v1/search?categoryId=cat_nothing_here");
    expect({ status: response.status, code: response.body.code, errors: response.body.errors }).toEqual({ status: 400, code: "VALIDATION_FAILED", errors: [{ path: "categoryId", message: "unknown category" }] });
    expect(await algolia.requests()).toEqual([]);
  });

  it("fails loudly (500) on a hit that is not a listing record, rather than returning half a result", async () => {
    const algolia = algoliaTestApp();
    const { priceMinor: _dropped, ...withoutPrice } = PHONE_CASE_HIT;
    await algolia.respond(queriesAnswer(algoliaAnswer({ hits: [withoutPrice], nbHits: 1 })));
    const response = await get(algolia.env, "/v1/search?q=case");
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 500, code: "INTERNAL" });
  });
});

describe("suggestions from Algolia", () => {
  it("searches the primary index for titles only, and offers them normalized and without repeats", async () => {
    const algolia = algoliaTestApp();
    const prefix = uniqueWord(6); // no past query starts with it, so the titles are all there is
    await algolia.respond({
      method: "POST",
      path: "/1/indexes/listings/query",
      status: 200,
      body: algoliaAnswer({ hits: [{ objectID: "lst_1", title: `${prefix.toUpperCase()}  Lamp` }, { objectID: "lst_2", title: `${prefix} lamp` }, { objectID: "lst_3", title: `${prefix} Shade` }], nbHits: 3 }),
    });
    const response = await get(algolia.env, `/v1/search/suggest?q=${prefix}`);
    expect((await algolia.requests()).map(asSent)).toEqual([
      {
        method: "POST",
        path: "/1/indexes/listings/query",
        query: { "x-algolia-agent": WORKER_AGENT },
        headers: { "x-algolia-application-id": algolia.appId, "x-algolia-api-key": SEARCH_KEY, "content-type": "text/plain" },
        body: { query: prefix, hitsPerPage: 10, attributesToRetrieve: ["title"], attributesToHighlight: [], analytics: false },
      },
    ]);
    expect(response).toEqual({ status: 200, body: { items: [`${prefix} lamp`, `${prefix} shade`] } });
  });
});

describe("without all three Algolia keys", () => {
  it("sends nothing to Algolia and searches Postgres", async () => {
    const algolia = algoliaTestApp({ ALGOLIA_SEARCH_KEY: undefined });
    const word = uniqueWord();
    const [listing] = await insertListings([{ title: `${word} teapot` }]);
    const search = await get(algolia.env, `/v1/search?q=${word}`);
    const suggest = await get(algolia.env, `/v1/search/suggest?q=${word}`);
    expect({ search: search.body.items.map((item: { id: string }) => item.id), suggest: suggest.body.items }).toEqual({ search: [listing], suggest: [word] });
    expect((await searchQueryRow(search.body.queryId)).engine).toBe("postgres");
    expect(await algolia.requests()).toEqual([]);
  });
});
