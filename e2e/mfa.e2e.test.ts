// Browser test: a person turns on two-factor authentication, signs in with a code, then turns it off again.
import { randomUUID } from "node:crypto";
import { URI } from "otpauth";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCodeAt } from "../workers/auth/totp";
import { TOTP_PERIOD_SECONDS } from "../workers/platform/limits";
import { openBrowser, textOf, url, type BrowserSession } from "./browser";

const testTimeoutMs = 60_000;
// Shorter than the test timeout so a missing element fails with Playwright's message, not a bare timeout.
const stepTimeoutMs = 20_000;

const runId = `${Date.now()}-${randomUUID().slice(0, 8)}`;
const email = `e2e-mfa-${runId}@example.com`;
const password = "correct horse battery staple";
const displayName = `E2E Two-factor ${runId.slice(-8)}`;

let browser: BrowserSession | undefined;
let page: Page;
// The key the profile page shows during set-up, as a person would type it into an authenticator app.
let secret = "";

beforeAll(async () => {
  browser = await openBrowser({ stepTimeoutMs });
  ({ page } = browser);
}, testTimeoutMs);

afterAll(async () => {
  await browser?.close();
});

const header = () => page.getByRole("banner");
const security = () => page.getByRole("region", { name: "Security" });
const twoFactorHeading = (state: "On" | "Off") => security().getByRole("heading", { level: 3, name: `Two-factor authentication ${state}`, exact: true });
const codeField = () => page.getByLabel("Authentication code");

const stepMs = TOTP_PERIOD_SECONDS * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The code an authenticator app shows `offsetSteps` time steps from now. The server accepts one step either side
 * but each step only once, so successive uses take -1, 0 and +1. Near the end of a step it waits for the next one,
 * so a code for the previous step cannot fall out of the server's window before the request arrives.
 */
async function authenticatorCode(offsetSteps: -1 | 0 | 1): Promise<string> {
  const intoStep = Date.now() % stepMs;
  if (intoStep > stepMs - 3_000) await sleep(stepMs - intoStep + 200);
  return totpCodeAt(secret, new Date(Date.now() + offsetSteps * stepMs));
}

/** Six digits that no step near now produces, so the server is sure to reject them. */
function wrongCode(): string {
  const nearby = new Set([-3, -2, -1, 0, 1, 2, 3].map((offset) => totpCodeAt(secret, new Date(Date.now() + offset * stepMs))));
  const code = ["000000", "111111", "222222", "333333", "444444", "555555", "666666", "777777"].find((candidate) => !nearby.has(candidate));
  if (code === undefined) throw new Error("every candidate wrong code is a valid code right now");
  return code;
}

/** The text of whatever the field's aria-describedby points at (hint and error), as assistive technology reads it. */
async function descriptionOf(field: Locator): Promise<string> {
  return field.evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => element.ownerDocument.getElementById(id)?.textContent?.trim() ?? "")
      .join(" "),
  );
}

async function waitForNotice(text: string): Promise<void> {
  await page.getByRole("status").filter({ hasText: text }).waitFor();
  expect(await textOf(page.getByRole("status"))).toBe(text);
}

// The forms move focus to the code field when it appears and after a rejected code (in an effect, so poll).
async function expectCodeFieldFocused(): Promise<void> {
  await codeField().waitFor();
  await expect.poll(() => codeField().evaluate((element) => element === element.ownerDocument.activeElement), { timeout: stepTimeoutMs }).toBe(true);
}

async function signInWithPassword(): Promise<void> {
  await page.goto(url("/profile"));
  await page.waitForURL(url("/sign-in"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signOut(): Promise<void> {
  await header().getByRole("button", { name: "Sign out" }).click();
  await header().getByRole("link", { name: "Sign in" }).waitFor();
}

describe("two-factor authentication with an authenticator app", { timeout: testTimeoutMs }, () => {
  it("a new user registers and lands signed in", async () => {
    await page.goto(url("/register"));
    await page.getByLabel("Display name").fill(displayName);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();

    expect(await textOf(header().getByRole("link", { name: displayName }))).toBe(displayName);
    expect(new URL(page.url()).pathname).toBe("/");
  });

  it("opens the profile and sees two-factor authentication off", async () => {
    await header().getByRole("link", { name: displayName }).click();

    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    await twoFactorHeading("Off").waitFor();
    expect(await security().getByRole("button", { name: "Set up two-factor authentication" }).isVisible()).toBe(true);
    expect(await codeField().count()).toBe(0);
  });

  it("sets up two-factor authentication and sees a key and a setup link for it", async () => {
    await security().getByRole("button", { name: "Set up two-factor authentication" }).click();

    secret = await textOf(security().getByRole("code"));
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // base32 of a 20-byte secret
    const setupLink = security().getByRole("link", { name: /^otpauth:\/\/totp\// });
    const otpauthUrl = (await setupLink.getAttribute("href")) ?? "";
    expect(await textOf(setupLink)).toBe(otpauthUrl);
    const totp = URI.parse(otpauthUrl);
    expect(totp.secret.base32).toBe(secret);
    expect(totp.issuer).toBe("Mnbara");
    expect(totp.label).toBe(email);
    expect(await codeField().isVisible()).toBe(true);
    // Not on until confirmed with a code.
    expect(await twoFactorHeading("Off").isVisible()).toBe(true);
  });

  it("confirms the key with a code from the app and sees two-factor authentication on", async () => {
    await codeField().fill(await authenticatorCode(-1));
    await security().getByRole("button", { name: "Turn on two-factor authentication" }).click();

    await waitForNotice("Two-factor authentication is on.");
    await twoFactorHeading("On").waitFor();
    expect(await security().getByRole("button", { name: "Turn off two-factor authentication" }).isVisible()).toBe(true);
    // The key is not shown again once set-up is finished.
    expect(await security().getByRole("code").count()).toBe(0);
    expect(await page.getByText(secret).count()).toBe(0);
  });

  it("signs out and the header shows Sign in", async () => {
    await signOut();

    expect(await header().getByRole("link", { name: displayName }).count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem("mnbara.refreshToken"))).toBeNull();
  });

  it("signs in with email and password and is asked for the authentication code", async () => {
    await signInWithPassword();

    await page.getByRole("button", { name: "Verify and sign in" }).waitFor();
    expect(await textOf(page.getByText("Two-factor authentication is on for"))).toBe(
      `Two-factor authentication is on for ${email}. Open your authenticator app and enter the code it shows.`,
    );
    await expectCodeFieldFocused();
    expect(await page.getByLabel("Password").count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(await header().getByRole("link", { name: "Sign in" }).count()).toBe(1);
  });

  it("a wrong code shows an error on the code field and stays on the code step", async () => {
    await codeField().fill(wrongCode());
    await page.getByRole("button", { name: "Verify and sign in" }).click();

    const message = "That code did not work. Wait for the next code in your app and try again.";
    await page.getByText(message, { exact: true }).waitFor();
    expect(await codeField().getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(codeField())).toContain(message);
    await expectCodeFieldFocused();
    expect(await page.getByRole("button", { name: "Verify and sign in" }).isEnabled()).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(await header().getByRole("link", { name: "Sign in" }).count()).toBe(1);
    expect(await header().getByRole("button", { name: "Sign out" }).count()).toBe(0);
  });

  it("the right code signs in and shows the profile with two-factor authentication on", async () => {
    await codeField().fill(await authenticatorCode(0));
    await page.getByRole("button", { name: "Verify and sign in" }).click();

    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/profile");
    expect(await textOf(header().getByRole("link", { name: displayName }))).toBe(displayName);
    expect(await page.getByText(email, { exact: true }).count()).toBe(1);
    await twoFactorHeading("On").waitFor();
    expect(await security().getByRole("button", { name: "Turn off two-factor authentication" }).isVisible()).toBe(true);
  });

  it("turns two-factor authentication off with a fresh code", async () => {
    await codeField().fill(await authenticatorCode(1));
    await security().getByRole("button", { name: "Turn off two-factor authentication" }).click();

    await waitForNotice("Two-factor authentication is off.");
    await twoFactorHeading("Off").waitFor();
    expect(await security().getByRole("button", { name: "Set up two-factor authentication" }).isVisible()).toBe(true);
    expect(await codeField().count()).toBe(0);
  });

  it("signs out and signs in again with the password alone", async () => {
    await signOut();
    await signInWithPassword();

    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/profile");
    expect(await textOf(header().getByRole("link", { name: displayName }))).toBe(displayName);
    expect(await codeField().count()).toBe(0);
    expect(await twoFactorHeading("Off").isVisible()).toBe(true);
  });
});
