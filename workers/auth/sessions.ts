// Sessions (refresh-token families): opening one on login, rotating its refresh token, revoking the whole family.
import { and, eq, isNull } from "drizzle-orm";
import { refreshTokens, sessions } from "../../db/schema";
import type { ServiceContext } from "../platform/context";
import type { Tx } from "../platform/db";
import { newId } from "../platform/ids";
import { REFRESH_TOKEN_TTL_SECONDS } from "../platform/limits";
import { issueRefreshToken, signAccessToken, type AccessTokenConfig } from "./tokens";

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export function accessTokenConfig(ctx: ServiceContext): AccessTokenConfig {
  return { secret: ctx.env.JWT_SECRET, issuer: ctx.env.JWT_ISSUER, audience: ctx.env.JWT_AUDIENCE };
}

/** Issues the next refresh token of a session and a fresh access token for it. */
export async function issueTokens(ctx: ServiceContext, tx: Tx, userId: string, sessionId: string): Promise<TokenPair> {
  const tokenId = newId("refreshToken");
  const refresh = await issueRefreshToken(tokenId);
  await tx.insert(refreshTokens).values({ id: tokenId, sessionId, secretHash: refresh.secretHash, createdAt: ctx.now() });
  const accessToken = await signAccessToken(accessTokenConfig(ctx), { userId, sessionId }, ctx.now());
  return { accessToken, refreshToken: refresh.token };
}

export async function openSession(ctx: ServiceContext, tx: Tx, userId: string): Promise<TokenPair & { sessionId: string }> {
  const sessionId = newId("session");
  const now = ctx.now();
  await tx.insert(sessions).values({
    id: sessionId,
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000),
    ip: ctx.client.ip,
    userAgent: ctx.client.userAgent,
  });
  return { sessionId, ...(await issueTokens(ctx, tx, userId, sessionId)) };
}

export async function revokeSession(ctx: ServiceContext, tx: Tx, sessionId: string, reason: string): Promise<boolean> {
  const revoked = await tx
    .update(sessions)
    .set({ revokedAt: ctx.now(), revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length > 0;
}
