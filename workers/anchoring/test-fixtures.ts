// Anchoring test helpers inside workerd: envs aimed at the suite's anvil chain (or a closed port), job runs at a chosen time, chain reads.
import { eq } from "drizzle-orm";
import { inject } from "vitest";
import { createPublicClient, getAddress, http, type Hex } from "viem";
import { mnbaraAnchorAbi } from "../../contracts/build/mnbara-anchor-abi";
import { anchorBatches, anchorLeaves } from "../../db/schema";
import { recordAuctionResult } from "../auctions/results-service";
import type { AppEnv } from "../env";
import { asRequest } from "../ledger/test-fixtures";
import { createScope } from "../platform/context";
import { newId } from "../platform/ids";
import { createLogger } from "../platform/logger";
import { testEnv, withDatabase } from "../test-support/api";
import { anchorChain, type ChainConfig } from "./chain";
import { type AnchoringRun, runAnchoring } from "./service";

/** The suite's env with anchoring on, aimed at the anvil chain of the workers globalSetup. */
export function chainEnv(overrides: Partial<AppEnv> = {}): AppEnv {
  return {
    ...testEnv,
    POLYGON_RPC_URL: inject("anvilRpcUrl"),
    CHAIN_ID: String(inject("anvilChainId")),
    ANCHOR_PRIVATE_KEY: inject("anvilPrivateKey"),
    ANCHOR_CONTRACT: inject("anchorContract"),
    ...overrides,
  };
}

/** Anchoring on, but the chain is down: nothing listens on port 1. */
export const chainDownEnv = (): AppEnv => chainEnv({ POLYGON_RPC_URL: "http://127.0.0.1:1" });

export function chainConfig(): ChainConfig {
  return { rpcUrl: inject("anvilRpcUrl"), chainId: inject("anvilChainId"), privateKey: inject("anvilPrivateKey") as Hex, contract: getAddress(inject("anchorContract")) };
}

/** The real chain client, for what a test does behind the job's back (a send whose record was lost) and for reads. */
export const testChain = () => anchorChain(chainConfig());

/** One cron run of the job with `env`, as if the clock read `now`. */
export async function runJob(env: AppEnv, now = new Date()): Promise<AnchoringRun> {
  const scope = createScope(env, createLogger("error"), "test-anchoring", { ip: null, userAgent: null });
  try {
    return await runAnchoring({ ...scope.ctx, now: () => now });
  } finally {
    await scope.close();
  }
}

/** Runs the job until nothing is left (earlier tests may have left a batch waiting for its retry time), far enough ahead for any backoff. */
export async function anchorEverything(): Promise<AnchoringRun[]> {
  const runs: AnchoringRun[] = [];
  for (let run = 0; run < 20; run++) {
    const result = await runJob(chainEnv(), new Date(Date.now() + 30 * 24 * 3_600_000));
    runs.push(result);
    if (result.status === "idle") return runs;
    if (result.status === "failed") throw new Error(`anchoring failed: ${result.error}`);
  }
  throw new Error("anchoring did not catch up within 20 runs");
}

export const batchRow = (id: number) => withDatabase(async (db) => (await db.orm.select().from(anchorBatches).where(eq(anchorBatches.id, id)))[0]!);
export const leafRow = (key: string) => withDatabase(async (db) => (await db.orm.select().from(anchorLeaves).where(eq(anchorLeaves.leafKey, key)))[0] ?? null);

/** How many Anchored events the contract emitted for the batch: one, however often the job retried. */
export async function anchoredEventCount(batchId: number): Promise<number> {
  const config = chainConfig();
  const client = createPublicClient({ transport: http(config.rpcUrl) });
  const logs = await client.getContractEvents({ address: config.contract, abi: mnbaraAnchorAbi, eventName: "Anchored", args: { batchId: BigInt(batchId) }, fromBlock: 0n });
  return logs.length;
}

/** A closed auction nobody won (so no order follows), as the auction room records it; `closedAt` earlier for a late alarm. */
export async function closedAuction(closedAt = new Date()): Promise<string> {
  const listingId = newId("listing");
  await asRequest((ctx) =>
    recordAuctionResult(ctx, { listingId, sellerId: newId("user"), winnerId: null, finalPriceMinor: null, currency: "USD", reserveMet: false, bidCount: 0, headHash: "ab".repeat(32), reason: "ended", closedAt }),
  );
  return listingId;
}
