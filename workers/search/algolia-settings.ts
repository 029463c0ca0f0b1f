// The Algolia index settings (searchable text, facets, typo tolerance, ranking) and the sort replicas, and pushing them on deploy.
import type { IndexSettings } from "algoliasearch";
import { ALGOLIA_SETTINGS_TASK_MAX_POLLS, SEARCH_MAX_OFFSET } from "../platform/limits";
import { ALGOLIA_SORT_REPLICAS, indexForOrder, type AlgoliaClient } from "./algolia-client";

/** Algolia's default ranking criteria after the one a sort puts first. */
const DEFAULT_RANKING = ["typo", "geo", "words", "filters", "proximity", "attribute", "exact", "custom"];

/** Each replica's leading criterion: the sort's attribute, so every match comes back strictly in that order. */
const SORT_CRITERIA: Record<(typeof ALGOLIA_SORT_REPLICAS)[number], string> = {
  price_asc: "asc(priceMinor)",
  price_desc: "desc(priceMinor)",
  ending_soon: "asc(endsAtMs)", // fixed-price listings have none and so come last, as in the Postgres engine
  newest: "desc(createdAtMs)",
};

/** What the primary and every replica share. */
function sharedSettings(): IndexSettings {
  return {
    // Title before description (a title match ranks higher); unordered: where in the title a word stands does not matter.
    searchableAttributes: ["unordered(title)", "unordered(description)"],
    attributesForFaceting: ["categoryId", "condition", "format", "crowdshipEligible", "filterOnly(categoryPaths)", "filterOnly(currency)", "filterOnly(shipsTo)"],
    numericAttributesForFiltering: ["priceMinor"],
    // Among equally relevant matches the newest first, as the Postgres engine breaks ties.
    customRanking: ["desc(createdAtMs)"],
    typoTolerance: true,
    minWordSizefor1Typo: 4,
    minWordSizefor2Typos: 8,
    // "iphone 13" must not find an iPhone 12, nor "128gb" a 256 GB model.
    allowTyposOnNumericTokens: false,
    // English, as the Postgres engine's stemming: "shoes" finds "shoe"; "the", "and" … do not have to match.
    ignorePlurals: ["en"],
    removeStopWords: ["en"],
    queryLanguages: ["en"],
    indexLanguages: ["en"],
    // "exact phrase" and -excluded words, as websearch_to_tsquery reads them in the Postgres engine.
    advancedSyntax: true,
    paginationLimitedTo: SEARCH_MAX_OFFSET,
  };
}

export interface AlgoliaIndexSettings {
  indexName: string;
  settings: IndexSettings;
}

/**
 * The primary (relevance) and one standard replica per sort, each with its full settings (nothing relies on forwarding).
 * Standard, not virtual, replicas: a virtual one re-sorts only the most relevant matches, while the Postgres engine
 * (and a shopper choosing "lowest price") sorts every match. The price is a copy of every record per replica.
 */
export function algoliaIndexSettings(indexName: string): { primary: AlgoliaIndexSettings; replicas: AlgoliaIndexSettings[] } {
  const replicas = ALGOLIA_SORT_REPLICAS.map((sort) => ({
    indexName: indexForOrder(indexName, sort),
    settings: { ...sharedSettings(), ranking: [SORT_CRITERIA[sort], ...DEFAULT_RANKING] },
  }));
  return { primary: { indexName, settings: { ...sharedSettings(), replicas: replicas.map((replica) => replica.indexName) } }, replicas };
}

/**
 * Pushes the settings and waits until Algolia has applied them: the primary first (creating missing replicas with
 * copies of its records), then each replica's own. Idempotent: a deploy that changes nothing rewrites the same settings.
 */
export async function pushAlgoliaSettings(client: AlgoliaClient, indexName: string, log: (message: string) => void): Promise<void> {
  const { primary, replicas } = algoliaIndexSettings(indexName);
  for (const target of [primary, ...replicas]) {
    const { taskID } = await client.setSettings({ indexName: target.indexName, indexSettings: target.settings });
    await client.waitForTask({ indexName: target.indexName, taskID, maxRetries: ALGOLIA_SETTINGS_TASK_MAX_POLLS });
    log(`settings of ${target.indexName} applied`);
  }
}
