// Shared OpenAPI/zod schemas: the problem+json error body, pagination, and response helpers.
import { z } from "@hono/zod-openapi";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./limits";

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ProblemSchema } } });

/** The error responses most routes share, for the OpenAPI document. */
export const commonErrors = {
  400: problem("Invalid input (with field errors) or malformed JSON"),
  401: problem("Missing, invalid or expired credentials"),
  413: problem("Body too large"),
  429: problem("Rate limited (see Retry-After)"),
} as const;

export const authErrors = {
  ...commonErrors,
  403: problem("Not allowed for this role"),
  404: problem("Unknown, or not visible to you"),
  409: problem("Conflicts with the current state"),
  422: problem("Breaks a business rule"),
} as const;

export { problem };

export const PageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const jsonResponse = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});
