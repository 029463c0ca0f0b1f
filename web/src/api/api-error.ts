// The one error type the API client throws: an RFC 9457 problem (or a failed network call) made typed.
import type { Problem } from "./types";

export interface FieldError {
  // The field name the problem points at: "/email", "email" and "/user/email" all become "email".
  field: string;
  // The whole path, dot-separated: "/auction/endsAt" and "auction.endsAt" both become "auction.endsAt".
  path: string;
  message: string;
}

export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly fieldErrors: readonly FieldError[] = [],
    readonly retryAfterSeconds: number | null = null,
    // The problem's extension members (RFC 9457 §3.2), e.g. BID_TOO_LOW's `minNextBid`.
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail);
  }

  static network(): ApiError {
    return new ApiError(0, "NETWORK_ERROR", "Mnbara could not be reached. Check your connection and try again.");
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    const problem = await readProblem(response);
    const fieldErrors = (problem.errors ?? []).map(({ path, message }) => ({ field: lastSegment(path), path: dottedPath(path), message }));
    const extensions = Object.fromEntries(Object.entries(problem).filter(([name]) => !standardProblemMembers.has(name)));
    return new ApiError(
      response.status,
      problem.code ?? `HTTP_${response.status}`,
      problem.detail ?? problem.title ?? (response.statusText || "The request failed."),
      fieldErrors,
      parseRetryAfter(response.headers.get("Retry-After")),
      extensions,
    );
  }
}

// RFC 9457's own members plus the API's `code` and `errors`; anything else on a problem is an extension.
const standardProblemMembers = new Set(["type", "title", "status", "detail", "instance", "code", "errors"]);

async function readProblem(response: Response): Promise<Problem> {
  try {
    const body: unknown = await response.json();
    return typeof body === "object" && body !== null ? (body as Problem) : {};
  } catch {
    // A proxy or gateway error page is not JSON; the status alone still says what happened.
    return {};
  }
}

function lastSegment(path: string): string {
  return path.split(/[/.]/).filter(Boolean).at(-1) ?? "";
}

function dottedPath(path: string): string {
  return path.split(/[/.]/).filter(Boolean).join(".");
}

// Retry-After is either delta-seconds or an HTTP date.
function parseRetryAfter(header: string | null): number | null {
  if (header === null || header.trim() === "") return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
