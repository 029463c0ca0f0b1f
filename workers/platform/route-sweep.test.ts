// A sweep over every route in the OpenAPI document: bad input and bad tokens always get a 4xx problem+json, never a 500.
// New routes are covered as soon as they are registered.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import { signAccessToken } from "../auth/tokens";
import { bytesToBase64Url } from "./crypto";
import { call, expectProblem, registerUser, testEnv, withDatabase } from "../test-support/api";

interface Operation {
  method: string;
  path: string;
  secured: boolean;
  hasBody: boolean;
  /** Money-moving POSTs declare a required Idempotency-Key header; the sweep sends one so it reaches input validation. */
  needsIdempotencyKey: boolean;
}

/** A fresh key per call: the sweep's bodies differ, and a reused key would be refused before validation. */
const idempotencyHeaders = () => ({ "Idempotency-Key": crypto.randomUUID() });

async function operations(): Promise<Operation[]> {
  const { body } = await call("GET", "/v1/openapi.json");
  const found: Operation[] = [];
  type Parameter = { in: string; name: string; required?: boolean; example?: unknown; schema?: { example?: unknown } };
  type OperationObject = { security?: unknown[]; requestBody?: { content: Record<string, unknown> }; parameters?: Parameter[] };
  for (const [path, methods] of Object.entries<Record<string, OperationObject>>(body.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      // Binary bodies (image uploads) are swept by their own tests; JSON ones here.
      const hasBody = Boolean(operation.requestBody?.content["application/json"]);
      const needsIdempotencyKey = Boolean(operation.parameters?.some((parameter) => parameter.in === "header" && parameter.name.toLowerCase() === "idempotency-key" && parameter.required));
      // A path parameter with a documented example (a currency code) gets it, so the sweep gets past the path to the body.
      const example = (name: string) => {
        const parameter = operation.parameters?.find((candidate) => candidate.in === "path" && candidate.name === name);
        const value = parameter?.example ?? parameter?.schema?.example;
        return typeof value === "string" ? value : "xyz_00000000000000000000000000";
      };
      found.push({ method: method.toUpperCase(), path: path.replace(/\{([^}]+)\}/g, (_match, name: string) => example(name)), secured: Boolean(operation.security?.length), hasBody, needsIdempotencyKey });
    }
  }
  return found;
}

/**
 * A user with every role, admin included, so role checks pass and input checks are what the sweep sees. There is no
 * API to become an admin: the roles are set in the database, then a fresh login carries them.
 */
async function privilegedUser(label: string) {
  const user = await registerUser(label);
  await withDatabase((db) => db.orm.update(users).set({ roles: ["buyer", "seller", "traveler", "admin"] }).where(eq(users.id, user.id)));
  const login = await call("POST", "/v1/auth/login", { body: { email: user.email, password: user.password } });
  expect(login.status).toBe(200);
  return { ...user, accessToken: login.body.accessToken as string };
}

const encode = (value: unknown) => bytesToBase64Url(new TextEncoder().encode(JSON.stringify(value)));

describe("every route", () => {
  it("is listed in the OpenAPI document (the sweep has something to check)", async () => {
    expect((await operations()).length).toBeGreaterThanOrEqual(12);
  });

  it("answers malformed JSON with 400 MALFORMED_JSON", async () => {
    const user = await privilegedUser("sweep-json");
    for (const operation of (await operations()).filter((op) => op.hasBody)) {
      const response = await call(operation.method, operation.path, { token: user.accessToken, rawBody: "{not json", headers: idempotencyHeaders() });
      expect({ route: `${operation.method} ${operation.path}`, status: response.status, code: response.body.code }).toEqual({ route: `${operation.method} ${operation.path}`, status: 400, code: "MALFORMED_JSON" });
    }
  });

  it("answers unknown fields with 400 naming the field", async () => {
    const user = await privilegedUser("sweep-unknown");
    for (const operation of (await operations()).filter((op) => op.hasBody)) {
      const response = await call(operation.method, operation.path, { token: user.accessToken, body: { surpriseField: 1 }, headers: idempotencyHeaders() });
      const problem = expectProblem(response, 400, "VALIDATION_FAILED");
      expect(problem.errors).toContainEqual({ path: "surpriseField", message: "unknown field" });
    }
  });

  it("answers an oversized body with 413 before doing anything", async () => {
    const user = await privilegedUser("sweep-large");
    for (const operation of (await operations()).filter((op) => op.hasBody)) {
      expectProblem(await call(operation.method, operation.path, { token: user.accessToken, rawBody: JSON.stringify({ padding: "x".repeat(100_000) }), headers: idempotencyHeaders() }), 413, "PAYLOAD_TOO_LARGE");
    }
  });

  it("answers a route that requires an Idempotency-Key but got none with 400 IDEMPOTENCY_KEY_REQUIRED", async () => {
    const user = await privilegedUser("sweep-idempotency");
    for (const operation of (await operations()).filter((op) => op.needsIdempotencyKey)) {
      const body = operation.hasBody ? {} : undefined;
      const response = await call(operation.method, operation.path, { token: user.accessToken, body });
      expect({ route: `${operation.method} ${operation.path}`, status: response.status, code: response.body.code }).toEqual({ route: `${operation.method} ${operation.path}`, status: 400, code: "IDEMPOTENCY_KEY_REQUIRED" });
    }
  });

  it("answers a secured route with no, expired, forged or alg:none tokens with 401", async () => {
    const user = await registerUser("sweep-tokens");
    const [, payloadPart] = user.accessToken.split(".");
    const claims = JSON.parse(atob(payloadPart!.replaceAll("-", "+").replaceAll("_", "/")));
    const config = { secret: testEnv.JWT_SECRET, issuer: testEnv.JWT_ISSUER, audience: testEnv.JWT_AUDIENCE };
    const expired = await signAccessToken(config, { userId: claims.sub, sessionId: claims.sid }, new Date(Date.now() - 3_600_000));
    const forged = await signAccessToken({ ...config, secret: "x".repeat(40) }, { userId: claims.sub, sessionId: claims.sid }, new Date());
    const none = `${encode({ alg: "none" })}.${encode({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    for (const operation of (await operations()).filter((op) => op.secured)) {
      const body = operation.hasBody ? {} : undefined;
      expectProblem(await call(operation.method, operation.path, { body }), 401, "UNAUTHENTICATED");
      for (const token of [expired, forged, none]) expectProblem(await call(operation.method, operation.path, { token, body }), 401, "INVALID_TOKEN");
    }
  });
});
