// The Postgres engine's one results statement: a page of listings plus the grouped counts its facets and total fold from.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../platform/db";
import { SEARCH_MAX_OFFSET } from "../platform/limits";
import type { Currency } from "../platform/money";
import type { ListingSummary, SearchResult } from "./engine";
import { foldFacets, type FacetCell } from "./facets";
import { encodeSearchPosition, escapeLikePattern, queryWords, type SearchFilters, type SearchOrder, type SearchParams, type SearchPosition } from "./query";

/** How the text narrows and ranks: full text (stemmed, title weighted over description) or trigram similarity of the title. */
export interface TextMatch {
  where: SQL;
  rank: SQL;
  exactTitle: SQL;
}

const all = (conditions: SQL[]) => (conditions.length === 0 ? sql`true` : sql.join(conditions, sql` AND `));

// Comparing lengths first spares lower() (slow under a UTF-8 collation) on nearly every row.
const exactTitle = (text: string) => sql`(char_length(l.title) = char_length(${text}::text) AND lower(l.title) = ${text}::text)`;

export function fullTextMatch(text: string): TextMatch {
  const query = sql`websearch_to_tsquery('english', ${text}::text)`;
  return { where: sql`l.search_vector @@ ${query}`, rank: sql`ts_rank_cd(l.search_vector, ${query})`, exactTitle: exactTitle(text) };
}

/** Every word must be like a word of the title (one matching word of two is not a match); ranked by how alike they are. */
export function trigramMatch(text: string): TextMatch {
  const words = queryWords(text);
  return {
    where: all(words.map((word) => sql`${word}::text <% l.title`)),
    rank: sql.join(
      words.map((word) => sql`word_similarity(${word}::text, l.title)`),
      sql` + `,
    ),
    exactTitle: exactTitle(text),
  };
}

/** Filters that narrow the set facets are counted over: everything but the faceted fields. */
function baseConditions(filters: SearchFilters, categoryPath: string | null): SQL[] {
  const conditions = [sql`l.status = 'active'`];
  if (categoryPath !== null) {
    // The redundant prefix LIKE lets the facets index bound its scan (the OR alone makes it read every entry): phones 5.6 → 0.9 ms.
    const prefix = escapeLikePattern(categoryPath);
    conditions.push(sql`l.category_path LIKE ${`${prefix}%`} AND (l.category_path = ${categoryPath} OR l.category_path LIKE ${`${prefix}/%`})`);
  }
  if (filters.currency !== undefined) conditions.push(sql`l.currency = ${filters.currency}`);
  if (filters.minPriceMinor !== undefined) conditions.push(sql`l.price_minor >= ${filters.minPriceMinor}`);
  if (filters.maxPriceMinor !== undefined) conditions.push(sql`l.price_minor <= ${filters.maxPriceMinor}`);
  if (filters.shipsTo !== undefined) conditions.push(sql`l.ships_to && ARRAY[${filters.shipsTo}::text, 'WW']`);
  return conditions;
}

/** The faceted fields' own filters: applied to the page, not to the facet counts (see foldFacets). */
function facetConditions(filters: SearchFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.conditions) conditions.push(sql`b.condition IN ${filters.conditions}`);
  if (filters.formats) conditions.push(sql`b.format IN ${filters.formats}`);
  if (filters.crowdship !== undefined) conditions.push(sql`b.crowdship_eligible = ${filters.crowdship}`);
  return conditions;
}

function orderBy(order: SearchOrder, alias: "b" | "p"): SQL {
  const a = sql.raw(alias);
  switch (order) {
    case "relevance":
      return sql`${a}.exact_title DESC, ${a}.rank DESC, ${a}.created_at DESC, ${a}.id DESC`;
    case "newest":
      return sql`${a}.created_at DESC, ${a}.id DESC`;
    case "price_asc":
      return sql`${a}.price_minor ASC, ${a}.id ASC`;
    case "price_desc":
      return sql`${a}.price_minor DESC, ${a}.id DESC`;
    case "ending_soon":
      return sql`${a}.ends_at ASC NULLS LAST, ${a}.id ASC`;
  }
}

/** Rows after `position` in its order, as one row comparison the sort's index can start from. */
function after(position: SearchPosition): SQL | null {
  switch (position.order) {
    case "relevance":
      return null; // an offset
    case "newest":
      return sql`(b.created_at, b.id) < (${position.createdAt}::timestamptz, ${position.id}::text)`;
    case "price_asc":
      return sql`(b.price_minor, b.id) > (${position.priceMinor}::bigint, ${position.id}::text)`;
    case "price_desc":
      return sql`(b.price_minor, b.id) < (${position.priceMinor}::bigint, ${position.id}::text)`;
    case "ending_soon":
      return position.endsAt === null
        ? sql`(b.ends_at IS NULL AND b.id > ${position.id}::text)`
        : sql`((b.ends_at, b.id) > (${position.endsAt}::timestamptz, ${position.id}::text) OR b.ends_at IS NULL)`;
  }
}

const isoMilliseconds = (column: SQL) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const isoMicroseconds = (column: SQL) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

interface ItemRow {
  id: string;
  title: string;
  categoryId: string;
  condition: ListingSummary["condition"];
  format: ListingSummary["format"];
  priceMinor: number;
  currency: Currency;
  primaryImageId: string | null;
  endsAt: string | null;
  bidCount: number;
  crowdshipEligible: boolean;
  shipsFrom: string | null;
  createdAt: string;
  createdKey: string;
  endsKey: string | null;
}

export interface ResultsQuery {
  params: SearchParams;
  order: SearchOrder;
  position: SearchPosition | null;
  categoryPath: string | null;
}

/**
 * One statement: the page and the grouped counts the facets and total fold from. When the page must sort every match
 * anyway (ranked text), the matches are read once (MATERIALIZED) for both; otherwise each reads the table itself, so
 * the page can walk its sort's index and stop after one page.
 */
export async function queryResults(q: Queryable, query: ResultsQuery, match: TextMatch | null): Promise<SearchResult> {
  const { params, order, position } = query;
  const keyset = position ? after(position) : null;
  const offset = position?.order === "relevance" ? position.offset : 0;
  const where = [...baseConditions(params.filters, query.categoryPath), ...(match ? [match.where] : [])];
  // A price order across currencies has no index (listings_active_price_idx leads with currency), so it sorts every match too.
  const readOnce = match !== null || ((order === "price_asc" || order === "price_desc") && params.filters.currency === undefined);
  const { rows } = await q.execute<{ items: ItemRow[]; cells: FacetCell[] }>(sql`
    WITH base AS ${readOnce ? sql`MATERIALIZED` : sql`NOT MATERIALIZED`} (
      SELECT l.id, l.category_id, l.condition, l.format, l.crowdship_eligible, l.price_minor, l.created_at, l.ends_at,
             ${match ? match.rank : sql`0`} AS rank, ${match ? match.exactTitle : sql`false`} AS exact_title
      FROM listings l
      WHERE ${all(where)}
    ),
    page AS (
      SELECT * FROM base b
      WHERE ${all([...facetConditions(params.filters), ...(keyset ? [keyset] : [])])}
      ORDER BY ${orderBy(order, "b")}
      LIMIT ${params.limit + 1} OFFSET ${offset}
    )
    SELECT
      (SELECT coalesce(json_agg(json_build_object(
          'id', l.id, 'title', l.title, 'categoryId', l.category_id, 'condition', l.condition, 'format', l.format,
          'priceMinor', l.price_minor, 'currency', l.currency, 'primaryImageId', l.primary_image_id,
          'endsAt', ${isoMilliseconds(sql`l.ends_at`)}, 'bidCount', l.bid_count, 'crowdshipEligible', l.crowdship_eligible,
          'shipsFrom', l.shipping -> 'shipsFrom' ->> 'country', 'createdAt', ${isoMilliseconds(sql`l.created_at`)},
          'createdKey', ${isoMicroseconds(sql`l.created_at`)}, 'endsKey', ${isoMicroseconds(sql`l.ends_at`)}
        ) ORDER BY ${orderBy(order, "p")}), '[]'::json)
       FROM page p JOIN listings l ON l.id = p.id) AS items,
      (SELECT coalesce(json_agg(c), '[]'::json) FROM (
         SELECT category_id AS "categoryId", condition, format, crowdship_eligible AS "crowdshipEligible", count(*)::int AS count
         FROM base GROUP BY 1, 2, 3, 4
       ) c) AS cells`);
  const { items, cells } = rows[0]!;
  const { facets, total } = foldFacets(cells, params.filters);
  const last = items.length > params.limit ? items[params.limit - 1] : undefined;
  return { items: items.slice(0, params.limit).map(toSummary), facets, total, nextCursor: last ? nextCursor(order, offset + params.limit, last) : null };
}

function nextCursor(order: SearchOrder, nextOffset: number, last: ItemRow): string | null {
  switch (order) {
    case "relevance":
      return nextOffset > SEARCH_MAX_OFFSET ? null : encodeSearchPosition({ order, offset: nextOffset });
    case "newest":
      return encodeSearchPosition({ order, createdAt: last.createdKey, id: last.id });
    case "price_asc":
    case "price_desc":
      return encodeSearchPosition({ order, priceMinor: last.priceMinor, id: last.id });
    case "ending_soon":
      return encodeSearchPosition({ order, endsAt: last.endsKey, id: last.id });
  }
}

function toSummary(row: ItemRow): ListingSummary {
  return {
    id: row.id,
    title: row.title,
    categoryId: row.categoryId,
    condition: row.condition,
    format: row.format,
    price: { amount: row.priceMinor, currency: row.currency },
    imageUrl: row.primaryImageId ? `/v1/images/${row.primaryImageId}` : null,
    endsAt: row.endsAt,
    bidCount: row.bidCount,
    crowdshipEligible: row.crowdshipEligible,
    shipsFrom: row.shipsFrom,
    createdAt: row.createdAt,
  };
}
