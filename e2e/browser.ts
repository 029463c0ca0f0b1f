// Shared by the browser tests: launches headless Chromium with a throwaway profile, plus small page helpers.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { inject } from "vitest";

const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and deletes its profile directory. */
  close(): Promise<void>;
}

/**
 * A persistent context in a fresh temp profile, so localStorage and cookies behave as in a real browser.
 * `stepTimeoutMs` should be shorter than the test timeout so a missing element fails with Playwright's message.
 */
export async function openBrowser({ stepTimeoutMs }: { stepTimeoutMs: number }): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), "mnbara-e2e-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: inject("chromiumPath"),
      headless: true,
      args: chromiumArgs,
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(stepTimeoutMs);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

/** An absolute URL on the platform under test. */
export function url(path: string): string {
  return new URL(path, inject("baseUrl")).href;
}

/** The trimmed text of an element once it is visible. */
export async function textOf(locator: Locator): Promise<string> {
  await locator.waitFor({ state: "visible" });
  return (await locator.textContent())?.trim() ?? "";
}
