// Search analytics: a row per search written after the response, click-through, and the admin report.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { searchClicks } from "../../db/schema";
import { call, expectProblem, registerUser, withDatabase } from "../test-support/api";
import { eventually, insertListings, registerAdmin, searchFor, searchQueryRow, uniqueWord } from "./test-fixtures";

describe("each search", () => {
  it("is recorded after the response: normalized text, filters, result count, latency, engine and the signed-in user", async () => {
    const word = uniqueWord();
    await insertListings([{ title: `${word} kettle` }, { title: `${word} kettle pro`, condition: "new" }]);
    const user = await registerUser("searcher");
    const response = await searchFor({ q: `  ${word.toUpperCase()}   Kettle `, condition: "used", sort: "price_asc" }, { token: user.accessToken });
    expect(response.status).toBe(200);
    const row = await searchQueryRow(response.body.queryId);
    expect(row).toMatchObject({ normalizedQuery: `${word} kettle`, filters: { conditions: ["used"], sort: "price_asc" }, resultCount: 1, engine: "postgres", userId: user.id });
    expect(row.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("is recorded without a user, and still answered, when the token is missing or bad", async () => {
    const anonymous = await searchFor({ q: uniqueWord() });
    const badToken = await searchFor({ q: uniqueWord() }, { headers: { Authorization: "Bearer not.a.token" } });
    expect([anonymous.status, badToken.status]).toEqual([200, 200]);
    expect((await searchQueryRow(anonymous.body.queryId)).userId).toBeNull();
    expect((await searchQueryRow(badToken.body.queryId)).userId).toBeNull();
  });
});

describe("POST /v1/search/clicks", () => {
  it("records a click on a result of a known search", async () => {
    const word = uniqueWord();
    const [listing] = await insertListings([{ title: `${word} clicked` }]);
    const { body } = await searchFor({ q: word });
    await searchQueryRow(body.queryId);
    const response = await call("POST", "/v1/search/clicks", { body: { queryId: body.queryId, listingId: listing, position: 0 } });
    expect(response.status).toBe(204);
    const clicks = await withDatabase((db) => db.orm.select().from(searchClicks).where(eq(searchClicks.queryId, body.queryId)));
    expect(clicks).toMatchObject([{ listingId: listing, position: 0 }]);
  });

  it("answers an unknown search with 404 and a malformed click with 400", async () => {
    expectProblem(await call("POST", "/v1/search/clicks", { body: { queryId: "srq_01JD3V9X4W7Q2S5T8Y1Z3B6C9E", listingId: "lst_x", position: 0 } }), 404, "NOT_FOUND");
    expectProblem(await call("POST", "/v1/search/clicks", { body: { queryId: "srq_x", listingId: "lst_x", position: -1 } }), 400, "VALIDATION_FAILED");
    expectProblem(await call("POST", "/v1/search/clicks", { body: { queryId: "srq_x", listingId: "lst_x", position: 1.5 } }), 400, "VALIDATION_FAILED");
  });
});

describe("GET /v1/admin/search/analytics", () => {
  it("lists top queries with average results and click-through, and queries that found nothing", async () => {
    const word = uniqueWord();
    const [listing] = await insertListings([{ title: `${word} popular` }, { title: `${word} popular too` }]);
    const searches = [];
    for (let count = 0; count < 4; count++) searches.push((await searchFor({ q: `${word} popular` })).body.queryId);
    const nothing = `${word} ${uniqueWord()}`;
    for (let count = 0; count < 2; count++) searches.push((await searchFor({ q: nothing })).body.queryId);
    for (const queryId of searches) await searchQueryRow(queryId);
    expect((await call("POST", "/v1/search/clicks", { body: { queryId: searches[0], listingId: listing, position: 0 } })).status).toBe(204);
    expect((await call("POST", "/v1/search/clicks", { body: { queryId: searches[0], listingId: listing, position: 0 } })).status).toBe(204);
    const admin = await registerAdmin();
    const response = await call("GET", "/v1/admin/search/analytics?days=1&limit=100", { token: admin.accessToken });
    expect(response.status).toBe(200);
    expect(response.body.topQueries).toContainEqual({ query: `${word} popular`, searches: 4, avgResults: 2, clickThroughRate: 0.25 });
    expect(response.body.topQueries).toContainEqual({ query: nothing, searches: 2, avgResults: 0, clickThroughRate: 0 });
    expect(response.body.zeroResultQueries).toContainEqual({ query: nothing, searches: 2 });
    expect(response.body.zeroResultQueries.map((entry: { query: string }) => entry.query)).not.toContain(`${word} popular`);
  });

  it("is for admins only: 403 for anyone else, 401 without a token", async () => {
    const user = await registerUser("not-admin");
    expectProblem(await call("GET", "/v1/admin/search/analytics", { token: user.accessToken }), 403, "FORBIDDEN");
    expectProblem(await call("GET", "/v1/admin/search/analytics"), 401, "UNAUTHENTICATED");
  });

  it("refuses a window longer than 90 days and unknown parameters", async () => {
    const admin = await registerAdmin();
    expectProblem(await call("GET", "/v1/admin/search/analytics?days=91", { token: admin.accessToken }), 400, "VALIDATION_FAILED");
    expectProblem(await call("GET", "/v1/admin/search/analytics?from=2026-01-01", { token: admin.accessToken }), 400, "VALIDATION_FAILED");
  });
});
