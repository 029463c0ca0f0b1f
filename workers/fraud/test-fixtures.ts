// Fraud test fixtures: admins, users signed in from a chosen IP and browser, service calls made as a request would make them.
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { users } from "../../db/schema";
import { createScope, type ClientInfo, type ServiceContext } from "../platform/context";
import { createLogger } from "../platform/logger";
import { call, registerUser, STRONG_PASSWORD, testEnv, uniqueEmail, withDatabase } from "../test-support/api";
import { assessPayment, type AssessPaymentInput } from "./service";

/** Runs service code with its own scope (its own connection) and the given client, as a separate request would. */
export async function asRequest<T>(client: Partial<ClientInfo>, work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const scope = createScope(testEnv, createLogger("error"), `test-${crypto.randomUUID()}`, { ip: client.ip ?? null, userAgent: client.userAgent ?? null });
  try {
    return await work(scope.ctx);
  } finally {
    await scope.close();
  }
}

/** A public documentation address (TEST-NET-3) of its own: the IP rules ignore private addresses. */
export function publicIp(): string {
  return `203.0.113.${1 + (crypto.getRandomValues(new Uint8Array(1))[0]! % 254)}`;
}

/** Registers a user whose session was opened from `ip` with `userAgent`. */
export async function registerFrom(label: string, ip: string, userAgent?: string) {
  const email = uniqueEmail(label);
  const headers: Record<string, string> = userAgent ? { "User-Agent": userAgent } : {};
  const response = await call("POST", "/v1/auth/register", { ip, headers, body: { email, password: STRONG_PASSWORD, displayName: `Test ${label}` } });
  expect(response.status).toBe(201);
  return { id: response.body.user.id as string, accessToken: response.body.accessToken as string };
}

/** An admin (there is no API to become one): the role is set in the database, then a fresh login carries it. */
export async function registerAdmin(label = "admin") {
  const user = await registerUser(label);
  await withDatabase((db) => db.orm.update(users).set({ roles: ["buyer", "admin"] }).where(eq(users.id, user.id)));
  const login = await call("POST", "/v1/auth/login", { body: { email: user.email, password: user.password } });
  expect(login.status).toBe(200);
  return { id: user.id, accessToken: login.body.accessToken as string };
}

/** USD 6,000 from a brand-new account: far above the new-account limit, so the payment is held for review. */
export function farAboveNewAccountLimit(userId: string, overrides: Partial<AssessPaymentInput> = {}): AssessPaymentInput {
  return { userId, amount: { amount: 600_000, currency: "USD" }, kind: "deposit", subjectType: "test_payment", subjectId: `tp_${crypto.randomUUID()}`, ...overrides };
}

/** A payment held for review: its user and review id. */
export async function heldPayment(label = "held") {
  const user = await registerUser(label);
  const input = farAboveNewAccountLimit(user.id);
  const assessment = await asRequest({}, (ctx) => assessPayment(ctx, input));
  expect(assessment.decision).toBe("review");
  return { user, input, reviewId: assessment.reviewId! };
}
