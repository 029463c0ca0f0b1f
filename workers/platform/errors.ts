// The closed list of error codes, their HTTP statuses, and the one error type every layer throws.

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  MALFORMED_JSON: 400,
  WEBHOOK_SIGNATURE_INVALID: 400,
  UNAUTHENTICATED: 401,
  INVALID_TOKEN: 401,
  INVALID_CREDENTIALS: 401,
  MFA_REQUIRED: 401,
  INVALID_TOTP: 401,
  REFRESH_TOKEN_REUSED: 401,
  PAYMENT_DECLINED: 402,
  FORBIDDEN: 403,
  SELLER_CANNOT_BID: 403,
  SELLER_CANNOT_BUY: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  LEDGER_REFERENCE_CONFLICT: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  PAYMENT_UNDER_REVIEW: 409,
  REVIEW_ALREADY_DECIDED: 409,
  EMAIL_TAKEN: 409,
  ROLE_ALREADY_GRANTED: 409,
  MFA_ALREADY_ENABLED: 409,
  MFA_NOT_ENABLED: 409,
  OUT_OF_STOCK: 409,
  LISTING_NOT_EDITABLE: 409,
  LISTING_NOT_ACTIVE: 409,
  AUCTION_CLOSED: 409,
  BUY_NOW_UNAVAILABLE: 409,
  ORDER_STATE_CONFLICT: 409,
  DISPUTE_RESOLVED: 409,
  PAYMENT_STATE_CONFLICT: 409,
  FX_QUOTE_EXPIRED: 409,
  FX_QUOTE_USED: 409,
  SHIPMENT_LOCKED: 409,
  SHIPMENT_STATE_CONFLICT: 409,
  OFFER_NOT_OPEN: 409,
  TRIP_CAPACITY_EXCEEDED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYMENT_BLOCKED: 422,
  BUSINESS_RULE: 422,
  TOO_MANY_IMAGES: 422,
  BID_TOO_LOW: 422,
  WRONG_CURRENCY: 422,
  DELIVERY_NOT_AVAILABLE: 422,
  DELIVERY_REQUIRED: 422,
  REFUND_OUT_OF_RANGE: 422,
  NO_RUNNER_UP: 422,
  INSUFFICIENT_FUNDS: 422,
  PAYOUT_ACCOUNT_REQUIRED: 422,
  PAYOUT_FAILED: 422,
  FX_AMOUNT_OUT_OF_RANGE: 422,
  FX_RATE_UNAVAILABLE: 422,
  WRONG_PIN: 422,
  TRIP_NOT_SUITABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DEPENDENCY_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  path: string;
  message: string;
}

const TITLES: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: "Invalid input",
  MALFORMED_JSON: "Malformed JSON",
  UNAUTHENTICATED: "Authentication required",
  INVALID_TOKEN: "Invalid or expired token",
  INVALID_CREDENTIALS: "Wrong email or password",
  MFA_REQUIRED: "Two-factor code required",
  INVALID_TOTP: "Invalid two-factor code",
  REFRESH_TOKEN_REUSED: "Refresh token already used",
  FORBIDDEN: "Not allowed",
  NOT_FOUND: "Not found",
  PAYLOAD_TOO_LARGE: "Request body too large",
  RATE_LIMITED: "Too many requests",
  INTERNAL: "Internal error",
};

/** An expected failure a caller can act on; rendered as RFC 9457 problem+json by the app's onError. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    detail?: string,
    options: { errors?: FieldError[]; headers?: Record<string, string>; extra?: Record<string, unknown> } = {},
  ) {
    super(detail ?? TITLES[code] ?? code);
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.title = TITLES[code] ?? code.toLowerCase().replaceAll("_", " ");
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extra = options.extra ?? {};
  }
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export function problemBody(error: AppError, requestId: string): ProblemBody {
  const body: ProblemBody = {
    ...error.extra,
    type: `https://mnbara.dev/problems/${error.code.toLowerCase().replaceAll("_", "-")}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    code: error.code,
    requestId,
  };
  if (error.errors) body.errors = error.errors;
  return body;
}

/** A broken invariant: a programming error, never a user's. Turns into a logged 500. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`invariant failed: ${message}`);
}
