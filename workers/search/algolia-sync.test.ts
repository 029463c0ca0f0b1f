// The Algolia sync's contract: one batch request per queue batch with the exact records and deletes, claims per event, retries when Algolia fails.
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listings, processedEvents } from "../../db/schema";
import { newId } from "../platform/ids";
import { withDatabase } from "../test-support/api";
import { ADMIN_KEY, algoliaTestApp, asSent, deliverBatch, WORKER_AGENT, type RecordedAlgoliaRequest } from "./algolia-test-fixtures";
import { insertListings, uniqueWord } from "./test-fixtures";

function event(type: string, payload: Record<string, unknown>) {
  return { id: newId("event"), type, occurredAt: new Date().toISOString(), payload };
}

function bidPlaced(listingId: string, priceAfterMinor: number, bidCount: number, endsAt: Date) {
  return event("auction.bid_placed", {
    listingId,
    seq: bidCount,
    bidderId: "usr_algolia_bidder",
    bidderAlias: "b***r",
    maxMinor: priceAfterMinor,
    priceAfterMinor,
    currency: "USD",
    leaderIdAfter: "usr_algolia_bidder",
    bidCount,
    endsAt: endsAt.toISOString(),
    at: new Date().toISOString(),
    hash: `hash-${crypto.randomUUID()}`,
  });
}

async function claimedBySync(eventIds: string[]): Promise<string[]> {
  const rows = await withDatabase((db) =>
    db.orm
      .select({ eventId: processedEvents.eventId })
      .from(processedEvents)
      .where(and(eq(processedEvents.consumer, "search.algolia_sync"), inArray(processedEvents.eventId, eventIds))),
  );
  return rows.map((row) => row.eventId).sort();
}

const CREATED_AT = new Date("2030-03-01T12:00:00.123Z");
const ENDS_AT = new Date("2030-04-01T18:30:00.000Z");

describe("the Algolia sync", () => {
  it("sends one batch request per queue batch: active listings replaced whole, ended, sold and missing ones deleted", async () => {
    const algolia = algoliaTestApp();
    const word = uniqueWord();
    // 3,001 two-byte characters: 6,002 bytes of description, cut to the 6,000-byte limit without splitting a character.
    const longDescription = "é".repeat(3_001);
    const [fixed, auction, ended, sold] = await insertListings([
      { title: `${word} lamp`, description: longDescription, categoryId: "cat_electronics__phones", condition: "new", priceMinor: 4_200, currency: "EUR", shipsTo: ["AE", "SA"], shipsFrom: "AE", crowdshipEligible: true, primaryImageId: "img_algolia_1", createdAt: CREATED_AT },
      { title: `${word} clock`, description: "Ticks.", format: "auction", priceMinor: 1_000, endsAt: ENDS_AT, createdAt: CREATED_AT },
      { title: `${word} ended`, status: "ended" },
      { title: `${word} sold`, format: "auction", status: "sold" },
    ]);
    const missing = newId("listing");
    const events = [
      event("listing.created", { listingId: fixed }),
      bidPlaced(auction!, 1_500, 1, ENDS_AT),
      event("listing.ended", { listingId: ended }),
      event("auction.closed", { listingId: sold, sellerId: "usr_search_fixture", winnerId: "usr_algolia_bidder", finalPriceMinor: 900, currency: "USD", reserveMet: true, bidCount: 2, headHash: "h", reason: "ended" }),
      event("listing.updated", { listingId: missing }),
      event("listing.updated", { listingId: fixed }),
    ];

    const outcome = await deliverBatch(algolia.env, events);

    expect(outcome.explicitAcks.sort()).toEqual(["msg-0", "msg-1", "msg-2", "msg-3", "msg-4", "msg-5"]);
    expect(outcome.retryMessages).toEqual([]);
    const shared = { currency: "USD", shipsTo: ["WW"], shipsFrom: null, crowdshipEligible: false, imageUrl: null, categoryId: "cat_electronics__phones", categoryPath: "electronics/phones", categoryPaths: ["electronics", "electronics/phones"] };
    expect((await algolia.requests()).map(asSent)).toEqual([
      {
        method: "POST",
        path: "/1/indexes/listings/batch",
        query: { "x-algolia-agent": WORKER_AGENT },
        headers: { "x-algolia-application-id": algolia.appId, "x-algolia-api-key": ADMIN_KEY, "content-type": "text/plain" },
        body: {
          requests: [
            {
              action: "updateObject",
              body: {
                ...shared,
                objectID: fixed,
                title: `${word} lamp`,
                description: "é".repeat(3_000),
                condition: "new",
                format: "fixed",
                priceMinor: 4_200,
                currency: "EUR",
                endsAtMs: null,
                createdAtMs: CREATED_AT.getTime(),
                shipsTo: ["AE", "SA"],
                shipsFrom: "AE",
                crowdshipEligible: true,
                imageUrl: "/v1/images/img_algolia_1",
                bidCount: 0,
              },
            },
            {
              action: "updateObject",
              // The bid in the same batch was applied to the listing (catalog's handler) before the record was read.
              body: { ...shared, objectID: auction, title: `${word} clock`, description: "Ticks.", condition: "used", format: "auction", priceMinor: 1_500, endsAtMs: ENDS_AT.getTime(), createdAtMs: CREATED_AT.getTime(), bidCount: 1 },
            },
            { action: "deleteObject", body: { objectID: ended } },
            { action: "deleteObject", body: { objectID: sold } },
            { action: "deleteObject", body: { objectID: missing } },
          ],
        },
      },
    ]);
    expect(await claimedBySync(events.map((sent) => sent.id))).toEqual(events.map((sent) => sent.id).sort());
  });

  it("sends nothing for a redelivered batch: every event is already claimed", async () => {
    const algolia = algoliaTestApp();
    const [listing] = await insertListings([{ title: `${uniqueWord()} vase` }]);
    const events = [event("listing.updated", { listingId: listing })];
    await deliverBatch(algolia.env, events);
    const again = await deliverBatch(algolia.env, events);
    expect(again).toEqual({ explicitAcks: ["msg-0"], retryMessages: [] });
    expect(await algolia.requests()).toHaveLength(1);
  });

  it("leaves events of other types to their handlers, acked as before and not part of the batch", async () => {
    const algolia = algoliaTestApp();
    const [listing] = await insertListings([{ title: `${uniqueWord()} rug` }]);
    const welcome = event("user.registered", { userId: newId("user"), email: "algolia@example.com", displayName: "A" });
    const outcome = await deliverBatch(algolia.env, [welcome, event("listing.updated", { listingId: listing })]);
    expect(outcome.explicitAcks.sort()).toEqual(["msg-0", "msg-1"]);
    const [request] = await algolia.requests();
    expect((request!.body as { requests: { action: string; body: { objectID: string } }[] }).requests.map((write) => [write.action, write.body.objectID])).toEqual([["updateObject", listing]]);
    expect(await claimedBySync([welcome.id])).toEqual([]);
  });

  it("retries the whole batch with backoff and claims nothing when Algolia fails; the redelivery sends it", async () => {
    const algolia = algoliaTestApp();
    const [first, second] = await insertListings([{ title: `${uniqueWord()} chair` }, { title: `${uniqueWord()} desk` }]);
    const events = [event("listing.created", { listingId: first }), event("listing.created", { listingId: second })];
    await algolia.respond({ method: "POST", path: "/1/indexes/listings/batch", status: 503, body: { message: "Service unavailable", status: 503 } });

    const failed = await deliverBatch(algolia.env, events);
    expect(failed.explicitAcks).toEqual([]);
    expect(failed.retryMessages.map((retry) => retry.msgId).sort()).toEqual(["msg-0", "msg-1"]); // the pool records no delay: backoff has its own tests
    expect(await claimedBySync(events.map((sent) => sent.id))).toEqual([]);

    const retried = await deliverBatch(algolia.env, events);
    expect(retried.explicitAcks.sort()).toEqual(["msg-0", "msg-1"]);
    const requests = await algolia.requests();
    expect(requests.map((request) => (request.body as { requests: { body: { objectID: string } }[] }).requests.map((write) => write.body.objectID))).toEqual([
      [first, second],
      [first, second],
    ]);
    expect(await claimedBySync(events.map((sent) => sent.id))).toEqual(events.map((sent) => sent.id).sort());
  });

  it("does nothing without all three keys: nothing sent, nothing claimed, events acked", async () => {
    const algolia = algoliaTestApp({ ALGOLIA_ADMIN_KEY: undefined });
    const [listing] = await insertListings([{ title: `${uniqueWord()} stool` }]);
    const events = [event("listing.created", { listingId: listing })];
    expect(await deliverBatch(algolia.env, events)).toEqual({ explicitAcks: ["msg-0"], retryMessages: [] });
    expect(await algolia.requests()).toEqual([]);
    expect(await claimedBySync([events[0]!.id])).toEqual([]);
  });

  it("makes two batches touching one listing take turns, so the later state is the one Algolia keeps", async () => {
    const algolia = algoliaTestApp();
    const [listing] = await insertListings([{ title: `${uniqueWord()} bench`, priceMinor: 1_000 }]);
    await algolia.respond({ method: "POST", path: "/1/indexes/listings/batch", status: 200, body: { taskID: 1, objectIDs: [listing] }, delayMs: 300 });
    const earlier = deliverBatch(algolia.env, [event("listing.updated", { listingId: listing })]);
    let requests: RecordedAlgoliaRequest[] = [];
    for (let poll = 0; poll < 100 && requests.length === 0; poll++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      requests = await algolia.requests();
    }
    expect(requests).toHaveLength(1); // the earlier batch is now waiting for its slow Algolia answer
    await withDatabase((db) => db.orm.update(listings).set({ priceMinor: 2_000 }).where(eq(listings.id, listing!)));
    const later = deliverBatch(algolia.env, [event("listing.updated", { listingId: listing })]);
    await Promise.all([earlier, later]);

    const [first, second] = await algolia.requests();
    const priceSent = (request: RecordedAlgoliaRequest) => (request.body as { requests: { body: { priceMinor: number } }[] }).requests[0]!.body.priceMinor;
    expect([priceSent(first!), priceSent(second!)]).toEqual([1_000, 2_000]);
    expect(second!.receivedAtMs).toBeGreaterThanOrEqual(first!.respondedAtMs!);
  });

  it("reads each listing as it is when the batch is flushed, not as an event described it", async () => {
    const algolia = algoliaTestApp();
    const [listing] = await insertListings([{ title: `${uniqueWord()} mirror` }]);
    await withDatabase((db) => db.orm.update(listings).set({ status: "ended" }).where(eq(listings.id, listing!)));
    await deliverBatch(algolia.env, [event("listing.created", { listingId: listing })]);
    const [request] = await algolia.requests();
    expect(request!.body).toEqual({ requests: [{ action: "deleteObject", body: { objectID: listing } }] });
  });
});
