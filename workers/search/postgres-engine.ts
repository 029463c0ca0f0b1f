// The default search engine: Postgres full text over the catalog's listings (read-only, as this engine's index), typo correction through trigrams.
import { sql } from "drizzle-orm";
import type { ServiceContext } from "../platform/context";
import type { Queryable } from "../platform/db";
import { AppError } from "../platform/errors";
import { SEARCH_CORRECTION_CANDIDATE_TITLES, SUGGEST_MIN_WORD_LENGTH, SUGGEST_TITLE_SAMPLE } from "../platform/limits";
import type { SearchEngine, SearchResult } from "./engine";
import { fullTextMatch, queryResults, trigramMatch, type ResultsQuery } from "./postgres-results";
import { applyCorrections, decodeSearchPosition, escapeRegex, queryWords, searchOrder } from "./query";

/**
 * Settings for the search's own read-only transaction. random_page_cost 1.1 instead of 4 (which models spinning disks):
 * with 4 the planner scans every listing for a word in 13% of them (70 ms at 100k rows) instead of the GIN bitmap (25 ms).
 * A word-similarity threshold of 0.5 instead of 0.6 lets one wrong letter in a 5–6 letter word still reach it by trigrams.
 * No JIT: compiling takes tens of milliseconds, longer than these statements run, and a browse over a million listings
 * would cross jit_above_cost.
 */
const TRANSACTION_SETTINGS = sql`set_config('random_page_cost', '1.1', true), set_config('pg_trgm.word_similarity_threshold', '0.5', true), set_config('jit', 'off', true)`;
/** A correction must be at least this similar to the typed word (pg_trgm's own default for `%`). */
const CORRECTION_MIN_SIMILARITY = 0.3;

/**
 * Each query word no listing contains, with the most similar word in titles the trigram index finds for it (null when
 * none is similar enough). One statement, one branch per word, so each branch is planned with its own word.
 */
async function unknownWords(q: Queryable, text: string): Promise<Map<string, string | null>> {
  const lookups = queryWords(text).map(
    (word) => sql`
      SELECT ${word}::text AS word, (
        SELECT candidate FROM (
          SELECT title FROM listings WHERE status = 'active' AND ${word}::text <% title LIMIT ${SEARCH_CORRECTION_CANDIDATE_TITLES}
        ) t, regexp_split_to_table(lower(t.title), '[^[:alnum:]]+') AS candidate
        WHERE similarity(candidate, ${word}::text) >= ${CORRECTION_MIN_SIMILARITY}
        ORDER BY similarity(candidate, ${word}::text) DESC, candidate
        LIMIT 1
      ) AS correction
      WHERE NOT EXISTS (SELECT 1 FROM listings WHERE status = 'active' AND search_vector @@ plainto_tsquery('english', ${word}::text))`,
  );
  const { rows } = await q.execute<{ word: string; correction: string | null }>(sql.join(lookups, sql` UNION ALL `));
  return new Map(rows.map((row) => [row.word, row.correction]));
}

/**
 * Nothing matched the text as typed. If a word is unknown, search with each unknown word corrected (didYouMean), and
 * failing that by the title's trigrams. From here only bitmap scans of the GIN indexes are allowed: given a sequential
 * or plain index scan, the planner picks one that stops at the first match (EXISTS, LIMIT), which for a word that
 * matches nothing reads every listing (measured 76 ms instead of 2 ms at 100k rows).
 */
async function searchMisspelt(tx: Queryable, query: ResultsQuery, nothing: SearchResult): Promise<SearchResult> {
  await tx.execute(sql`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`);
  const unknown = await unknownWords(tx, query.params.text);
  if (unknown.size === 0) return nothing; // every word exists, just not together (or not within the filters)
  const corrections = new Map([...unknown].flatMap(([word, correction]) => (correction ? [[word, correction] as const] : [])));
  const correction = applyCorrections(query.params.text, corrections);
  if (correction !== null) {
    const corrected = await queryResults(tx, query, fullTextMatch(correction));
    if (corrected.total > 0) return { ...corrected, didYouMean: correction };
  }
  return queryResults(tx, query, trigramMatch(query.params.text));
}

export function createPostgresEngine(ctx: ServiceContext): SearchEngine {
  return {
    name: "postgres",

    async search(params) {
      const order = searchOrder(params);
      const position = params.cursor === null ? null : decodeSearchPosition(params.cursor, order);
      return ctx.db.orm.transaction(
        async (tx) => {
          const { rows } = await tx.execute<{ categoryPath: string | null }>(
            sql`SELECT ${TRANSACTION_SETTINGS}, (SELECT path FROM categories WHERE id = ${params.filters.categoryId ?? null}::text) AS "categoryPath"`,
          );
          const categoryPath = rows[0]?.categoryPath ?? null;
          if (params.filters.categoryId !== undefined && categoryPath === null) {
            throw new AppError("VALIDATION_FAILED", "No such category.", { errors: [{ path: "categoryId", message: "unknown category" }] });
          }
          const query: ResultsQuery = { params, order, position, categoryPath };
          if (params.text === "") return queryResults(tx, query, null);
          const found = await queryResults(tx, query, fullTextMatch(params.text));
          return found.total > 0 || queryWords(params.text).length === 0 ? found : searchMisspelt(tx, query, found);
        },
        { accessMode: "read only" },
      );
    },

    async suggest(prefix, limit) {
      if (!queryWords(prefix).some((word) => Array.from(word).length >= SUGGEST_MIN_WORD_LENGTH)) return [];
      // The typed words as a phrase starting at a word boundary; the capture completes the last word from the title.
      const phrase = prefix.split(" ").map(escapeRegex).join("\\s+");
      const { rows } = await ctx.db.orm.execute<{ completion: string }>(sql`
        SELECT completion FROM (
          SELECT (regexp_match(lower(title), ${`\\m(${phrase}[[:alnum:]]*)`}::text))[1] AS completion
          FROM listings
          WHERE status = 'active' AND title ~* ${`\\m${phrase}`}::text
          LIMIT ${SUGGEST_TITLE_SAMPLE}
        ) t
        WHERE completion IS NOT NULL
        GROUP BY completion
        ORDER BY count(*) DESC, completion
        LIMIT ${limit}`);
      return rows.map((row) => row.completion.replace(/\s+/g, " "));
    },
  };
}
