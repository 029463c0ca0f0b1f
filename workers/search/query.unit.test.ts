// The pure half of search, in Node: query normalization, parameter rules, cursors, corrections, and the facet rule against brute force.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../platform/errors";
import { SEARCH_CORRECTION_MAX_WORDS, SEARCH_MAX_OFFSET, SEARCH_QUERY_MAX_LENGTH } from "../platform/limits";
import { foldFacets, type FacetCell } from "./facets";
import {
  applyCorrections,
  buildSearchParams,
  cacheKeyMaterial,
  CONDITIONS,
  decodeSearchPosition,
  encodeSearchPosition,
  escapeLikePattern,
  escapeRegex,
  FORMATS,
  normalizeQueryText,
  queryWords,
  searchOrder,
  type SearchFilters,
  type SearchInput,
  type SearchPosition,
} from "./query";

const input = (overrides: Partial<SearchInput> = {}): SearchInput => ({ sort: "relevance", limit: 20, ...overrides });

function fieldErrorsOf(work: () => unknown) {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, errors: error.errors };
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("normalizeQueryText", () => {
  it("lower-cases, collapses whitespace and trims", () => {
    expect(normalizeQueryText("  Wireless \t  HEADPHONES\n")).toBe("wireless headphones");
  });

  it("folds full-width letters (NFKC) so they search like ASCII", () => {
    expect(normalizeQueryText("ｉＰｈｏｎｅ　１３")).toBe("iphone 13");
  });

  it("keeps at most the maximum number of characters, counting code points", () => {
    expect(Array.from(normalizeQueryText("é".repeat(SEARCH_QUERY_MAX_LENGTH + 5)))).toHaveLength(SEARCH_QUERY_MAX_LENGTH);
    expect(normalizeQueryText("😀".repeat(SEARCH_QUERY_MAX_LENGTH + 1))).toBe("😀".repeat(SEARCH_QUERY_MAX_LENGTH));
  });
});

describe("buildSearchParams", () => {
  it("requires a currency with a price bound, since bounds are its minor units", () => {
    expect(fieldErrorsOf(() => buildSearchParams(input({ minPrice: 100 })))).toEqual({
      code: "VALIDATION_FAILED",
      errors: [{ path: "currency", message: "required with minPrice or maxPrice (they are minor units of it)" }],
    });
    expect(fieldErrorsOf(() => buildSearchParams(input({ maxPrice: 100 }))).errors?.[0]?.path).toBe("currency");
  });

  it("refuses a maximum below the minimum", () => {
    expect(fieldErrorsOf(() => buildSearchParams(input({ minPrice: 500, maxPrice: 499, currency: "USD" }))).errors).toEqual([
      { path: "maxPrice", message: "must not be below minPrice" },
    ]);
  });

  it("normalizes the text, orders and deduplicates facet values, and upper-cases the country", () => {
    expect(buildSearchParams(input({ q: " Red  SHOES ", condition: ["used", "new", "used"], format: ["auction"], shipsTo: "ae", crowdship: false }))).toEqual({
      text: "red shoes",
      filters: { conditions: ["new", "used"], formats: ["auction"], shipsTo: "AE", crowdship: false },
      sort: "relevance",
      limit: 20,
      cursor: null,
    });
  });

  it("gives equal cache keys to searches that differ only in how the same filters were written", () => {
    const a = buildSearchParams(input({ q: "Lamp", condition: ["used", "new"] }));
    const b = buildSearchParams(input({ q: "lamp ", condition: ["new", "used"] }));
    expect(cacheKeyMaterial(a)).toBe(cacheKeyMaterial(b));
    expect(cacheKeyMaterial(a)).not.toBe(cacheKeyMaterial(buildSearchParams(input({ q: "lamp", condition: ["new"] }))));
  });
});

describe("searchOrder", () => {
  it("is newest for relevance without text, and the sort asked for otherwise", () => {
    expect(searchOrder({ text: "", sort: "relevance" })).toBe("newest");
    expect(searchOrder({ text: "lamp", sort: "relevance" })).toBe("relevance");
    expect(searchOrder({ text: "", sort: "price_desc" })).toBe("price_desc");
  });
});

describe("search cursors", () => {
  const positions: SearchPosition[] = [
    { order: "relevance", offset: 40 },
    { order: "newest", createdAt: "2026-11-25T12:34:05.237978Z", id: "lst_01JD3V9X4W7Q2S5T8Y1Z3B6C9E" },
    { order: "price_asc", priceMinor: 0, id: "lst_A" },
    { order: "price_desc", priceMinor: 1_000_000_000_000, id: "lst_B" },
    { order: "ending_soon", endsAt: "2026-11-26T00:00:00Z", id: "lst_C" },
    { order: "ending_soon", endsAt: null, id: "lst_D" },
  ];

  it("round-trips every sort's position", () => {
    for (const position of positions) expect(decodeSearchPosition(encodeSearchPosition(position), position.order)).toEqual(position);
  });

  it("refuses a cursor issued for another sort", () => {
    const cursor = encodeSearchPosition({ order: "price_asc", priceMinor: 10, id: "lst_A" });
    expect(fieldErrorsOf(() => decodeSearchPosition(cursor, "price_desc")).errors).toEqual([{ path: "cursor", message: "this cursor belongs to another sort than price_desc" }]);
  });

  it("refuses garbage, an offset past the maximum, a float price and a malformed time", () => {
    expect(fieldErrorsOf(() => decodeSearchPosition("not-a-cursor", "newest")).code).toBe("VALIDATION_FAILED");
    expect(() => decodeSearchPosition(encodeSearchPosition({ order: "relevance", offset: SEARCH_MAX_OFFSET }), "relevance")).not.toThrow();
    expect(fieldErrorsOf(() => decodeSearchPosition(encodeSearchPosition({ order: "relevance", offset: SEARCH_MAX_OFFSET + 1 }), "relevance")).errors?.[0]?.message).toBe("invalid offset");
    expect(fieldErrorsOf(() => decodeSearchPosition(encodeSearchPosition({ order: "price_asc", priceMinor: 1.5, id: "lst_A" }), "price_asc")).errors?.[0]?.message).toBe("invalid price");
    expect(fieldErrorsOf(() => decodeSearchPosition(encodeSearchPosition({ order: "newest", createdAt: "yesterday", id: "lst_A" }), "newest")).errors?.[0]?.message).toBe("invalid time");
    expect(fieldErrorsOf(() => decodeSearchPosition(encodeSearchPosition({ order: "newest", createdAt: "2026-11-25T12:34:05Z", id: "x'; drop" }), "newest")).errors?.[0]?.message).toBe("invalid listing id");
  });
});

describe("typo corrections", () => {
  it("lists each word once, at most the maximum", () => {
    expect(queryWords(`"leather" jackat -leather`)).toEqual(["leather", "jackat"]);
    expect(queryWords(Array.from({ length: 20 }, (_, index) => `w${index}`).join(" "))).toHaveLength(SEARCH_CORRECTION_MAX_WORDS);
  });

  it("puts corrected words in place, keeping the query's own syntax, and is null when nothing changed", () => {
    expect(applyCorrections(`"lether jackat" -red`, new Map([["lether", "leather"], ["jackat", "jacket"]]))).toBe(`"leather jacket" -red`);
    expect(applyCorrections("red lamp", new Map())).toBeNull();
  });
});

describe("pattern escaping", () => {
  it("makes LIKE wildcards and regex operators literal", () => {
    expect(escapeLikePattern("50%_off\\")).toBe("50\\%\\_off\\\\");
    expect(escapeRegex("c++ (v2.0)?")).toBe("c\\+\\+ \\(v2\\.0\\)\\?");
  });
});

describe("foldFacets", () => {
  const cell = fc.record({
    categoryId: fc.constantFrom("cat_a", "cat_b", "cat_c"),
    condition: fc.constantFrom(...CONDITIONS),
    format: fc.constantFrom(...FORMATS),
    crowdshipEligible: fc.boolean(),
    count: fc.integer({ min: 1, max: 50 }),
  });
  const filters = fc.record(
    { conditions: fc.subarray([...CONDITIONS], { minLength: 1 }), formats: fc.subarray([...FORMATS], { minLength: 1 }), crowdship: fc.boolean() },
    { requiredKeys: [] },
  );

  /** The reference: count the rows a search with exactly these filters would return. */
  function totalOf(cells: FacetCell[], applied: SearchFilters): number {
    return cells
      .filter((c) => (!applied.conditions || applied.conditions.includes(c.condition)) && (!applied.formats || applied.formats.includes(c.format)))
      .filter((c) => applied.crowdship === undefined || applied.crowdship === c.crowdshipEligible)
      .reduce((sum, c) => sum + c.count, 0);
  }

  it("makes each facet value equal the total of the same search with that facet set to the value", () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 30 }), filters, (cells, applied) => {
        const { facets, total } = foldFacets(cells, applied);
        expect(total).toBe(totalOf(cells, applied));
        for (const condition of CONDITIONS) expect(facets.condition[condition]).toBe(totalOf(cells, { ...applied, conditions: [condition] }));
        for (const format of FORMATS) expect(facets.format[format]).toBe(totalOf(cells, { ...applied, formats: [format] }));
        expect(facets.crowdshipEligible.true).toBe(totalOf(cells, { ...applied, crowdship: true }));
        expect(facets.crowdshipEligible.false).toBe(totalOf(cells, { ...applied, crowdship: false }));
        expect(Object.values(facets.categoryId).reduce((sum, n) => sum + n, 0)).toBe(total);
      }),
    );
  });

  it("lists every condition and format, zero included, and only categories that matched", () => {
    expect(foldFacets([{ categoryId: "cat_a", condition: "used", format: "fixed", crowdshipEligible: true, count: 2 }], {})).toEqual({
      total: 2,
      facets: { categoryId: { cat_a: 2 }, condition: { new: 0, used: 2, refurbished: 0 }, format: { fixed: 2, auction: 0 }, crowdshipEligible: { true: 2, false: 0 } },
    });
  });
});
