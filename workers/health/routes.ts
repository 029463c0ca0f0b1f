// GET /v1/health: 200 while Postgres (the system of record) answers, 503 when it does not.
import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../platform/hono";
import { jsonResponse } from "../platform/schemas";
import { checkHealth } from "./service";

const Dependency = z.object({ status: z.enum(["up", "down", "disabled"]), latencyMs: z.number().nullable(), detail: z.string().optional() });
const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded", "down"]),
    time: z.string(),
    dependencies: z.object({ postgres: Dependency, redis: Dependency, queue: Dependency }),
    anchoring: z.object({
      status: z.enum(["off", "on"]),
      chainId: z.number().int().optional(),
      lastAnchoredBatch: z.object({ id: z.number().int(), root: z.string(), txHash: z.string(), blockNumber: z.number().int(), anchoredAt: z.string() }).nullable().optional(),
      pending: z.number().int().optional(),
      detail: z.string().optional(),
    }),
  })
  .openapi("Health");

const healthRoute = createRoute({
  method: "get",
  path: "/v1/health",
  tags: ["Platform"],
  summary: "Each dependency's status and latency",
  responses: { 200: jsonResponse("Serving", HealthSchema), 503: jsonResponse("Postgres is unreachable", HealthSchema) },
});

export const healthRoutes = createRouter().openapi(healthRoute, async (c) => {
  const health = await checkHealth(c.var.services);
  c.header("Cache-Control", "no-store");
  return c.json(health, health.status === "down" ? 503 : 200);
});
