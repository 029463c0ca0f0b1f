// The human API reference at /v1/docs: Swagger UI served from our own static assets (no CDN at run time).
import { Hono } from "hono";
import type { AppBindings } from "../platform/hono";

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Mnbara API reference</title>
  <link rel="stylesheet" href="/docs-assets/swagger-ui.css" />
  <style>body { margin: 0; } .topbar { display: none; }</style>
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs-assets/swagger-ui-bundle.js"></script>
  <script src="/v1/docs/swagger-init.js"></script>
</body>
</html>`;

// Kept out of the HTML so the page works under a strict Content-Security-Policy (no inline script).
const INIT = `window.ui = SwaggerUIBundle({ url: "/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true, tryItOutEnabled: true });`;

export const docsRoutes = new Hono<AppBindings>()
  .get("/v1/docs", (c) => {
    c.header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
    return c.html(PAGE);
  })
  .get("/v1/docs/swagger-init.js", (c) => c.body(INIT, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
