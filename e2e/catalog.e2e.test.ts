// Browser test: a new user becomes a seller, lists an item with a photo, finds it through search and in their listings.
import { randomInt } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, textOf, url, type BrowserSession } from "./browser";

const testTimeoutMs = 60_000;
// Shorter than the test timeout so a missing element fails with Playwright's message, not a bare timeout.
const stepTimeoutMs = 20_000;

// Letters only, so full-text search and autocomplete treat it as one ordinary word that no other listing has.
const uniqueWord = `quokka${Array.from({ length: 8 }, () => "abcdefghijklmnopqrstuvwxyz"[randomInt(26)]).join("")}`;
const title = `Refurbished ${uniqueWord} phone 128GB`;
const email = `e2e-catalog-${Date.now()}-${randomInt(1_000_000)}@example.com`;
const password = "correct horse battery staple";
const displayName = `E2E Seller ${uniqueWord.slice(-4)}`;
// A valid 1×1 PNG: the smallest real image the API accepts and a browser decodes.
const tinyPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

let browser: BrowserSession | undefined;
let page: Page;
let photoDir = "";
let photoPath = "";
let listingPath = "";

beforeAll(async () => {
  photoDir = mkdtempSync(join(tmpdir(), "mnbara-e2e-photo-"));
  photoPath = join(photoDir, "phone.png");
  writeFileSync(photoPath, tinyPng);
  browser = await openBrowser({ stepTimeoutMs });
  ({ page } = browser);
}, testTimeoutMs);

afterAll(async () => {
  await browser?.close();
  if (photoDir !== "") rmSync(photoDir, { recursive: true, force: true });
});

const header = () => page.getByRole("banner");
const results = () => page.getByRole("list", { name: "Results" });
const resultLink = () => results().getByRole("link", { name: title });

/** True once the image has loaded and decoded to real pixels. */
const imageLoaded = (locator: Locator) => locator.evaluate((element) => element instanceof HTMLImageElement && element.complete && element.naturalWidth > 0);

describe("selling an item and finding it again", { timeout: testTimeoutMs }, () => {
  it("a new user registers and lands signed in", async () => {
    await page.goto(url("/register"));
    await page.getByLabel("Display name").fill(displayName);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();

    expect(await textOf(header().getByRole("link", { name: displayName }))).toBe(displayName);
  });

  it("opens Sell from the header and is offered the seller role first", async () => {
    await header().getByRole("link", { name: "Sell", exact: true }).click();

    await page.getByRole("heading", { name: "First, become a seller" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/sell");
    expect(await page.getByRole("combobox", { name: "Category", exact: true }).count()).toBe(0);
  });

  it("becomes a seller from the sell page and sees the listing form", async () => {
    await page.getByRole("button", { name: "Become a seller" }).click();

    await page.getByRole("combobox", { name: "Category", exact: true }).waitFor();
    expect(await page.getByRole("heading", { name: "First, become a seller" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Publish" }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Save draft" }).isVisible()).toBe(true);
  });

  it("publishing with required fields empty shows errors beside those fields", async () => {
    await page.getByRole("button", { name: "Publish" }).click();

    // Focus moves to the first field to fix (in an effect, so poll).
    const categoryField = page.getByRole("combobox", { name: "Category", exact: true });
    await expect.poll(() => categoryField.evaluate((element) => element === element.ownerDocument.activeElement), { timeout: stepTimeoutMs }).toBe(true);
    expect(await categoryField.getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Title").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByRole("textbox", { name: "Price", exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByText("Enter a title.", { exact: true }).count()).toBe(1);
    expect(await page.getByText("Choose a category.", { exact: true }).count()).toBe(1);
    expect(await page.getByText("Enter a price.", { exact: true }).count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe("/sell");
  });

  it("fills in a fixed-price phone with its attributes and a photo", async () => {
    await page.getByRole("combobox", { name: "Category", exact: true }).selectOption({ label: "Electronics" });
    await page.getByRole("combobox", { name: "Subcategory" }).selectOption({ label: "Phones" });
    await page.getByLabel("Title").fill(title);
    await page.getByRole("radio", { name: "Refurbished" }).check();
    await page.getByLabel("Brand").fill("Quokka");
    await page.getByRole("combobox", { name: "Storage" }).selectOption("128GB");
    await page.getByLabel("Description").fill("Refurbished by the maker, with a new battery.\nBox and cable included.");
    await page.getByRole("textbox", { name: "Price", exact: true }).fill("12.50");
    await page.getByLabel("Add photos").setInputFiles(photoPath);

    const chosen = page.getByRole("list", { name: "Chosen photos" });
    await chosen.getByRole("img", { name: "Preview of phone.png" }).waitFor();
    expect(await chosen.getByRole("listitem").count()).toBe(1);
  });

  it("publishes and lands on the listing page with the title, price and photo", async () => {
    await page.getByRole("button", { name: "Publish" }).click();

    await page.waitForURL(/\/listings\/lst_[A-Za-z0-9]+$/, { timeout: stepTimeoutMs });
    listingPath = new URL(page.url()).pathname;
    expect(await textOf(page.getByRole("heading", { level: 1 }))).toBe(title);
    expect(await textOf(page.getByRole("status").filter({ hasText: "Your listing is live." }))).toBe("Your listing is live.");
    expect(await textOf(page.locator(".price-large"))).toBe("$12.50");
    const photo = page.getByRole("region", { name: "Photos" }).getByRole("img", { name: title });
    await expect.poll(() => imageLoaded(photo), { timeout: stepTimeoutMs }).toBe(true);
    const details = page.getByRole("region", { name: "Item details" });
    expect(await textOf(details.getByRole("definition").filter({ hasText: "Quokka" }))).toBe("Quokka");
    expect(await textOf(details.getByRole("definition").filter({ hasText: "128GB" }))).toBe("128GB");
    expect(await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link").allTextContents()).toEqual(["Browse", "Electronics", "Phones"]);
    // The seller's own controls: no Publish for a live listing, but Edit and End.
    const sellerPanel = page.getByRole("region", { name: "Your listing" });
    expect(await sellerPanel.getByRole("link", { name: "Edit" }).isVisible()).toBe(true);
    expect(await sellerPanel.getByRole("button", { name: "End listing" }).isVisible()).toBe(true);
    expect(await sellerPanel.getByRole("button", { name: "Publish" }).count()).toBe(0);
  });

  it("types the unique word in the header search, picks the suggestion with the keyboard and sees the listing", async () => {
    const box = header().getByRole("combobox", { name: "Search Mnbara" });
    await box.fill(uniqueWord);

    const suggestion = header().getByRole("option", { name: uniqueWord, exact: true });
    await suggestion.waitFor();
    expect(await box.getAttribute("aria-expanded")).toBe("true");
    await box.press("ArrowDown");
    expect(await suggestion.getAttribute("aria-selected")).toBe("true");
    expect(await box.getAttribute("aria-activedescendant")).toBe(await suggestion.getAttribute("id"));
    await box.press("Enter");

    await page.waitForURL((address) => address.pathname === "/search" && address.searchParams.get("q") === uniqueWord);
    await resultLink().waitFor();
    expect(await results().getByRole("listitem").count()).toBe(1);
    expect(await textOf(page.getByRole("heading", { name: /result/ }))).toBe(`1 result for “${uniqueWord}”`);
    expect(await results().getByText("$12.50", { exact: true }).isVisible()).toBe(true);
  });

  it("filters by the condition facet and still sees the listing, with the filter in the URL", async () => {
    const condition = page.getByRole("region", { name: "Condition" });
    await condition.getByRole("link", { name: /^Refurbished/ }).click();

    await page.waitForURL((address) => address.searchParams.get("condition") === "refurbished" && address.searchParams.get("q") === uniqueWord);
    await expect.poll(() => condition.getByRole("link", { name: /^Refurbished/ }).getAttribute("aria-current"), { timeout: stepTimeoutMs }).toBe("true");
    await resultLink().waitFor();
    expect(await results().getByRole("listitem").count()).toBe(1);
    expect(await page.getByRole("list", { name: "Applied filters" }).getByRole("link", { name: "Remove filter: Refurbished" }).isVisible()).toBe(true);
  });

  it("opens the listing from the results and the click is recorded", async () => {
    const click = page.waitForRequest((request) => request.method() === "POST" && new URL(request.url()).pathname === "/v1/search/clicks");
    await resultLink().click();

    const body = (await click).postDataJSON() as { queryId: string; listingId: string; position: number };
    expect(body.listingId).toBe(listingPath.split("/").at(-1));
    expect(body.position).toBe(0);
    expect(body.queryId).toMatch(/\S/);
    await page.waitForURL(url(listingPath));
    expect(await textOf(page.getByRole("heading", { level: 1 }))).toBe(title);
  });

  it("sees the listing as active in My listings, with its price and photo", async () => {
    await header().getByRole("link", { name: "My listings" }).click();

    await page.getByRole("heading", { name: "Your listings" }).waitFor();
    const row = page.getByRole("list", { name: "All listings" }).getByRole("listitem").filter({ hasText: title });
    await row.waitFor();
    expect(await row.getByRole("link", { name: title }).getAttribute("href")).toBe(listingPath);
    expect(await textOf(row.getByText("Active", { exact: true }))).toBe("Active");
    expect(await textOf(row.getByText("$12.50", { exact: true }))).toBe("$12.50");
    expect(await textOf(row.getByText("1 of 1 available"))).toBe("1 of 1 available");
    // The thumbnail is decorative (alt=""), so it is found by tag rather than by role.
    await expect.poll(() => imageLoaded(row.locator("img")), { timeout: stepTimeoutMs }).toBe(true);
  });
});
