// The Idempotency-Key middleware on a probe route mounted on the real app: replays, refusals, parallel duplicates, per-user keys, expiry.
import { createRoute, z } from "@hono/zod-openapi";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, idempotencyKeys } from "../../db/schema";
import { createApp } from "../app";
import { call, expectProblem, registerUser, testEnv, withDatabase, type ApiResponse } from "../test-support/api";
import { currentAuth } from "./authorize";
import { createScope } from "./context";
import { sha256Base64Url } from "./crypto";
import { AppError } from "./errors";
import { inTransaction } from "./events";
import { IdempotencyKeyHeaders, signedInIdempotent } from "./idempotency";
import { deleteExpiredIdempotencyKeys } from "./idempotency-store";
import { createLogger } from "./logger";
import { jsonBody, jsonResponse } from "./schemas";

const PROBE_PATH = "/v1/test-idempotency/effects";
const EFFECT_ACTION = "test.idempotent_effect";
/** Labels whose first run should fail with a 500, to show a failure releases the key. */
const failOnce = new Set<string>();

const probeRoute = createRoute({
  method: "post",
  path: PROBE_PATH,
  ...signedInIdempotent,
  request: {
    headers: IdempotencyKeyHeaders,
    body: jsonBody(
      z.object({ label: z.string(), amountMinor: z.number().int(), delayMs: z.number().int().max(1_000).optional(), outcome: z.enum(["ok", "conflict", "declined", "empty"]).optional() }).strict(),
    ),
  },
  responses: { 201: jsonResponse("Done", z.object({ label: z.string(), amountMinor: z.number(), runId: z.string() })), 204: { description: "Done, nothing to say" } },
});

/** The real app plus one route whose effect (an audit row per run) can be counted. */
function probeApp() {
  const app = createApp();
  app.openapi(probeRoute, async (c) => {
    const body = c.req.valid("json");
    if (body.outcome === "conflict") throw new AppError("CONFLICT", "Not now.");
    if (body.outcome === "declined") throw new AppError("PAYMENT_DECLINED", "Declined.");
    if (failOnce.delete(body.label)) throw new Error("probe failure");
    if (body.delayMs) await new Promise((resolve) => setTimeout(resolve, body.delayMs));
    const runId = crypto.randomUUID();
    await inTransaction(c.var.services, (scope) => scope.audit({ actorId: currentAuth(c).userId, action: EFFECT_ACTION, subjectType: "probe", subjectId: body.label, details: { runId } }));
    if (body.outcome === "empty") return c.body(null, 204);
    return c.json({ label: body.label, amountMinor: body.amountMinor, runId }, 201);
  });
  return app;
}

const app = probeApp();

async function post(token: string | null, body: unknown, key?: string): Promise<ApiResponse> {
  const headers: Record<string, string> = { "Content-Type": "application/json", "CF-Connecting-IP": "10.77.0.1" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (key !== undefined) headers["Idempotency-Key"] = key;
  const response = await app.request(PROBE_PATH, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }, testEnv);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: /json/.test(response.headers.get("Content-Type") ?? "") ? JSON.parse(text) : text };
}

async function effectCount(label: string): Promise<number> {
  return withDatabase(async (db) => (await db.orm.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, EFFECT_ACTION), eq(auditLog.subjectId, label))))[0]!.n);
}

async function keyRow(userId: string, key: string) {
  return withDatabase(async (db) => (await db.orm.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))))[0]);
}

const uniqueLabel = (name: string) => `${name}-${crypto.randomUUID()}`;

describe("idempotency middleware", () => {
  it("runs a request once and replays its exact response, marked Idempotent-Replayed, to a retry with the same key and body", async () => {
    const user = await registerUser("idem-replay");
    const label = uniqueLabel("replay");
    const key = crypto.randomUUID();
    const first = await post(user.accessToken, { label, amountMinor: 1_250 }, key);
    expect(first.status).toBe(201);
    expect(first.headers.get("Idempotent-Replayed")).toBeNull();
    const second = await post(user.accessToken, { label, amountMinor: 1_250 }, key);
    expect({ status: second.status, body: second.body, replayed: second.headers.get("Idempotent-Replayed"), type: second.headers.get("Content-Type") }).toEqual({
      status: 201,
      body: first.body,
      replayed: "true",
      type: "application/json",
    });
    expect(await effectCount(label)).toBe(1);
    const row = await keyRow(user.id, key);
    expect(row).toMatchObject({
      state: "completed",
      responseStatus: 201,
      responseContentType: "application/json",
      responseBody: JSON.stringify(first.body),
      requestHash: await sha256Base64Url(`POST\n${PROBE_PATH}\n${JSON.stringify({ label, amountMinor: 1_250 })}`),
    });
  });

  it("refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED and runs nothing", async () => {
    const user = await registerUser("idem-reuse");
    const label = uniqueLabel("reuse");
    const key = crypto.randomUUID();
    expect((await post(user.accessToken, { label, amountMinor: 100 }, key)).status).toBe(201);
    expectProblem(await post(user.accessToken, { label, amountMinor: 999 }, key), 422, "IDEMPOTENCY_KEY_REUSED");
    expect(await effectCount(label)).toBe(1);
  });

  it("gives exactly one effect for 10 parallel requests with the same key; the rest replay it or are told it is in use", async () => {
    const user = await registerUser("idem-parallel");
    const label = uniqueLabel("parallel");
    const key = crypto.randomUUID();
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(user.accessToken, { label, amountMinor: 500, delayMs: 300 }, key)));
    const created = responses.filter((response) => response.status === 201);
    const inUse = responses.filter((response) => response.status === 409);
    expect(created.length + inUse.length).toBe(10);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((response) => response.body.runId)).size).toBe(1);
    for (const response of inUse) {
      expectProblem(response, 409, "IDEMPOTENCY_KEY_IN_USE");
      expect(response.headers.get("Retry-After")).toBe("1");
    }
    expect(await effectCount(label)).toBe(1);
    const replay = await post(user.accessToken, { label, amountMinor: 500, delayMs: 300 }, key);
    expect({ status: replay.status, runId: replay.body.runId }).toEqual({ status: 201, runId: created[0]!.body.runId });
    expect(await effectCount(label)).toBe(1);
  });

  it("credits a real wallet deposit once when 10 requests with one key race (POST /v1/wallet/deposits)", async () => {
    const user = await registerUser("idem-deposit");
    const key = crypto.randomUUID();
    const body = { amount: { amount: 3_300, currency: "USD" }, paymentMethod: "pm_card_visa" };
    const responses = await Promise.all(Array.from({ length: 10 }, () => call("POST", "/v1/wallet/deposits", { token: user.accessToken, body, headers: { "Idempotency-Key": key } })));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status !== 201 && status !== 409)).toEqual([]);
    expect(new Set(responses.filter((response) => response.status === 201).map((response) => JSON.stringify(response.body))).size).toBe(1);
    const wallet = await call("GET", "/v1/wallet", { token: user.accessToken });
    expect(wallet.body.balances).toEqual([{ currency: "USD", available: { amount: 3_300, currency: "USD" }, held: { amount: 0, currency: "USD" } }]);
  });

  it("gives exactly one effect per key when 10 different keys of one user race (keys do not block each other)", async () => {
    const user = await registerUser("idem-many");
    const label = uniqueLabel("many");
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(user.accessToken, { label, amountMinor: 1 }, crypto.randomUUID())));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201));
    expect(await effectCount(label)).toBe(10);
  });

  it("keeps keys per user: the same key from two users is two requests with two effects", async () => {
    const alice = await registerUser("idem-alice");
    const bob = await registerUser("idem-bob");
    const label = uniqueLabel("per-user");
    const key = crypto.randomUUID();
    const fromAlice = await post(alice.accessToken, { label, amountMinor: 700 }, key);
    const fromBob = await post(bob.accessToken, { label, amountMinor: 700 }, key);
    expect([fromAlice.status, fromBob.status, fromBob.headers.get("Idempotent-Replayed")]).toEqual([201, 201, null]);
    expect(fromAlice.body.runId).not.toBe(fromBob.body.runId);
    expect(await effectCount(label)).toBe(2);
  });

  it("answers a missing key with 400 IDEMPOTENCY_KEY_REQUIRED and runs nothing", async () => {
    const user = await registerUser("idem-missing");
    const label = uniqueLabel("missing");
    expectProblem(await post(user.accessToken, { label, amountMinor: 1 }), 400, "IDEMPOTENCY_KEY_REQUIRED");
    expect(await effectCount(label)).toBe(0);
  });

  it("answers an empty, too long or spaced key with 400 VALIDATION_FAILED naming the header, and stores nothing", async () => {
    const user = await registerUser("idem-bad-key");
    const label = uniqueLabel("bad-key");
    for (const key of ["", "k".repeat(256), "key with spaces"]) {
      const problem = expectProblem(await post(user.accessToken, { label, amountMinor: 1 }, key), 400, "VALIDATION_FAILED");
      expect(problem.errors).toEqual([{ path: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters" }]);
    }
    expect((await post(user.accessToken, { label, amountMinor: 1 }, "k".repeat(255))).status).toBe(201);
    expect(await effectCount(label)).toBe(1);
  });

  it("answers no token with 401 before looking at the key", async () => {
    expectProblem(await post(null, { label: "x", amountMinor: 1 }, crypto.randomUUID()), 401, "UNAUTHENTICATED");
  });

  it("does not store malformed JSON or invalid input, so the corrected body can use the same key", async () => {
    const user = await registerUser("idem-invalid");
    const label = uniqueLabel("invalid");
    const key = crypto.randomUUID();
    expectProblem(await post(user.accessToken, "{not json", key), 400, "MALFORMED_JSON");
    expectProblem(await post(user.accessToken, { label, amountMinor: "12" }, key), 400, "VALIDATION_FAILED");
    expect(await keyRow(user.id, key)).toBeUndefined();
    expect((await post(user.accessToken, { label, amountMinor: 12 }, key)).status).toBe(201);
    expect(await effectCount(label)).toBe(1);
  });

  it("releases the key after a 500 so the retry with the same key runs", async () => {
    const user = await registerUser("idem-500");
    const label = uniqueLabel("fails");
    const key = crypto.randomUUID();
    failOnce.add(label);
    expectProblem(await post(user.accessToken, { label, amountMinor: 1 }, key), 500, "INTERNAL");
    expect(await keyRow(user.id, key)).toBeUndefined();
    const retry = await post(user.accessToken, { label, amountMinor: 1 }, key);
    expect([retry.status, retry.headers.get("Idempotent-Replayed")]).toEqual([201, null]);
    expect(await effectCount(label)).toBe(1);
  });

  it("does not store a 409 conflict (the retry runs again) but stores a 402 decline (the retry replays it)", async () => {
    const user = await registerUser("idem-outcomes");
    const conflictKey = crypto.randomUUID();
    expectProblem(await post(user.accessToken, { label: "c", amountMinor: 1, outcome: "conflict" }, conflictKey), 409, "CONFLICT");
    expect(await keyRow(user.id, conflictKey)).toBeUndefined();
    const declineKey = crypto.randomUUID();
    const declined = await post(user.accessToken, { label: "d", amountMinor: 1, outcome: "declined" }, declineKey);
    expectProblem(declined, 402, "PAYMENT_DECLINED");
    const replay = await post(user.accessToken, { label: "d", amountMinor: 1, outcome: "declined" }, declineKey);
    expect({ status: replay.status, body: replay.body, type: replay.headers.get("Content-Type"), replayed: replay.headers.get("Idempotent-Replayed") }).toEqual({
      status: 402,
      body: declined.body,
      type: "application/problem+json",
      replayed: "true",
    });
  });

  it("replays a 204 without a body", async () => {
    const user = await registerUser("idem-204");
    const label = uniqueLabel("empty");
    const key = crypto.randomUUID();
    expect((await post(user.accessToken, { label, amountMinor: 1, outcome: "empty" }, key)).status).toBe(204);
    const replay = await post(user.accessToken, { label, amountMinor: 1, outcome: "empty" }, key);
    expect({ status: replay.status, body: replay.body, replayed: replay.headers.get("Idempotent-Replayed") }).toEqual({ status: 204, body: "", replayed: "true" });
    expect(await effectCount(label)).toBe(1);
  });

  it("lets a retry take over a key whose run died holding it once the lock has lapsed, but not before", async () => {
    const user = await registerUser("idem-stale");
    const label = uniqueLabel("stale");
    const body = { label, amountMinor: 40 };
    const requestHash = await sha256Base64Url(`POST\n${PROBE_PATH}\n${JSON.stringify(body)}`);
    const live = crypto.randomUUID();
    const dead = crypto.randomUUID();
    const now = Date.now();
    await withDatabase((db) =>
      db.orm.insert(idempotencyKeys).values([
        { userId: user.id, key: live, requestHash, state: "in_progress", lockedUntil: new Date(now + 30_000) },
        { userId: user.id, key: dead, requestHash, state: "in_progress", lockedUntil: new Date(now - 1_000) },
      ]),
    );
    expectProblem(await post(user.accessToken, body, live), 409, "IDEMPOTENCY_KEY_IN_USE");
    expect((await post(user.accessToken, body, dead)).status).toBe(201);
    expect(await effectCount(label)).toBe(1);
  });

  it("treats a key older than 24 hours as new, and the cron cleanup deletes expired keys but keeps fresh ones", async () => {
    const user = await registerUser("idem-expiry");
    const label = uniqueLabel("expiry");
    const old = new Date(Date.now() - 25 * 60 * 60 * 1000);
    const expired = Array.from({ length: 3 }, () => crypto.randomUUID());
    await withDatabase((db) =>
      db.orm.insert(idempotencyKeys).values(
        expired.map((key) => ({ userId: user.id, key, requestHash: "old", state: "completed" as const, responseStatus: 201, responseBody: "{}", createdAt: old, lockedUntil: old })),
      ),
    );
    expect((await post(user.accessToken, { label, amountMinor: 3 }, expired[0]!)).status).toBe(201);
    expect(await effectCount(label)).toBe(1);

    const scope = createScope(testEnv, createLogger("error"), "test-cron", { ip: null, userAgent: null });
    try {
      expect(await deleteExpiredIdempotencyKeys(scope.ctx)).toBeGreaterThanOrEqual(2);
    } finally {
      await scope.close();
    }
    const left = await withDatabase((db) => db.orm.select({ key: idempotencyKeys.key, state: idempotencyKeys.state }).from(idempotencyKeys).where(eq(idempotencyKeys.userId, user.id)));
    expect(left).toEqual([{ key: expired[0], state: "completed" }]);
  });

  it("documents the required key as a required header in the OpenAPI document", () => {
    const local = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "probe", version: "1" } });
    expect(local.paths?.[PROBE_PATH]?.post?.parameters).toEqual([
      {
        schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7E]+$", description: expect.any(String) },
        description: expect.stringContaining("Retries send the same key and the same body"),
        required: true,
        name: "idempotency-key",
        in: "header",
      },
    ]);
  });
});
