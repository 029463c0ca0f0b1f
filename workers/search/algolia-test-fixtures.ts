// Algolia contract-test helpers inside workerd: an env aimed at the Algolia mock under an application id of its own, its recorded requests, canned answers, queue deliveries.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { expect, inject } from "vitest";
import type { AppEnv } from "../env";
import worker from "../index";
import { testEnv } from "../test-support/api";

// Type-only: the mock itself runs in Node (the workers globalSetup); only its request and answer shapes are shared.
import type { CannedAlgoliaResponse, RecordedAlgoliaRequest } from "../../scripts/test-support/algolia-mock";

export type { CannedAlgoliaResponse, RecordedAlgoliaRequest };

export const ADMIN_KEY = "test-algolia-admin-key";
export const SEARCH_KEY = "test-algolia-search-key";
/** What the pinned client (algoliasearch 5.64.0, its "worker" build) sends as x-algolia-agent. */
export const WORKER_AGENT = "Algolia for JavaScript (5.64.0); Search (5.64.0); Worker";

export interface AlgoliaTestApp {
  appId: string;
  /** The suite's env with Algolia on (and Redis off, so every search reaches the engine instead of a cached page). */
  env: AppEnv;
  requests(): Promise<RecordedAlgoliaRequest[]>;
  respond(...responses: CannedAlgoliaResponse[]): Promise<void>;
}

/** A fresh application id per test keeps tests running side by side from seeing each other's requests. */
export function algoliaTestApp(overrides: Partial<AppEnv> = {}): AlgoliaTestApp {
  const mockUrl = inject("algoliaMockUrl");
  const appId = `TEST${crypto.randomUUID().replaceAll("-", "").slice(0, 12).toUpperCase()}`;
  const control = `${mockUrl}/__mock/apps/${appId}`;
  const env: AppEnv = {
    ...testEnv,
    UPSTASH_REDIS_REST_URL: undefined,
    UPSTASH_REDIS_REST_TOKEN: undefined,
    ALGOLIA_APP_ID: appId,
    ALGOLIA_ADMIN_KEY: ADMIN_KEY,
    ALGOLIA_SEARCH_KEY: SEARCH_KEY,
    ALGOLIA_HOSTS: new URL(mockUrl).host,
    ...overrides,
  };
  return {
    appId,
    env,
    async requests() {
      const response = await fetch(`${control}/requests`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { requests: RecordedAlgoliaRequest[] }).requests;
    },
    async respond(...responses) {
      const response = await fetch(`${control}/responses`, { method: "POST", body: JSON.stringify(responses) });
      expect(response.status).toBe(200);
      await response.body?.cancel();
    },
  };
}

/** The request as sent, minus what varies per call: the request id (checked to be there) and the mock's timings. */
export function asSent({ receivedAtMs: _received, respondedAtMs: _responded, ...request }: RecordedAlgoliaRequest) {
  const { "x-algolia-request-id": requestId, ...query } = request.query;
  expect(requestId).toMatch(/\S/);
  return { ...request, query };
}

/** One Algolia answer to a query: hits and counts as given, the rest as Algolia fills it in. */
export function algoliaAnswer(answer: { hits?: unknown[]; nbHits: number; nbPages?: number; page?: number; facets?: Record<string, Record<string, number>> }) {
  return { hits: [], page: 0, nbPages: answer.nbHits > 0 ? 1 : 0, hitsPerPage: 20, processingTimeMS: 1, exhaustiveNbHits: true, query: "", params: "", ...answer };
}

export interface QueueOutcome {
  explicitAcks: string[];
  retryMessages: { msgId: string }[];
}

/** Delivers `bodies` to the Worker's queue handler as one batch, with `env`; message ids are msg-0, msg-1 … */
export async function deliverBatch(env: AppEnv, bodies: unknown[]): Promise<QueueOutcome> {
  const batch = createMessageBatch(
    "events",
    bodies.map((body, index) => ({ id: `msg-${index}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  const { explicitAcks, retryMessages } = (await getQueueResult(batch, ctx)) as QueueOutcome;
  return { explicitAcks, retryMessages };
}
