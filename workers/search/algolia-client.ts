// Whether this deployment uses Algolia, its index names, and the official client (v5) aimed at Algolia or, in dev and tests, at ALGOLIA_HOSTS.
import { algoliasearch, type Algoliasearch } from "algoliasearch";
import type { SearchOrder } from "./query";

/** The variables read here; AppEnv has them, and so does the deploy script's process.env. */
export interface AlgoliaVariables {
  ALGOLIA_APP_ID?: string | undefined;
  ALGOLIA_ADMIN_KEY?: string | undefined;
  ALGOLIA_SEARCH_KEY?: string | undefined;
  ALGOLIA_INDEX_NAME?: string | undefined;
  ALGOLIA_HOSTS?: string | undefined;
}

export const DEFAULT_ALGOLIA_INDEX_NAME = "listings";

export interface AlgoliaHost {
  url: string;
  port?: number;
  protocol: "http" | "https";
  accept: "readWrite";
}

export interface AlgoliaConfig {
  appId: string;
  adminKey: string;
  searchKey: string;
  indexName: string;
  /** Undefined: Algolia's own hosts for the app, with the client's retry across them. */
  hosts: AlgoliaHost[] | undefined;
}

export type AlgoliaClient = Algoliasearch;

/** Algolia is on only with all three keys: the Worker both searches (search key) and writes the index (admin key). */
export function algoliaConfig(vars: AlgoliaVariables): AlgoliaConfig | null {
  const { ALGOLIA_APP_ID: appId, ALGOLIA_ADMIN_KEY: adminKey, ALGOLIA_SEARCH_KEY: searchKey } = vars;
  if (!appId || !adminKey || !searchKey) return null;
  return { appId, adminKey, searchKey, indexName: algoliaIndexName(vars), hosts: algoliaHosts(vars.ALGOLIA_HOSTS) };
}

export function algoliaIndexName(vars: AlgoliaVariables): string {
  return vars.ALGOLIA_INDEX_NAME || DEFAULT_ALGOLIA_INDEX_NAME;
}

/** Sorts other than relevance each read a replica of the primary index, ranked by the sort's attribute first. */
export const ALGOLIA_SORT_REPLICAS = ["price_asc", "price_desc", "ending_soon", "newest"] as const satisfies readonly Exclude<SearchOrder, "relevance">[];

/** The index a search in this order reads: the primary for relevance, else the sort's replica "<index>_<sort>". */
export function indexForOrder(indexName: string, order: SearchOrder): string {
  return order === "relevance" ? indexName : `${indexName}_${order}`;
}

/** "127.0.0.1:4010" (plain http: a local server) or full URLs, comma-separated; unset or empty means Algolia's hosts. */
export function algoliaHosts(spec: string | undefined): AlgoliaHost[] | undefined {
  const entries = (spec ?? "").split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
  if (entries.length === 0) return undefined;
  return entries.map((entry) => {
    const url = new URL(entry.includes("://") ? entry : `http://${entry}`);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`ALGOLIA_HOSTS: ${entry} is neither http nor https`);
    return { url: url.hostname, ...(url.port ? { port: Number(url.port) } : {}), protocol: url.protocol === "http:" ? "http" : "https", accept: "readWrite" };
  });
}

/**
 * A client that authenticates with `apiKey`. In the Worker the package's "worker" build is resolved, whose requester
 * is fetch and whose caches are off (each request is answered by Algolia, not by an isolate's memory).
 */
export function createAlgoliaClient(appId: string, apiKey: string, hosts: AlgoliaHost[] | undefined): AlgoliaClient {
  return algoliasearch(appId, apiKey, hosts ? { hosts } : {});
}
