// HTTP for the caller's inbox.
import { createRoute, z } from "@hono/zod-openapi";
import { currentAuth, signedIn } from "../platform/authorize";
import { createRouter } from "../platform/hono";
import { commonErrors, jsonResponse, PageQuerySchema } from "../platform/schemas";
import { listNotifications } from "./service";

const NotificationSchema = z
  .object({ id: z.string(), kind: z.string(), title: z.string(), body: z.string(), data: z.record(z.string(), z.unknown()), createdAt: z.string(), readAt: z.string().nullable() })
  .openapi("Notification");

const listRoute = createRoute({
  method: "get",
  path: "/v1/me/notifications",
  tags: ["Notifications"],
  summary: "The caller's in-app notifications, newest first",
  ...signedIn,
  request: { query: PageQuerySchema },
  responses: { 200: jsonResponse("A page of notifications", z.object({ items: z.array(NotificationSchema), nextCursor: z.string().nullable() })), ...commonErrors },
});

export const notificationRoutes = createRouter().openapi(listRoute, async (c) =>
  c.json(await listNotifications(c.var.services, currentAuth(c).userId, c.req.valid("query")), 200),
);
