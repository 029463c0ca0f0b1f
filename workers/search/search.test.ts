// GET /v1/search against real Postgres: ranking, stemming, typos, every filter, facets, paging for every sort, and bad input.
import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/api";
import { insertListings, searchFor, uniqueWord } from "./test-fixtures";

/** Every page of a search, following nextCursor. */
async function allPages(query: Record<string, string | number>) {
  const pages = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const response = await searchFor(cursor ? { ...query, cursor } : query);
    expect(response.status).toBe(200);
    pages.push(response.body);
    cursor = response.body.nextCursor;
    if (!cursor) break;
  }
  expect(cursor).toBeNull();
  return pages;
}

const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((item) => item.id);

describe("relevance", () => {
  it("ranks an exact (case-insensitive) title match first, then title matches above description matches", async () => {
    const word = uniqueWord();
    const [repeated, exact, inDescription] = await insertListings([
      { title: `Lamp ${word} lamp ${word} brass lamp ${word}` },
      { title: `${word.toUpperCase()} Lamp` },
      { title: `Brass ${word} shade`, description: `Goes with any lamp, and the ${word} too.` },
    ]);
    const response = await searchFor({ q: `${word} lamp` });
    expect(response.status).toBe(200);
    expect(ids(response)).toEqual([exact, repeated, inDescription]);
    expect(response.body.total).toBe(3);
  });

  it("matches word forms by stemming: 'running shoes' finds 'run shoe'", async () => {
    const word = uniqueWord();
    const [listing] = await insertListings([{ title: `${word} run shoe` }]);
    const response = await searchFor({ q: `running shoes ${word}` });
    expect(ids(response)).toEqual([listing]);
    expect(response.body.didYouMean).toBeUndefined();
  });

  it("still finds an item with one letter wrong, and says what it searched for instead", async () => {
    const word = uniqueWord();
    const [listing] = await insertListings([{ title: `Vintage ${word} teapot` }]);
    const typo = `${word.slice(0, 4)}${word[4] === "b" ? "c" : "b"}${word.slice(5)}`;
    for (const q of [typo, `${typo} teapot`]) {
      const response = await searchFor({ q });
      expect({ q, ids: ids(response), total: response.body.total, didYouMean: response.body.didYouMean }).toEqual({ q, ids: [listing], total: 1, didYouMean: q.replace(typo, word) });
    }
  });

  it("falls back to title trigrams when correcting the words finds nothing (words run together)", async () => {
    const word = uniqueWord();
    const [listing] = await insertListings([{ title: `Vintage ${word}teapot` }]);
    const response = await searchFor({ q: `${word} teapot` });
    expect({ ids: ids(response), total: response.body.total, didYouMean: response.body.didYouMean }).toEqual({ ids: [listing], total: 1, didYouMean: undefined });
  });

  it("answers a search that matches nothing with an empty page and no suggestion", async () => {
    const response = await searchFor({ q: uniqueWord() });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ items: [], total: 0, nextCursor: null, facets: { categoryId: {}, condition: { new: 0, used: 0, refurbished: 0 } } });
    expect(response.body.didYouMean).toBeUndefined();
    expect(response.body.queryId).toMatch(/^srq_/);
  });

  it("never returns listings that are not active", async () => {
    const word = uniqueWord();
    const [active] = await insertListings([{ title: `${word} active` }, { title: `${word} draft`, status: "draft" }, { title: `${word} ended`, status: "ended" }, { title: `${word} sold`, status: "sold" }]);
    expect(ids(await searchFor({ q: word }))).toEqual([active]);
  });
});

describe("a result", () => {
  it("is a listing summary with the current price, the image URL, the end time and where it ships from", async () => {
    const word = uniqueWord();
    const endsAt = new Date("2030-01-02T03:04:05.678Z");
    const [auction] = await insertListings([
      { title: `${word} camera`, categoryId: "cat_cameras__digital_cameras", condition: "refurbished", format: "auction", priceMinor: 12_345, currency: "EUR", endsAt, bidCount: 3, crowdshipEligible: true, shipsFrom: "DE", primaryImageId: "img_01ABC" },
    ]);
    const response = await searchFor({ q: word });
    expect(response.body.items).toEqual([
      {
        id: auction,
        title: `${word} camera`,
        categoryId: "cat_cameras__digital_cameras",
        condition: "refurbished",
        format: "auction",
        price: { amount: 12_345, currency: "EUR" },
        imageUrl: "/v1/images/img_01ABC",
        endsAt: "2030-01-02T03:04:05.678Z",
        bidCount: 3,
        crowdshipEligible: true,
        shipsFrom: "DE",
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      },
    ]);
  });
});

describe("filters", () => {
  it("takes a category with all its descendants", async () => {
    const word = uniqueWord();
    const [phone, laptop] = await insertListings([
      { title: `${word} one`, categoryId: "cat_electronics__phones" },
      { title: `${word} two`, categoryId: "cat_electronics__laptops" },
      { title: `${word} three`, categoryId: "cat_books__fiction" },
    ]);
    expect(new Set(ids(await searchFor({ q: word, categoryId: "cat_electronics" })))).toEqual(new Set([phone, laptop]));
    expect(ids(await searchFor({ q: word, categoryId: "cat_electronics__phones" }))).toEqual([phone]);
  });

  it("applies condition, format, crowdship, ships-to, currency and an inclusive price range", async () => {
    const word = uniqueWord();
    const [usedFixed, newAuction, refurbishedCrowd, euro, cheap, dear] = await insertListings([
      { title: `${word} a`, condition: "used", format: "fixed", priceMinor: 2_000, shipsTo: ["US"] },
      { title: `${word} b`, condition: "new", format: "auction", priceMinor: 3_000, shipsTo: ["AE", "SA"] },
      { title: `${word} c`, condition: "refurbished", crowdshipEligible: true, priceMinor: 4_000, shipsTo: ["WW"] },
      { title: `${word} d`, currency: "EUR", priceMinor: 3_000, shipsTo: ["DE"] },
      { title: `${word} e`, priceMinor: 1_999, shipsTo: ["US"] },
      { title: `${word} f`, priceMinor: 4_001, shipsTo: ["US"] },
    ]);
    const search = async (filters: Record<string, string | number>) => new Set(ids(await searchFor({ q: word, limit: 100, ...filters })));
    expect(await search({ condition: "used" })).toEqual(new Set([usedFixed, euro, cheap, dear]));
    expect(await search({ condition: "new,refurbished" })).toEqual(new Set([newAuction, refurbishedCrowd]));
    expect(await search({ format: "auction" })).toEqual(new Set([newAuction]));
    expect(await search({ crowdship: "true" })).toEqual(new Set([refurbishedCrowd]));
    expect((await search({ crowdship: "false" })).size).toBe(5);
    expect(await search({ shipsTo: "ae" })).toEqual(new Set([newAuction, refurbishedCrowd]));
    expect(await search({ currency: "EUR" })).toEqual(new Set([euro]));
    expect(await search({ currency: "USD", minPrice: 2_000, maxPrice: 4_000 })).toEqual(new Set([usedFixed, newAuction, refurbishedCrowd]));
    expect(await search({ currency: "USD", minPrice: 4_001 })).toEqual(new Set([dear]));
  });

  it("counts each facet as the total of the same search with that value picked", async () => {
    const word = uniqueWord();
    await insertListings([
      { title: `${word} 1`, condition: "used", format: "fixed", crowdshipEligible: true },
      { title: `${word} 2`, condition: "used", format: "auction", categoryId: "cat_electronics__laptops" },
      { title: `${word} 3`, condition: "new", format: "fixed" },
      { title: `${word} 4`, condition: "new", format: "fixed", crowdshipEligible: true },
      { title: `${word} 5`, condition: "refurbished", format: "auction", crowdshipEligible: true },
    ]);
    for (const base of [{ q: word }, { q: word, format: "fixed" }, { q: word, condition: "new", crowdship: "true" }] as Record<string, string>[]) {
      const { body } = await searchFor(base);
      const totalWith = async (extra: Record<string, string>) => (await searchFor({ ...base, ...extra })).body.total;
      for (const condition of ["new", "used", "refurbished"]) expect({ base, condition, count: body.facets.condition[condition] }).toEqual({ base, condition, count: await totalWith({ condition }) });
      for (const format of ["fixed", "auction"]) expect({ base, format, count: body.facets.format[format] }).toEqual({ base, format, count: await totalWith({ format }) });
      for (const crowdship of ["true", "false"]) expect({ base, crowdship, count: body.facets.crowdshipEligible[crowdship] }).toEqual({ base, crowdship, count: await totalWith({ crowdship }) });
      const byCategory = Object.values(body.facets.categoryId as Record<string, number>).reduce((sum, count) => sum + count, 0);
      expect(byCategory).toBe(body.total);
    }
    const { body } = await searchFor({ q: word });
    expect(body.facets).toEqual({
      categoryId: { cat_electronics__phones: 4, cat_electronics__laptops: 1 },
      condition: { new: 2, used: 2, refurbished: 1 },
      format: { fixed: 3, auction: 2 },
      crowdshipEligible: { true: 3, false: 2 },
    });
  });
});

describe("paging", () => {
  it("walks every sort with a small page size, returning each match exactly once and in order", async () => {
    const word = uniqueWord();
    const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
    const created = await insertListings([
      { title: `${word} alpha`, priceMinor: 500, createdAt: at(1) },
      { title: `${word} beta ${word}`, priceMinor: 500, createdAt: at(1) },
      { title: `${word} gamma`, priceMinor: 300, createdAt: at(2), format: "auction", endsAt: at(90) },
      { title: `${word} delta`, priceMinor: 900, createdAt: at(3), format: "auction", endsAt: at(60) },
      { title: `${word} epsilon`, priceMinor: 100, createdAt: at(3), format: "auction", endsAt: at(60) },
      { title: `${word} zeta`, priceMinor: 700, createdAt: at(4) },
      { title: `${word} eta`, priceMinor: 500, createdAt: at(5) },
    ]);
    const keyOf = {
      price_asc: (item: any) => item.price.amount,
      price_desc: (item: any) => -item.price.amount,
      newest: (item: any) => -Date.parse(item.createdAt),
      ending_soon: (item: any) => (item.endsAt ? Date.parse(item.endsAt) : Number.MAX_SAFE_INTEGER),
    } as const;
    for (const sort of ["relevance", "price_asc", "price_desc", "ending_soon", "newest"] as const) {
      const pages = await allPages({ q: word, sort, limit: 2 });
      const items = pages.flatMap((page) => page.items);
      expect({ sort, pages: pages.length, ids: items.map((item) => item.id).sort() }).toEqual({ sort, pages: 4, ids: [...created].sort() });
      expect(pages.every((page) => page.total === created.length)).toBe(true);
      if (sort !== "relevance") {
        const keys = items.map(keyOf[sort]);
        expect({ sort, keys }).toEqual({ sort, keys: [...keys].sort((a, b) => a - b) });
      }
    }
  });

  it("browses without text, newest first, across pages", async () => {
    const word = uniqueWord();
    const created = await insertListings(Array.from({ length: 5 }, (_, index) => ({ title: `${word} ${index}`, categoryId: "cat_pets__aquariums", createdAt: new Date(Date.UTC(2031, 0, 1, 0, 0, index)) })));
    const pages = await allPages({ categoryId: "cat_pets__aquariums", limit: 2 });
    const found = pages.flatMap((page) => page.items.map((item: { id: string }) => item.id)).filter((id) => created.includes(id));
    expect(found).toEqual([...created].reverse());
  });
});

describe("bad input", () => {
  const invalid = async (query: Record<string, string | number>, path: string) => {
    const problem = expectProblem(await searchFor(query), 400, "VALIDATION_FAILED");
    expect({ query, paths: problem.errors?.map((error) => error.path) }).toEqual({ query, paths: [path] });
  };

  it("answers each malformed parameter with 400 naming it", async () => {
    await invalid({ q: "lamp", colour: "red" }, "colour");
    await invalid({ limit: 0 }, "limit");
    await invalid({ limit: 101 }, "limit");
    await invalid({ minPrice: 100 }, "currency");
    await invalid({ maxPrice: 100, currency: "USD", minPrice: 200 }, "maxPrice");
    await invalid({ minPrice: "12.50", currency: "USD" }, "minPrice");
    await invalid({ maxPrice: "-1", currency: "USD" }, "maxPrice");
    await invalid({ currency: "XYZ" }, "currency");
    await invalid({ cursor: "not-a-cursor" }, "cursor");
    await invalid({ sort: "cheapest" }, "sort");
    await invalid({ condition: "mint" }, "condition");
    await invalid({ format: "" }, "format");
    await invalid({ crowdship: "yes" }, "crowdship");
    await invalid({ shipsTo: "USA" }, "shipsTo");
    await invalid({ categoryId: "cat_nope" }, "categoryId");
    await invalid({ q: "x".repeat(201) }, "q");
  });

  it("refuses a cursor issued for another sort", async () => {
    const word = uniqueWord();
    await insertListings([{ title: `${word} a` }, { title: `${word} b` }]);
    const { body } = await searchFor({ q: word, sort: "price_asc", limit: 1 });
    await invalid({ q: word, sort: "newest", limit: 1, cursor: body.nextCursor }, "cursor");
  });
});
