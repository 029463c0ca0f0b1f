// HTTP for the admin review queue: list held payments, approve or reject one (admin only).
import { createRoute, z } from "@hono/zod-openapi";
import { currentAuth, requireRole, signedIn } from "../platform/authorize";
import { createRouter } from "../platform/hono";
import { FRAUD_REVIEW_NOTE_MAX_LENGTH } from "../platform/limits";
import { MoneySchema } from "../platform/money";
import { authErrors, jsonBody, jsonResponse, PageQuerySchema } from "../platform/schemas";
import { decideReview, listReviews } from "./reviews-service";

const REVIEW_STATUSES = ["pending", "approved", "rejected"] as const;

const ReviewSchema = z
  .object({
    id: z.string(),
    status: z.enum(REVIEW_STATUSES),
    userId: z.string(),
    kind: z.string(),
    amount: MoneySchema,
    subjectType: z.string(),
    subjectId: z.string(),
    score: z.number().int(),
    reasons: z.array(z.object({ rule: z.string(), points: z.number().int(), detail: z.string() })),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    note: z.string().nullable(),
  })
  .openapi("FraudReview");

const adminOnly = { middleware: [signedIn.middleware, requireRole("admin")], security: signedIn.security };
const ReviewParams = z.object({ id: z.string().min(1).max(64) }).strict();
const DecisionBody = z.object({ note: z.string().trim().min(1).max(FRAUD_REVIEW_NOTE_MAX_LENGTH).optional() }).strict();

const listRoute = createRoute({
  method: "get",
  path: "/v1/admin/reviews",
  tags: ["Fraud"],
  summary: "Payments held by the risk checks, by status (pending oldest first; decided newest first). Admin only.",
  ...adminOnly,
  request: { query: PageQuerySchema.extend({ status: z.enum(REVIEW_STATUSES).default("pending") }).strict() },
  responses: { 200: jsonResponse("A page of reviews", z.object({ items: z.array(ReviewSchema), nextCursor: z.string().nullable() })), ...authErrors },
});

const decisionRoute = (decision: "approve" | "reject") =>
  createRoute({
    method: "post",
    path: `/v1/admin/reviews/{id}/${decision}`,
    tags: ["Fraud"],
    summary:
      decision === "approve"
        ? "Approve a held payment: the payer's retry of it is allowed. Admin only; audited."
        : "Reject a held payment: it stays blocked. Admin only; audited.",
    ...adminOnly,
    request: { params: ReviewParams, body: { ...jsonBody(DecisionBody), required: false } },
    responses: { 200: jsonResponse("The decided review", ReviewSchema), ...authErrors },
  });

export const fraudRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listReviews(c.var.services, c.req.valid("query")), 200))
  .openapi(decisionRoute("approve"), async (c) => c.json(await decideReview(c.var.services, currentAuth(c), c.req.valid("param").id, "approved", c.req.valid("json").note), 200))
  .openapi(decisionRoute("reject"), async (c) => c.json(await decideReview(c.var.services, currentAuth(c), c.req.valid("param").id, "rejected", c.req.valid("json").note), 200));
