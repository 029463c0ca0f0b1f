// A local HTTP server that plays Algolia for tests: records every request per application id and answers with canned responses.
import { listenOnFreePort, sendJson, serveControl, takeCanned, tenantRegistry, type CannedAnswer, type Tenant } from "./mock-http";

/** One request as the client sent it; `body` is the parsed JSON (the client sends JSON as text/plain), or null without one. */
export interface RecordedAlgoliaRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: { "x-algolia-application-id": string | null; "x-algolia-api-key": string | null; "content-type": string | null };
  body: unknown;
  /** When the request arrived and when its answer went out (epoch ms): lets tests check that requests took turns. */
  receivedAtMs: number;
  respondedAtMs: number | null;
}

/** An answer queued for the next request with this method and path (e.g. "POST", "/1/indexes/listings/query"). */
export interface CannedAlgoliaResponse extends CannedAnswer {
  /** Hold the answer back this long, like a slow Algolia. */
  delayMs?: number;
}

interface App extends Tenant<RecordedAlgoliaRequest, CannedAlgoliaResponse> {
  nextTaskId: number;
}

export interface AlgoliaMock {
  /** http://127.0.0.1:PORT: the control API for tests in workerd (see algolia-test-fixtures.ts). */
  url: string;
  /** 127.0.0.1:PORT, as ALGOLIA_HOSTS takes it. */
  host: string;
  requests(appId: string): RecordedAlgoliaRequest[];
  respond(appId: string, responses: CannedAlgoliaResponse[]): void;
  stop(): Promise<void>;
}

/** Without a canned response, writes and task polls succeed as Algolia would say; anything else is a 404. */
function defaultResponse(app: App, request: RecordedAlgoliaRequest): { status: number; body: unknown } {
  const { method, path } = request;
  if (method === "POST" && /^\/1\/indexes\/[^/]+\/batch$/.test(path)) {
    const writes = (request.body as { requests?: { body?: { objectID?: string } }[] } | null)?.requests ?? [];
    return { status: 200, body: { taskID: app.nextTaskId++, objectIDs: writes.map((write) => write.body?.objectID ?? null) } };
  }
  if (method === "PUT" && /^\/1\/indexes\/[^/]+\/settings$/.test(path)) return { status: 200, body: { taskID: app.nextTaskId++, updatedAt: "2030-01-01T00:00:00.000Z" } };
  if (method === "GET" && /^\/1\/indexes\/[^/]+\/task\/\d+$/.test(path)) return { status: 200, body: { status: "published" } };
  return { status: 404, body: { message: `the Algolia mock has no response for ${method} ${path}`, status: 404 } };
}

const CONTROL = /^\/__mock\/apps\/([^/]+)\/(requests|responses)$/;

export async function startAlgoliaMock(): Promise<AlgoliaMock> {
  const appFor = tenantRegistry<App>(() => ({ requests: [], canned: [], nextTaskId: 1 }));
  const mock = await listenOnFreePort(
    async (request, response, text) => {
      const url = new URL(request.url ?? "/", "http://mock");
      const control = CONTROL.exec(url.pathname);
      if (control) {
        if (serveControl(appFor(decodeURIComponent(control[1]!)), control[2]!, request.method, text, response)) return;
        return sendJson(response, 405, { message: "GET requests or POST responses" });
      }
      const header = (name: string) => {
        const value = request.headers[name];
        return typeof value === "string" ? value : null;
      };
      const recorded: RecordedAlgoliaRequest = {
        method: request.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: { "x-algolia-application-id": header("x-algolia-application-id"), "x-algolia-api-key": header("x-algolia-api-key"), "content-type": header("content-type") },
        body: text === "" ? null : (JSON.parse(text) as unknown),
        receivedAtMs: Date.now(),
        respondedAtMs: null,
      };
      const app = appFor(recorded.headers["x-algolia-application-id"] ?? url.searchParams.get("x-algolia-application-id") ?? "unknown");
      app.requests.push(recorded);
      const answer: Omit<CannedAlgoliaResponse, "method" | "path"> = takeCanned(app.canned, recorded.method, recorded.path) ?? defaultResponse(app, recorded);
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      recorded.respondedAtMs = Date.now();
      sendJson(response, answer.status, answer.body);
    },
    (error) => ({ message: `the Algolia mock failed: ${String(error)}` }),
  );
  return {
    url: mock.url,
    host: `127.0.0.1:${mock.port}`,
    requests: (appId) => appFor(appId).requests,
    respond: (appId, responses) => void appFor(appId).canned.push(...responses),
    stop: mock.stop,
  };
}
