// A local HTTP server that plays Stripe's API for contract tests: records every request per secret key, answers PaymentIntents and transfers as Stripe's test mode does.
import { listenOnFreePort, sendJson, serveControl, takeCanned, tenantRegistry, type CannedAnswer, type Tenant } from "./mock-http";

/** One request as the SDK sent it: the raw form body and its fields (bracketed keys kept as Stripe reads them, e.g. "metadata[paymentId]"). */
export interface RecordedStripeRequest {
  method: string;
  path: string;
  headers: {
    authorization: string | null;
    "content-type": string | null;
    "idempotency-key": string | null;
    "stripe-version": string | null;
    "user-agent": string | null;
  };
  rawBody: string;
  form: Record<string, string>;
}

/** An answer queued for the next request with this method and path, instead of the default behaviour. */
export type CannedStripeResponse = CannedAnswer;

interface StoredIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  currency: string;
  status: string;
  client_secret: string;
  payment_method: string;
  capture_method: string;
  metadata: Record<string, string>;
  last_payment_error: { type: string; code: string; decline_code: string; message: string } | null;
  next_action: { type: string } | null;
}

interface Account extends Tenant<RecordedStripeRequest, CannedStripeResponse> {
  intents: Map<string, StoredIntent>;
  /** Stripe replays the first answer to a repeated Idempotency-Key. */
  idempotent: Map<string, { status: number; body: unknown }>;
}

// Stripe's ids are unique across accounts, and our payments table relies on that: one sequence for the whole mock.
let nextId = 1;
const mockId = (prefix: string) => `${prefix}_mock${String(nextId++).padStart(6, "0")}`;

export interface StripeMock {
  /** http://127.0.0.1:PORT: both STRIPE_API_BASE and the control API (/__mock/…) for tests in workerd. */
  url: string;
  stop(): Promise<void>;
}

/** Stripe's test payment methods this mock knows (https://docs.stripe.com/testing), and how each ends. */
const DECLINES: Record<string, { decline_code: string; message: string }> = {
  pm_card_visa_chargeDeclined: { decline_code: "generic_decline", message: "Your card was declined." },
  pm_card_visa_chargeDeclinedInsufficientFunds: { decline_code: "insufficient_funds", message: "Your card has insufficient funds." },
};

function parseForm(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text));
}

function metadataOf(form: Record<string, string>): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) {
    const match = /^metadata\[(.+)\]$/.exec(key);
    if (match) metadata[match[1]!] = value;
  }
  return metadata;
}

function createIntent(account: Account, form: Record<string, string>): { status: number; body: unknown } {
  const paymentMethod = form.payment_method ?? "";
  const known = paymentMethod === "pm_card_visa" || paymentMethod === "pm_card_threeDSecure2Required" || paymentMethod in DECLINES;
  if (!known) {
    return { status: 400, body: { error: { type: "invalid_request_error", code: "resource_missing", param: "payment_method", message: `No such PaymentMethod: '${paymentMethod}'` } } };
  }
  const id = mockId("pi");
  const decline = DECLINES[paymentMethod];
  const intent: StoredIntent = {
    id,
    object: "payment_intent",
    amount: Number(form.amount),
    currency: form.currency ?? "",
    status: decline ? "requires_payment_method" : paymentMethod === "pm_card_threeDSecure2Required" ? "requires_action" : "succeeded",
    client_secret: `${id}_secret_mock`,
    payment_method: paymentMethod,
    capture_method: form.capture_method ?? "automatic_async",
    metadata: metadataOf(form),
    last_payment_error: decline ? { type: "card_error", code: "card_declined", ...decline } : null,
    next_action: paymentMethod === "pm_card_threeDSecure2Required" ? { type: "use_stripe_sdk" } : null,
  };
  account.intents.set(id, intent);
  if (decline) return { status: 402, body: { error: { type: "card_error", code: "card_declined", ...decline, payment_intent: intent } } };
  return { status: 200, body: intent };
}

/** Without a canned answer: PaymentIntents create and retrieve, transfers create; anything else is Stripe's 404. */
function defaultResponse(account: Account, request: RecordedStripeRequest): { status: number; body: unknown } {
  const { method, path, form } = request;
  if (method === "POST" && path === "/v1/payment_intents") return createIntent(account, form);
  const retrieve = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
  if (method === "GET" && retrieve) {
    const intent = account.intents.get(retrieve[1]!);
    return intent ? { status: 200, body: intent } : { status: 404, body: { error: { type: "invalid_request_error", code: "resource_missing", message: "No such payment_intent" } } };
  }
  if (method === "POST" && path === "/v1/transfers") {
    const id = mockId("tr");
    return { status: 200, body: { id, object: "transfer", amount: Number(form.amount), currency: form.currency, destination: form.destination, metadata: metadataOf(form) } };
  }
  return { status: 404, body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path})` } } };
}

const CONTROL = /^\/__mock\/accounts\/([^/]+)\/(requests|responses|payment_intents\/([^/]+))$/;

export async function startStripeMock(): Promise<StripeMock> {
  const accountFor = tenantRegistry<Account>(() => ({ requests: [], canned: [], intents: new Map(), idempotent: new Map() }));
  const mock = await listenOnFreePort(
    async (request, response, text) => {
      const url = new URL(request.url ?? "/", "http://mock");
      const control = CONTROL.exec(url.pathname);
      if (control) {
        const account = accountFor(decodeURIComponent(control[1]!));
        if (serveControl(account, control[2]!, request.method, text, response)) return;
        const intent = control[3] ? account.intents.get(control[3]) : undefined;
        if (intent && request.method === "POST") {
          // Plays the payer finishing 3-D Secure in the browser: the intent moves to the given status.
          Object.assign(intent, JSON.parse(text) as Partial<StoredIntent>, { next_action: null });
          return sendJson(response, 200, intent);
        }
        return sendJson(response, 404, { message: "GET requests, POST responses, or POST payment_intents/<id> of a known intent" });
      }
      const header = (name: string) => {
        const value = request.headers[name];
        return typeof value === "string" ? value : null;
      };
      const recorded: RecordedStripeRequest = {
        method: request.method ?? "GET",
        path: url.pathname,
        headers: {
          authorization: header("authorization"),
          "content-type": header("content-type"),
          "idempotency-key": header("idempotency-key"),
          "stripe-version": header("stripe-version"),
          "user-agent": header("user-agent"),
        },
        rawBody: text,
        form: parseForm(text),
      };
      const secretKey = /^Bearer (.+)$/.exec(recorded.headers.authorization ?? "")?.[1];
      if (!secretKey) return sendJson(response, 401, { error: { type: "invalid_request_error", message: "You did not provide an API key." } });
      const account = accountFor(secretKey);
      account.requests.push(recorded);
      const key = recorded.headers["idempotency-key"];
      const replay = key ? account.idempotent.get(`${recorded.method} ${recorded.path} ${key}`) : undefined;
      if (replay) return sendJson(response, replay.status, replay.body);
      const answer = takeCanned(account.canned, recorded.method, recorded.path) ?? defaultResponse(account, recorded);
      if (key && recorded.method === "POST") account.idempotent.set(`${recorded.method} ${recorded.path} ${key}`, { status: answer.status, body: answer.body });
      sendJson(response, answer.status, answer.body);
    },
    (error) => ({ error: { type: "api_error", message: `the Stripe mock failed: ${String(error)}` } }),
  );
  return { url: mock.url, stop: mock.stop };
}
