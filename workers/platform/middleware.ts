// Cross-cutting request middleware: request ids, the per-request service scope with an access log, and error rendering.
import type { Context, ErrorHandler, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { createScope } from "./context";
import { AppError, problemBody, type ErrorCode } from "./errors";
import type { AppBindings } from "./hono";
import { createLogger, errorFields } from "./logger";

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps a caller's X-Request-Id when it is sane (so traces join up across services), otherwise makes one. */
export const requestId: MiddlewareHandler<AppBindings> = async (c, next) => {
  const incoming = c.req.header("X-Request-Id");
  const id = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : `req_${crypto.randomUUID().replaceAll("-", "")}`;
  c.set("requestId", id);
  c.header("X-Request-Id", id);
  await next();
};

function runAfterResponse(c: Context<AppBindings>, task: Promise<unknown>): Promise<unknown> | undefined {
  try {
    c.executionCtx.waitUntil(task);
    return undefined;
  } catch {
    return task; // no ExecutionContext (app.request in tests): finish before answering
  }
}

/** Opens the request's service scope (one database connection at most), logs one line per request, closes it after the response. */
export const servicesScope: MiddlewareHandler<AppBindings> = async (c, next) => {
  const started = performance.now();
  const log = createLogger(c.env.LOG_LEVEL, { requestId: c.var.requestId });
  const scope = createScope(c.env, log, c.var.requestId, {
    ip: c.req.header("CF-Connecting-IP") ?? null,
    userAgent: c.req.header("User-Agent")?.slice(0, 256) ?? null,
  });
  c.set("services", scope.ctx);
  c.set("auth", null);
  try {
    await next();
  } finally {
    const pending = runAfterResponse(c, scope.close());
    if (pending) await pending;
    log.info("request", { method: c.req.method, path: c.req.path, status: c.res.status, durationMs: Math.round(performance.now() - started) });
  }
};

const HTTP_EXCEPTION_CODES: Record<number, ErrorCode> = {
  400: "MALFORMED_JSON",
  401: "UNAUTHENTICATED",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
};

function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    const code = HTTP_EXCEPTION_CODES[error.status];
    if (code) return new AppError(code, error.message || undefined);
  }
  return null;
}

export function problemResponse(c: Context<AppBindings>, error: AppError): Response {
  const body = problemBody(error, c.var.requestId ?? "unknown");
  return c.newResponse(JSON.stringify(body), error.status as ContentfulStatusCode, {
    ...error.headers,
    "Content-Type": "application/problem+json",
    "Cache-Control": "no-store",
  });
}

/** The one place errors become responses: expected ones as their problem+json, anything else as a logged 500. */
export const onError: ErrorHandler<AppBindings> = (error, c) => {
  const known = toAppError(error);
  if (known) return problemResponse(c, known);
  const log = c.var.services?.log ?? createLogger(c.env?.LOG_LEVEL, { requestId: c.var.requestId });
  log.error("unhandled error", { method: c.req.method, path: c.req.path, ...errorFields(error) });
  return problemResponse(c, new AppError("INTERNAL", "Something went wrong on our side. Quote the request id if you contact support."));
};
