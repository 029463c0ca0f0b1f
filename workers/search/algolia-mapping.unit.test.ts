// Pure Algolia mapping: description cut at the byte limit, category prefixes, the filters string, the cursor, and ALGOLIA_HOSTS.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../platform/errors";
import { ALGOLIA_DESCRIPTION_MAX_BYTES, SEARCH_MAX_OFFSET } from "../platform/limits";
import { algoliaConfig, algoliaHosts } from "./algolia-client";
import { categoryPathPrefixes, decodeAlgoliaCursor, encodeAlgoliaCursor, filterString, searchFingerprint, truncateUtf8 } from "./algolia-mapping";
import type { SearchParams } from "./query";

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

function cursorError(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.errors?.[0]?.message;
    throw error;
  }
  return undefined;
}

describe("truncateUtf8", () => {
  it("keeps text of exactly the limit and cuts one byte past it", () => {
    const limit = ALGOLIA_DESCRIPTION_MAX_BYTES;
    expect(truncateUtf8("a".repeat(limit), limit)).toBe("a".repeat(limit));
    expect(truncateUtf8("a".repeat(limit + 1), limit)).toBe("a".repeat(limit));
  });

  it("never splits a character: a 2-byte one straddling the limit, or an emoji (a surrogate pair), is left out whole", () => {
    expect(truncateUtf8(`abc${"é"}`, 4)).toBe("abc");
    expect(truncateUtf8(`ab${"😀"}`, 5)).toBe("ab");
    expect(truncateUtf8(`ab${"😀"}`, 6)).toBe(`ab${"😀"}`);
  });

  it("returns the longest whole-character prefix that fits (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.integer({ min: 0, max: 80 }), (text, limit) => {
        const cut = truncateUtf8(text, limit);
        expect(text.startsWith(cut)).toBe(true);
        expect(utf8Bytes(cut)).toBeLessThanOrEqual(limit);
        expect(new TextDecoder().decode(new TextEncoder().encode(cut))).toBe(cut); // no half of a surrogate pair
        const next = Array.from(text.slice(cut.length))[0];
        if (next !== undefined) expect(utf8Bytes(cut + next)).toBeGreaterThan(limit);
      }),
    );
  });
});

describe("categoryPathPrefixes", () => {
  it("lists every ancestor path, root first", () => {
    expect(categoryPathPrefixes("electronics")).toEqual(["electronics"]);
    expect(categoryPathPrefixes("electronics/phones/cases")).toEqual(["electronics", "electronics/phones", "electronics/phones/cases"]);
  });
});

describe("filterString", () => {
  it("is empty without filters", () => {
    expect(filterString({}, null)).toBe("");
  });

  it("quotes and escapes values, so a quote in a path cannot end the filter", () => {
    expect(filterString({}, 'odd"path\\x')).toBe('categoryPaths:"odd\\"path\\\\x"');
  });

  it("leaves out only the named facet's own filter", () => {
    const filters = { conditions: ["new" as const], formats: ["fixed" as const, "auction" as const], crowdship: false };
    expect(filterString(filters, null)).toBe('condition:"new" AND (format:"fixed" OR format:"auction") AND crowdshipEligible:false');
    expect(filterString(filters, null, "format")).toBe('condition:"new" AND crowdshipEligible:false');
  });
});

describe("the Algolia cursor", () => {
  const params: SearchParams = { text: "lamp", filters: { conditions: ["used"] }, sort: "relevance", limit: 20, cursor: null };

  it("round-trips a page for the same search", async () => {
    const fingerprint = await searchFingerprint(params);
    expect(decodeAlgoliaCursor(encodeAlgoliaCursor(3, fingerprint), fingerprint, 20)).toBe(3);
  });

  it("does not fit another search: other text, filters, sort or page size change the fingerprint", async () => {
    const fingerprint = await searchFingerprint(params);
    const others = await Promise.all(
      [{ ...params, text: "lamps" }, { ...params, filters: {} }, { ...params, sort: "newest" as const }, { ...params, limit: 21 }].map(searchFingerprint),
    );
    expect(new Set([fingerprint, ...others]).size).toBe(5);
    expect(await searchFingerprint({ ...params, cursor: "anything" })).toBe(fingerprint);
  });

  it("refuses page 0, a fraction, another search's cursor, and the first page at or past the offset limit", async () => {
    const fingerprint = await searchFingerprint(params);
    const lastPage = SEARCH_MAX_OFFSET / 20 - 1;
    expect(decodeAlgoliaCursor(encodeAlgoliaCursor(lastPage, fingerprint), fingerprint, 20)).toBe(lastPage);
    expect(cursorError(() => decodeAlgoliaCursor(encodeAlgoliaCursor(lastPage + 1, fingerprint), fingerprint, 20))).toBe("past the last page");
    expect(cursorError(() => decodeAlgoliaCursor(encodeAlgoliaCursor(0, fingerprint), fingerprint, 20))).toBe("invalid page");
    expect(cursorError(() => decodeAlgoliaCursor(encodeAlgoliaCursor(1.5, fingerprint), fingerprint, 20))).toBe("invalid page");
    expect(cursorError(() => decodeAlgoliaCursor(encodeAlgoliaCursor(1, "another"), fingerprint, 20))).toBe("this cursor belongs to another search");
    expect(cursorError(() => decodeAlgoliaCursor("not-a-cursor", fingerprint, 20))).toBe("invalid cursor");
  });
});

describe("configuration", () => {
  it("is on only with the app id and both keys, with the index name defaulting to listings", () => {
    const keys = { ALGOLIA_APP_ID: "APP", ALGOLIA_ADMIN_KEY: "admin", ALGOLIA_SEARCH_KEY: "search" };
    expect(algoliaConfig(keys)).toEqual({ appId: "APP", adminKey: "admin", searchKey: "search", indexName: "listings", hosts: undefined });
    expect(algoliaConfig({ ...keys, ALGOLIA_INDEX_NAME: "shop" })?.indexName).toBe("shop");
    for (const missing of Object.keys(keys)) expect(algoliaConfig({ ...keys, [missing]: "" })).toBeNull();
  });

  it("reads ALGOLIA_HOSTS as plain-http host:port entries or full URLs", () => {
    expect(algoliaHosts(undefined)).toBeUndefined();
    expect(algoliaHosts(" ")).toBeUndefined();
    expect(algoliaHosts("127.0.0.1:4010, https://search.example.test")).toEqual([
      { url: "127.0.0.1", port: 4010, protocol: "http", accept: "readWrite" },
      { url: "search.example.test", protocol: "https", accept: "readWrite" },
    ]);
    expect(() => algoliaHosts("ftp://127.0.0.1:21")).toThrow("ALGOLIA_HOSTS: ftp://127.0.0.1:21 is neither http nor https");
  });
});
