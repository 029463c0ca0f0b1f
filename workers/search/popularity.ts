// How often each query found something: counted after each search (search_terms always, Redis when present), read to rank suggestions.
import { asc, desc, like, sql } from "drizzle-orm";
import { searchTerms } from "../../db/schema";
import type { ServiceContext } from "../platform/context";
import { SEARCH_POPULAR_TERMS_MAX, SUGGEST_POPULAR_CANDIDATES } from "../platform/limits";
import { errorFields } from "../platform/logger";
import { redisKeyPrefix } from "../platform/redis";
import { escapeLikePattern } from "./query";

const popularityKey = (ctx: ServiceContext) => `${redisKeyPrefix(ctx.env)}:search:popularity`;

export async function countSearchTerm(ctx: ServiceContext, term: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.orm
    .insert(searchTerms)
    .values({ term, searches: 1, lastSearchedAt: now })
    .onConflictDoUpdate({ target: searchTerms.term, set: { searches: sql`${searchTerms.searches} + 1`, lastSearchedAt: now } });
  if (!ctx.redis) return;
  const key = popularityKey(ctx);
  try {
    await ctx.redis.pipeline().zincrby(key, 1, term).zremrangebyrank(key, 0, -(SEARCH_POPULAR_TERMS_MAX + 1)).exec();
  } catch (error) {
    ctx.log.warn("search popularity count failed in redis", errorFields(error));
  }
}

/** Past queries starting with `prefix`, most searched first: by Redis' live counts when present, else by search_terms. */
export async function popularTerms(ctx: ServiceContext, prefix: string, limit: number): Promise<string[]> {
  const rows = await ctx.db.orm
    .select({ term: searchTerms.term })
    .from(searchTerms)
    .where(like(searchTerms.term, `${escapeLikePattern(prefix)}%`))
    .orderBy(desc(searchTerms.searches), asc(searchTerms.term))
    .limit(SUGGEST_POPULAR_CANDIDATES);
  const terms = rows.map((row) => row.term);
  if (!ctx.redis || terms.length < 2) return terms.slice(0, limit);
  try {
    const scores = await ctx.redis.zmscore(popularityKey(ctx), terms);
    // The table's order breaks ties, and places terms Redis has trimmed away.
    return terms
      .map((term, index) => ({ term, index, score: Number(scores?.[index] ?? 0) }))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, limit)
      .map((entry) => entry.term);
  } catch (error) {
    ctx.log.warn("search popularity read failed in redis; ranking by the table", errorFields(error));
    return terms.slice(0, limit);
  }
}
