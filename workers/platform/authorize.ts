// Authorization in one line per route: requireAuth, requireRole, and the ownership check that answers 404, not 403.
import type { Context, MiddlewareHandler } from "hono";
import { authenticate } from "../auth/service";
import type { AuthContext, Role } from "./auth-context";
import { AppError } from "./errors";
import type { AppBindings } from "./hono";

const BEARER = /^Bearer ([A-Za-z0-9\-_.]+)$/;

function bearerToken(header: string): string {
  const match = BEARER.exec(header);
  if (!match?.[1]) throw new AppError("INVALID_TOKEN", "The Authorization header must be 'Bearer <token>'.");
  return match[1];
}

/** Requires a valid access token on a live session; sets `c.var.auth`. */
export const requireAuth: MiddlewareHandler<AppBindings> = async (c, next) => {
  const header = c.req.header("Authorization");
  if (!header) throw new AppError("UNAUTHENTICATED", "Send an access token: Authorization: Bearer <token>.");
  c.set("auth", await authenticate(c.var.services, bearerToken(header)));
  await next();
};

/** For public reads that show more to a signed-in caller: no header is fine, a bad token is still refused (401). */
export const optionalAuth: MiddlewareHandler<AppBindings> = async (c, next) => {
  const header = c.req.header("Authorization");
  if (header) c.set("auth", await authenticate(c.var.services, bearerToken(header)));
  await next();
};

/** Spread into createRoute(): the route needs a signed-in user, and the OpenAPI document says so. */
export const signedIn = {
  middleware: requireAuth,
  security: [{ bearerAuth: [] }],
};

/** Requires one of `roles` (admin always passes). Use after requireAuth. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const auth = currentAuth(c);
    if (!auth.roles.includes("admin") && !roles.some((role) => auth.roles.includes(role))) {
      throw new AppError("FORBIDDEN", `This needs the ${roles.join(" or ")} role.`);
    }
    await next();
  };
}

export function currentAuth(c: Context<AppBindings>): AuthContext {
  const auth = c.var.auth;
  if (!auth) throw new Error("invariant failed: currentAuth used on a route without requireAuth");
  return auth;
}

/** Another user's private resource is reported as missing (API.md: never 403 for it). Admins see everything. */
export function assertOwnerOrAdmin(auth: AuthContext, ownerId: string, what = "resource"): void {
  if (auth.userId !== ownerId && !auth.roles.includes("admin")) throw new AppError("NOT_FOUND", `No such ${what}.`);
}
