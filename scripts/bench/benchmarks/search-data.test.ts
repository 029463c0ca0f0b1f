// Tests for the search benchmarks' pure parts: the request sets drawn from the vocabulary, the typos, and reading an answer.
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../seed/listing-generator";
import { readAnswer } from "./search-common";
import { keywordCandidates, misspell, shuffled, suggestPrefixes, typoCandidates } from "./search-data";

/** One edit (drop, double, swap, replace) turns `a` into `b`. */
function oneSlipApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  if (a.length !== b.length) {
    const [short, long] = a.length < b.length ? [a, b] : [b, a];
    return Array.from({ length: long.length }, (_, at) => long.slice(0, at) + long.slice(at + 1)).includes(short);
  }
  const differing = Array.from(a).flatMap((letter, at) => (letter === b[at] ? [] : [at]));
  return differing.length === 1 || (differing.length === 2 && differing[1] === differing[0]! + 1 && a[differing[0]!] === b[differing[1]!] && a[differing[1]!] === b[differing[0]!]);
}

describe("keywordCandidates", () => {
  const candidates = keywordCandidates();

  it("has the issue's examples and thousands more, as typed: lower case, no brackets, single spaces", () => {
    expect(candidates).toEqual(expect.arrayContaining(["iphone", "leather jacket", "vintage", "wireless headphones"]));
    expect(candidates.length).toBeGreaterThan(2_000);
    for (const text of candidates) expect(text).toMatch(/^[^\sA-Z()",]+( [^\sA-Z()",]+)*$/);
  });

  it("lists each search once", () => {
    expect(new Set(candidates).size).toBe(candidates.length);
  });
});

describe("misspell", () => {
  it("makes one slip of the fingers, never in the first letter", () => {
    const rng = mulberry32(1);
    for (const word of ["leather", "iphone", "wireless", "samsung", "galaxy"]) {
      for (let attempt = 0; attempt < 50; attempt++) {
        const typo = misspell(word, rng);
        if (typo === word) continue; // doubling or swapping two equal letters changes nothing
        expect(oneSlipApart(word, typo), `${word} → ${typo}`).toBe(true);
        expect(typo[0]).toBe(word[0]);
      }
    }
  });
});

describe("typoCandidates", () => {
  it("misspells long words alone and one word of two-word searches in place", () => {
    const typos = typoCandidates(["samsung galaxy", "leather jacket", "tv"]);
    expect(typos.every((typo) => typo.misspelt !== typo.intended && oneSlipApart(typo.intended, typo.misspelt))).toBe(true);
    expect(typos.some((typo) => typo.text.endsWith(" galaxy") && typo.intended === "samsung")).toBe(true);
    expect(typos.some((typo) => typo.intended === "tv")).toBe(false);
  });
});

describe("suggestPrefixes", () => {
  it("gives the first 2 to 6 letters of each word of three letters or more, once each", () => {
    expect(suggestPrefixes(["wireless headphones", "tv", "ipad 10"]).sort()).toEqual(
      ["he", "hea", "head", "headp", "headph", "ip", "ipa", "ipad", "wi", "wir", "wire", "wirel", "wirele"].sort(),
    );
  });
});

describe("shuffled", () => {
  it("is a permutation, the same on every call", () => {
    const items = Array.from({ length: 50 }, (_, index) => index);
    expect(shuffled(items)).toEqual(shuffled(items));
    expect([...shuffled(items)].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled(items)).not.toEqual(items);
  });
});

describe("readAnswer", () => {
  it("reads total, correction and cursor from the top level, not from a title that quotes them", () => {
    const body = JSON.stringify({ items: [{ title: 'Sign saying "total":3 and "nextCursor":"x"' }], facets: {}, total: 42, nextCursor: "abc_-", didYouMean: "leather", queryId: "q" });
    expect(readAnswer("/v1/search?q=lether", 200, "miss", body)).toEqual({ status: 200, cache: "miss", total: 42, corrected: true, nextCursor: "abc_-", suggestions: null });
  });

  it("reads a last page and an uncorrected search", () => {
    const body = JSON.stringify({ items: [], facets: {}, total: 0, nextCursor: null, queryId: "q" });
    expect(readAnswer("/v1/search?q=x", 200, "hit", body)).toMatchObject({ total: 0, corrected: false, nextCursor: null });
  });

  it("counts suggestions, and keeps the body of an error", () => {
    expect(readAnswer("/v1/search/suggest?q=wi", 200, null, '{"items":["wireless","wifi"]}').suggestions).toBe(2);
    expect(readAnswer("/v1/search?q=x", 400, null, '{"code":"VALIDATION_FAILED"}')).toMatchObject({ status: 400, errorBody: '{"code":"VALIDATION_FAILED"}' });
  });
});
