// GET /v1/search/suggest: popular past queries by prefix, ranked by how often they were searched, then listing-title completions.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { searchTerms } from "../../db/schema";
import { call, expectProblem, withDatabase } from "../test-support/api";
import { eventually, insertListings, searchFor, searchQueryRow, uniqueWord } from "./test-fixtures";

const suggest = (q: string) => call("GET", `/v1/search/suggest?q=${encodeURIComponent(q)}`);

async function searchesCounted(term: string, searches: number) {
  const row = await eventually(
    () => withDatabase((db) => db.orm.select().from(searchTerms).where(eq(searchTerms.term, term))),
    (rows) => rows[0]?.searches === searches,
  );
  expect(row[0]?.searches).toBe(searches);
}

describe("suggest", () => {
  it("lists past queries that start with what was typed, most searched first, then words completed from titles", async () => {
    const word = uniqueWord();
    await insertListings([{ title: `${word} lamp` }, { title: `${word} lantern` }, { title: `${word} ladder` }, { title: `${word} lampshade` }]);
    for (let count = 0; count < 3; count++) expect((await searchFor({ q: `${word} lantern` })).status).toBe(200);
    await searchFor({ q: `${word} LAMP` });
    await searchesCounted(`${word} lantern`, 3);
    await searchesCounted(`${word} lamp`, 1);
    const response = await suggest(`${word.toUpperCase()} la`);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([`${word} lantern`, `${word} lamp`, `${word} ladder`, `${word} lampshade`]);
  });

  it("counts only searches that found something, and not their later pages", async () => {
    const word = uniqueWord();
    await insertListings([{ title: `${word} one` }, { title: `${word} two` }]);
    const first = await searchFor({ q: word, limit: 1 });
    const second = await searchFor({ q: word, limit: 1, cursor: first.body.nextCursor });
    const nothing = await searchFor({ q: `${word} ${uniqueWord()}` });
    expect(nothing.body.total).toBe(0);
    for (const response of [first, second, nothing]) await searchQueryRow(response.body.queryId);
    await searchesCounted(word, 1);
    expect((await suggest(word)).body.items).toEqual([word]);
  });

  it("completes a word from listing titles when nobody searched it yet", async () => {
    const word = uniqueWord();
    await insertListings([{ title: `Copper ${word}kettle` }, { title: `${word}kettle whistle` }, { title: `${word}kettlebell 12kg` }, { title: `${word}kettle`, status: "ended" }]);
    expect((await suggest(word.slice(0, 6))).body.items).toEqual([`${word}kettle`, `${word}kettlebell`]);
  });

  it("answers a fragment too short to look up in titles with popular queries only, and nothing for blank input", async () => {
    expect((await suggest("7q")).body).toEqual({ items: [] });
    expect((await suggest("   ")).body).toEqual({ items: [] });
  });

  it("refuses unknown parameters and an over-long prefix", async () => {
    expectProblem(await call("GET", "/v1/search/suggest?q=ab&limit=5"), 400, "VALIDATION_FAILED");
    expectProblem(await suggest("x".repeat(201)), 400, "VALIDATION_FAILED");
    expectProblem(await call("GET", "/v1/search/suggest"), 400, "VALIDATION_FAILED");
  });
});
