// Benchmark: GET /v1/search?categoryId=… with no words — a category page, newest or by price, and the pages after it.
import { describeTotals, PROBE_PAGE_SIZE, PROBE_PATHS, SEARCH_PAGE_SIZE, type SearchAnswer, searchBenchmark } from "./search-common";
import { browseCategories, shuffled } from "./search-data";

/** The sorts a category page offers besides relevance (which, without words, is newest). */
const BROWSE_SORTS = ["newest", "price_asc", "price_desc"] as const;
/**
 * A visit reads up to this many pages, following each page's nextCursor, before the client moves to another category.
 * Deep enough that the visits make ~2,000 different requests: fewer would come round again within the Redis cache's 30 s.
 */
const PAGES_PER_VISIT = 10;

type BrowseSort = (typeof BROWSE_SORTS)[number];

interface Visit {
  categoryId: string;
  sort: BrowseSort;
}

const browsePath = (visit: Visit, limit: number, cursor?: string) =>
  `/v1/search?${new URLSearchParams({ categoryId: visit.categoryId, sort: visit.sort, limit: String(limit), ...(cursor ? { cursor } : {}) }).toString()}`;

export const searchCategoryBrowseBenchmark = searchBenchmark({
  name: "search-category-browse",
  description: `\`GET /v1/search?categoryId=…&sort=…&limit=${SEARCH_PAGE_SIZE}\`, no words: every top-level category (its whole subtree) and every leaf, sorted newest first, price low to high or high to low, as the web app asks (no currency). Each visit reads up to ${PAGES_PER_VISIT} pages, following nextCursor, then moves to the next category and sort.`,
  async build() {
    const categories = browseCategories();
    const visits = shuffled(categories.flatMap((category) => BROWSE_SORTS.map((sort) => ({ categoryId: category.id, sort }))));
    const topLevel = categories.filter((category) => category.topLevel).length;
    /** The page each request asked for, to follow its cursor; pages waiting for a client to ask for them. */
    const asked = new Map<number, { visit: Visit; page: number }>();
    const nextPages: { visit: Visit; page: number; cursor: string }[] = [];
    let nextVisit = 0;
    return {
      describe: `${categories.length} categories (${topLevel} top-level, ${categories.length - topLevel} leaves) × ${BROWSE_SORTS.length} sorts, up to ${PAGES_PER_VISIT} pages each`,
      distinct: visits.length * PAGES_PER_VISIT,
      path(index) {
        const following = nextPages.shift();
        if (following) {
          asked.set(index, following);
          return browsePath(following.visit, SEARCH_PAGE_SIZE, following.cursor);
        }
        const visit = visits[nextVisit++ % visits.length]!;
        asked.set(index, { visit, page: 1 });
        return browsePath(visit, SEARCH_PAGE_SIZE);
      },
      answered(index: number, answer: SearchAnswer) {
        const request = asked.get(index);
        asked.delete(index);
        if (request && answer.nextCursor && request.page < PAGES_PER_VISIT) nextPages.push({ visit: request.visit, page: request.page + 1, cursor: answer.nextCursor });
      },
      probePaths: visits.slice(-PROBE_PATHS).map((visit) => browsePath(visit, PROBE_PAGE_SIZE)),
    };
  },
  readAnswers: (stats) => {
    const totals = describeTotals(stats.answers);
    return totals ? [`Listings per category: ${totals}.`] : [];
  },
  writesAnalytics: true,
});
