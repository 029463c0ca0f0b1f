// Browser test: two buyers in separate browsers bid on a seller's auction and see each other's bids arrive live.
import { randomUUID } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowser, textOf, url, type BrowserSession } from "./browser";

const baseUrl = inject("baseUrl");
const testTimeoutMs = 90_000;
// Shorter than the test timeout so a missing element fails with Playwright's message, not a bare timeout.
const stepTimeoutMs = 30_000;

const runId = `${Date.now()}-${randomUUID().slice(0, 8)}`;
const password = "correct horse battery staple";
const title = `E2E auction phone ${runId}`;
const softTitle = `E2E soft-close phone ${runId}`;
const buyers = {
  a: { displayName: `Bidder A ${runId.slice(-8)}`, email: `e2e-auction-a-${runId}@example.com` },
  b: { displayName: `Bidder B ${runId.slice(-8)}`, email: `e2e-auction-b-${runId}@example.com` },
};

let browserA: BrowserSession | undefined;
let browserB: BrowserSession | undefined;
let pageA: Page;
let pageB: Page;
let listingPath = "";
let softListingPath = "";

interface Session {
  accessToken: string;
}

/** The API as the seller's own client would call it (the seller never opens a browser here). */
async function callApi<T>(method: string, path: string, { token, body }: { token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

function auctionListing(listingTitle: string, auction: Record<string, unknown>) {
  return {
    title: listingTitle,
    description: "Used, in good order, with its box. Bidding end to end.",
    categoryId: "cat_electronics__phones",
    condition: "used",
    quantity: 1,
    format: "auction",
    attributes: { brand: "Apple", storage: "128GB" },
    auction,
  };
}

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

beforeAll(async () => {
  const seller = await callApi<Session>("POST", "/v1/auth/register", { body: { email: `e2e-auction-seller-${runId}@example.com`, password, displayName: `Seller ${runId.slice(-8)}` } });
  await callApi("POST", "/v1/me/roles", { token: seller.accessToken, body: { role: "seller" } });
  const listing = await callApi<{ id: string }>("POST", "/v1/listings", {
    token: seller.accessToken,
    body: auctionListing(title, { startPrice: { amount: 1000, currency: "USD" }, endsAt: inMinutes(60) }),
  });
  // Soft close with a window longer than the time left: any bid extends it, so the extension is seen without waiting.
  const softListing = await callApi<{ id: string }>("POST", "/v1/listings", {
    token: seller.accessToken,
    body: auctionListing(softTitle, { startPrice: { amount: 500, currency: "USD" }, endsAt: inMinutes(30), closeMode: "soft", softCloseSeconds: 3600 }),
  });
  listingPath = `/listings/${listing.id}`;
  softListingPath = `/listings/${softListing.id}`;
  [browserA, browserB] = await Promise.all([openBrowser({ stepTimeoutMs }), openBrowser({ stepTimeoutMs })]);
  pageA = browserA.page;
  pageB = browserB.page;
}, testTimeoutMs);

afterAll(async () => {
  await Promise.all([browserA?.close(), browserB?.close()]);
});

const auctionOf = (page: Page) => page.getByRole("region", { name: "Auction" });
const priceOf = (page: Page) => auctionOf(page).locator(".auction-price");
const bidCountOf = (page: Page) => auctionOf(page).locator(".bid-count");
const standingText = (page: Page, text: string) => auctionOf(page).getByText(text, { exact: true });
const polled = (read: () => Promise<unknown>) => expect.poll(read, { timeout: stepTimeoutMs });
const text = (locator: Locator) => async () => (await locator.textContent())?.trim() ?? "";

async function register(page: Page, buyer: { displayName: string; email: string }): Promise<void> {
  await page.goto(url("/register"));
  await page.getByLabel("Display name").fill(buyer.displayName);
  await page.getByLabel("Email").fill(buyer.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("banner").getByRole("link", { name: buyer.displayName }).waitFor();
}

async function openLive(page: Page, path: string): Promise<void> {
  await page.goto(url(path));
  await auctionOf(page).getByText("Live", { exact: true }).waitFor();
}

async function bid(page: Page, amount: string): Promise<void> {
  const auction = auctionOf(page);
  await auction.getByLabel("Your maximum bid").fill(amount);
  await auction.getByRole("button", { name: /^(Place bid|Raise maximum)$/ }).click();
}

/** Marks the page so a later check can tell it was never reloaded. */
const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { e2eNotReloaded: true }));
const stillSamePage = (page: Page) => page.evaluate(() => "e2eNotReloaded" in window);

describe("bidding on an auction, live, from two browsers", { timeout: testTimeoutMs }, () => {
  it("a signed-out visitor sees the auction and is asked to sign in to bid", async () => {
    await pageB.goto(url(listingPath));

    const auction = auctionOf(pageB);
    expect(await textOf(priceOf(pageB))).toBe("$10.00");
    expect(await textOf(auction.locator(".price-label"))).toBe("Auction Starting bid");
    expect(await textOf(bidCountOf(pageB))).toBe("0 bids");
    expect(await textOf(auction.getByText("No reserve", { exact: true }))).toBe("No reserve");
    expect(await textOf(auction.getByRole("timer"))).toMatch(/^Ends in (59m|1h 0m)/);
    expect(await auction.getByRole("link", { name: "Sign in to bid" }).getAttribute("href")).toBe("/sign-in");
    expect(await auction.getByLabel("Your maximum bid").count()).toBe(0);
  });

  it("two buyers register in their own browsers and open the auction", async () => {
    await Promise.all([register(pageA, buyers.a), register(pageB, buyers.b)]);
    await Promise.all([openLive(pageA, listingPath), openLive(pageB, listingPath)]);

    expect(await textOf(auctionOf(pageA).getByText("Minimum next bid"))).toBe("Minimum next bid $10.00");
    expect(await textOf(auctionOf(pageA).getByRole("region", { name: "Bid history" }).getByText("No bids yet."))).toBe("No bids yet.");
  });

  it("buyer A bids $20.00 and is the highest bidder", async () => {
    await markPage(pageB);
    await bid(pageA, "20.00");

    await standingText(pageA, "You're the highest bidder").waitFor();
    // Alone, A's maximum stays hidden: the price is still the start price.
    expect(await textOf(priceOf(pageA))).toBe("$10.00");
    await polled(text(bidCountOf(pageA))).toBe("1 bid");
    expect(await auctionOf(pageA).getByLabel("Your maximum bid").inputValue()).toBe("");
  });

  it("buyer B's page shows A's bid without a reload", async () => {
    await polled(text(bidCountOf(pageB))).toBe("1 bid");
    await polled(text(auctionOf(pageB).locator(".min-next-bid"))).toBe("Minimum next bid $10.50");
    expect(await textOf(auctionOf(pageB).locator(".price-label"))).toBe("Auction Current bid");
    expect(await textOf(priceOf(pageB))).toBe("$10.00");
    expect(await stillSamePage(pageB)).toBe(true);
    // B has not bid, so B has no standing to show.
    expect(await standingText(pageB, "You're the highest bidder").count()).toBe(0);
  });

  it("buyer B bids $30.00 and leads at $20.50; A's page turns to outbid without a reload", async () => {
    await markPage(pageA);
    await bid(pageB, "30.00");

    await standingText(pageB, "You're the highest bidder").waitFor();
    await polled(text(priceOf(pageB))).toBe("$20.50");
    await polled(text(bidCountOf(pageB))).toBe("2 bids");

    await standingText(pageA, "You've been outbid").waitFor();
    await polled(text(priceOf(pageA))).toBe("$20.50");
    await polled(text(bidCountOf(pageA))).toBe("2 bids");
    expect(await standingText(pageA, "You're the highest bidder").count()).toBe(0);
    expect(await stillSamePage(pageA)).toBe(true);
  });

  it("a bid under the minimum is refused by the server, which says what the minimum is", async () => {
    const refusal = pageA.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname.endsWith("/bids"));
    await bid(pageA, "20.75");

    const response = await refusal;
    expect(response.status()).toBe(422);
    expect(((await response.json()) as { code: string }).code).toBe("BID_TOO_LOW");
    const field = auctionOf(pageA).getByLabel("Your maximum bid");
    await polled(() => field.getAttribute("aria-invalid")).toBe("true");
    expect(await textOf(auctionOf(pageA).getByText("Bid at least $21.00: that is the minimum now."))).toBe("Bid at least $21.00: that is the minimum now.");
    // Focus goes to the field to fix.
    expect(await field.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    expect(await textOf(bidCountOf(pageA))).toBe("2 bids");
  });

  it("the bid history lists both bids by alias, newest first, on both pages", async () => {
    const entries = (page: Page) => auctionOf(page).getByRole("list", { name: "Bids, newest first" }).getByRole("listitem");
    const rows = (page: Page) => async () => (await entries(page).allTextContents()).map((row) => row.replace(/\d{1,2}:\d{2}:\d{2}.*$/, "").trim());

    await polled(rows(pageA)).toEqual(["Bidder 2$20.50", "Bidder 1 (you)$10.00"]);
    await polled(rows(pageB)).toEqual(["Bidder 2 (you)$20.50", "Bidder 1$10.00"]);
  });

  it("My bids shows A outbid on the auction once the bid copies arrive", async () => {
    await pageA.getByRole("banner").getByRole("link", { name: "My bids" }).click();
    await pageA.getByRole("heading", { name: "Your bids", level: 1 }).waitFor();

    const row = pageA.getByRole("list", { name: "Auctions you bid on" }).getByRole("listitem").filter({ hasText: title });
    // The list is copied from the room asynchronously: refresh until it has caught up.
    await expect
      .poll(
        async () => {
          if ((await row.count()) === 1 && (await row.getByText("Outbid", { exact: true }).count()) === 1) return true;
          await pageA.getByRole("button", { name: "Refresh" }).click();
          return false;
        },
        { timeout: stepTimeoutMs, interval: 1000 },
      )
      .toBe(true);
    expect(await row.getByRole("link", { name: title }).getAttribute("href")).toBe(listingPath);
    expect(await textOf(row.getByText("$20.50", { exact: true }))).toBe("$20.50");
    expect(await textOf(row.getByText("$20.00", { exact: true }))).toBe("$20.00");
  });

  it("a late bid on a soft-close auction extends it on the other buyer's page", async () => {
    await Promise.all([openLive(pageA, softListingPath), openLive(pageB, softListingPath)]);
    const countdownB = auctionOf(pageB).getByRole("timer");
    expect(await textOf(countdownB)).toMatch(/^Ends in (29m|30m)/);
    await markPage(pageB);

    await bid(pageA, "6.00");

    await standingText(pageA, "You're the highest bidder").waitFor();
    await polled(text(countdownB)).toMatch(/^Ends in (59m|1h 0m)/);
    expect(await textOf(auctionOf(pageB).getByText(/^Extended by a late bid/))).toMatch(/^Extended by a late bid: it now ends at /);
    await polled(text(bidCountOf(pageB))).toBe("1 bid");
    expect(await stillSamePage(pageB)).toBe(true);
  });
});
