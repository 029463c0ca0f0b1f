// Builds the web app into web/dist (served by the Worker as static assets) plus the Swagger UI files for /v1/docs.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const webDir = dirname(fileURLToPath(import.meta.url));
// `wrangler dev` serves the API here; the dev server forwards /v1 to it so the app stays same-origin.
const apiOrigin = "http://localhost:8787";
const swaggerFiles = ["swagger-ui-bundle.js", "swagger-ui.css"] as const;

// The Worker's /v1/docs page loads Swagger UI from /docs-assets/ so no CDN is needed at run time.
function swaggerUiAssets(): Plugin {
  return {
    name: "mnbara-swagger-ui-assets",
    apply: "build",
    generateBundle() {
      const packageDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
      for (const fileName of swaggerFiles) {
        this.emitFile({ type: "asset", fileName: `docs-assets/${fileName}`, source: readFileSync(join(packageDir, fileName)) });
      }
    },
  };
}

/**
 * The framework every page runs on goes in a chunk of its own: it changes only when a dependency does, so returning
 * visitors keep it cached across our deploys, and the app's own code stays a small chunk that changes often.
 */
const FRAMEWORK_PACKAGES = ["react", "react-dom", "scheduler", "react-router", "react-redux", "@reduxjs/toolkit", "redux", "immer", "reselect", "use-sync-external-store"];

function frameworkChunk(id: string): string | undefined {
  const path = id.split("node_modules/").at(-1);
  if (path === undefined || path === id) return undefined;
  const name = path.startsWith("@") ? path.split("/").slice(0, 2).join("/") : path.split("/")[0];
  return FRAMEWORK_PACKAGES.includes(name ?? "") ? "framework" : undefined;
}

export default defineConfig({
  root: webDir,
  plugins: [react(), swaggerUiAssets()],
  build: { outDir: join(webDir, "dist"), emptyOutDir: true, rollupOptions: { output: { manualChunks: frameworkChunk } } },
  server: { proxy: { "/v1": { target: apiOrigin, ws: true } } },
  preview: { proxy: { "/v1": { target: apiOrigin, ws: true } } },
});
