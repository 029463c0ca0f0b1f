// Search analytics: a row per search (written after the response), click-through, and the admin report of top and zero-result queries.
import { sql } from "drizzle-orm";
import { searchQueries } from "../../db/schema";
import { authenticate } from "../auth/service";
import type { ServiceContext } from "../platform/context";
import { AppError } from "../platform/errors";
import { newId } from "../platform/ids";
import type { SearchResult } from "./engine";
import { countSearchTerm } from "./popularity";
import { describeSearch, type SearchParams } from "./query";

export interface SearchRecord {
  id: string;
  params: SearchParams;
  result: SearchResult;
  latencyMs: number;
  engine: string;
  /** The caller's access token, if sent: checked here, after the response, so a bad one never fails or slows a search. */
  bearerToken: string | null;
}

export async function recordSearch(ctx: ServiceContext, record: SearchRecord): Promise<void> {
  const userId = record.bearerToken
    ? await authenticate(ctx, record.bearerToken).then(
        (auth) => auth.userId,
        () => null,
      )
    : null;
  // Only first pages that found something feed suggestions: paging does not inflate a term, a typo that found nothing never
  // becomes one, and a corrected typo counts as its correction. Counted before the row is written, so a row's effect is complete.
  if (record.params.text !== "" && record.params.cursor === null && record.result.total > 0) {
    await countSearchTerm(ctx, record.result.didYouMean ?? record.params.text);
  }
  await ctx.db.orm.insert(searchQueries).values({
    id: record.id,
    normalizedQuery: record.params.text,
    filters: describeSearch(record.params),
    resultCount: record.result.total,
    latencyMs: Math.round(record.latencyMs),
    engine: record.engine,
    userId,
    at: ctx.now(),
  });
}

export interface SearchClick {
  queryId: string;
  listingId: string;
  /** Zero-based place of the listing in that search's results. */
  position: number;
}

export async function recordClick(ctx: ServiceContext, click: SearchClick): Promise<void> {
  const { rows } = await ctx.db.orm.execute(sql`
    INSERT INTO search_clicks (id, query_id, listing_id, position, at)
    SELECT ${newId("searchClick")}, id, ${click.listingId}, ${click.position}, ${ctx.now()}
    FROM search_queries WHERE id = ${click.queryId}
    RETURNING id`);
  if (rows.length === 0) throw new AppError("NOT_FOUND", "No such search query.");
}

export interface SearchReport {
  topQueries: { query: string; searches: number; avgResults: number; clickThroughRate: number }[];
  zeroResultQueries: { query: string; searches: number }[];
}

/** The most searched texts of the last `days` days (each results page counts as a search), and those that found nothing. */
export async function searchReport(ctx: ServiceContext, options: { days: number; limit: number }): Promise<SearchReport> {
  const since = new Date(ctx.now().getTime() - options.days * 24 * 60 * 60 * 1000);
  const top = await ctx.db.orm.execute<SearchReport["topQueries"][number]>(sql`
    SELECT q.normalized_query AS query, count(*)::int AS searches, round(avg(q.result_count), 2)::float AS "avgResults",
           round(avg(CASE WHEN EXISTS (SELECT 1 FROM search_clicks c WHERE c.query_id = q.id) THEN 1 ELSE 0 END), 4)::float AS "clickThroughRate"
    FROM search_queries q
    WHERE q.at >= ${since} AND q.normalized_query <> ''
    GROUP BY q.normalized_query
    ORDER BY searches DESC, query
    LIMIT ${options.limit}`);
  const zero = await ctx.db.orm.execute<SearchReport["zeroResultQueries"][number]>(sql`
    SELECT normalized_query AS query, count(*)::int AS searches
    FROM search_queries
    WHERE at >= ${since} AND result_count = 0 AND normalized_query <> ''
    GROUP BY normalized_query
    ORDER BY searches DESC, query
    LIMIT ${options.limit}`);
  return { topQueries: top.rows, zeroResultQueries: zero.rows };
}
