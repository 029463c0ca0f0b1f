// Browser test: a paid order's escrow entries and a closed auction's result, once the anchoring cron has put them on the
// platform's anvil chain, show "Verified" when checked from the browser against the anchor contract.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowser, textOf, url, type BrowserSession } from "./browser";

const baseUrl = inject("baseUrl");
const testTimeoutMs = 90_000;
const stepTimeoutMs = 30_000;
/**
 * The job batches only rows older than ANCHOR_SETTLE_MS (1 min, workers/platform/limits.ts), so the first anchoring can
 * only come a minute after paying; the test runs the cron itself meanwhile instead of waiting for the next minute's run.
 */
const anchoredTimeoutMs = 150_000;
const CRON_POLL_MS = 3_000;

const runId = `${Date.now()}-${randomUUID().slice(0, 8)}`;
const password = "correct horse battery staple";
const buyer = { displayName: `Buyer ${runId.slice(-8)}`, email: `e2e-anchor-buyer-${runId}@example.com` };
const verified = /^✓ Verified in block \d+$/;

let browser: BrowserSession | undefined;
let page: Page;
let orderId = "";
let auctionPath = "";
let auctionListingId = "";

async function callApi<T>(method: string, path: string, { token, body, idempotent }: { token?: string; body?: unknown; idempotent?: boolean } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: {
      Accept: "application/json",
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
      ...(idempotent ? { "Idempotency-Key": randomUUID() } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function ok<T>(method: string, path: string, options: Parameters<typeof callApi>[2] = {}): Promise<T> {
  const response = await callApi<T>(method, path, options);
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Runs the platform's cron (wrangler dev's /__scheduled) until `done` holds. */
async function anchorUntil(done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + anchoredTimeoutMs - 10_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("the anchoring cron did not anchor in time");
    await fetch(new URL(`/__scheduled?cron=${encodeURIComponent("* * * * *")}`, baseUrl));
    await new Promise((resolve) => setTimeout(resolve, CRON_POLL_MS));
  }
}

let buyerToken = "";

beforeAll(async () => {
  const seller = await ok<{ accessToken: string }>("POST", "/v1/auth/register", { body: { email: `e2e-anchor-seller-${runId}@example.com`, password, displayName: `Seller ${runId.slice(-8)}` } });
  await ok("POST", "/v1/me/roles", { token: seller.accessToken, body: { role: "seller" } });
  const item = { description: "Boxed, with its charger. Anchored end to end.", categoryId: "cat_electronics__phones", condition: "used", quantity: 1, attributes: { brand: "Apple", storage: "128GB" } };
  const fixed = await ok<{ id: string }>("POST", "/v1/listings", {
    token: seller.accessToken,
    body: { ...item, title: `E2E anchored phone ${runId}`, format: "fixed", price: { amount: 2000, currency: "USD" }, shipping: { shipsFrom: { country: "DE" }, regions: ["WW"], cost: { amount: 0, currency: "USD" } } },
  });
  const auction = await ok<{ id: string }>("POST", "/v1/listings", {
    token: seller.accessToken,
    body: {
      ...item,
      title: `E2E anchored auction ${runId}`,
      format: "auction",
      auction: { startPrice: { amount: 1000, currency: "USD" }, buyItNowPrice: { amount: 3000, currency: "USD" }, endsAt: new Date(Date.now() + 3_600_000).toISOString() },
    },
  });
  auctionListingId = auction.id;
  auctionPath = `/listings/${auction.id}`;

  buyerToken = (await ok<{ accessToken: string }>("POST", "/v1/auth/register", { body: { email: buyer.email, password, displayName: buyer.displayName } })).accessToken;
  const delivery = { method: "shipping", address: { name: buyer.displayName, line1: "1 Example Street", city: "Amsterdam", postalCode: "1011 AB", country: "NL" } };
  orderId = (await ok<{ id: string }>("POST", "/v1/orders", { token: buyerToken, body: { listingId: fixed.id, quantity: 1, delivery }, idempotent: true })).id;
  await ok("POST", `/v1/orders/${orderId}/pay`, { token: buyerToken, body: { source: "card", paymentMethod: "pm_card_visa" }, idempotent: true });
  // Buy It Now closes the auction at once: its result is recorded, to be anchored with the order's entries.
  await ok("POST", `/v1/auctions/${auction.id}/buy-now`, { token: buyerToken, body: {} });

  browser = await openBrowser({ stepTimeoutMs });
  page = browser.page;
  await page.goto(url("/sign-in"));
  await page.getByLabel("Email").fill(buyer.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("banner").getByRole("link", { name: buyer.displayName }).waitFor();
}, testTimeoutMs);

afterAll(async () => {
  await browser?.close();
});

describe("verifying anchored proofs in the browser", { timeout: testTimeoutMs }, () => {
  it("the order page says the fresh escrow entries are not anchored yet", async () => {
    await page.goto(url(`/orders/${orderId}`));
    const section = page.getByRole("region", { name: "On-chain proofs" });
    expect(await textOf(section.locator(".proofs-pending"))).toMatch(/^2 entries are not anchored yet/);
  });

  it("once the cron anchored them, Verify on chain shows each of the buyer's entries verified with its block", { timeout: anchoredTimeoutMs + 30_000 }, async () => {
    await anchorUntil(async () => {
      const proofs = await callApi<{ items: unknown[]; pending: number }>("GET", `/v1/orders/${orderId}/proofs`, { token: buyerToken });
      return proofs.status === 200 && proofs.body.pending === 0 && proofs.body.items.length === 2;
    });
    await page.getByRole("button", { name: "Check again" }).click();
    const table = page.getByRole("table", { name: "On-chain proofs of this order" });
    const rows = table.locator("tbody tr");
    await rows.first().waitFor();
    expect(await rows.locator("th").allTextContents()).toEqual(expect.arrayContaining(["Available balance", "Held in escrow"]));
    for (const row of await rows.all()) {
      await row.getByRole("button", { name: /^Verify on chain/ }).click();
      expect(await textOf(row.getByRole("status"))).toMatch(verified);
    }
  });

  it("a proof whose amount was changed on the way shows not verified, with the reason", async () => {
    // As if the server (or anything between) lied about an entry: the browser recomputes the leaf and notices.
    await page.route(`**/v1/orders/${orderId}/proofs`, async (route) => {
      const response = await route.fetch();
      const proofs = (await response.json()) as { items: { leaf: { values: { amountMinor: string } } }[] };
      proofs.items[0]!.leaf.values.amountMinor = "999999";
      await route.fulfill({ response, json: proofs });
    });
    await page.reload();
    const row = page.getByRole("table", { name: "On-chain proofs of this order" }).locator("tbody tr").first();
    await row.getByRole("button", { name: /^Verify on chain/ }).click();
    expect(await textOf(row.getByRole("status"))).toMatch(/^✗ Not verified: the leaf values hash to 0x[0-9a-f]{64}, not the stated 0x[0-9a-f]{64}$/);
    await page.unroute(`**/v1/orders/${orderId}/proofs`);
  });

  it("the closed auction's page shows its anchored result verified", { timeout: anchoredTimeoutMs + 30_000 }, async () => {
    await anchorUntil(async () => (await callApi("GET", `/v1/auctions/${auctionListingId}/proof`)).status === 200);
    await page.goto(url(auctionPath));
    const table = page.getByRole("table", { name: "On-chain proof of this auction" });
    expect(await textOf(table.locator("tbody th"))).toBe("Auction result: sold (0 bids)");
    await table.getByRole("button", { name: /^Verify on chain/ }).click();
    expect(await textOf(table.getByRole("status"))).toMatch(verified);
  });
});
