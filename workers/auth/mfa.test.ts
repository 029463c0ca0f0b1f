// TOTP two-factor: enrol, confirm, log in with a code, replay rejected, disable.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import { TOTP_PERIOD_SECONDS } from "../platform/limits";
import { call, expectProblem, registerUser, withDatabase } from "../test-support/api";
import { totpCodeAt } from "./totp";

/** A code from a step after the one last used, so consecutive calls in one test never collide as replays. */
function codeForStep(secret: string, stepOffset: number): string {
  return totpCodeAt(secret, new Date(Date.now() + stepOffset * TOTP_PERIOD_SECONDS * 1000));
}

async function enrol(label: string) {
  const user = await registerUser(label);
  const setup = await call("POST", "/v1/auth/mfa/totp/setup", { token: user.accessToken, body: {} });
  expect(setup.status).toBe(201);
  const confirm = await call("POST", "/v1/auth/mfa/totp/confirm", { token: user.accessToken, body: { code: codeForStep(setup.body.secret, -1) } });
  expect(confirm.status).toBe(200);
  return { ...user, secret: setup.body.secret as string };
}

describe("TOTP enrolment", () => {
  it("gives a base32 secret and an otpauth URL naming Mnbara and the account", async () => {
    const user = await registerUser("mfa-setup");
    const setup = await call("POST", "/v1/auth/mfa/totp/setup", { token: user.accessToken, body: {} });
    expect(setup.status).toBe(201);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUrl).toContain("otpauth://totp/Mnbara:");
    expect(setup.body.otpauthUrl).toContain(encodeURIComponent(user.email));
    const stored = await withDatabase(async (db) => (await db.orm.select().from(users).where(eq(users.id, user.id)))[0]);
    expect(stored?.totpSecretEncrypted).toMatch(/^v1\./);
    expect(stored?.totpSecretEncrypted).not.toContain(setup.body.secret);
    expect(stored?.totpEnabledAt).toBeNull();
  });

  it("turns MFA on with a correct code and shows it on the profile", async () => {
    const user = await enrol("mfa-on");
    expect((await call("GET", "/v1/me", { token: user.accessToken })).body.mfaEnabled).toBe(true);
  });

  it("refuses a wrong confirmation code with INVALID_TOTP and leaves MFA off", async () => {
    const user = await registerUser("mfa-wrong");
    await call("POST", "/v1/auth/mfa/totp/setup", { token: user.accessToken, body: {} });
    expectProblem(await call("POST", "/v1/auth/mfa/totp/confirm", { token: user.accessToken, body: { code: "000000" } }), 401, "INVALID_TOTP");
    expect((await call("GET", "/v1/me", { token: user.accessToken })).body.mfaEnabled).toBe(false);
  });

  it("refuses to confirm before set-up with 409, and to set up twice once enabled", async () => {
    const fresh = await registerUser("mfa-nosetup");
    expectProblem(await call("POST", "/v1/auth/mfa/totp/confirm", { token: fresh.accessToken, body: { code: "123456" } }), 409, "MFA_NOT_ENABLED");
    const enrolled = await enrol("mfa-twice");
    expectProblem(await call("POST", "/v1/auth/mfa/totp/setup", { token: enrolled.accessToken, body: {} }), 409, "MFA_ALREADY_ENABLED");
  });

  it("needs a token and rejects unknown fields", async () => {
    expectProblem(await call("POST", "/v1/auth/mfa/totp/setup", { body: {} }), 401, "UNAUTHENTICATED");
    const user = await registerUser("mfa-fields");
    expectProblem(await call("POST", "/v1/auth/mfa/totp/setup", { token: user.accessToken, body: { secret: "AAAA" } }), 400, "VALIDATION_FAILED");
  });
});

describe("login with TOTP", () => {
  it("asks for the code with 401 MFA_REQUIRED when only the password is given", async () => {
    const user = await enrol("mfa-required");
    expectProblem(await call("POST", "/v1/auth/login", { body: { email: user.email, password: user.password } }), 401, "MFA_REQUIRED");
  });

  it("signs in with the current code, and rejects the same code replayed", async () => {
    const user = await enrol("mfa-replay");
    const code = codeForStep(user.secret, 0);
    const first = await call("POST", "/v1/auth/login", { body: { email: user.email, password: user.password, totp: code } });
    expect(first.status).toBe(200);
    expect(first.body.user.mfaEnabled).toBe(true);
    const replay = await call("POST", "/v1/auth/login", { body: { email: user.email, password: user.password, totp: code } });
    expectProblem(replay, 401, "INVALID_TOTP");
  });

  it("rejects a code that is valid in no step of the window", async () => {
    const user = await enrol("mfa-wrongcode");
    const valid = new Set([-1, 0, 1].map((offset) => codeForStep(user.secret, offset)));
    const wrong = ["111111", "222222", "333333", "444444"].find((code) => !valid.has(code))!;
    expectProblem(await call("POST", "/v1/auth/login", { body: { email: user.email, password: user.password, totp: wrong } }), 401, "INVALID_TOTP");
  });

  it("disables MFA with a fresh code, after which the password alone works", async () => {
    const user = await enrol("mfa-off");
    const off = await call("POST", "/v1/auth/mfa/totp/disable", { token: user.accessToken, body: { code: codeForStep(user.secret, 0) } });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ mfaEnabled: false });
    expect((await call("POST", "/v1/auth/login", { body: { email: user.email, password: user.password } })).status).toBe(200);
  });
});
