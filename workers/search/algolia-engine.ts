// The Algolia search engine: the same SearchEngine contract as Postgres, answered by one Algolia multi-query per search.
import { findCategory } from "../catalog/categories-service";
import type { ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { createAlgoliaClient, type AlgoliaConfig } from "./algolia-client";
import { algoliaSearchRequests, algoliaSearchResult, decodeAlgoliaCursor, searchFingerprint, suggestionTitles } from "./algolia-mapping";
import type { SearchEngine } from "./engine";
import { searchOrder } from "./query";

export function createAlgoliaEngine(ctx: ServiceContext, config: AlgoliaConfig): SearchEngine {
  const client = createAlgoliaClient(config.appId, config.searchKey, config.hosts);

  /** The category's path for the descendants filter; the tree is cached per isolate, so this rarely reaches Postgres. */
  async function categoryPathOf(categoryId: string | undefined): Promise<string | null> {
    if (categoryId === undefined) return null;
    const category = await findCategory(ctx.db.orm, categoryId);
    if (!category) throw new AppError("VALIDATION_FAILED", "No such category.", { errors: [{ path: "categoryId", message: "unknown category" }] });
    return category.path;
  }

  return {
    name: "algolia",

    async search(params) {
      const fingerprint = await searchFingerprint(params);
      const page = params.cursor === null ? 0 : decodeAlgoliaCursor(params.cursor, fingerprint, params.limit);
      const categoryPath = await categoryPathOf(params.filters.categoryId);
      const requests = algoliaSearchRequests({ indexName: config.indexName, params, order: searchOrder(params), page, categoryPath });
      const { results } = await client.search({ requests });
      return algoliaSearchResult(params, page, fingerprint, results);
    },

    async suggest(prefix, limit) {
      const { hits } = await client.searchSingleIndex({
        indexName: config.indexName,
        searchParams: { query: prefix, hitsPerPage: limit, attributesToRetrieve: ["title"], attributesToHighlight: [], analytics: false },
      });
      return suggestionTitles(hits);
    },
  };
}
