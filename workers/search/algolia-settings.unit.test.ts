// The Algolia settings pushed on deploy: the bodies the builder makes, and the exact requests that push them (against the local Algolia mock).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAlgoliaMock, type AlgoliaMock } from "../../scripts/test-support/algolia-mock";
import { algoliaHosts, createAlgoliaClient } from "./algolia-client";
import { algoliaIndexSettings, pushAlgoliaSettings } from "./algolia-settings";

const SHARED = {
  searchableAttributes: ["unordered(title)", "unordered(description)"],
  attributesForFaceting: ["categoryId", "condition", "format", "crowdshipEligible", "filterOnly(categoryPaths)", "filterOnly(currency)", "filterOnly(shipsTo)"],
  numericAttributesForFiltering: ["priceMinor"],
  customRanking: ["desc(createdAtMs)"],
  typoTolerance: true,
  minWordSizefor1Typo: 4,
  minWordSizefor2Typos: 8,
  allowTyposOnNumericTokens: false,
  ignorePlurals: ["en"],
  removeStopWords: ["en"],
  queryLanguages: ["en"],
  indexLanguages: ["en"],
  advancedSyntax: true,
  paginationLimitedTo: 10_000,
};
const DEFAULT_RANKING = ["typo", "geo", "words", "filters", "proximity", "attribute", "exact", "custom"];

describe("the index settings", () => {
  it("give the primary the shared settings and its four standard replicas, each replica ranked by its sort first", () => {
    expect(algoliaIndexSettings("listings")).toEqual({
      primary: { indexName: "listings", settings: { ...SHARED, replicas: ["listings_price_asc", "listings_price_desc", "listings_ending_soon", "listings_newest"] } },
      replicas: [
        { indexName: "listings_price_asc", settings: { ...SHARED, ranking: ["asc(priceMinor)", ...DEFAULT_RANKING] } },
        { indexName: "listings_price_desc", settings: { ...SHARED, ranking: ["desc(priceMinor)", ...DEFAULT_RANKING] } },
        { indexName: "listings_ending_soon", settings: { ...SHARED, ranking: ["asc(endsAtMs)", ...DEFAULT_RANKING] } },
        { indexName: "listings_newest", settings: { ...SHARED, ranking: ["desc(createdAtMs)", ...DEFAULT_RANKING] } },
      ],
    });
  });
});

describe("pushing the settings", () => {
  let mock: AlgoliaMock;
  beforeAll(async () => {
    mock = await startAlgoliaMock();
  });
  afterAll(async () => {
    await mock.stop();
  });

  it("sets the primary, waits for its task, then sets and waits for each replica, with the admin key", async () => {
    const appId = "SETTINGSAPP1";
    const logged: string[] = [];
    await pushAlgoliaSettings(createAlgoliaClient(appId, "admin-key", algoliaHosts(mock.host)), "shop", (line) => logged.push(line));

    const { primary, replicas } = algoliaIndexSettings("shop");
    const requests = mock.requests(appId);
    expect(requests.map(({ method, path, headers, body }) => ({ method, path, headers, body }))).toEqual(
      [primary, ...replicas].flatMap((target, index) => [
        { method: "PUT", path: `/1/indexes/${target.indexName}/settings`, headers: { "x-algolia-application-id": appId, "x-algolia-api-key": "admin-key", "content-type": "text/plain" }, body: target.settings },
        { method: "GET", path: `/1/indexes/${target.indexName}/task/${index + 1}`, headers: { "x-algolia-application-id": appId, "x-algolia-api-key": "admin-key", "content-type": "text/plain" }, body: null },
      ]),
    );
    // No forwardToReplicas: every index gets its full settings itself.
    expect(requests.map((request) => Object.keys(request.query).sort())).toEqual(requests.map(() => ["x-algolia-agent"]));
    expect(requests[0]!.query["x-algolia-agent"]).toMatch(/^Algolia for JavaScript \(5\.64\.0\); Search \(5\.64\.0\); Node\.js/);
    expect(logged).toEqual(["shop", "shop_price_asc", "shop_price_desc", "shop_ending_soon", "shop_newest"].map((name) => `settings of ${name} applied`));
  });

  it("keeps polling a task until Algolia reports it published", async () => {
    const appId = "SETTINGSAPP2";
    mock.respond(appId, [{ method: "GET", path: "/1/indexes/shop/task/1", status: 200, body: { status: "notPublished" } }]);
    await pushAlgoliaSettings(createAlgoliaClient(appId, "admin-key", algoliaHosts(mock.host)), "shop", () => undefined);
    expect(mock.requests(appId).slice(0, 4).map(({ method, path }) => `${method} ${path}`)).toEqual([
      "PUT /1/indexes/shop/settings",
      "GET /1/indexes/shop/task/1",
      "GET /1/indexes/shop/task/1",
      "PUT /1/indexes/shop_price_asc/settings",
    ]);
  });
});
