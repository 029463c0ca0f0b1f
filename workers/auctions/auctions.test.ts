// Auctions end to end inside workerd: bidding over HTTP, the room's rules and storage, closing, the live socket, copies in Postgres.
import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auctionBids, auctionResults, listings, notifications, outboxEvents } from "../../db/schema";
import type { AuctionRoom } from "../../durable-objects/auction-room/auction-room";
import { openAuction, placeBid as engineBid } from "../../durable-objects/auction-room/engine";
import { BIDS_PER_USER_PER_MINUTE } from "../platform/limits";
import { call, createListingAs, expectProblem, registerSeller, registerUser, testEnv, withDatabase } from "../test-support/api";

const usd = (amount: number) => ({ amount, currency: "USD" });

async function auctionListing(overrides: Record<string, unknown> = {}) {
  const seller = await registerSeller("auctioneer");
  const listing = await createListingAs(seller.accessToken, {
    format: "auction",
    price: undefined,
    auction: { startPrice: usd(1_000), endsAt: new Date(Date.now() + 3_600_000).toISOString(), ...overrides },
  });
  return { seller, listing };
}

let keyCounter = 0;
function bid(listingId: string, token: string, amount: number | { amount: unknown; currency: unknown }, key = `key-${++keyCounter}-${crypto.randomUUID()}`) {
  return call("POST", `/v1/auctions/${listingId}/bids`, { token, body: { maxAmount: typeof amount === "number" ? usd(amount) : amount }, headers: { "Idempotency-Key": key } });
}

function room(listingId: string): DurableObjectStub<AuctionRoom> {
  return testEnv.AUCTION_ROOM.get(testEnv.AUCTION_ROOM.idFromName(listingId)) as DurableObjectStub<AuctionRoom>;
}

/** Moves the room's end into the past and fires its alarm, as the runtime would at the end time. */
async function endNow(listingId: string) {
  await runInDurableObject(room(listingId), async (instance: AuctionRoom) => {
    const target = instance as unknown as { state: { endsAtMs: number }; store: { saveState(state: unknown): void } };
    target.state = { ...target.state, endsAtMs: Date.now() - 1 };
    target.store.saveState(target.state);
  });
  return runDurableObjectAlarm(room(listingId));
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 100 && !done(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

describe("bidding over HTTP", () => {
  it("follows the worked example and shows the leader's id only to the leader and the seller", async () => {
    const { seller, listing } = await auctionListing();
    const [a, b, c] = [await registerUser("bidder-a"), await registerUser("bidder-b"), await registerUser("bidder-c")];
    const first = await bid(listing.id, a.accessToken, 5_000);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: "leading", currentPrice: usd(1_000), minNextBid: usd(1_050), bidderAlias: "Bidder 1" });
    expect((await bid(listing.id, b.accessToken, 3_000)).body).toMatchObject({ status: "outbid", currentPrice: usd(3_100) });
    expect((await bid(listing.id, c.accessToken, 5_000)).body).toMatchObject({ status: "outbid", currentPrice: usd(5_000) });
    const asLeader = await call("GET", `/v1/auctions/${listing.id}`, { token: a.accessToken });
    expect(asLeader.body).toMatchObject({ status: "open", currentPrice: usd(5_000), bidCount: 3, leadingBidderAlias: "Bidder 1", leadingBidderId: a.id, reserveMet: true });
    expect((await call("GET", `/v1/auctions/${listing.id}`, { token: seller.accessToken })).body.leadingBidderId).toBe(a.id);
    expect((await call("GET", `/v1/auctions/${listing.id}`, { token: b.accessToken })).body).not.toHaveProperty("leadingBidderId");
    expect((await call("GET", `/v1/auctions/${listing.id}`)).body).not.toHaveProperty("leadingBidderId");
  });

  it("shows history with visible prices and aliases, never ids or maxima", async () => {
    const { listing } = await auctionListing();
    const [a, b] = [await registerUser("hist-a"), await registerUser("hist-b")];
    await bid(listing.id, a.accessToken, 9_000);
    await bid(listing.id, b.accessToken, 2_000);
    const history = await call("GET", `/v1/auctions/${listing.id}/bids`);
    expect(history.body.items.map((item: { bidderAlias: string; amount: unknown }) => [item.bidderAlias, item.amount])).toEqual([["Bidder 2", usd(2_050)], ["Bidder 1", usd(1_000)]]);
    expect(JSON.stringify(history.body)).not.toContain(a.id);
    expect(JSON.stringify(history.body)).not.toContain("9000");
  });

  it("replays the first response for the same Idempotency-Key and body, and refuses the key with another body", async () => {
    const { listing } = await auctionListing();
    const bidder = await registerUser("idem");
    const first = await bid(listing.id, bidder.accessToken, 2_000, "same-key");
    const replay = await bid(listing.id, bidder.accessToken, 2_000, "same-key");
    expect(replay.body).toEqual(first.body);
    expectProblem(await bid(listing.id, bidder.accessToken, 3_000, "same-key"), 422, "IDEMPOTENCY_KEY_REUSED");
    expect((await call("GET", `/v1/auctions/${listing.id}`)).body.bidCount).toBe(1);
    expectProblem(await call("POST", `/v1/auctions/${listing.id}/bids`, { token: bidder.accessToken, body: { maxAmount: usd(5_000) } }), 400, "IDEMPOTENCY_KEY_REQUIRED");
  });

  it("refuses bad bids with the right problem and changes nothing", async () => {
    const { seller, listing } = await auctionListing();
    const bidder = await registerUser("bad-bids");
    expectProblem(await bid(listing.id, bidder.accessToken, { amount: 12.5, currency: "USD" }), 400, "VALIDATION_FAILED");
    expectProblem(await bid(listing.id, bidder.accessToken, { amount: "100", currency: "USD" }), 400, "VALIDATION_FAILED");
    expectProblem(await bid(listing.id, bidder.accessToken, { amount: 5_000, currency: "EUR" }), 422, "WRONG_CURRENCY");
    const low = expectProblem(await bid(listing.id, bidder.accessToken, 999), 422, "BID_TOO_LOW");
    expect(low.minNextBid).toEqual(usd(1_000));
    expectProblem(await bid(listing.id, seller.accessToken, 5_000), 403, "SELLER_CANNOT_BID");
    expectProblem(await bid(listing.id, "", 5_000), 401, "UNAUTHENTICATED");
    expectProblem(await bid("lst_00000000000000000000000000", bidder.accessToken, 5_000), 404, "NOT_FOUND");
    expect((await call("GET", `/v1/auctions/${listing.id}`)).body.bidCount).toBe(0);
  });

  it("refuses bids on a closed auction with 409 AUCTION_CLOSED", async () => {
    const { listing } = await auctionListing();
    const bidder = await registerUser("late");
    await bid(listing.id, bidder.accessToken, 2_000);
    expect(await endNow(listing.id)).toBe(true);
    expectProblem(await bid(listing.id, bidder.accessToken, 9_000), 409, "AUCTION_CLOSED");
    expect((await call("GET", `/v1/auctions/${listing.id}`)).body).toMatchObject({ status: "closed", winnerId: bidder.id, finalPrice: usd(1_000) });
  });

  it("refuses a bidder's bids past the per-minute limit with 429 and Retry-After, while others still bid", async () => {
    const { listing } = await auctionListing();
    const [eager, other] = [await registerUser("eager"), await registerUser("other")];
    for (let index = 0; index < BIDS_PER_USER_PER_MINUTE; index++) expect((await bid(listing.id, eager.accessToken, 2_000 + index * 1_000)).status).toBe(201);
    const limited = await bid(listing.id, eager.accessToken, 100_000);
    expect(expectProblem(limited, 429, "RATE_LIMITED").retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await bid(listing.id, other.accessToken, 200_000)).status).toBe(201);
    expect((await call("GET", `/v1/auctions/${listing.id}`)).body.bidCount).toBe(BIDS_PER_USER_PER_MINUTE + 1);
  });

  it("sells at the Buy It Now price before the first bid, ending the auction", async () => {
    const { listing } = await auctionListing({ buyItNowPrice: usd(9_900) });
    const buyer = await registerUser("bin");
    const bought = await call("POST", `/v1/auctions/${listing.id}/buy-now`, { token: buyer.accessToken });
    expect(bought.status).toBe(201);
    expect(bought.body).toMatchObject({ status: "pending_payment", buyerId: buyer.id, unitPrice: usd(9_900), auction: { status: "closed", winnerId: buyer.id, finalPrice: usd(9_900), buyItNowAvailable: false } });
    expectProblem(await call("POST", `/v1/auctions/${listing.id}/buy-now`, { token: buyer.accessToken }), 409, "AUCTION_CLOSED");
    const [result] = await eventually(() => withDatabase((db) => db.orm.select().from(auctionResults).where(eq(auctionResults.listingId, listing.id))), (rows) => rows.length === 1);
    expect(result).toMatchObject({ winnerId: buyer.id, finalPriceMinor: 9_900, reason: "bought" });
  });
});

describe("the AuctionRoom object", () => {
  it("ends many concurrent bidders in the state the engine gives for the order the room accepted them", async () => {
    const { seller, listing } = await auctionListing();
    const bidders = await Promise.all(Array.from({ length: 12 }, (_, index) => registerUser(`crowd-${index}`)));
    await Promise.all(bidders.map((bidder, index) => bid(listing.id, bidder.accessToken, 1_000 + ((index * 7_919) % 50) * 100)));
    const log = await runInDurableObject(room(listing.id), async (_instance, state) =>
      state.storage.sql.exec<{ bidder_id: string; max_minor: number; at_ms: number }>("SELECT bidder_id, max_minor, at_ms FROM bids ORDER BY seq").toArray(),
    );
    const terms = { listingId: listing.id, sellerId: seller.id, currency: "USD" as const, startPriceMinor: 1_000, reservePriceMinor: null, buyItNowPriceMinor: null, endsAtMs: Date.parse(listing.auction.endsAt), closeMode: "hard" as const, softCloseSeconds: 120, maxExtensionSeconds: 3_600 };
    let replay = openAuction(terms);
    for (const entry of log) {
      const outcome = engineBid(replay, { bidderId: entry.bidder_id, maxMinor: entry.max_minor, currency: "USD" }, entry.at_ms);
      expect(outcome.ok).toBe(true);
      if (outcome.ok) replay = outcome.state;
    }
    const snapshot = await call("GET", `/v1/auctions/${listing.id}`);
    expect({ price: snapshot.body.currentPrice.amount, bids: snapshot.body.bidCount }).toEqual({ price: replay.currentPriceMinor, bids: replay.bidCount });
    expect(await room(listing.id).verifyBidLog()).toMatchObject({ valid: true, bidCount: replay.bidCount });
  });

  it("closes once even when its alarm fires twice, recording one result and one auction.closed", async () => {
    const { listing } = await auctionListing();
    const bidder = await registerUser("twice");
    await bid(listing.id, bidder.accessToken, 4_000);
    await endNow(listing.id);
    await runInDurableObject(room(listing.id), async (instance: AuctionRoom) => instance.alarm());
    const results = await withDatabase((db) => db.orm.select().from(auctionResults).where(eq(auctionResults.listingId, listing.id)));
    expect(results).toHaveLength(1);
    const closedEvents = await withDatabase((db) => db.orm.select().from(outboxEvents).where(sql`${outboxEvents.type} = 'auction.closed' and ${outboxEvents.payload}->>'listingId' = ${listing.id}`));
    expect(closedEvents).toHaveLength(1);
    expect(closedEvents[0]!.payload).toMatchObject({ winnerId: bidder.id, finalPriceMinor: 1_000, reserveMet: true, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("keeps its state and bid log across a restart", async () => {
    const { listing } = await auctionListing();
    const bidder = await registerUser("restart");
    await bid(listing.id, bidder.accessToken, 3_000);
    const before = (await call("GET", `/v1/auctions/${listing.id}`)).body;
    await abortAllDurableObjects();
    const after = (await call("GET", `/v1/auctions/${listing.id}`)).body;
    expect(after).toEqual(before);
    expect((await room(listing.id).verifyBidLog()).valid).toBe(true);
  });

  it("detects a tampered bid log", async () => {
    const { listing } = await auctionListing();
    const bidder = await registerUser("tamper");
    await bid(listing.id, bidder.accessToken, 3_000);
    await runInDurableObject(room(listing.id), async (_instance, state) => {
      state.storage.sql.exec("UPDATE bids SET max_minor = 999999 WHERE seq = 1");
    });
    expect((await room(listing.id).verifyBidLog()).valid).toBe(false);
  });
});

describe("the live room", () => {
  async function watch(listingId: string) {
    const response = await (exports as unknown as { default: Fetcher }).default.fetch(`http://localhost/v1/auctions/${listingId}/live`, { headers: { Upgrade: "websocket" } });
    expect(response.status).toBe(101);
    const socket = response.webSocket!;
    const messages: { type: string; [key: string]: unknown }[] = [];
    socket.accept();
    socket.addEventListener("message", (event) => messages.push(JSON.parse(String(event.data))));
    return { socket, messages };
  }

  it("sends the state on connect, then the same sequence of bid, extended and closed messages to every watcher", async () => {
    const { listing } = await auctionListing({ closeMode: "soft", endsAt: new Date(Date.now() + 60_000).toISOString() });
    const [first, second] = [await watch(listing.id), await watch(listing.id)];
    const [a, b] = [await registerUser("live-a"), await registerUser("live-b")];
    await bid(listing.id, a.accessToken, 2_000);
    await bid(listing.id, b.accessToken, 3_000);
    await endNow(listing.id);
    await eventually(async () => second.messages.length, (count) => count >= 6);
    // Both bids land inside the 120 s soft-close window of a 60 s auction, so each one extends it.
    expect(first.messages.map((message) => message.type)).toEqual(["state", "bid", "extended", "bid", "extended", "closed"]);
    expect(second.messages).toEqual(first.messages);
    const bids = first.messages.filter((message) => message.type === "bid");
    expect(bids.at(-1)).toMatchObject({ currentPrice: usd(2_050), bidCount: 2, leadingBidderAlias: "Bidder 2" });
    expect(first.messages.at(-1)).toMatchObject({ type: "closed", winnerAlias: "Bidder 2", finalPrice: usd(2_050), reserveMet: true });
    first.socket.close();
    second.socket.close();
  });

  it("answers a ping with a pong", async () => {
    const { listing } = await auctionListing();
    const watcher = await watch(listing.id);
    watcher.socket.send(JSON.stringify({ type: "ping" }));
    const messages = await eventually(async () => watcher.messages, (list) => list.some((message) => message.type === "pong"));
    expect(messages.map((message) => message.type)).toEqual(["state", "pong"]);
    watcher.socket.close();
  });

  it("refuses a plain GET on the live path with 400", async () => {
    const { listing } = await auctionListing();
    expectProblem(await call("GET", `/v1/auctions/${listing.id}/live`), 400, "VALIDATION_FAILED");
  });
});

describe("copies in Postgres", () => {
  it("copies bids, updates the listing, tells the outbid bidder and lists my bids with where I stand", async () => {
    const { listing } = await auctionListing();
    const [a, b] = [await registerUser("copy-a"), await registerUser("copy-b")];
    await bid(listing.id, a.accessToken, 2_000);
    await bid(listing.id, b.accessToken, 5_000);
    const copies = await eventually(() => withDatabase((db) => db.orm.select().from(auctionBids).where(eq(auctionBids.listingId, listing.id))), (rows) => rows.length === 2);
    expect(copies.map((row) => [row.seq, row.bidderAlias, row.priceAfterMinor])).toEqual([[1, "Bidder 1", 1_000], [2, "Bidder 2", 2_050]]);
    const row = await eventually(() => withDatabase(async (db) => (await db.orm.select().from(listings).where(eq(listings.id, listing.id)))[0]!), (value) => value.bidCount === 2);
    expect(row.priceMinor).toBe(2_050);
    const mine = await eventually(() => call("GET", "/v1/me/bids", { token: a.accessToken }), (response) => response.body.items?.[0]?.status === "outbid");
    expect(mine.body.items).toEqual([expect.objectContaining({ listingId: listing.id, status: "outbid", myMaxAmount: usd(2_000), currentPrice: usd(2_050), bidCount: 2 })]);
    expect((await call("GET", "/v1/me/bids", { token: b.accessToken })).body.items[0].status).toBe("leading");
    const outbid = await eventually(() => withDatabase((db) => db.orm.select().from(notifications).where(eq(notifications.userId, a.id))), (rows) => rows.some((n) => n.kind === "outbid"));
    expect(outbid.find((n) => n.kind === "outbid")?.title).toBe(`You've been outbid on ${listing.title}`);
  });

  it("marks the listing sold to the winner once the auction closes", async () => {
    const { listing } = await auctionListing();
    const bidder = await registerUser("winner");
    await bid(listing.id, bidder.accessToken, 3_000);
    await endNow(listing.id);
    const row = await eventually(() => withDatabase(async (db) => (await db.orm.select().from(listings).where(eq(listings.id, listing.id)))[0]!), (value) => value.status === "sold");
    expect(row).toMatchObject({ status: "sold", priceMinor: 1_000 });
    const mine = await eventually(() => call("GET", "/v1/me/bids", { token: bidder.accessToken }), (response) => response.body.items?.[0]?.status === "won");
    expect(mine.body.items[0]).toMatchObject({ status: "won", currentPrice: usd(1_000) });
  });
});
