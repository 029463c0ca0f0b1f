// `npm run algolia:settings` as deploy runs it: skipped without keys, refused with half of them, pushed to ALGOLIA_HOSTS with both.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAlgoliaMock, type AlgoliaMock } from "./test-support/algolia-mock";

const ROOT = join(import.meta.dirname, "..");

/** Runs the script with exactly these ALGOLIA_* variables (none inherited from the shell running the tests). */
function runScript(variables: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("ALGOLIA_")));
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "scripts/algolia-settings.ts")], { cwd: ROOT, env: { ...env, ...variables } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("npm run algolia:settings", () => {
  let mock: AlgoliaMock;
  beforeAll(async () => {
    mock = await startAlgoliaMock();
  });
  afterAll(async () => {
    await mock.stop();
  });

  it("skips, successfully, when neither the app id nor the admin key is set", async () => {
    const result = await runScript({});
    expect({ code: result.code, stdout: result.stdout.trim() }).toEqual({
      code: 0,
      stdout: "[algolia] ALGOLIA_APP_ID and ALGOLIA_ADMIN_KEY are not set: no settings pushed (without Algolia the Worker searches Postgres)",
    });
  });

  it("fails, so the deploy stops, when only one of them is set, and sends nothing", async () => {
    const result = await runScript({ ALGOLIA_APP_ID: "SCRIPTAPP1", ALGOLIA_HOSTS: mock.host });
    expect({ code: result.code, stderr: result.stderr.trim() }).toEqual({
      code: 1,
      stderr: "[algolia] ALGOLIA_ADMIN_KEY is not set: set both to push the index settings, or neither to skip",
    });
    expect(mock.requests("SCRIPTAPP1")).toEqual([]);
  });

  it("pushes the primary's and each replica's settings to the named index with both set", async () => {
    const result = await runScript({ ALGOLIA_APP_ID: "SCRIPTAPP2", ALGOLIA_ADMIN_KEY: "deploy-admin-key", ALGOLIA_INDEX_NAME: "staging_listings", ALGOLIA_HOSTS: mock.host });
    expect(result.code).toBe(0);
    const settingsWrites = mock.requests("SCRIPTAPP2").filter((request) => request.method === "PUT");
    expect(settingsWrites.map((request) => [request.path, request.headers["x-algolia-api-key"]])).toEqual(
      ["staging_listings", "staging_listings_price_asc", "staging_listings_price_desc", "staging_listings_ending_soon", "staging_listings_newest"].map((name) => [`/1/indexes/${name}/settings`, "deploy-admin-key"]),
    );
    expect(result.stdout).toContain("[algolia] settings of staging_listings_newest applied");
  });
});
