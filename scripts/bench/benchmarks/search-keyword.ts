// Benchmark: GET /v1/search?q=… — full-text keyword search over the seeded listings, each request a different search.
import { describeTotals, PROBE_PAGE_SIZE, PROBE_PATHS, SEARCH_PAGE_SIZE, searchBenchmark } from "./search-common";
import { keywordQueries } from "./search-data";


const searchPath = (text: string, limit: number) => `/v1/search?${new URLSearchParams({ q: text, limit: String(limit) }).toString()}`;

export const searchKeywordBenchmark = searchBenchmark({
  name: "search-keyword",
  description: `\`GET /v1/search?q=…&limit=${SEARCH_PAGE_SIZE}\` (relevance order, as the web app asks): keyword searches made from the seed vocabulary — brands, models, product kinds such as "leather jacket", and the issue's "iphone", "vintage", "wireless headphones" — each different, over 100,000 seeded listings (10,000 on embedded PGlite).`,
  async build(ctx) {
    const queries = await keywordQueries(ctx.database);
    return {
      describe: `${queries.length.toLocaleString("en-US")} different keyword searches, each matching at least one listing, sent in a fixed shuffled order`,
      distinct: queries.length,
      path: (index) => searchPath(queries[index % queries.length]!, SEARCH_PAGE_SIZE),
      probePaths: queries.slice(-PROBE_PATHS).map((text) => searchPath(text, PROBE_PAGE_SIZE)),
    };
  },
  readAnswers: (stats) => {
    const totals = describeTotals(stats.answers);
    return totals ? [`Matches per search: ${totals}.`] : [];
  },
  writesAnalytics: true,
});
