// Search caching over HTTP: a weak ETag with 304s, and an honest X-Cache header when Redis is absent.
import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { testEnv } from "../test-support/api";
import { insertListings, searchFor, uniqueWord } from "./test-fixtures";

describe("without Redis", () => {
  it("searches uncached and says so", async () => {
    const noRedis = { ...testEnv, UPSTASH_REDIS_REST_URL: undefined, UPSTASH_REDIS_REST_TOKEN: undefined };
    const response = await createApp().request(`/v1/search?q=${uniqueWord()}`, {}, noRedis);
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Cache")).toBe("bypass");
  });
});

describe("HTTP caching", () => {
  it("sends a weak ETag and public max-age, and answers a matching If-None-Match with 304", async () => {
    const word = uniqueWord();
    await insertListings([{ title: `${word} etag` }]);
    const first = await searchFor({ q: word });
    const etag = first.headers.get("ETag");
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers.get("Cache-Control")).toBe("public, max-age=15");
    const revalidated = await searchFor({ q: word }, { headers: { "If-None-Match": `"other", ${etag}` } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body).toBe("");
    expect(revalidated.headers.get("ETag")).toBe(etag);
    expect((await searchFor({ q: word, condition: "new" }, { headers: { "If-None-Match": etag! } })).status).toBe(200);
  });
});
