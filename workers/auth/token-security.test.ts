// Access-token checks: every kind of bad token is a 401 problem+json, never a 500, and reveals nothing.
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { bytesToBase64Url } from "../platform/crypto";
import { call, expectProblem, registerUser, testEnv } from "../test-support/api";
import { signAccessToken } from "./tokens";

const config = () => ({ secret: testEnv.JWT_SECRET, issuer: testEnv.JWT_ISSUER, audience: testEnv.JWT_AUDIENCE });
const encode = (value: unknown) => bytesToBase64Url(new TextEncoder().encode(JSON.stringify(value)));

async function sessionOf(accessToken: string): Promise<{ sub: string; sid: string }> {
  const payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(accessToken.split(".")[1]!.replaceAll("-", "+").replaceAll("_", "/")), (char) => char.charCodeAt(0))));
  return { sub: payload.sub, sid: payload.sid };
}

describe("access tokens on GET /v1/me", () => {
  it("accepts a freshly issued token", async () => {
    const user = await registerUser("token-ok");
    expect((await call("GET", "/v1/me", { token: user.accessToken })).status).toBe(200);
  });

  it("rejects an expired token", async () => {
    const user = await registerUser("token-expired");
    const claims = await sessionOf(user.accessToken);
    const expired = await signAccessToken(config(), { userId: claims.sub, sessionId: claims.sid }, new Date(Date.now() - 16 * 60 * 1000));
    const problem = expectProblem(await call("GET", "/v1/me", { token: expired }), 401, "INVALID_TOKEN");
    expect(problem.detail).toBe("The access token has expired.");
  });

  it("rejects a token signed with another secret", async () => {
    const user = await registerUser("token-forged");
    const claims = await sessionOf(user.accessToken);
    const forged = await signAccessToken({ ...config(), secret: "an-attacker-secret-that-is-long-enough-0000" }, { userId: claims.sub, sessionId: claims.sid }, new Date());
    expectProblem(await call("GET", "/v1/me", { token: forged }), 401, "INVALID_TOKEN");
  });

  it("rejects alg:none", async () => {
    const user = await registerUser("token-none");
    const claims = await sessionOf(user.accessToken);
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${encode({ alg: "none", typ: "JWT" })}.${encode({ sub: claims.sub, sid: claims.sid, iss: testEnv.JWT_ISSUER, aud: testEnv.JWT_AUDIENCE, iat: now, exp: now + 600 })}.`;
    expectProblem(await call("GET", "/v1/me", { token: unsigned }), 401, "INVALID_TOKEN");
  });

  it("rejects another algorithm with the right secret (HS512)", async () => {
    const user = await registerUser("token-hs512");
    const claims = await sessionOf(user.accessToken);
    const token = await new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: "HS512" })
      .setSubject(claims.sub)
      .setIssuer(testEnv.JWT_ISSUER)
      .setAudience(testEnv.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(testEnv.JWT_SECRET));
    expectProblem(await call("GET", "/v1/me", { token }), 401, "INVALID_TOKEN");
  });

  it("rejects a wrong issuer and a wrong audience", async () => {
    const user = await registerUser("token-iss");
    const claims = await sessionOf(user.accessToken);
    for (const override of [{ issuer: "https://evil.example" }, { audience: "someone-else" }]) {
      const token = await signAccessToken({ ...config(), ...override }, { userId: claims.sub, sessionId: claims.sid }, new Date());
      expectProblem(await call("GET", "/v1/me", { token }), 401, "INVALID_TOKEN");
    }
  });

  it("rejects a valid signature over another user's id with the caller's session", async () => {
    const victim = await registerUser("victim");
    const attacker = await registerUser("attacker");
    const claims = await sessionOf(attacker.accessToken);
    const token = await signAccessToken(config(), { userId: victim.id, sessionId: claims.sid }, new Date());
    expectProblem(await call("GET", "/v1/me", { token }), 401, "INVALID_TOKEN");
  });

  it("rejects garbage and a non-Bearer scheme", async () => {
    expectProblem(await call("GET", "/v1/me", { token: "not.a.jwt" }), 401, "INVALID_TOKEN");
    expectProblem(await call("GET", "/v1/me", { headers: { Authorization: "Basic dXNlcjpwYXNz" } }), 401, "INVALID_TOKEN");
    expectProblem(await call("GET", "/v1/me"), 401, "UNAUTHENTICATED");
  });
});
