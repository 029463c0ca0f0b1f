// /v1/health: reports each dependency with its status and latency.
import { describe, expect, it } from "vitest";
import { call, testEnv } from "../test-support/api";

describe("GET /v1/health", () => {
  it("reports postgres up with a latency, and the queue binding present", async () => {
    const response = await call("GET", "/v1/health");
    expect(response.status).toBe(200);
    expect(response.body.dependencies.postgres).toMatchObject({ status: "up", latencyMs: expect.any(Number) });
    expect(response.body.dependencies.queue.status).toBe("up");
    expect(response.headers.get("X-Request-Id")).toMatch(/^req_[0-9a-f]{32}$/);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });

  it("reports redis as up when configured and disabled when not", async () => {
    const response = await call("GET", "/v1/health");
    const expected = testEnv.UPSTASH_REDIS_REST_URL ? "up" : "disabled";
    expect(response.body.dependencies.redis.status).toBe(expected);
    expect(response.body.status).toBe("ok");
  });

  it("answers 503 and status down when postgres is unreachable", async () => {
    const { createApp } = await import("../app");
    const app = createApp();
    const response = await app.request("/v1/health", {}, { ...testEnv, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; dependencies: { postgres: { status: string } } };
    expect(body.status).toBe("down");
    expect(body.dependencies.postgres.status).toBe("down");
  });

  it("keeps a sane caller-supplied request id and replaces a malformed one", async () => {
    const kept = await call("GET", "/v1/health", { headers: { "X-Request-Id": "trace-abc-12345" } });
    expect(kept.headers.get("X-Request-Id")).toBe("trace-abc-12345");
    const replaced = await call("GET", "/v1/health", { headers: { "X-Request-Id": "bad id with spaces" } });
    expect(replaced.headers.get("X-Request-Id")).toMatch(/^req_/);
  });
});
