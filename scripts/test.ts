// `npm test`: typecheck, build the web app, then unit + workerd integration tests, then browser tests; ends with "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { findChromium } from "./platform/chromium";
import { ROOT } from "./platform/start-platform";

const RESULTS_DIR = join(ROOT, ".data/test-results");

function step(title: string, command: string, args: string[]): boolean {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(process.execPath, [command, ...args], { cwd: ROOT, stdio: "inherit", env: process.env });
  return result.status === 0;
}

const bin = (name: string) => join(ROOT, "node_modules", name);
function vitest(title: string, name: string, args: string[]): boolean {
  return step(title, bin("vitest/vitest.mjs"), ["run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${join(RESULTS_DIR, `${name}.json`)}`]);
}

rmSync(RESULTS_DIR, { recursive: true, force: true });
mkdirSync(RESULTS_DIR, { recursive: true });

let ok = true;
ok = step("typecheck: workers", bin("typescript/bin/tsc"), ["-p", "tsconfig.json"]) && ok;
ok = step("typecheck: scripts", bin("typescript/bin/tsc"), ["-p", "scripts/tsconfig.json"]) && ok;
ok = step("typecheck: web", bin("typescript/bin/tsc"), ["-p", "web/tsconfig.json"]) && ok;
// The Worker serves web/dist as static assets; the test pool and wrangler need it to exist.
ok = step("build: web", bin("vite/bin/vite.js"), ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"]) && ok;
ok = vitest("unit + workerd integration tests", "main", []) && ok;

const chromium = findChromium();
if (chromium) {
  ok = vitest(`browser tests (${chromium})`, "browser", ["--config", "e2e/vitest.config.ts"]) && ok;
} else if (process.env.CI) {
  console.error("\nBrowser tests need Chromium and CI=true: install it (apt-get install chromium) or set CHROMIUM_PATH.");
  ok = false;
} else {
  console.warn("\n!!! Browser tests NOT run: no Chromium found. Install it (apt-get install chromium) or set CHROMIUM_PATH, then run npm test again. !!!");
}

let passed = 0;
let failed = 0;
for (const name of ["main", "browser"]) {
  const file = join(RESULTS_DIR, `${name}.json`);
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}
if (!ok && failed === 0) failed = 1; // a failed typecheck, build or suite start still fails the run
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
