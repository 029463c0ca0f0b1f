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

export default defineConfig({
  root: webDir,
  plugins: [react(), swaggerUiAssets()],
  build: { outDir: join(webDir, "dist"), emptyOutDir: true },
  server: { proxy: { "/v1": { target: apiOrigin, ws: true } } },
  preview: { proxy: { "/v1": { target: apiOrigin, ws: true } } },
});
