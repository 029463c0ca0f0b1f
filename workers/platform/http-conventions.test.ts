// API.md conventions that every route shares: problem+json, CORS for the web origin only, OpenAPI, docs, unknown routes.
import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { call, expectProblem, registerUser, testEnv } from "../test-support/api";

describe("HTTP conventions", () => {
  it("answers an unknown API route with a 404 problem carrying the request id", async () => {
    const response = await call("GET", "/v1/no-such-thing");
    const problem = expectProblem(response, 404, "NOT_FOUND");
    expect(problem.requestId).toBe(response.headers.get("X-Request-Id"));
  });

  it("allows CORS from the web app's origin only", async () => {
    const allowed = await call("OPTIONS", "/v1/health", { headers: { Origin: testEnv.APP_ORIGIN, "Access-Control-Request-Method": "GET" } });
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe(testEnv.APP_ORIGIN);
    const foreign = await call("OPTIONS", "/v1/health", { headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "GET" } });
    expect(foreign.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("serves an OpenAPI 3.1 document generated from the routes", async () => {
    const response = await call("GET", "/v1/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
    expect(response.body.info.title).toBe("Mnbara API");
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(["/v1/health", "/v1/auth/register", "/v1/auth/login", "/v1/auth/refresh", "/v1/auth/logout", "/v1/me", "/v1/me/roles", "/v1/auth/mfa/totp/setup", "/v1/realtime/tickets", "/v1/me/notifications"]),
    );
    expect(response.body.components.securitySchemes.bearerAuth).toEqual({ type: "http", scheme: "bearer", bearerFormat: "JWT" });
    expect(response.body.paths["/v1/auth/register"].post.requestBody.content["application/json"].schema.additionalProperties).toBe(false);
  });

  it("serves the API reference page from its own assets, with no CDN", async () => {
    const response = await call("GET", "/v1/docs");
    expect(response.status).toBe(200);
    expect(response.body).toContain('src="/docs-assets/swagger-ui-bundle.js"');
    expect(response.body).not.toMatch(/https?:\/\//);
  });

  it("turns an unexpected failure into a logged 500 problem without internals", async () => {
    const app = createApp();
    app.get("/v1/test-explode", () => {
      throw new Error("secret internal detail");
    });
    const response = await app.request("/v1/test-explode", {}, testEnv);
    expect(response.status).toBe(500);
    const body = (await response.json()) as { code: string; detail: string };
    expect(body.code).toBe("INTERNAL");
    expect(body.detail).not.toContain("secret internal detail");
  });

  it("keeps working without Redis: login throttling falls back to a per-isolate limit", async () => {
    const app = createApp();
    const noRedis = { ...testEnv, UPSTASH_REDIS_REST_URL: undefined, UPSTASH_REDIS_REST_TOKEN: undefined };
    const user = await registerUser("no-redis");
    const login = (password: string) =>
      app.request("/v1/auth/login", { method: "POST", headers: { "Content-Type": "application/json", "CF-Connecting-IP": "10.99.0.1" }, body: JSON.stringify({ email: user.email, password }) }, noRedis);
    expect((await login(user.password)).status).toBe(200);
    const health = await app.request("/v1/health", {}, noRedis);
    expect(((await health.json()) as { dependencies: { redis: { status: string } } }).dependencies.redis.status).toBe("disabled");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) statuses.push((await login("wrong-password-x")).status);
    expect(statuses.slice(0, 9).every((status) => status === 401)).toBe(true);
    expect(statuses[9]).toBe(429);
  });
});

describe("POST /v1/realtime/tickets", () => {
  it("issues a single-use ticket bound to a path, valid 30 seconds", async () => {
    const user = await registerUser("ticket");
    const before = Date.now();
    const response = await call("POST", "/v1/realtime/tickets", { token: user.accessToken, body: { path: "/v1/auctions/lst_X/live" } });
    expect(response.status).toBe(201);
    expect(response.body.ticket).toMatch(/^tkt_[0-9A-Z]{26}\.[A-Za-z0-9_-]{43}$/);
    const ttl = Date.parse(response.body.expiresAt) - before;
    expect(ttl).toBeGreaterThan(29_000);
    expect(ttl).toBeLessThanOrEqual(31_000);
  });

  it("needs a token and an API path", async () => {
    expectProblem(await call("POST", "/v1/realtime/tickets", { body: { path: "/v1/x" } }), 401, "UNAUTHENTICATED");
    const user = await registerUser("ticket-bad");
    expectProblem(await call("POST", "/v1/realtime/tickets", { token: user.accessToken, body: { path: "https://evil.example/" } }), 400, "VALIDATION_FAILED");
  });
});
