// Auth over HTTP: register, login, refresh rotation and reuse, logout, me, roles — happy paths, errors, security, bad input.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, sessions, users } from "../../db/schema";
import { call, expectProblem, registerUser, STRONG_PASSWORD, uniqueEmail, withDatabase } from "../test-support/api";

async function countUsersWithEmail(email: string): Promise<number> {
  return withDatabase(async (db) => {
    const [row] = await db.orm.select({ count: sql<number>`count(*)::int` }).from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
    return row?.count ?? 0;
  });
}

async function auditActions(userId: string): Promise<string[]> {
  return withDatabase(async (db) => (await db.orm.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, userId)).orderBy(auditLog.at, auditLog.id)).map((row) => row.action));
}

describe("POST /v1/auth/register", () => {
  it("creates a buyer, returns tokens and writes an audit row", async () => {
    const email = uniqueEmail("amira");
    const response = await call("POST", "/v1/auth/register", { body: { email, password: STRONG_PASSWORD, displayName: "Amira" } });
    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({ email, displayName: "Amira", roles: ["buyer"], mfaEnabled: false });
    expect(response.body.user.id).toMatch(/^usr_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(response.body.accessToken.split(".")).toHaveLength(3);
    expect(response.body.refreshToken).toMatch(/^rft_/);
    expect(await auditActions(response.body.user.id)).toEqual(["auth.registered"]);
  });

  it("stores a PBKDF2 hash, never the password", async () => {
    const user = await registerUser("hash");
    const stored = await withDatabase(async (db) => (await db.orm.select().from(users).where(eq(users.id, user.id)))[0]);
    expect(stored?.passwordHash).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored?.passwordHash).not.toContain(STRONG_PASSWORD);
  });

  it("refuses a second account with the same email in another case with 409 EMAIL_TAKEN", async () => {
    const user = await registerUser("twice");
    const response = await call("POST", "/v1/auth/register", { body: { email: user.email.toUpperCase(), password: STRONG_PASSWORD, displayName: "Again" } });
    expectProblem(response, 409, "EMAIL_TAKEN");
    expect(await countUsersWithEmail(user.email)).toBe(1);
  });

  it("rejects a short password, a bad email and an empty name with field paths, creating nothing", async () => {
    const email = "not-an-email";
    const response = await call("POST", "/v1/auth/register", { body: { email, password: "short", displayName: "" } });
    const problem = expectProblem(response, 400, "VALIDATION_FAILED");
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(["displayName", "email", "password"]);
    expect(await countUsersWithEmail(email)).toBe(0);
  });

  it("rejects unknown fields by name", async () => {
    const email = uniqueEmail("extra");
    const response = await call("POST", "/v1/auth/register", { body: { email, password: STRONG_PASSWORD, displayName: "X", roles: ["admin"] } });
    const problem = expectProblem(response, 400, "VALIDATION_FAILED");
    expect(problem.errors).toEqual([{ path: "roles", message: "unknown field" }]);
    expect(await countUsersWithEmail(email)).toBe(0);
  });

  it("rejects wrong types and missing fields", async () => {
    const response = await call("POST", "/v1/auth/register", { body: { email: 42, password: true } });
    const problem = expectProblem(response, 400, "VALIDATION_FAILED");
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(["displayName", "email", "password"]);
  });

  it("answers malformed JSON with 400 MALFORMED_JSON", async () => {
    expectProblem(await call("POST", "/v1/auth/register", { rawBody: '{"email": "a@b.c",' }), 400, "MALFORMED_JSON");
  });

  it("answers a body over the size limit with 413 and creates nothing", async () => {
    const email = uniqueEmail("huge");
    const response = await call("POST", "/v1/auth/register", { rawBody: JSON.stringify({ email, password: STRONG_PASSWORD, displayName: "x".repeat(70_000) }) });
    expectProblem(response, 413, "PAYLOAD_TOO_LARGE");
    expect(await countUsersWithEmail(email)).toBe(0);
  });

  it("answers a non-JSON content type with 415", async () => {
    const response = await call("POST", "/v1/auth/register", { rawBody: "email=a", headers: { "Content-Type": "text/plain" } });
    expectProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
  });
});

describe("POST /v1/auth/login", () => {
  it("signs in with the right password in any email case", async () => {
    const user = await registerUser("login");
    const response = await call("POST", "/v1/auth/login", { body: { email: user.email.toUpperCase(), password: user.password } });
    expect(response.status).toBe(200);
    expect(response.body.user.id).toBe(user.id);
    expect((await auditActions(user.id)).at(-1)).toBe("auth.login");
  });

  it("answers a wrong password and an unknown email alike with 401 INVALID_CREDENTIALS", async () => {
    const user = await registerUser("wrongpw");
    const wrong = await call("POST", "/v1/auth/login", { body: { email: user.email, password: "not the password" } });
    const unknown = await call("POST", "/v1/auth/login", { body: { email: uniqueEmail("ghost"), password: "whatever-password" } });
    expect(expectProblem(wrong, 401, "INVALID_CREDENTIALS").detail).toBe(expectProblem(unknown, 401, "INVALID_CREDENTIALS").detail);
    expect((await auditActions(user.id)).at(-1)).toBe("auth.login_failed");
  });

  it("throttles an account after 10 attempts with 429 and Retry-After, even from different IPs", async () => {
    const user = await registerUser("throttle");
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await call("POST", "/v1/auth/login", { body: { email: user.email, password: "wrong-password-x" } })).status).toBe(401);
    }
    const blocked = await call("POST", "/v1/auth/login", { body: { email: user.email, password: user.password } });
    expectProblem(blocked, 429, "RATE_LIMITED");
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("throttles one IP after 50 attempts across accounts", async () => {
    const ip = "10.250.0.1";
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 51; attempt++) {
      statuses.push((await call("POST", "/v1/auth/login", { ip, body: { email: uniqueEmail("spray"), password: "wrong-password-x" } })).status);
    }
    expect(statuses.slice(0, 50).every((status) => status === 401)).toBe(true);
    expect(statuses[50]).toBe(429);
  });

  it("rejects a malformed totp field with 400", async () => {
    const response = await call("POST", "/v1/auth/login", { body: { email: uniqueEmail(), password: "x", totp: "12ab56" } });
    expect(expectProblem(response, 400, "VALIDATION_FAILED").errors).toEqual([{ path: "totp", message: "a 6-digit code" }]);
  });
});

describe("POST /v1/auth/refresh", () => {
  it("rotates: the new pair works and the old refresh token is spent", async () => {
    const user = await registerUser("rotate");
    const rotated = await call("POST", "/v1/auth/refresh", { body: { refreshToken: user.refreshToken } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(user.refreshToken);
    expect((await call("GET", "/v1/me", { token: rotated.body.accessToken })).status).toBe(200);
  });

  it("treats a reused refresh token as theft: 401 and the whole family is revoked", async () => {
    const user = await registerUser("reuse");
    const first = await call("POST", "/v1/auth/refresh", { body: { refreshToken: user.refreshToken } });
    const replay = await call("POST", "/v1/auth/refresh", { body: { refreshToken: user.refreshToken } });
    expectProblem(replay, 401, "REFRESH_TOKEN_REUSED");
    expectProblem(await call("POST", "/v1/auth/refresh", { body: { refreshToken: first.body.refreshToken } }), 401, "INVALID_TOKEN");
    expectProblem(await call("GET", "/v1/me", { token: first.body.accessToken }), 401, "INVALID_TOKEN");
    const revoked = await withDatabase(async (db) => db.orm.select().from(sessions).where(eq(sessions.userId, user.id)));
    expect(revoked.map((session) => session.revokedReason)).toEqual(["refresh_token_reused"]);
    expect(await auditActions(user.id)).toContain("auth.refresh_token_reused");
  });

  it("answers a forged refresh token with 401 INVALID_TOKEN", async () => {
    const user = await registerUser("forged");
    const [tokenId] = user.refreshToken.split(".");
    expectProblem(await call("POST", "/v1/auth/refresh", { body: { refreshToken: `${tokenId}.forgedsecret` } }), 401, "INVALID_TOKEN");
    expectProblem(await call("POST", "/v1/auth/refresh", { body: { refreshToken: "garbage" } }), 401, "INVALID_TOKEN");
    expect((await call("POST", "/v1/auth/refresh", { body: { refreshToken: user.refreshToken } })).status).toBe(200);
  });

  it("rejects a missing refresh token with 400", async () => {
    expect(expectProblem(await call("POST", "/v1/auth/refresh", { body: {} }), 400, "VALIDATION_FAILED").errors?.[0]?.path).toBe("refreshToken");
  });
});

describe("POST /v1/auth/logout", () => {
  it("ends the session: the access token and refresh token stop working", async () => {
    const user = await registerUser("logout");
    const response = await call("POST", "/v1/auth/logout", { token: user.accessToken, body: {} });
    expect(response.status).toBe(204);
    expectProblem(await call("GET", "/v1/me", { token: user.accessToken }), 401, "INVALID_TOKEN");
    expectProblem(await call("POST", "/v1/auth/refresh", { body: { refreshToken: user.refreshToken } }), 401, "INVALID_TOKEN");
    expect((await auditActions(user.id)).at(-1)).toBe("auth.logout");
  });

  it("works without a body", async () => {
    const user = await registerUser("logout-nobody");
    expect((await call("POST", "/v1/auth/logout", { token: user.accessToken })).status).toBe(204);
  });

  it("needs a token", async () => {
    expectProblem(await call("POST", "/v1/auth/logout", { body: {} }), 401, "UNAUTHENTICATED");
  });
});

describe("GET /v1/me and POST /v1/me/roles", () => {
  it("returns the caller's profile", async () => {
    const user = await registerUser("me");
    const response = await call("GET", "/v1/me", { token: user.accessToken });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: user.id, email: user.email, roles: ["buyer"], mfaEnabled: false });
  });

  it("grants the seller role at once (the same access token now carries it) and is idempotent", async () => {
    const user = await registerUser("seller");
    const granted = await call("POST", "/v1/me/roles", { token: user.accessToken, body: { role: "seller" } });
    expect(granted.status).toBe(200);
    expect(granted.body.roles).toEqual(["buyer", "seller"]);
    const again = await call("POST", "/v1/me/roles", { token: user.accessToken, body: { role: "seller" } });
    expect(again.body.roles).toEqual(["buyer", "seller"]);
    expect((await call("GET", "/v1/me", { token: user.accessToken })).body.roles).toEqual(["buyer", "seller"]);
    expect((await auditActions(user.id)).filter((action) => action === "auth.role_granted")).toHaveLength(1);
  });

  it("refuses to self-grant admin with 400 and changes nothing", async () => {
    const user = await registerUser("admin-wannabe");
    expect(expectProblem(await call("POST", "/v1/me/roles", { token: user.accessToken, body: { role: "admin" } }), 400, "VALIDATION_FAILED").errors?.[0]?.path).toBe("role");
    expect((await call("GET", "/v1/me", { token: user.accessToken })).body.roles).toEqual(["buyer"]);
  });
});
