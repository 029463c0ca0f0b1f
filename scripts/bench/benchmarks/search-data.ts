// The search benchmarks' data: the seeded listings (once per run, only when a search benchmark runs) and request sets drawn from the seed vocabulary.
import { categoryRows } from "../../../db/seed/categories";
import { openNodeDatabase, type NodeDatabaseTarget } from "../../db/node-database";
import { mulberry32, type Rng } from "../../seed/listing-generator";
import { DEFAULT_SEED, DEFAULT_SELLERS } from "../../seed/seed-options";
import { seedListings } from "../../seed/seed-listings";
import { seedSellers } from "../../seed/seed-sellers";
import { VOCABULARY, type Condition } from "../../seed/vocabulary";
import { CURRENCY_EXPONENTS, type Currency } from "../../../workers/platform/money";
import type { BenchmarkContext, RunMode } from "../benchmark";

/** The figure (~21 s to seed on Postgres). Embedded PGlite takes ~2 min for as many, so it gets a tenth. */
const POSTGRES_LISTINGS = 100_000;
const PGLITE_LISTINGS = 10_000;
/** Every request set is shuffled with this seed, so runs send the same requests in the same order. */
const SHUFFLE_SEED = 7;

const log = (message: string) => console.log(`[bench] ${message}`);

export function searchListingCount(mode: RunMode): number {
  return mode.database === "postgres" ? POSTGRES_LISTINGS : PGLITE_LISTINGS;
}

export interface SeededListings {
  count: number;
}

/** One seeding per database, shared by every search benchmark of the run. */
const seeded = new Map<string, Promise<SeededListings>>();

/**
 * Seeds the listings the first time a search benchmark prepares, so `npm run bench -- health` never pays for them.
 * Generated like `npm run seed -- --listings N` (same sellers, same seed), then VACUUM ANALYZE: a bulk load leaves
 * the GIN indexes' pending lists unmerged and the visibility map unset, which a table that has lived a while has not,
 * and autovacuum would otherwise do that work in the middle of a measurement.
 */
export function ensureSearchListings(ctx: BenchmarkContext): Promise<SeededListings> {
  const key = ctx.database.databaseUrl;
  let seeding = seeded.get(key);
  if (!seeding) {
    seeding = seed(ctx.database, ctx.secrets.PASSWORD_PEPPER, searchListingCount(ctx.mode));
    seeded.set(key, seeding);
  }
  return seeding;
}

async function seed(target: NodeDatabaseTarget, pepper: string, count: number): Promise<SeededListings> {
  log(`search: seeding ${count.toLocaleString("en-US")} listings (once for all search benchmarks) …`);
  const startedMs = performance.now();
  const sellers = await seedSellers(target, pepper, DEFAULT_SELLERS);
  await seedListings(target, { count, seed: DEFAULT_SEED, sellerIds: sellers.ids });
  const database = openNodeDatabase(target);
  try {
    await database.pool.query("VACUUM (ANALYZE) listings");
  } finally {
    await database.end();
  }
  const seconds = (performance.now() - startedMs) / 1000;
  log(`search: ${count.toLocaleString("en-US")} listings seeded and vacuumed in ${seconds.toFixed(1)} s`);
  return { count };
}

/** Fisher–Yates with a seeded generator: a fixed order that does not follow the vocabulary's. */
export function shuffled<T>(items: readonly T[], seed = SHUFFLE_SEED): T[] {
  const rng = mulberry32(seed);
  const copy = [...items];
  for (let last = copy.length - 1; last > 0; last--) {
    const other = Math.floor(rng() * (last + 1));
    [copy[last], copy[other]] = [copy[other]!, copy[last]!];
  }
  return copy;
}

/** As a shopper types it: lower case, no brackets or commas, single spaces. */
function asTyped(text: string): string {
  return text
    .toLowerCase()
    .replace(/[()",]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The examples; each is checked against the data like the rest. */
const HAND_PICKED = ["iphone", "leather jacket", "vintage", "wireless headphones", "samsung galaxy", "macbook pro", "nintendo switch", "lego star wars", "harry potter", "gold ring"];

/** Slots whose values are things shoppers search for by name (not sizes, notes or numbers). */
const NAMED_SLOTS = ["brand", "style", "item", "piece", "material", "fabric", "series", "game", "part", "subject", "maker", "topic"] as const;
/** What a product is, searched together with a brand or a material: "coach tote", "solid oak dining table". */
const KIND_SLOTS = ["style", "item", "piece"] as const;
const ADJECTIVE_SLOTS = ["brand", "material", "fabric", "era"] as const;
/** Colours shoppers add to a product kind: "black leather jacket". */
const QUERY_COLORS = ["black", "white", "red", "brown", "navy blue", "grey"];
/** Product fields that are not things anyone searches for on their own. */
const NOT_SEARCHES = new Set(["other"]);

const isText = (value: string | number): value is string => typeof value === "string" && !value.includes("{") && !/^[\d\s.,-]+$/.test(value);

/**
 * Candidate keyword searches from the seed vocabulary: products by model and by brand and model, brands, product kinds
 * and their combinations. Some match nothing once seeded (a product the generator never drew); `keepMatching` drops those.
 */
export function keywordCandidates(): string[] {
  const texts = new Set<string>(HAND_PICKED);
  const add = (text: string) => {
    const typed = asTyped(text);
    if (typed.length >= 2 && !NOT_SEARCHES.has(typed)) texts.add(typed);
  };
  for (const vocabulary of Object.values(VOCABULARY)) {
    for (const row of vocabulary.products?.rows ?? []) {
      const fields = row.split("|").filter((field) => isText(field));
      const main = [...fields].sort((a, b) => b.length - a.length)[0];
      if (!main) continue;
      add(main);
      const first = fields[0];
      if (first && first !== main) add(`${first} ${main}`);
      const words = main.split(" ");
      if (words.length >= 3) add(words.slice(0, 2).join(" "));
      if (first && first !== main) add(first);
    }
    const slots = vocabulary.slots ?? {};
    const texts = (name: string) => (slots[name] ?? []).filter(isText);
    for (const name of NAMED_SLOTS) for (const value of texts(name)) add(value);
    for (const kindSlot of KIND_SLOTS) {
      for (const kind of texts(kindSlot)) {
        for (const adjectiveSlot of ADJECTIVE_SLOTS) for (const adjective of texts(adjectiveSlot)) add(`${adjective} ${kind}`);
        for (const color of QUERY_COLORS) add(`${color} ${kind}`);
      }
    }
  }
  return [...texts];
}

/**
 * The texts of `candidates` that match at least one active listing, as the search's full-text match does (websearch
 * syntax, English stemming). Only GIN bitmap scans: an EXISTS over a plain or sequential scan reads every listing for a
 * text that matches nothing.
 */
export async function keepMatching(target: NodeDatabaseTarget, texts: readonly string[]): Promise<Set<string>> {
  const database = openNodeDatabase(target);
  try {
    const client = await database.pool.connect();
    try {
      await client.query("BEGIN READ ONLY");
      await client.query("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off");
      const { rows } = await client.query<{ text: string }>(
        `SELECT t AS text FROM unnest($1::text[]) t
         WHERE EXISTS (SELECT 1 FROM listings WHERE status = 'active' AND search_vector @@ websearch_to_tsquery('english', t))`,
        [texts],
      );
      await client.query("COMMIT");
      return new Set(rows.map((row) => row.text));
    } finally {
      client.release();
    }
  } finally {
    await database.end();
  }
}

/** Words worth misspelling: letters only, long enough that one wrong letter leaves most of their trigrams. */
const TYPO_MIN_LETTERS = 5;
/** Neighbouring keys on a QWERTY keyboard, for the commonest slip: the key next to the right one. */
const QWERTY_NEIGHBOURS: Readonly<Record<string, string>> = {
  a: "s", b: "v", c: "x", d: "s", e: "r", f: "g", g: "h", h: "j", i: "o", j: "k", k: "l", l: "k", m: "n",
  n: "m", o: "p", p: "o", q: "w", r: "t", s: "a", t: "r", u: "y", v: "c", w: "e", x: "z", y: "u", z: "x",
};

/** One slip of the fingers in `word`, chosen by `rng`: a letter dropped, doubled, swapped with the next, or hit beside. Never the first letter. */
export function misspell(word: string, rng: Rng): string {
  const at = 1 + Math.floor(rng() * (word.length - 1));
  const letter = word[at]!;
  switch (Math.floor(rng() * 4)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1); // "lether"
    case 1:
      return word.slice(0, at) + letter + word.slice(at); // "jackket"
    case 2:
      return at < word.length - 1 ? word.slice(0, at) + word[at + 1] + letter + word.slice(at + 2) : word.slice(0, at - 1) + letter + word[at - 1]; // "iphnoe"
    default:
      return word.slice(0, at) + (QWERTY_NEIGHBOURS[letter] ?? letter) + word.slice(at + 1); // "iphpne"
  }
}

export interface TypoQuery {
  /** As typed, with the slip. */
  text: string;
  /** The word that was misspelt, as it is in the listings. */
  intended: string;
  misspelt: string;
}

/**
 * One-letter typos of words from real searches (`queries`, already known to match): alone ("lether"), or in place
 * within a two-word search ("samsng galaxy"). `keepUnknown` then drops slips that are themselves words in the data.
 */
export function typoCandidates(queries: readonly string[], perWord = 3): TypoQuery[] {
  const rng = mulberry32(SHUFFLE_SEED);
  const byText = new Map<string, TypoQuery>();
  const twoWord = queries.filter((query) => query.split(" ").length === 2);
  const words = [...new Set(queries.flatMap((query) => query.split(" ")))].filter((word) => /^[a-z]+$/.test(word) && word.length >= TYPO_MIN_LETTERS);
  for (const word of words) {
    for (let attempt = 0; attempt < perWord; attempt++) {
      const misspelt = misspell(word, rng);
      if (misspelt !== word && !byText.has(misspelt)) byText.set(misspelt, { text: misspelt, intended: word, misspelt });
    }
  }
  for (const query of twoWord) {
    const words = query.split(" ");
    const index = words.findIndex((word) => /^[a-z]+$/.test(word) && word.length >= TYPO_MIN_LETTERS);
    if (index < 0) continue;
    const misspelt = misspell(words[index]!, rng);
    const text = words.map((word, position) => (position === index ? misspelt : word)).join(" ");
    if (misspelt !== words[index] && !byText.has(text)) byText.set(text, { text, intended: words[index]!, misspelt });
  }
  return [...byText.values()];
}

/** The misspellings no active listing contains, so the search takes its typo path (one match would make it a plain search). */
export async function keepUnknown(target: NodeDatabaseTarget, words: readonly string[]): Promise<Set<string>> {
  const database = openNodeDatabase(target);
  try {
    const client = await database.pool.connect();
    try {
      await client.query("BEGIN READ ONLY");
      await client.query("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off");
      const { rows } = await client.query<{ word: string }>(
        `SELECT w AS word FROM unnest($1::text[]) w
         WHERE NOT EXISTS (SELECT 1 FROM listings WHERE status = 'active' AND search_vector @@ plainto_tsquery('english', w))`,
        [words],
      );
      await client.query("COMMIT");
      return new Set(rows.map((row) => row.word));
    } finally {
      client.release();
    }
  } finally {
    await database.end();
  }
}

/** What autocomplete is asked while a word is typed: its first 2 to 6 letters. */
export function suggestPrefixes(queries: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const word of new Set(queries.flatMap((query) => query.split(" ")))) {
    if (!/^[a-z]{3,}$/.test(word)) continue;
    for (let length = 2; length <= Math.min(6, word.length); length++) prefixes.add(word.slice(0, length));
  }
  return [...prefixes];
}

/** Every category, top-level ("cat_electronics", its whole subtree) and leaf ("cat_electronics__phones"). */
export function browseCategories(): { id: string; topLevel: boolean }[] {
  return categoryRows().map((row) => ({ id: row.id, topLevel: row.parentId === null }));
}

/** A listing matching a keyword search: the filters a shopper narrowing toward it would set. */
interface FacetTarget {
  text: string;
  condition: Condition;
  format: "fixed" | "auction";
  currency: Currency;
  priceMinor: number;
  crowdship: boolean;
}

/** Matches looked at per search when picking the one to narrow toward (any will do; fewer keep this quick). */
const FACET_TARGET_SAMPLE = 64;
/** The price range spans the target's price from half of it to half as much again. */
const PRICE_RANGE_LOW = 0.5;
const PRICE_RANGE_HIGH = 1.5;
/** Some shoppers give only an upper bound ("under 200"). */
const MAX_ONLY_CHANCE = 0.4;
/** …and some tick a second condition next to the first ("used" and "refurbished"). */
const SECOND_CONDITION_CHANCE = 0.3;
/** Its own seed: the filters drawn for each search are the same from run to run. */
const FILTER_SEED = 11;

/** One matching listing per search, picked by a hash of its id (so the same one every run), through GIN bitmap scans only. */
async function facetTargets(target: NodeDatabaseTarget, texts: readonly string[]): Promise<Map<string, FacetTarget>> {
  const database = openNodeDatabase(target);
  try {
    const client = await database.pool.connect();
    try {
      await client.query("BEGIN READ ONLY");
      await client.query("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off");
      const { rows } = await client.query<FacetTarget & { priceMinor: string | number }>(
        `SELECT t AS text, pick.condition, pick.format, pick.currency, pick.price_minor AS "priceMinor", pick.crowdship_eligible AS crowdship
         FROM unnest($1::text[]) t
         CROSS JOIN LATERAL (
           SELECT m.* FROM (
             SELECT id, condition, format, currency, price_minor, crowdship_eligible FROM listings
             WHERE status = 'active' AND search_vector @@ websearch_to_tsquery('english', t) LIMIT ${FACET_TARGET_SAMPLE}
           ) m
           ORDER BY md5(m.id || t) LIMIT 1
         ) pick`,
        [texts],
      );
      await client.query("COMMIT");
      return new Map(rows.map((row) => [row.text, { ...row, priceMinor: Number(row.priceMinor) }]));
    } finally {
      client.release();
    }
  } finally {
    await database.end();
  }
}

/** A bound in whole major units as shoppers type it (45, 120, 1,500), in minor units; `direction` rounds down or up. */
function priceBound(minor: number, currency: Currency, direction: "down" | "up"): number {
  const unit = 10 ** CURRENCY_EXPONENTS[currency];
  const major = minor / unit;
  const step = major < 100 ? 5 : major < 1_000 ? 10 : major < 10_000 ? 100 : 1_000;
  const rounded = (direction === "down" ? Math.floor(major / step) : Math.ceil(major / step)) * step;
  return rounded * unit;
}

/**
 * Each keyword search with every filter the API has, set as a shopper narrowing toward one of its matches would:
 * its condition (sometimes with a second), its format, a price range around its price in its currency, its crowdship
 * flag. So every filtered search matches at least that listing, as a refined search in real use mostly does.
 */
export async function facetedSearches(target: NodeDatabaseTarget, texts: readonly string[]): Promise<URLSearchParams[]> {
  const targets = await facetTargets(target, texts);
  const rng = mulberry32(FILTER_SEED);
  return texts.flatMap((text) => {
    const listing = targets.get(text);
    if (!listing) return [];
    const params = new URLSearchParams({ q: text });
    const secondCondition = listing.condition === "used" ? "refurbished" : listing.condition === "refurbished" ? "used" : null;
    params.set("condition", secondCondition && rng() < SECOND_CONDITION_CHANCE ? [listing.condition, secondCondition].join(",") : listing.condition);
    params.set("format", listing.format);
    params.set("currency", listing.currency);
    const low = priceBound(listing.priceMinor * PRICE_RANGE_LOW, listing.currency, "down");
    if (low > 0 && rng() >= MAX_ONLY_CHANCE) params.set("minPrice", String(low));
    params.set("maxPrice", String(priceBound(listing.priceMinor * PRICE_RANGE_HIGH, listing.currency, "up")));
    params.set("crowdship", String(listing.crowdship));
    return [params];
  });
}

/** The keyword searches that match something in this run's data, in a fixed shuffled order; worked out once per database. */
const matchingQueries = new Map<string, Promise<string[]>>();

export function keywordQueries(target: NodeDatabaseTarget): Promise<string[]> {
  let queries = matchingQueries.get(target.databaseUrl);
  if (!queries) {
    queries = (async () => {
      const candidates = keywordCandidates();
      const matching = await keepMatching(target, candidates);
      return shuffled(candidates.filter((text) => matching.has(text)));
    })();
    matchingQueries.set(target.databaseUrl, queries);
  }
  return queries;
}
