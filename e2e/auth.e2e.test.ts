// Browser test: a person registers, takes on the seller role, signs out and back in, and reads the API reference.
import { randomUUID } from "node:crypto";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowser, textOf, url, type BrowserSession } from "./browser";

const baseUrl = inject("baseUrl");
const testTimeoutMs = 30_000;
// Shorter than the test timeout so a missing element fails with Playwright's message, not a bare timeout.
const stepTimeoutMs = 15_000;

const runId = `${Date.now()}-${randomUUID().slice(0, 8)}`;
const email = `e2e-${runId}@example.com`;
const password = "correct horse battery staple";
const displayName = `E2E Buyer ${runId.slice(-8)}`;

let browser: BrowserSession | undefined;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await openBrowser({ stepTimeoutMs });
  ({ context, page } = browser);
}, testTimeoutMs);

afterAll(async () => {
  await browser?.close();
});

const header = () => page.getByRole("banner");
// Sorted because the API promises which roles, not in what order.
const roleNames = async () => (await page.getByRole("list", { name: "Roles" }).getByRole("listitem").allTextContents()).sort();

async function signIn(withPassword: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(withPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("registering, signing out and signing back in", { timeout: testTimeoutMs }, () => {
  it("a new user registers, lands signed in and sees their display name", async () => {
    await page.goto(url("/register"));
    await page.getByLabel("Display name").fill(displayName);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();

    expect(await textOf(header().getByRole("link", { name: displayName }))).toBe(displayName);
    expect(new URL(page.url()).pathname).toBe("/");
  });

  it("opens the profile and sees their email and the buyer role", async () => {
    await header().getByRole("link", { name: displayName }).click();

    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    expect(await page.getByText(email, { exact: true }).count()).toBe(1);
    expect(await roleNames()).toEqual(["buyer"]);
  });

  it("becomes a seller and sees the seller badge", async () => {
    await page.getByRole("button", { name: "Become a seller" }).click();

    await page.getByRole("list", { name: "Roles" }).getByText("seller", { exact: true }).waitFor();
    expect(await roleNames()).toEqual(["buyer", "seller"]);
    expect(await page.getByRole("button", { name: "Become a seller" }).count()).toBe(0);
  });

  it("is still signed in after a reload", async () => {
    await page.reload();

    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    expect(await textOf(header().getByRole("link", { name: displayName }))).toBe(displayName);
    expect(await roleNames()).toEqual(["buyer", "seller"]);
  });

  it("signs out and the header shows Sign in", async () => {
    await header().getByRole("button", { name: "Sign out" }).click();

    expect(await textOf(header().getByRole("link", { name: "Sign in" }))).toBe("Sign in");
    expect(await header().getByRole("link", { name: displayName }).count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem("mnbara.refreshToken"))).toBeNull();
  });

  it("signs in again with the same password and sees the profile", async () => {
    await page.goto(url("/profile"));
    await page.waitForURL(url("/sign-in"));
    await signIn(password);

    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/profile");
    expect(await page.getByText(email, { exact: true }).count()).toBe(1);
    expect(await roleNames()).toEqual(["buyer", "seller"]);
  });

  it("a wrong password shows an error alert and stays signed out", async () => {
    await header().getByRole("button", { name: "Sign out" }).click();
    await header().getByRole("link", { name: "Sign in" }).click();
    await signIn("not the right password");

    expect(await textOf(page.getByRole("alert"))).toBe("The email or password is incorrect.");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(await header().getByRole("link", { name: "Sign in" }).count()).toBe(1);
    expect(await header().getByRole("button", { name: "Sign out" }).count()).toBe(0);
  });
});

describe("the API reference", { timeout: testTimeoutMs }, () => {
  it("renders Swagger UI titled Mnbara API from same-origin assets", async () => {
    const docsPage = await context.newPage();
    const assetUrls: string[] = [];
    docsPage.on("request", (request) => {
      if (["script", "stylesheet"].includes(request.resourceType())) assetUrls.push(request.url());
    });
    await docsPage.goto(url("/v1/docs"));

    expect(await textOf(docsPage.locator(".swagger-ui .info .title"))).toContain("Mnbara API");
    const origin = new URL(baseUrl).origin;
    expect(assetUrls.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    await docsPage.close();
  });
});
