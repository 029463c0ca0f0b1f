// Browser tests: real headless Chromium (playwright-core) against the whole platform started by the global setup.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "browser",
    root: new URL("..", import.meta.url).pathname,
    include: ["e2e/**/*.e2e.test.ts"],
    environment: "node",
    globalSetup: ["./e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
