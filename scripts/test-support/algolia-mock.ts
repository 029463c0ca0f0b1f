// A local HTTP server that plays Algolia for tests: records every request per application id and answers with canned responses.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

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
export interface CannedAlgoliaResponse {
  method: string;
  path: string;
  status: number;
  body: unknown;
  /** Hold the answer back this long, like a slow Algolia. */
  delayMs?: number;
}

interface App {
  requests: RecordedAlgoliaRequest[];
  canned: CannedAlgoliaResponse[];
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

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}

const CONTROL = /^\/__mock\/apps\/([^/]+)\/(requests|responses)$/;

export async function startAlgoliaMock(): Promise<AlgoliaMock> {
  const apps = new Map<string, App>();
  const appFor = (appId: string): App => {
    let app = apps.get(appId);
    if (!app) apps.set(appId, (app = { requests: [], canned: [], nextTaskId: 1 }));
    return app;
  };

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", "http://mock");
      const text = await readBody(request);
      const control = CONTROL.exec(url.pathname);
      if (control) {
        const app = appFor(decodeURIComponent(control[1]!));
        if (control[2] === "requests" && request.method === "GET") return send(response, 200, { requests: app.requests });
        if (control[2] === "responses" && request.method === "POST") {
          app.canned.push(...(JSON.parse(text) as CannedAlgoliaResponse[]));
          return send(response, 200, { queued: app.canned.length });
        }
        return send(response, 405, { message: "GET requests or POST responses" });
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
      const index = app.canned.findIndex((canned) => canned.method === recorded.method && canned.path === recorded.path);
      const answer: Omit<CannedAlgoliaResponse, "method" | "path"> = index >= 0 ? app.canned.splice(index, 1)[0]! : defaultResponse(app, recorded);
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      recorded.respondedAtMs = Date.now();
      send(response, answer.status, answer.body);
    })().catch((error: unknown) => send(response, 500, { message: `the Algolia mock failed: ${String(error)}` }));
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests: (appId) => appFor(appId).requests,
    respond: (appId, responses) => void appFor(appId).canned.push(...responses),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
