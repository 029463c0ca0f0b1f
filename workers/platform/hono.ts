// The Hono types every router shares, and the router factory that turns validation failures into problem+json.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import type { AppEnv } from "../env";
import type { AuthContext } from "./auth-context";
import type { ServiceContext } from "./context";
import { AppError, type FieldError } from "./errors";

export interface AppBindings {
  Bindings: AppEnv;
  Variables: {
    requestId: string;
    services: ServiceContext;
    auth: AuthContext | null;
    /** Set by a handler whose response holds a secret shown once (a delivery PIN): an Idempotency-Key replay gets this body instead. */
    idempotentReplayBody?: string;
  };
}

export function fieldErrors(error: ZodError): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) errors.push({ path: base ? `${base}.${key}` : key, message: "unknown field" });
    } else {
      errors.push({ path: base, message: issue.message });
    }
  }
  return errors;
}

/** Every domain's routes are registered on one of these; invalid input becomes 400 VALIDATION_FAILED with field paths. */
export function createRouter(): OpenAPIHono<AppBindings> {
  return new OpenAPIHono<AppBindings>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError("VALIDATION_FAILED", `The ${result.target} is invalid.`, { errors: fieldErrors(result.error) });
      }
    },
  });
}
