// Browser test: buy, pay by sandbox card, ship, confirm and the seller is paid; then the wallet, paying from it, and a dispute refunded by an admin.
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
const title = `E2E order phone ${runId}`;
const buyer = { displayName: `Buyer ${runId.slice(-8)}`, email: `e2e-order-buyer-${runId}@example.com` };
const seller = { displayName: `Seller ${runId.slice(-8)}`, email: `e2e-order-seller-${runId}@example.com` };

// $12.50 plus $5.00 shipping; the fee is PLATFORM_FEE_BPS (500 in wrangler.toml) of the total, rounded half up.
const priceMinor = 1250;
const shippingMinor = 500;
const totalMinor = priceMinor + shippingMinor;
const platformFeeBps = 500;
const expectedFeeMinor = Math.floor((totalMinor * platformFeeBps + 5000) / 10_000);
// The platform seeds this dev-only admin (scripts/platform/seed-users.ts); importing that file would pull the Worker's types in here.
const admin = { email: "admin@mnbara.dev", password: "dev-admin-password" };
const dollars = (minor: number) => `$${(minor / 100).toFixed(2)}`;

let buyerBrowser: BrowserSession | undefined;
let sellerBrowser: BrowserSession | undefined;
let buyerPage: Page;
let sellerPage: Page;
let sellerToken = "";
let listingPath = "";
let orderPath = "";

/** The API as the seller's own client would call it, to list the item without going through the sell form again. */
async function callApi<T>(method: string, path: string, { token, body }: { token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  const session = await callApi<{ accessToken: string }>("POST", "/v1/auth/register", { body: { email: seller.email, password, displayName: seller.displayName } });
  sellerToken = session.accessToken;
  await callApi("POST", "/v1/me/roles", { token: sellerToken, body: { role: "seller" } });
  const listing = await callApi<{ id: string }>("POST", "/v1/listings", {
    token: sellerToken,
    body: {
      title,
      description: "Unlocked, with its box and charger. Bought and paid for end to end.",
      categoryId: "cat_electronics__phones",
      condition: "used",
      quantity: 3,
      format: "fixed",
      price: { amount: priceMinor, currency: "USD" },
      attributes: { brand: "Apple", storage: "128GB" },
      shipping: { shipsFrom: { country: "DE", city: "Berlin" }, regions: ["WW"], cost: { amount: shippingMinor, currency: "USD" } },
    },
  });
  listingPath = `/listings/${listing.id}`;
  [buyerBrowser, sellerBrowser] = await Promise.all([openBrowser({ stepTimeoutMs }), openBrowser({ stepTimeoutMs })]);
  buyerPage = buyerBrowser.page;
  sellerPage = sellerBrowser.page;
}, testTimeoutMs);

afterAll(async () => {
  await Promise.all([buyerBrowser?.close(), sellerBrowser?.close()]);
});

const header = (page: Page) => page.getByRole("banner");
const polled = (read: () => Promise<unknown>) => expect.poll(read, { timeout: stepTimeoutMs });
const notice = (page: Page, message: string) => page.getByRole("status").filter({ hasText: message });
// The value beside a term in a details list (a <dd> after its <dt>).
const summaryValue = (page: Page, term: string) => page.locator(`dt:text-is("${term}") + dd`);
const statusBadge = (page: Page) => page.locator(".order-status-line .badge");

async function fillAddressAndContinue(form: Locator): Promise<void> {
  await form.getByLabel("Address line 1").fill("1 Example Street");
  await form.getByLabel("City").fill("Amsterdam");
  await form.getByLabel("Postal code").fill("1011 AB");
  await form.getByRole("combobox", { name: "Country" }).selectOption("NL");
  await form.getByRole("button", { name: "Continue to checkout" }).click();
}

describe("buying a fixed-price item and paying the seller through escrow", { timeout: testTimeoutMs }, () => {
  it("the buyer registers, opens the listing and sees Buy It Now", async () => {
    await buyerPage.goto(url("/register"));
    await buyerPage.getByLabel("Display name").fill(buyer.displayName);
    await buyerPage.getByLabel("Email").fill(buyer.email);
    await buyerPage.getByLabel("Password").fill(password);
    await buyerPage.getByRole("button", { name: "Create account" }).click();
    await header(buyerPage).getByRole("link", { name: buyer.displayName }).waitFor();

    await buyerPage.goto(url(listingPath));
    expect(await textOf(buyerPage.getByRole("heading", { level: 1 }))).toBe(title);
    expect(await textOf(buyerPage.locator(".price-large"))).toBe(dollars(priceMinor));
    expect(await buyerPage.getByRole("button", { name: "Buy It Now" }).isVisible()).toBe(true);
  });

  it("asks for the delivery address and refuses to continue without it", async () => {
    await buyerPage.getByRole("button", { name: "Buy It Now" }).click();
    const form = buyerPage.getByRole("form", { name: "Buy It Now" });
    expect(await form.getByLabel("Full name").inputValue()).toBe(buyer.displayName);
    expect(await textOf(form.locator(".buy-total strong"))).toBe(dollars(totalMinor));

    await form.getByRole("button", { name: "Continue to checkout" }).click();

    const line1 = form.getByLabel("Address line 1");
    await polled(() => line1.getAttribute("aria-invalid")).toBe("true");
    expect(await textOf(form.getByText("Enter the street address."))).toBe("Enter the street address.");
    expect(await textOf(form.getByText("Choose the country."))).toBe("Choose the country.");
    expect(new URL(buyerPage.url()).pathname).toBe(listingPath);
  });

  it("places the order with a shipping address and lands on checkout with the order's total", async () => {
    const form = buyerPage.getByRole("form", { name: "Buy It Now" });
    await fillAddressAndContinue(form);

    await buyerPage.waitForURL(/\/orders\/ord_[A-Za-z0-9]+\/checkout$/);
    orderPath = new URL(buyerPage.url()).pathname.replace(/\/checkout$/, "");
    await buyerPage.getByRole("heading", { name: "Checkout", level: 1 }).waitFor();
    expect(await textOf(summaryValue(buyerPage, "Item"))).toBe(title);
    expect(await textOf(summaryValue(buyerPage, "Quantity"))).toBe("1");
    expect(await textOf(summaryValue(buyerPage, "Shipping"))).toBe(dollars(shippingMinor));
    expect(await textOf(summaryValue(buyerPage, "Total"))).toBe(dollars(totalMinor));
    // An empty wallet cannot pay, so the card is chosen already; the buyer never sees the fee.
    expect(await buyerPage.getByRole("radio", { name: /^Card/ }).isChecked()).toBe(true);
    expect(await buyerPage.getByText("Platform fee").count()).toBe(0);
  });

  it("pays with the sandbox card pm_card_visa and sees the order paid, the money in escrow", async () => {
    const pay = buyerPage.getByRole("form", { name: "Pay for the order" });
    await pay.getByRole("combobox", { name: "Test card" }).selectOption("pm_card_visa");
    const paid = buyerPage.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname.endsWith("/pay"));
    await pay.getByRole("button", { name: `Pay ${dollars(totalMinor)}` }).click();

    const response = await paid;
    expect(response.status()).toBe(200);
    expect(response.request().headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    await buyerPage.waitForURL(url(orderPath));
    await notice(buyerPage, "Payment received.").waitFor();
    expect(await textOf(statusBadge(buyerPage))).toBe("Paid");
    expect(await buyerPage.getByRole("button", { name: "Confirm delivery" }).count()).toBe(0);
  });

  it("the seller signs in, finds the sale under Orders → Selling and sees the fee and payout", async () => {
    await sellerPage.goto(url("/sign-in"));
    await sellerPage.getByLabel("Email").fill(seller.email);
    await sellerPage.getByLabel("Password").fill(password);
    await sellerPage.getByRole("button", { name: "Sign in" }).click();
    await header(sellerPage).getByRole("link", { name: seller.displayName }).waitFor();

    await header(sellerPage).getByRole("link", { name: "Orders" }).click();
    await sellerPage.getByRole("heading", { name: "Your orders", level: 1 }).waitFor();
    await sellerPage.getByRole("navigation", { name: "Buying or selling" }).getByRole("link", { name: "Selling" }).click();
    const row = sellerPage.getByRole("list", { name: "Selling orders" }).getByRole("listitem").filter({ hasText: title });
    expect(await textOf(row.getByText("Paid", { exact: true }))).toBe("Paid");
    await row.getByRole("link", { name: title }).click();

    await sellerPage.waitForURL(url(orderPath));
    expect(await textOf(summaryValue(sellerPage, "Total"))).toBe(dollars(totalMinor));
    expect(await textOf(summaryValue(sellerPage, "Platform fee"))).toBe(`−${dollars(expectedFeeMinor)}`);
    expect(await textOf(summaryValue(sellerPage, "You receive"))).toBe(dollars(totalMinor - expectedFeeMinor));
  });

  it("the seller marks it shipped with the carrier and tracking number", async () => {
    const ship = sellerPage.getByRole("form", { name: "Ship the item" });
    await ship.getByLabel("Carrier").fill("DHL");
    await ship.getByLabel("Tracking number").fill("JJD000390007");
    await ship.getByRole("button", { name: "Mark shipped" }).click();

    await notice(sellerPage, "Marked as shipped.").waitFor();
    expect(await textOf(statusBadge(sellerPage))).toBe("Shipped");
    expect(await textOf(summaryValue(sellerPage, "Tracking number"))).toBe("JJD000390007");
    const timeline = sellerPage.getByRole("list", { name: "Order timeline" }).getByRole("listitem");
    await polled(async () => (await timeline.allTextContents()).map((entry) => entry.split(/\s/)[0])).toEqual(["Awaiting", "Paid", "Shipped"]);
  });

  it("the buyer confirms delivery and the order completes", async () => {
    await buyerPage.reload();
    expect(await textOf(statusBadge(buyerPage))).toBe("Shipped");
    await buyerPage.getByRole("button", { name: "Confirm delivery" }).click();
    const confirmed = buyerPage.waitForResponse((response) => new URL(response.url()).pathname.endsWith("/confirm-delivery"));
    await buyerPage.getByRole("button", { name: "Yes, I received it" }).click();

    expect((await confirmed).status()).toBe(200);
    await notice(buyerPage, "Delivery confirmed.").waitFor();
    expect(await textOf(statusBadge(buyerPage))).toBe("Completed");
  });

  it("the seller's wallet shows the price and shipping less the platform fee, available, with nothing left in escrow", async () => {
    const order = await callApi<{ fee: { amount: number; currency: string } }>("GET", `/v1${orderPath}`, { token: sellerToken });
    expect(order.fee).toEqual({ amount: expectedFeeMinor, currency: "USD" });

    await header(sellerPage).getByRole("link", { name: "Wallet" }).click();
    await sellerPage.getByRole("heading", { name: "Your wallet", level: 1 }).waitFor();
    const usd = sellerPage.getByRole("table", { name: "Balances" }).getByRole("row").filter({ has: sellerPage.getByRole("rowheader", { name: "USD" }) });
    await polled(async () => (await usd.getByRole("cell").allTextContents()).map((cell) => cell.trim())).toEqual([dollars(totalMinor - expectedFeeMinor), "$0.00"]);

    const statement = sellerPage.getByRole("table", { name: "Statement, USD available" });
    const release = statement.getByRole("row").filter({ hasText: "Order payment released" });
    expect(await textOf(release.getByRole("cell").nth(2))).toBe(`+${dollars(totalMinor - expectedFeeMinor)}`);
    expect(await textOf(release.getByRole("cell").nth(3))).toBe(dollars(totalMinor - expectedFeeMinor));
  });
});

describe("the buyer's wallet: a declined card, a 3-D Secure deposit, a conversion, paying from the wallet, and a refund by dispute", { timeout: testTimeoutMs }, () => {
  const balanceRow = (currency: string) => buyerPage.getByRole("table", { name: "Balances" }).getByRole("row").filter({ has: buyerPage.getByRole("rowheader", { name: currency }) });
  const balances = (currency: string) => async () => (await balanceRow(currency).getByRole("cell").allTextContents()).map((cell) => cell.trim());
  let youGet = "";
  let secondOrderPath = "";

  it("a declined test card says so, and nothing is added", async () => {
    await header(buyerPage).getByRole("link", { name: "Wallet" }).click();
    await buyerPage.getByRole("heading", { name: "Your wallet", level: 1 }).waitFor();
    // Paying by card went through the wallet (charge in, escrow out), so the buyer has a USD row, empty.
    await polled(balances("USD")).toEqual(["$0.00", "$0.00"]);
    const deposit = buyerPage.getByRole("form", { name: "Add money" });
    await deposit.getByLabel("Amount").fill("40.00");
    await deposit.getByRole("combobox", { name: "Test card" }).selectOption("pm_card_declined");
    await deposit.getByRole("button", { name: "Add money" }).click();

    expect(await textOf(deposit.getByRole("alert"))).toBe("Your card was declined. No money was taken. Try another card.");
    expect(await balances("USD")()).toEqual(["$0.00", "$0.00"]);
  });

  it("a card that needs 3-D Secure asks for the bank's confirmation, then the money is available", async () => {
    const deposit = buyerPage.getByRole("form", { name: "Add money" });
    await deposit.getByRole("combobox", { name: "Test card" }).selectOption("pm_card_threeDSecure2Required");
    await deposit.getByRole("button", { name: "Add money" }).click();

    const step = buyerPage.getByRole("region", { name: "Confirm with your bank" });
    expect(await textOf(step.getByText(/^Your bank asks you/))).toBe("Your bank asks you to approve this payment of $40.00 (3-D Secure). Nothing is taken until you confirm.");
    await step.getByRole("button", { name: "Confirm payment" }).click();

    await notice(buyerPage, "$40.00 added to your wallet.").waitFor();
    await polled(balances("USD")).toEqual(["$40.00", "$0.00"]);
    const statement = buyerPage.getByRole("table", { name: "Statement, USD available" });
    expect(await textOf(statement.getByRole("row").filter({ hasText: "Money added" }).getByRole("cell").nth(2))).toBe("+$40.00");
  });

  it("converts $10.00 to euros at a quote that shows its rate, spread and countdown", async () => {
    const convert = buyerPage.getByRole("form", { name: "Convert currency" });
    await convert.getByLabel("Amount to convert").fill("10.00");
    await convert.getByRole("combobox", { name: "From" }).selectOption("USD");
    await convert.getByRole("combobox", { name: "To" }).selectOption("EUR");
    await convert.getByRole("button", { name: "Get quote" }).click();

    const quote = buyerPage.getByRole("region", { name: "Your quote" });
    expect(await textOf(quote.locator('dt:text-is("You convert") + dd'))).toBe("$10.00");
    youGet = await textOf(quote.locator('dt:text-is("You get") + dd'));
    expect(youGet).toMatch(/^€9\.\d\d$/);
    expect(await textOf(quote.locator('dt:text-is("Rate") + dd'))).toMatch(/^1 USD = 0\.9\d* EUR$/);
    expect(await textOf(quote.locator('dt:text-is("Spread") + dd'))).toBe("0.5% (included in the rate)");
    expect(await textOf(quote.getByRole("timer"))).toMatch(/^Quote holds for 0:[0-5]\d$|^Quote holds for 1:00$/);
    await quote.getByRole("button", { name: "Convert" }).click();

    await notice(buyerPage, `Converted $10.00 to ${youGet}.`).waitFor();
    await polled(balances("EUR")).toEqual([youGet, "€0.00"]);
    await polled(balances("USD")).toEqual(["$30.00", "$0.00"]);
  });

  it("buys the item again and pays from the wallet, which moves the total into escrow", async () => {
    await buyerPage.goto(url(listingPath));
    await buyerPage.getByRole("button", { name: "Buy It Now" }).click();
    const form = buyerPage.getByRole("form", { name: "Buy It Now" });
    await fillAddressAndContinue(form);
    await buyerPage.waitForURL(/\/orders\/ord_[A-Za-z0-9]+\/checkout$/);
    secondOrderPath = new URL(buyerPage.url()).pathname.replace(/\/checkout$/, "");

    const pay = buyerPage.getByRole("form", { name: "Pay for the order" });
    expect(await pay.getByRole("radio", { name: /^Wallet balance/ }).isChecked()).toBe(true);
    expect(await textOf(pay.getByText("$30.00 available", { exact: true }))).toBe("$30.00 available");
    await pay.getByRole("button", { name: `Pay ${dollars(totalMinor)}` }).click();

    await buyerPage.waitForURL(url(secondOrderPath));
    expect(await textOf(statusBadge(buyerPage))).toBe("Paid");
  });

  it("opens a dispute on the paid order; it shows in dispute with the buyer's message", async () => {
    await buyerPage.getByRole("button", { name: "Open a dispute" }).click();
    const open = buyerPage.getByRole("form", { name: "Open a dispute" });
    await open.getByRole("combobox", { name: "Reason" }).selectOption("not_received");
    await open.getByLabel("What happened?").fill("The seller has not sent it after a week.");
    await open.getByRole("button", { name: "Open dispute" }).click();

    await polled(() => textOf(statusBadge(buyerPage))).toBe("In dispute");
    const messages = buyerPage.getByRole("list", { name: "Dispute messages" }).getByRole("listitem");
    await polled(async () => (await messages.allTextContents()).map((message) => message.replace(/\s+/g, " "))).toEqual([expect.stringMatching(/^You .*The seller has not sent it after a week\.$/)]);
  });

  it("an admin finds the dispute in the queue and refunds the buyer in full", async () => {
    await header(sellerPage).getByRole("button", { name: "Sign out" }).click();
    await sellerPage.goto(url("/sign-in"));
    await sellerPage.getByLabel("Email").fill(admin.email);
    await sellerPage.getByLabel("Password").fill(admin.password);
    await sellerPage.getByRole("button", { name: "Sign in" }).click();
    await header(sellerPage).getByRole("link", { name: "Admin", exact: true }).click();

    await sellerPage.getByRole("heading", { name: "Disputes", level: 1 }).waitFor();
    const orderNumber = secondOrderPath.slice(-8).toUpperCase();
    await sellerPage.getByRole("list", { name: "Open disputes" }).getByRole("link", { name: new RegExp(`^Order ${orderNumber}: the item has not arrived$`) }).click();
    await sellerPage.waitForURL(url(`/admin/disputes/${secondOrderPath.split("/").at(-1)}`));
    const resolve = sellerPage.getByRole("form", { name: "Resolve the dispute" });
    await resolve.getByRole("radio", { name: /^Full refund to the buyer/ }).check();
    await resolve.getByLabel("Note to both parties").fill("No proof of shipping: refunded in full.");
    await resolve.getByRole("button", { name: "Resolve dispute" }).click();

    expect(await textOf(sellerPage.getByRole("note").locator("strong"))).toBe("Resolved: Full refund to the buyer");
    expect(await sellerPage.getByRole("form", { name: "Resolve the dispute" }).count()).toBe(0);
  });

  it("the refund is back in the buyer's available balance and nothing stays in escrow", async () => {
    await header(buyerPage).getByRole("link", { name: "Wallet" }).click();
    await buyerPage.getByRole("heading", { name: "Your wallet", level: 1 }).waitFor();
    await polled(balances("USD")).toEqual(["$30.00", "$0.00"]);
    // The wallet now holds euros too; the statement shows one currency at a time.
    await buyerPage.getByRole("combobox", { name: "Statement currency" }).selectOption("USD");
    const statement = buyerPage.getByRole("table", { name: "Statement, USD available" });
    expect(await textOf(statement.getByRole("row").filter({ hasText: "Refund" }).getByRole("cell").nth(2))).toBe(`+${dollars(totalMinor)}`);
  });
});

describe("a deposit held for fraud review, approved by an admin, then completed", { timeout: testTimeoutMs }, () => {
  const depositor = { displayName: `Depositor ${runId.slice(-8)}`, email: `e2e-order-depositor-${runId}@example.com` };
  // Far above what a week-old account may move ($1,000, five times over): the risk rules hold it for review on their own.
  const bigDeposit = "6000.00";

  it("a new account's large deposit is held, nothing is charged, and the wallet says why", async () => {
    await header(buyerPage).getByRole("button", { name: "Sign out" }).click();
    await buyerPage.goto(url("/register"));
    await buyerPage.getByLabel("Display name").fill(depositor.displayName);
    await buyerPage.getByLabel("Email").fill(depositor.email);
    await buyerPage.getByLabel("Password").fill(password);
    await buyerPage.getByRole("button", { name: "Create account" }).click();
    await header(buyerPage).getByRole("link", { name: depositor.displayName }).waitFor();
    await header(buyerPage).getByRole("link", { name: "Wallet" }).click();

    const deposit = buyerPage.getByRole("form", { name: "Add money" });
    await deposit.getByLabel("Amount").fill(bigDeposit);
    await deposit.getByRole("combobox", { name: "Test card" }).selectOption("pm_card_visa");
    const held = buyerPage.waitForResponse((response) => new URL(response.url()).pathname === "/v1/wallet/deposits");
    await deposit.getByRole("button", { name: "Add money" }).click();

    expect((await held).status()).toBe(409);
    expect(await textOf(deposit.getByRole("alert"))).toBe(
      "This payment is being reviewed for your protection. Nothing was charged; once it is approved, press the button again to complete it.",
    );
    expect(await textOf(buyerPage.getByText("Your wallet is empty."))).toMatch(/^Your wallet is empty\./);
  });

  it("the admin sees it in the fraud review queue with its score and reasons, and approves it", async () => {
    await sellerPage.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Fraud reviews" }).click();
    await sellerPage.getByRole("heading", { name: "Fraud reviews", level: 1 }).waitFor();
    const review = sellerPage.getByRole("list", { name: "Pending reviews" }).getByRole("listitem").filter({ has: sellerPage.getByRole("heading", { name: "Deposit of $6,000.00" }) });
    expect(Number(await textOf(review.locator(".review-score")))).toBeGreaterThanOrEqual(50);
    expect(await review.getByRole("list", { name: "Reasons" }).getByRole("listitem").count()).toBeGreaterThan(0);
    await review.getByLabel("Note (optional)").fill("Known customer, checked by phone.");
    await review.getByRole("button", { name: "Approve" }).click();

    await notice(sellerPage, "Approved: Deposit of $6,000.00.").waitFor();
  });

  it("pressing Add money again sends the same request, which the approval now lets through", async () => {
    const deposit = buyerPage.getByRole("form", { name: "Add money" });
    const retried = buyerPage.waitForRequest((request) => new URL(request.url()).pathname === "/v1/wallet/deposits");
    await deposit.getByRole("button", { name: "Add money" }).click();

    expect((await retried).headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    await notice(buyerPage, "$6,000.00 added to your wallet.").waitFor();
    const usd = buyerPage.getByRole("table", { name: "Balances" }).getByRole("row").filter({ has: buyerPage.getByRole("rowheader", { name: "USD" }) });
    await polled(async () => (await usd.getByRole("cell").allTextContents()).map((cell) => cell.trim())).toEqual(["$6,000.00", "$0.00"]);
  });
});
