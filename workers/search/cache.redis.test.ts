// Search caching in Redis: results retired by listing and auction events. Runs only when REDIS_URL names a Redis (vitest.config.ts).
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../index";
import { newId } from "../platform/ids";
import { testEnv } from "../test-support/api";
import { eventually, insertListings, searchFor, uniqueWord } from "./test-fixtures";

async function deliverEvent(type: string, payload: Record<string, unknown>) {
  const event = { id: newId("event"), type, occurredAt: new Date().toISOString(), payload };
  const batch = createMessageBatch("events", [{ id: `msg-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body: event }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, testEnv, ctx);
  const result = await getQueueResult(batch, ctx);
  expect(result.explicitAcks).toHaveLength(1);
}

/** Searches until the page comes from Redis (the first search stores it after its response). */
const cachedSearch = (word: string) => eventually(() => searchFor({ q: word }), (response) => response.headers.get("X-Cache") === "hit");

describe("the Redis result cache", () => {
  it("serves a repeated search from Redis with a fresh queryId, until a listing event retires it", async () => {
    const word = uniqueWord();
    const [listing] = await insertListings([{ title: `${word} cached` }]);
    const first = await searchFor({ q: word });
    expect(first.headers.get("X-Cache")).toBe("miss");
    const hit = await cachedSearch(word);
    expect(hit.headers.get("X-Cache")).toBe("hit");
    expect({ ...hit.body, queryId: undefined }).toEqual({ ...first.body, queryId: undefined });
    expect(hit.body.queryId).not.toBe(first.body.queryId);

    await insertListings([{ title: `${word} added` }]);
    await deliverEvent("listing.updated", { listingId: listing });
    const after = await searchFor({ q: word });
    expect(after.headers.get("X-Cache")).toBe("miss");
    expect(after.body.total).toBe(2);
  });

  it("is retired by listing.created and listing.ended too", async () => {
    const word = uniqueWord();
    const [listing] = await insertListings([{ title: `${word} cached` }]);
    for (const type of ["listing.created", "listing.ended"]) {
      await cachedSearch(word);
      await deliverEvent(type, { listingId: listing });
      expect({ type, cache: (await searchFor({ q: word })).headers.get("X-Cache") }).toEqual({ type, cache: "miss" });
    }
  });

  it("drops an auction from cached results as soon as it closes", async () => {
    const word = uniqueWord();
    const [auction] = await insertListings([{ title: `${word} closing`, format: "auction", priceMinor: 5_000 }]);
    await cachedSearch(word);
    const closed = { listingId: auction, sellerId: "usr_search_fixture", winnerId: null, finalPriceMinor: null, currency: "USD", reserveMet: false, bidCount: 0, headHash: "0".repeat(64), reason: "ended" };
    await deliverEvent("auction.closed", closed);
    const after = await searchFor({ q: word });
    expect({ cache: after.headers.get("X-Cache"), total: after.body.total }).toEqual({ cache: "miss", total: 0 });
  });
});
