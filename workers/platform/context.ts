// What a service receives: explicit dependencies for one request, queue batch or cron run.
import type { Redis } from "@upstash/redis/cloudflare";
import type { AppEnv } from "../env";
import { createDatabase, type Database } from "./db";
import { errorFields, type Logger } from "./logger";
import { createRedis } from "./redis";

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface ServiceContext {
  readonly env: AppEnv;
  readonly db: Database;
  readonly redis: Redis | null;
  readonly log: Logger;
  readonly requestId: string;
  readonly client: ClientInfo;
  now(): Date;
  /** Work that may finish after the response (relays, cache writes); the scope waits for it before closing the database. */
  defer(task: Promise<unknown>): void;
}

export interface Scope {
  readonly ctx: ServiceContext;
  /** Waits for deferred work, then releases the database connection. Call exactly once. */
  close(): Promise<void>;
}

/** Deferred tasks per scope; a request that defers more than this has a bug (an unbounded loop). */
const MAX_DEFERRED_TASKS = 64;

export function createScope(env: AppEnv, log: Logger, requestId: string, client: ClientInfo): Scope {
  const deferred: Promise<unknown>[] = [];
  const db = createDatabase(env, (error) => log.debug("database socket closed after end", errorFields(error)));
  const ctx: ServiceContext = {
    env,
    db,
    redis: createRedis(env),
    log,
    requestId,
    client,
    now: () => new Date(),
    defer(task) {
      if (deferred.length >= MAX_DEFERRED_TASKS) throw new Error("invariant failed: too many deferred tasks in one scope");
      deferred.push(task.catch((error: unknown) => log.error("deferred task failed", errorFields(error))));
    },
  };
  return {
    ctx,
    async close() {
      // Deferred tasks may defer more work (a relay that logs), so drain until nothing new arrives.
      for (let drained = 0; drained < deferred.length; ) {
        const batch = deferred.slice(drained);
        drained = deferred.length;
        await Promise.all(batch);
      }
      await db.end();
    },
  };
}
