// Search orchestration: the Redis result cache in front of the engine, and analytics written after the response.
import type { ServiceContext } from "../platform/context";
import { newId } from "../platform/ids";
import { algoliaConfig } from "./algolia-client";
import { createAlgoliaEngine } from "./algolia-engine";
import { recordSearch } from "./analytics";
import { lookupCachedResult, storeResult } from "./cache";
import type { SearchEngine, SearchResult } from "./engine";
import { createPostgresEngine } from "./postgres-engine";
import type { SearchParams } from "./query";

/** The engine this deployment searches with: Algolia when its keys are set, otherwise Postgres. */
export function searchEngine(ctx: ServiceContext): SearchEngine {
  const algolia = algoliaConfig(ctx.env);
  return algolia ? createAlgoliaEngine(ctx, algolia) : createPostgresEngine(ctx);
}

export interface SearchOutcome {
  result: SearchResult;
  /** Fresh for every request, cache hits too: clicks are attributed to it. */
  queryId: string;
  cache: "hit" | "miss" | "bypass";
}

export async function search(ctx: ServiceContext, params: SearchParams, bearerToken: string | null): Promise<SearchOutcome> {
  const startedMs = Date.now();
  const engine = searchEngine(ctx);
  const lookup = await lookupCachedResult(ctx, engine.name, params);
  let result: SearchResult;
  if (lookup.status === "hit") {
    result = lookup.result;
  } else {
    result = await engine.search(params);
    if (lookup.status === "miss") storeResult(ctx, lookup.slot, result);
  }
  const queryId = newId("searchQuery");
  ctx.defer(recordSearch(ctx, { id: queryId, params, result, latencyMs: Date.now() - startedMs, engine: engine.name, bearerToken }));
  return { result, queryId, cache: lookup.status };
}
