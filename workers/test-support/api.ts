// Test helpers inside workerd: call the Worker like a client does, and read the database directly to check what changed.
import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import { createApp } from "../app";
import type { AppEnv } from "../env";
import { createDatabase, type Database } from "../platform/db";

export const testEnv = env as unknown as AppEnv;

export interface CallOptions {
  body?: unknown;
  /** Sent as-is instead of JSON.stringify(body): malformed JSON, huge bodies. */
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
  ip?: string;
  /** Another env than the suite's (e.g. Stripe switched on and aimed at its mock): the request goes to a fresh app with it. */
  env?: AppEnv;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A unique client IP per call site keeps per-IP rate limits of one test from leaking into another. */
export function uniqueIp(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(3));
  return `10.${bytes[0]}.${bytes[1]}.${bytes[2]}`;
}

export async function call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { "CF-Connecting-IP": options.ip ?? uniqueIp(), ...options.headers };
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const request = new Request(`http://localhost${path}`, { method, headers, body });
  const response = options.env ? await createApp().request(request, undefined, options.env) : await (exports as unknown as { default: Fetcher }).default.fetch(request);
  const text = await response.text();
  let parsed: unknown = text;
  if (text && /json/.test(response.headers.get("Content-Type") ?? "")) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** Asserts a problem+json response with the given status and code, and returns its body. */
export function expectProblem(response: ApiResponse, status: number, code: string) {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  expect(response.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String), requestId: expect.any(String) });
  return response.body as { errors?: { path: string; message: string }[]; [key: string]: unknown };
}

/** Runs `work` with a database handle of its own, closed afterwards (one connection at a time, as the embedded database needs). */
export async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = createDatabase(testEnv, () => undefined);
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;
}

export const STRONG_PASSWORD = "correct horse battery staple";

export async function registerUser(label = "user"): Promise<{ id: string; email: string; accessToken: string; refreshToken: string; password: string }> {
  const email = uniqueEmail(label);
  const response = await call("POST", "/v1/auth/register", { body: { email, password: STRONG_PASSWORD, displayName: `Test ${label}` } });
  expect(response.status).toBe(201);
  return { id: response.body.user.id, email, accessToken: response.body.accessToken, refreshToken: response.body.refreshToken, password: STRONG_PASSWORD };
}

export async function registerSeller(label = "seller") {
  const user = await registerUser(label);
  const granted = await call("POST", "/v1/me/roles", { token: user.accessToken, body: { role: "seller" } });
  expect(granted.status).toBe(200);
  return user;
}

/** A valid fixed-price listing body in Electronics › Phones; override any field. */
export function phoneListing(overrides: Record<string, unknown> = {}) {
  return {
    title: "Apple iPhone 13 128GB Midnight",
    description: "Unlocked, battery health 91%, always in a case.",
    categoryId: "cat_electronics__phones",
    condition: "used",
    quantity: 1,
    attributes: { brand: "Apple", storage: "128GB" },
    format: "fixed",
    price: { amount: 42_500, currency: "USD" },
    ...overrides,
  };
}

export async function createListingAs(token: string, overrides: Record<string, unknown> = {}) {
  const response = await call("POST", "/v1/listings", { token, body: phoneListing(overrides) });
  expect(response.status).toBe(201);
  return response.body;
}
