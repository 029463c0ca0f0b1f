// The authorization helpers later routes use in one line: role checks (403) and ownership checks (404, never 403).
import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { call, expectProblem, registerUser, testEnv } from "../test-support/api";
import { assertOwnerOrAdmin, currentAuth, requireAuth, requireRole } from "./authorize";

function appWithProbeRoutes() {
  const app = createApp();
  app.get("/v1/test-probe/sellers-only", requireAuth, requireRole("seller"), (c) => c.json({ ok: true }));
  app.get("/v1/test-probe/owned-by/:ownerId", requireAuth, (c) => {
    assertOwnerOrAdmin(currentAuth(c), c.req.param("ownerId"), "probe");
    return c.json({ ok: true });
  });
  return app;
}

async function probe(path: string, token: string) {
  const response = await appWithProbeRoutes().request(path, { headers: { Authorization: `Bearer ${token}` } }, testEnv);
  return { status: response.status, body: (await response.json()) as { code?: string } };
}

describe("requireRole", () => {
  it("answers 403 FORBIDDEN for a buyer and lets a seller through", async () => {
    const user = await registerUser("role-check");
    expect(await probe("/v1/test-probe/sellers-only", user.accessToken)).toMatchObject({ status: 403, body: { code: "FORBIDDEN" } });
    await call("POST", "/v1/me/roles", { token: user.accessToken, body: { role: "seller" } });
    expect(await probe("/v1/test-probe/sellers-only", user.accessToken)).toEqual({ status: 200, body: { ok: true } });
  });
});

describe("assertOwnerOrAdmin", () => {
  it("lets the owner through and answers 404 (not 403) to anyone else", async () => {
    const owner = await registerUser("owner");
    const stranger = await registerUser("stranger");
    expect((await probe(`/v1/test-probe/owned-by/${owner.id}`, owner.accessToken)).status).toBe(200);
    expect(await probe(`/v1/test-probe/owned-by/${owner.id}`, stranger.accessToken)).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
  });

  it("needs a token first", async () => {
    const response = await appWithProbeRoutes().request("/v1/test-probe/sellers-only", {}, testEnv);
    expect(response.status).toBe(401);
    expectProblem({ status: response.status, headers: response.headers, body: await response.json() }, 401, "UNAUTHENTICATED");
  });
});
