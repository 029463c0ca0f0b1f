// The ledger's own service code driven from Node over a pool of plain TCP connections to Postgres: posting, funding, verifying.
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "../../../db/schema";
import type { AppEnv } from "../../../workers/env";
import type { ServiceContext } from "../../../workers/platform/context";
import type { Orm } from "../../../workers/platform/db";
import { inTransaction } from "../../../workers/platform/events";
import { createLogger } from "../../../workers/platform/logger";
import type { Currency } from "../../../workers/platform/money";
import { postTransfer, verifyLedger, type AccountRef, type LedgerVerifyReport, type PostedTransfer, type TransferInput } from "../../../workers/ledger/service";

/** Postings per funding transfer: one clearing debit and this many wallets credited, inside LEDGER_MAX_POSTINGS. */
const WALLETS_PER_FUNDING_TRANSFER = 15;

export interface LedgerTarget {
  post(input: TransferInput): Promise<PostedTransfer>;
  /** Gives every wallet `amountMinor` in `currency` from provider clearing, a few wallets per transfer. */
  fund(ownerIds: readonly string[], currency: Currency, amountMinor: number, referencePrefix: string): Promise<void>;
  verify(): Promise<LedgerVerifyReport>;
  close(): Promise<void>;
}

/**
 * The same postTransfer the Worker runs, inside the same inTransaction (so the audit row is written too), over a `pg`
 * pool instead of the Worker's one-connection Neon pool: the drizzle API is the same, only the driver under it differs.
 */
export function openLedgerTarget(databaseUrl: string, poolSize: number): LedgerTarget {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  pool.on("error", () => undefined); // an idle client dropped at shutdown is not a failed transfer
  // node-postgres and Neon share drizzle's Postgres query builder and transaction API; the cast names that.
  const orm = drizzle({ client: pool, schema }) as unknown as Orm;
  const deferred: Promise<unknown>[] = [];
  const ctx: ServiceContext = {
    env: {} as AppEnv,
    db: { orm, end: async () => undefined },
    redis: null,
    log: createLogger("error"),
    requestId: "bench-ledger",
    client: { ip: null, userAgent: null },
    now: () => new Date(),
    defer: (task) => void deferred.push(task),
  };
  const post = (input: TransferInput) => inTransaction(ctx, (scope) => postTransfer(scope, ctx, input));
  return {
    post,
    async fund(ownerIds, currency, amountMinor, referencePrefix) {
      const clearing: AccountRef = { kind: "provider_clearing", ownerId: "bench", currency };
      for (let start = 0; start < ownerIds.length; start += WALLETS_PER_FUNDING_TRANSFER) {
        const batch = ownerIds.slice(start, start + WALLETS_PER_FUNDING_TRANSFER);
        await post({
          kind: "deposit",
          reference: `${referencePrefix}:fund:${start}`,
          actorId: null,
          postings: [{ account: clearing, amount: -amountMinor * batch.length }, ...batch.map((ownerId) => ({ account: { kind: "user_available" as const, ownerId, currency }, amount: amountMinor }))],
        });
      }
    },
    verify: () => verifyLedger(orm),
    async close() {
      await Promise.allSettled(deferred);
      await pool.end();
    },
  };
}
