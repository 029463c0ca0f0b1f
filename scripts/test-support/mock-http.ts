// What the local stand-ins for outside APIs (Algolia, Stripe) share: per-tenant recorded requests and canned answers, the control routes for them, and a server on a free port.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** An answer queued for the next request with this method and path, instead of the mock's default behaviour. */
export interface CannedAnswer {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

/** One caller's view of a mock (an Algolia application, a Stripe secret key): tests running side by side never see each other's. */
export interface Tenant<Recorded, Canned extends CannedAnswer> {
  requests: Recorded[];
  canned: Canned[];
}

/** The tenant for a key, created on first use with `create`. */
export function tenantRegistry<T>(create: () => T): (key: string) => T {
  const tenants = new Map<string, T>();
  return (key) => {
    let tenant = tenants.get(key);
    if (!tenant) tenants.set(key, (tenant = create()));
    return tenant;
  };
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(response: ServerResponse, status: number, body: unknown, contentType = "application/json; charset=utf-8"): void {
  response.writeHead(status, { "content-type": contentType });
  response.end(JSON.stringify(body));
}

/** Removes and returns the first canned answer for this method and path, if one is queued. */
export function takeCanned<C extends CannedAnswer>(canned: C[], method: string, path: string): C | undefined {
  const index = canned.findIndex((answer) => answer.method === method && answer.path === path);
  return index >= 0 ? canned.splice(index, 1)[0] : undefined;
}

/** The control routes: GET …/requests lists what the tenant sent, POST …/responses queues canned answers. True when it answered. */
export function serveControl<C extends CannedAnswer>(tenant: Tenant<unknown, C>, action: string, method: string | undefined, text: string, response: ServerResponse): boolean {
  if (action === "requests" && method === "GET") {
    sendJson(response, 200, { requests: tenant.requests });
    return true;
  }
  if (action === "responses" && method === "POST") {
    tenant.canned.push(...(JSON.parse(text) as C[]));
    sendJson(response, 200, { queued: tenant.canned.length });
    return true;
  }
  return false;
}

export interface RunningMock {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Serves `handle` on a free loopback port; a handler that throws answers 500 with `failureBody(error)`. */
export async function listenOnFreePort(
  handle: (request: IncomingMessage, response: ServerResponse, text: string) => Promise<void>,
  failureBody: (error: unknown) => unknown,
): Promise<RunningMock> {
  const server = createServer((request, response) => {
    void (async () => handle(request, response, await readBody(request)))().catch((error: unknown) => sendJson(response, 500, failureBody(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
