// Auth rules: registration, login with throttling and TOTP, refresh-token rotation with reuse detection, logout, and token checks.
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { refreshTokens, sessions, users } from "../../db/schema";
import type { AuthContext, Role } from "../platform/auth-context";
import type { ServiceContext } from "../platform/context";
import { constantTimeEqual } from "../platform/crypto";
import { AppError } from "../platform/errors";
import { inTransaction, writeAudit } from "../platform/events";
import { newId } from "../platform/ids";
import {
  LOGIN_ATTEMPTS_PER_ACCOUNT,
  LOGIN_ATTEMPTS_PER_IP,
  LOGIN_WINDOW_SECONDS,
  REGISTRATION_WINDOW_SECONDS,
  REGISTRATIONS_PER_IP,
} from "../platform/limits";
import { enforceRateLimit } from "../platform/rate-limit";
import { acceptedTotpStep } from "./totp";
import { decryptTotpSecret } from "./mfa-secrets";
import { decoyPasswordHash, hashPassword, verifyPassword } from "./password";
import { cacheLiveSession, forgetSession, readCachedSession } from "./session-cache";
import { accessTokenConfig, issueTokens, openSession, revokeSession, type TokenPair } from "./sessions";
import { parseRefreshToken, verifyAccessToken } from "./tokens";
import { findUserByEmail, getUser, normalizeEmail, toPublicUser, type PublicUser, type UserRow } from "./users";

export interface AuthResult extends TokenPair {
  user: PublicUser;
}

const UNKNOWN_IP = "unknown";

export async function register(
  ctx: ServiceContext,
  input: { email: string; password: string; displayName: string },
): Promise<AuthResult> {
  await enforceRateLimit(ctx, { name: "register-ip", max: REGISTRATIONS_PER_IP, windowSeconds: REGISTRATION_WINDOW_SECONDS }, ctx.client.ip ?? UNKNOWN_IP);
  const passwordHash = await hashPassword(input.password, ctx.env.PASSWORD_PEPPER);
  return inTransaction(ctx, async ({ tx, emit, audit }) => {
    const [row] = await tx
      .insert(users)
      .values({
        id: newId("user"),
        email: normalizeEmail(input.email),
        displayName: input.displayName.trim(),
        passwordHash,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("EMAIL_TAKEN", "An account with this email already exists.");
    const tokens = await openSession(ctx, tx, row.id);
    await emit("user.registered", { userId: row.id, email: row.email, displayName: row.displayName });
    await audit({ actorId: row.id, action: "auth.registered", subjectType: "user", subjectId: row.id });
    return { user: toPublicUser(row), accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  });
}

/** Accepts a TOTP code once: the step must be newer than the last one used, and claiming it is atomic. */
async function claimTotpStep(ctx: ServiceContext, user: UserRow, code: string): Promise<boolean> {
  if (!user.totpSecretEncrypted) return false;
  const step = acceptedTotpStep(await decryptTotpSecret(ctx, user.totpSecretEncrypted), code, ctx.now());
  if (step === null) return false;
  const claimed = await ctx.db.orm
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return claimed.length > 0;
}

export async function login(ctx: ServiceContext, input: { email: string; password: string; totp?: string }): Promise<AuthResult> {
  const email = normalizeEmail(input.email);
  await enforceRateLimit(ctx, { name: "login-ip", max: LOGIN_ATTEMPTS_PER_IP, windowSeconds: LOGIN_WINDOW_SECONDS }, ctx.client.ip ?? UNKNOWN_IP);
  await enforceRateLimit(ctx, { name: "login-account", max: LOGIN_ATTEMPTS_PER_ACCOUNT, windowSeconds: LOGIN_WINDOW_SECONDS }, email);
  const user = await findUserByEmail(ctx.db.orm, email);
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await decoyPasswordHash(ctx.env.PASSWORD_PEPPER)), ctx.env.PASSWORD_PEPPER);
  if (!user || !passwordOk) {
    await writeAudit(ctx.db.orm, ctx, { actorId: user?.id ?? null, action: "auth.login_failed", subjectType: "user", subjectId: user?.id ?? null, details: { reason: "credentials" } });
    throw new AppError("INVALID_CREDENTIALS", "Wrong email or password.");
  }
  if (user.totpEnabledAt) {
    if (!input.totp) throw new AppError("MFA_REQUIRED", "Enter the 6-digit code from your authenticator app.");
    if (!(await claimTotpStep(ctx, user, input.totp))) {
      await writeAudit(ctx.db.orm, ctx, { actorId: user.id, action: "auth.login_failed", subjectType: "user", subjectId: user.id, details: { reason: "totp" } });
      throw new AppError("INVALID_TOTP", "The code is wrong or has already been used.");
    }
  }
  return inTransaction(ctx, async ({ tx, audit }) => {
    const tokens = await openSession(ctx, tx, user.id);
    await audit({ actorId: user.id, action: "auth.login", subjectType: "session", subjectId: tokens.sessionId, details: { mfa: user.totpEnabledAt !== null } });
    return { user: toPublicUser(user), accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  });
}

type RefreshOutcome = { kind: "rotated"; result: AuthResult } | { kind: "reused"; sessionId: string } | { kind: "invalid" };

/** Rotates a refresh token. Presenting one already used revokes its whole family (it was probably stolen). */
export async function refresh(ctx: ServiceContext, refreshToken: string): Promise<AuthResult> {
  const parsed = await parseRefreshToken(refreshToken);
  if (!parsed) throw new AppError("INVALID_TOKEN", "The refresh token is invalid.");
  const outcome = await inTransaction<RefreshOutcome>(ctx, async ({ tx, audit }) => {
    const [row] = await tx
      .select({ token: refreshTokens, session: sessions })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .where(eq(refreshTokens.id, parsed.tokenId))
      .for("update");
    if (!row || !constantTimeEqual(row.token.secretHash, parsed.secretHash)) return { kind: "invalid" };
    if (row.session.revokedAt || row.session.expiresAt <= ctx.now()) return { kind: "invalid" };
    if (row.token.usedAt) {
      await revokeSession(ctx, tx, row.session.id, "refresh_token_reused");
      await audit({ actorId: row.session.userId, action: "auth.refresh_token_reused", subjectType: "session", subjectId: row.session.id });
      return { kind: "reused", sessionId: row.session.id };
    }
    await tx.update(refreshTokens).set({ usedAt: ctx.now() }).where(eq(refreshTokens.id, row.token.id));
    const tokens = await issueTokens(ctx, tx, row.session.userId, row.session.id);
    const user = await getUser(tx, row.session.userId);
    return { kind: "rotated", result: { user: toPublicUser(user), ...tokens } };
  });
  if (outcome.kind === "reused") {
    await forgetSession(ctx, outcome.sessionId);
    throw new AppError("REFRESH_TOKEN_REUSED", "This refresh token was already used; the session has been ended. Sign in again.");
  }
  if (outcome.kind === "invalid") throw new AppError("INVALID_TOKEN", "The refresh token is invalid or expired.");
  return outcome.result;
}

export async function logout(ctx: ServiceContext, auth: AuthContext): Promise<void> {
  await inTransaction(ctx, async ({ tx, audit }) => {
    await revokeSession(ctx, tx, auth.sessionId, "logout");
    await audit({ actorId: auth.userId, action: "auth.logout", subjectType: "session", subjectId: auth.sessionId });
  });
  await forgetSession(ctx, auth.sessionId);
}

/**
 * Verifies an access token and that its session is still live. Redis answers most calls (a live-session entry and
 * the user's roles, one round trip); on a miss, or without Redis, Postgres does, and fills the cache.
 */
export async function authenticate(ctx: ServiceContext, accessToken: string): Promise<AuthContext> {
  const claims = await verifyAccessToken(accessTokenConfig(ctx), accessToken, ctx.now());
  const sessionEnded = () => new AppError("INVALID_TOKEN", "The session has ended. Sign in again.");
  const cached = await readCachedSession(ctx, claims.sessionId, claims.userId);
  if (cached?.session && !cached.session.live) throw sessionEnded();
  if (cached?.session?.live && cached.roles && cached.session.userId === claims.userId && cached.session.expiresAtMs > ctx.now().getTime()) {
    return { userId: claims.userId, sessionId: claims.sessionId, roles: cached.roles };
  }
  const [row] = await ctx.db.orm
    .select({ roles: users.roles, revokedAt: sessions.revokedAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, claims.sessionId), eq(sessions.userId, claims.userId)))
    .limit(1);
  if (!row || row.revokedAt || row.expiresAt <= ctx.now()) throw sessionEnded();
  const roles = row.roles as Role[];
  if (cached) ctx.defer(cacheLiveSession(ctx, claims.sessionId, { userId: claims.userId, expiresAtMs: row.expiresAt.getTime(), roles }));
  return { userId: claims.userId, sessionId: claims.sessionId, roles };
}

