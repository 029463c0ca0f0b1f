// The load generator's HTTP client: node:http with a keep-alive agent, cheaper in CPU than fetch on this 2-core box.
import { Agent, request as httpRequest } from "node:http";

/**
 * No request in these benchmarks should come near this (login p99 is a few seconds at 50 clients);
 * past it the request counts as an error instead of hanging the run.
 */
const REQUEST_TIMEOUT_MS = 30_000;
/** Enough of an error body to see its problem+json code and detail. */
const ERROR_BODY_MAX_CHARS = 300;
const FIRST_ERROR_STATUS = 400;

export interface HttpRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON with Content-Type application/json. */
  json?: unknown;
}

export interface HttpResponse {
  status: number;
  /** The body of an error response (status 400 and up), cut to ERROR_BODY_MAX_CHARS; success bodies are read and dropped. */
  errorBody?: string;
}

export interface HttpClient {
  /** Resolves once the whole body has arrived. */
  send(request: HttpRequest): Promise<HttpResponse>;
  close(): void;
}

/**
 * Measured here (scripts/bench: 20,000 GETs, 50 clients, against a trivial Node server): node:http with a
 * keep-alive Agent costs ~30–35 µs of client CPU per request, global fetch (undici) ~130–140 µs. The load
 * generator shares 2 cores with the platform, so the cheaper client disturbs the figures least.
 */
export function createHttpClient(baseUrl: string, maxSockets: number): HttpClient {
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  return {
    send({ method, path, headers = {}, json }) {
      const body = json === undefined ? undefined : JSON.stringify(json);
      return new Promise((resolve, reject) => {
        const outgoing = httpRequest(
          {
            host: base.hostname,
            port: base.port,
            method,
            path,
            agent,
            timeout: REQUEST_TIMEOUT_MS,
            headers: body === undefined ? headers : { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
          },
          (response) => {
            const status = response.statusCode ?? 0;
            let errorBody: string | undefined;
            if (status >= FIRST_ERROR_STATUS) {
              errorBody = "";
              response.setEncoding("utf8");
              response.on("data", (chunk: string) => {
                if (errorBody !== undefined && errorBody.length < ERROR_BODY_MAX_CHARS) errorBody = (errorBody + chunk).slice(0, ERROR_BODY_MAX_CHARS);
              });
            } else {
              response.resume();
            }
            response.on("end", () => resolve(errorBody === undefined ? { status } : { status, errorBody }));
            response.on("error", reject);
          },
        );
        outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
        outgoing.on("error", reject);
        outgoing.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
