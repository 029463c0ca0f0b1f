// The Redis session cache behind access-token checks: filled on a miss, ended at once by logout, refresh reuse and new roles.
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { createRedis, redisKeyPrefix } from "../platform/redis";
import { call, expectProblem, phoneListing, registerUser, testEnv } from "../test-support/api";

const redis = createRedis(testEnv)!;
const sessionIdOf = (accessToken: string) => decodeJwt(accessToken).sid as string;
const sessionEntry = (accessToken: string) => redis.get<{ live: boolean; userId?: string }>(`${redisKeyPrefix(testEnv)}:session:${sessionIdOf(accessToken)}`);

/** The cache is filled after the response (waitUntil), so poll briefly for it. */
async function cachedEntry(accessToken: string) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const entry = await sessionEntry(accessToken);
    if (entry) return entry;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}

describe("the session cache", () => {
  it("remembers a session checked in Postgres as live, for its user", async () => {
    const user = await registerUser("cache-fill");
    expect((await call("GET", "/v1/me", { token: user.accessToken })).status).toBe(200);
    expect(await cachedEntry(user.accessToken)).toMatchObject({ live: true, userId: user.id });
    expect((await call("GET", "/v1/me", { token: user.accessToken })).status).toBe(200);
  });

  it("ends a cached session at once on logout", async () => {
    const user = await registerUser("cache-logout");
    await call("GET", "/v1/me", { token: user.accessToken });
    await cachedEntry(user.accessToken);
    expect((await call("POST", "/v1/auth/logout", { token: user.accessToken })).status).toBe(204);
    expect(await sessionEntry(user.accessToken)).toEqual({ live: false });
    expectProblem(await call("GET", "/v1/me", { token: user.accessToken }), 401, "INVALID_TOKEN");
  });

  it("ends a cached session at once when a used refresh token comes back", async () => {
    const user = await registerUser("cache-reuse");
    await call("GET", "/v1/me", { token: user.accessToken });
    await cachedEntry(user.accessToken);
    expect((await call("POST", "/v1/auth/refresh", { body: { refreshToken: user.refreshToken } })).status).toBe(200);
    expectProblem(await call("POST", "/v1/auth/refresh", { body: { refreshToken: user.refreshToken } }), 401, "REFRESH_TOKEN_REUSED");
    expectProblem(await call("GET", "/v1/me", { token: user.accessToken }), 401, "INVALID_TOKEN");
  });

  it("applies a newly granted role at once although the session was cached", async () => {
    const user = await registerUser("cache-role");
    await call("GET", "/v1/me", { token: user.accessToken });
    await cachedEntry(user.accessToken);
    expect((await call("POST", "/v1/me/roles", { token: user.accessToken, body: { role: "seller" } })).status).toBe(200);
    const me = await call("GET", "/v1/me", { token: user.accessToken });
    expect(me.body.roles).toEqual(["buyer", "seller"]);
    expect((await call("POST", "/v1/listings", { token: user.accessToken, body: phoneListing() })).status).toBe(201);
  });
});
