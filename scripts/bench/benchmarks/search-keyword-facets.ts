// Benchmark: GET /v1/search with words and every filter — condition, format, a price range in a currency, crowdship.
import { describeTotals, PROBE_PAGE_SIZE, PROBE_PATHS, SEARCH_PAGE_SIZE, searchBenchmark } from "./search-common";
import { facetedSearches, keywordQueries } from "./search-data";

export const searchKeywordFacetsBenchmark = searchBenchmark({
  name: "search-keyword-facets",
  description: `\`GET /v1/search?q=…&condition=…&format=…&currency=…&minPrice=…&maxPrice=…&crowdship=…&limit=${SEARCH_PAGE_SIZE}\`: each keyword search with every filter set, as a shopper narrowing toward one of its matches would: that listing's condition (sometimes with a second), its format (fixed price or auction), a price range around its price in its currency, and its crowdship flag. So each matches at least one listing.`,
  async build(ctx) {
    const searches = await facetedSearches(ctx.database, await keywordQueries(ctx.database));
    const path = (params: URLSearchParams, limit: number) => `/v1/search?${params.toString()}&limit=${limit}`;
    return {
      describe: `${searches.length.toLocaleString("en-US")} different filtered searches, one per keyword search`,
      distinct: searches.length,
      path: (index) => path(searches[index % searches.length]!, SEARCH_PAGE_SIZE),
      probePaths: searches.slice(-PROBE_PATHS).map((params) => path(params, PROBE_PAGE_SIZE)),
    };
  },
  readAnswers: (stats) => {
    const totals = describeTotals(stats.answers);
    return totals ? [`Matches per search: ${totals}.`] : [];
  },
  writesAnalytics: true,
});
