// Access tokens (JWT HS256, algorithm pinned, issuer/audience/expiry checked) and opaque rotating refresh tokens.
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { randomToken, sha256Base64Url } from "../platform/crypto";
import { AppError } from "../platform/errors";
import { ACCESS_TOKEN_TTL_SECONDS, JWT_CLOCK_TOLERANCE_SECONDS } from "../platform/limits";

export interface AccessTokenConfig {
  secret: string;
  issuer: string;
  audience: string;
}

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

const ALGORITHM = "HS256";
const encoder = new TextEncoder();

/** Imported once per isolate and secret: importing the HMAC key is a large share of verifying a token. */
const importedKeys = new Map<string, Promise<CryptoKey>>();

function secretKey(config: AccessTokenConfig): Promise<CryptoKey> {
  if (config.secret.length < 32) throw new Error("invariant failed: JWT_SECRET must be at least 32 characters");
  let key = importedKeys.get(config.secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(config.secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    // Only ever one or two secrets (rotation); the bound guards against a misconfiguration turning this into a leak.
    if (importedKeys.size >= 4) importedKeys.clear();
    importedKeys.set(config.secret, key);
  }
  return key;
}

export async function signAccessToken(config: AccessTokenConfig, claims: AccessClaims, now: Date): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(claims.userId)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
    .sign(await secretKey(config));
}

/** Any failure (bad signature, `alg: none`, another algorithm, wrong issuer/audience, expired) is one 401 INVALID_TOKEN. */
export async function verifyAccessToken(config: AccessTokenConfig, token: string, now: Date): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, await secretKey(config), {
      algorithms: [ALGORITHM],
      issuer: config.issuer,
      audience: config.audience,
      clockTolerance: JWT_CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
      requiredClaims: ["sub", "exp", "iat"],
    });
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string") throw new AppError("INVALID_TOKEN");
    return { userId: payload.sub, sessionId: payload.sid };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof joseErrors.JOSEError) {
      const detail = error instanceof joseErrors.JWTExpired ? "The access token has expired." : "The access token is invalid.";
      throw new AppError("INVALID_TOKEN", detail);
    }
    throw error;
  }
}

/** Refresh tokens are "<tokenId>.<secret>": the id finds the row, only the secret's hash is stored. */
export interface IssuedRefreshToken {
  token: string;
  secretHash: string;
}

export async function issueRefreshToken(tokenId: string): Promise<IssuedRefreshToken> {
  const secret = randomToken(32);
  return { token: `${tokenId}.${secret}`, secretHash: await sha256Base64Url(secret) };
}

export async function parseRefreshToken(token: string): Promise<{ tokenId: string; secretHash: string } | null> {
  const [tokenId, secret, extra] = token.split(".");
  if (!tokenId || !secret || extra !== undefined) return null;
  return { tokenId, secretHash: await sha256Base64Url(secret) };
}
