// Browser tests' globalSetup: starts the whole platform (embedded PGlite, as on a fresh machine, anchoring to a local anvil) on a free port and finds Chromium.
import { createServer } from "node:net";
import type { TestProject } from "vitest/node";
import { findChromium } from "../scripts/platform/chromium";
import { startPlatform } from "../scripts/platform/start-platform";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export default async function setup(project: TestProject) {
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error("Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH.");
  const platform = await startPlatform({
    port: await freePort(),
    redisUrl: process.env.REDIS_URL,
    buildWeb: false,
    log: (message) => console.log(`[e2e-platform] ${message}`),
    // Redis outlives a run: without a prefix of its own, one run's registrations and logins from 127.0.0.1 count
    // against the next run's per-IP limits.
    vars: { REDIS_KEY_PREFIX: `mnbara-e2e-${Date.now()}` },
    // Anchoring on, as in `npm run dev`: a fresh anvil with the anchor contract, never the developer's own chain variables.
    chain: "anvil",
  });
  project.provide("baseUrl", platform.url.replace("127.0.0.1", "localhost"));
  project.provide("chromiumPath", chromiumPath);
  return () => platform.stop();
}
