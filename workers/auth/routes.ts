// HTTP for auth and the caller's own profile: parse, authorize, call the service, shape the response.
import { createRoute, z } from "@hono/zod-openapi";
import { currentAuth, signedIn } from "../platform/authorize";
import { ROLES } from "../platform/auth-context";
import { createRouter } from "../platform/hono";
import { DISPLAY_NAME_MAX_LENGTH, EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../platform/limits";
import { authErrors, commonErrors, jsonBody, jsonResponse } from "../platform/schemas";
import { confirmTotp, disableTotp, startTotpSetup } from "./mfa-service";
import { getProfile, grantRole } from "./profile-service";
import { login, logout, refresh, register } from "./service";
import { issueTicket } from "./ticket-service";

const UserSchema = z
  .object({
    id: z.string().openapi({ example: "usr_01JD3V9X4W7Q2S5T8Y1Z3B6C9E" }),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(ROLES as [string, ...string[]])),
    mfaEnabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("User");

const AuthResultSchema = z.object({ user: UserSchema, accessToken: z.string(), refreshToken: z.string() }).openapi("AuthResult");

const Email = z.email().max(EMAIL_MAX_LENGTH).openapi({ example: "amira@example.com" });
const Password = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);
const TotpCode = z.string().regex(/^\d{6}$/, "a 6-digit code");

const registerRoute = createRoute({
  method: "post",
  path: "/v1/auth/register",
  tags: ["Auth"],
  summary: "Create an account (buyer role) and sign in",
  request: {
    body: jsonBody(
      z
        .object({ email: Email, password: Password, displayName: z.string().trim().min(1).max(DISPLAY_NAME_MAX_LENGTH) })
        .strict(),
    ),
  },
  responses: { 201: jsonResponse("Registered", AuthResultSchema), ...commonErrors, 409: authErrors[409] },
});

const loginRoute = createRoute({
  method: "post",
  path: "/v1/auth/login",
  tags: ["Auth"],
  summary: "Sign in with email, password and, when enabled, a TOTP code",
  request: { body: jsonBody(z.object({ email: Email, password: z.string().min(1).max(PASSWORD_MAX_LENGTH), totp: TotpCode.optional() }).strict()) },
  responses: { 200: jsonResponse("Signed in", AuthResultSchema), ...commonErrors },
});

const refreshRoute = createRoute({
  method: "post",
  path: "/v1/auth/refresh",
  tags: ["Auth"],
  summary: "Rotate a refresh token for a new token pair (a reused token ends its session)",
  request: { body: jsonBody(z.object({ refreshToken: z.string().min(1).max(512) }).strict()) },
  responses: { 200: jsonResponse("New tokens", AuthResultSchema), ...commonErrors },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/v1/auth/logout",
  tags: ["Auth"],
  summary: "End the current session (its refresh tokens stop working)",
  ...signedIn,
  request: { body: { required: false, content: { "application/json": { schema: z.object({ refreshToken: z.string().max(512).optional() }).strict() } } } },
  responses: { 204: { description: "Signed out" }, ...commonErrors },
});

const meRoute = createRoute({
  method: "get",
  path: "/v1/me",
  tags: ["Auth"],
  summary: "The signed-in user",
  ...signedIn,
  responses: { 200: jsonResponse("The user", UserSchema), ...commonErrors },
});

const addRoleRoute = createRoute({
  method: "post",
  path: "/v1/me/roles",
  tags: ["Auth"],
  summary: "Take on the seller or traveler role (idempotent)",
  ...signedIn,
  request: { body: jsonBody(z.object({ role: z.enum(["seller", "traveler"]) }).strict()) },
  responses: { 200: jsonResponse("The user with the role", UserSchema), ...commonErrors },
});

const totpSetupRoute = createRoute({
  method: "post",
  path: "/v1/auth/mfa/totp/setup",
  tags: ["Auth"],
  summary: "Start TOTP enrolment: a new secret to add to an authenticator app",
  ...signedIn,
  request: { body: { required: false, content: { "application/json": { schema: z.object({}).strict() } } } },
  responses: { 201: jsonResponse("Secret", z.object({ secret: z.string(), otpauthUrl: z.string() })), ...commonErrors, 409: authErrors[409] },
});

const totpConfirmRoute = createRoute({
  method: "post",
  path: "/v1/auth/mfa/totp/confirm",
  tags: ["Auth"],
  summary: "Turn TOTP on by proving the app shows the right code",
  ...signedIn,
  request: { body: jsonBody(z.object({ code: TotpCode }).strict()) },
  responses: { 200: jsonResponse("Enabled", z.object({ mfaEnabled: z.literal(true) })), ...commonErrors, 409: authErrors[409] },
});

const totpDisableRoute = createRoute({
  method: "post",
  path: "/v1/auth/mfa/totp/disable",
  tags: ["Auth"],
  summary: "Turn TOTP off with a current code",
  ...signedIn,
  request: { body: jsonBody(z.object({ code: TotpCode }).strict()) },
  responses: { 200: jsonResponse("Disabled", z.object({ mfaEnabled: z.literal(false) })), ...commonErrors, 409: authErrors[409] },
});

const ticketRoute = createRoute({
  method: "post",
  path: "/v1/realtime/tickets",
  tags: ["Realtime"],
  summary: "A single-use ticket (30 s) for opening a WebSocket on one path as this user",
  ...signedIn,
  request: { body: jsonBody(z.object({ path: z.string().regex(/^\/v1\/[A-Za-z0-9_\-/]+$/, "an API path such as /v1/auctions/lst_…/live").max(200) }).strict()) },
  responses: { 201: jsonResponse("Ticket", z.object({ ticket: z.string(), expiresAt: z.string() })), ...commonErrors },
});

export const authRoutes = createRouter()
  .openapi(registerRoute, async (c) => c.json(await register(c.var.services, c.req.valid("json")), 201))
  .openapi(loginRoute, async (c) => c.json(await login(c.var.services, c.req.valid("json")), 200))
  .openapi(refreshRoute, async (c) => c.json(await refresh(c.var.services, c.req.valid("json").refreshToken), 200))
  .openapi(logoutRoute, async (c) => {
    await logout(c.var.services, currentAuth(c));
    return c.body(null, 204);
  })
  .openapi(meRoute, async (c) => c.json(await getProfile(c.var.services, currentAuth(c)), 200))
  .openapi(addRoleRoute, async (c) => c.json(await grantRole(c.var.services, currentAuth(c), c.req.valid("json").role), 200))
  .openapi(totpSetupRoute, async (c) => c.json(await startTotpSetup(c.var.services, currentAuth(c)), 201))
  .openapi(totpConfirmRoute, async (c) => c.json(await confirmTotp(c.var.services, currentAuth(c), c.req.valid("json").code), 200))
  .openapi(totpDisableRoute, async (c) => c.json(await disableTotp(c.var.services, currentAuth(c), c.req.valid("json").code), 200))
  .openapi(ticketRoute, async (c) => c.json(await issueTicket(c.var.services, currentAuth(c), c.req.valid("json").path), 201));
