// The Hono app: middleware in order, every domain's routes, the OpenAPI document, and the web app for everything else.
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { anchoringRoutes } from "./anchoring/routes";
import { auctionRoutes } from "./auctions/routes";
import { authRoutes } from "./auth/routes";
import { imageRoutes } from "./catalog/image-routes";
import { catalogRoutes } from "./catalog/routes";
import { requestRoutes } from "./crowdship/request-routes";
import { shipmentRoutes } from "./crowdship/shipment-routes";
import { tripRoutes } from "./crowdship/trip-routes";
import { docsRoutes } from "./docs/routes";
import { fraudRoutes } from "./fraud/routes";
import { healthRoutes } from "./health/routes";
import { notificationRoutes } from "./notifications/routes";
import { orderRoutes } from "./orders/routes";
import { paymentRoutes } from "./payments/routes";
import { AppError } from "./platform/errors";
import { createRouter } from "./platform/hono";
import { IMAGE_MAX_BYTES, MAX_JSON_BODY_BYTES } from "./platform/limits";
import { onError, problemResponse, requestId, servicesScope } from "./platform/middleware";
import { searchRoutes } from "./search/routes";

/** The one route whose body is an image rather than JSON, and so gets the larger limit. */
const IMAGE_UPLOAD_PATH = /^\/v1\/listings\/[^/]+\/images$/;

export function createApp() {
  const app = createRouter();

  app.use("*", requestId);
  app.use(
    "/v1/*",
    cors({
      origin: (origin, c) => (origin === c.env.APP_ORIGIN ? origin : null),
      allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"],
      allowMethods: ["GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"],
      exposeHeaders: ["X-Request-Id", "Retry-After", "ETag", "Idempotent-Replayed"],
      maxAge: 600,
    }),
  );
  app.use("/v1/*", secureHeaders({ crossOriginResourcePolicy: "same-site" }));
  const bodyLimitFor = (maxSize: number) =>
    bodyLimit({ maxSize, onError: (c) => problemResponse(c, new AppError("PAYLOAD_TOO_LARGE", `Request bodies here are limited to ${maxSize} bytes.`)) });
  const jsonBodyLimit = bodyLimitFor(MAX_JSON_BODY_BYTES);
  const imageBodyLimit = bodyLimitFor(IMAGE_MAX_BYTES);
  app.use("/v1/*", (c, next) => (IMAGE_UPLOAD_PATH.test(c.req.path) ? imageBodyLimit(c, next) : jsonBodyLimit(c, next)));
  app.use("/v1/*", servicesScope);

  app.route("/", healthRoutes);
  app.route("/", authRoutes);
  app.route("/", notificationRoutes);
  app.route("/", catalogRoutes);
  app.route("/", imageRoutes);
  app.route("/", searchRoutes);
  app.route("/", auctionRoutes);
  app.route("/", fraudRoutes);
  app.route("/", orderRoutes);
  app.route("/", paymentRoutes);
  app.route("/", tripRoutes);
  app.route("/", requestRoutes);
  app.route("/", shipmentRoutes);
  app.route("/", anchoringRoutes);
  app.route("/", docsRoutes);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", { type: "http", scheme: "bearer", bearerFormat: "JWT" });
  app.doc31("/v1/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Mnbara API",
      version: "1.0.0",
      description: "Marketplace, live auctions, wallet and escrow, and crowdshipping. Errors are RFC 9457 problem+json; money is integer minor units with an ISO-4217 currency.",
    },
    servers: [{ url: "/" }],
  });

  app.notFound((c) => {
    if (c.req.path.startsWith("/v1/") || c.req.path === "/v1") return problemResponse(c, new AppError("NOT_FOUND", `No route for ${c.req.method} ${c.req.path}.`));
    return c.env.ASSETS.fetch(c.req.raw); // the React app (single-page: unknown paths get index.html)
  });
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
