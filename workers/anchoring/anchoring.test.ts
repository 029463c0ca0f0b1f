// The anchoring job and proof routes against a real anvil chain: batches anchor once, proofs verify, outages back off and catch up.
import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { anchorBatches } from "../../db/schema";
import type { AppEnv } from "../env";
import worker from "../index";
import { available, deposit } from "../ledger/test-fixtures";
import { registerAdmin } from "../fraud/test-fixtures";
import { accountKey } from "../ledger/service";
import { call, expectProblem, registerUser, testEnv, withDatabase } from "../test-support/api";
import { ANCHOR_SETTLE_MS } from "../platform/limits";
import { verifyProof } from "./merkle";
import type { ProofDocument } from "./proof-document";
import { anchorEverything, anchoredEventCount, batchRow, chainConfig, chainDownEnv, chainEnv, closedAuction, leafRow, runJob, testChain } from "./test-fixtures";

const HOUR_MS = 3_600_000;

async function runCron(env: AppEnv) {
  await worker.scheduled(createScheduledController({ cron: "* * * * *", scheduledTime: Date.now() }), env, createExecutionContext());
}

async function batchOf(leafKey: string): Promise<number> {
  const leaf = await leafRow(leafKey);
  expect(leaf).not.toBe(null);
  return leaf!.batchId;
}

describe("anchoring job", () => {
  it("anchors new ledger entries and auction results, and every proof verifies against the root on chain", async () => {
    const user = await registerUser("anchored");
    const transfer = await deposit(user.id, 12_345, "USD");
    const listingId = await closedAuction();
    await anchorEverything();

    const entry = transfer.entries.find((e) => e.accountId === accountKey(available(user.id, "USD")))!;
    const response = await call<ProofDocument>("GET", `/v1/ledger/entries/${entry.id}/proof`, { token: user.accessToken });
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.leaf).toEqual({
      kind: "ledger_entry",
      values: { entryId: entry.id, transferId: transfer.id, accountId: entry.accountId, currency: "USD", amountMinor: "12345", balanceAfterMinor: "12345", accountSeq: "1", hash: entry.hash },
    });
    expect(verifyProof(document)).toBe(true);
    const batch = await batchRow(Number(document.batch.id));
    expect(batch.status).toBe("anchored");
    expect(document.chain).toEqual({ chainId: chainConfig().chainId, contract: chainConfig().contract, transactionHash: batch.txHash, blockNumber: batch.blockNumber });
    expect(await testChain().readAnchor(batch.id)).toEqual({ root: document.root, leafCount: document.batch.leafCount });

    const auction = await call<ProofDocument>("GET", `/v1/auctions/${listingId}/proof`);
    expect(auction.status).toBe(200);
    expect(auction.body.leaf).toEqual({ kind: "auction_result", values: { listingId, winnerId: null, finalPriceMinor: null, currency: "USD", reserveMet: false, bidCount: "0", headHash: "ab".repeat(32) } });
    expect(verifyProof(auction.body)).toBe(true);
    expect((await testChain().readAnchor(Number(auction.body.batch.id)))?.root).toBe(auction.body.root);
  });

  it("anchors an auction result its close alarm recorded late, behind the previous batch's newest close time", async () => {
    await closedAuction();
    await anchorEverything();
    const late = await closedAuction(new Date(Date.now() - HOUR_MS));
    await anchorEverything();
    expect(await leafRow(`auction_result:${late}`)).not.toBe(null);
    const response = await call<ProofDocument>("GET", `/v1/auctions/${late}/proof`);
    expect(response.status).toBe(200);
    expect(verifyProof(response.body)).toBe(true);
  });

  it("a tampered entry's proof does not verify", async () => {
    const user = await registerUser("tampered");
    const transfer = await deposit(user.id, 500, "USD");
    await anchorEverything();
    const entryId = transfer.entries.find((e) => e.accountId === accountKey(available(user.id, "USD")))!.id;
    const { body } = await call<ProofDocument>("GET", `/v1/ledger/entries/${entryId}/proof`, { token: user.accessToken });
    expect(verifyProof(body)).toBe(true);
    if (body.leaf.kind !== "ledger_entry") throw new Error("expected a ledger entry leaf");
    // The amount changed after anchoring: the stated leaf hash no longer matches, and neither does a recomputed one.
    const tamperedLeaf = { ...body.leaf, values: { ...body.leaf.values, amountMinor: "50000" } };
    expect(verifyProof({ ...body, leaf: tamperedLeaf })).toBe(false);
    expect(verifyProof({ ...body, root: `0x${"11".repeat(32)}` })).toBe(false);
  });

  it("a crash between sending and recording does not anchor the batch twice", async () => {
    await anchorEverything();
    const user = await registerUser("crash");
    const transfer = await deposit(user.id, 700, "USD");
    const t0 = new Date(Date.now() + 48 * HOUR_MS);
    // The batch is built and stored, but its send fails: it stays pending.
    const failed = await runJob(chainDownEnv(), t0);
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    const batchId = failed.status === "failed" ? failed.batchId : -1;
    const stored = await batchRow(batchId);
    // An earlier run sent it and crashed before recording the hash: the chain has it, the database does not know.
    const lostTx = await testChain().sendAnchor({ id: batchId, root: stored.root as `0x${string}`, leafCount: stored.leafCount });

    const retried = await runJob(chainEnv(), new Date(t0.getTime() + HOUR_MS));
    expect(retried).toEqual({ status: "anchored", batchId, leafCount: stored.leafCount, txHash: lostTx.txHash, blockNumber: lostTx.blockNumber });
    expect(await anchoredEventCount(batchId)).toBe(1);
    const recorded = await batchRow(batchId);
    expect(recorded).toMatchObject({ status: "anchored", root: stored.root, txHash: lostTx.txHash, blockNumber: lostTx.blockNumber, attempts: 1 });
    expect((await leafRow(`ledger_entry:${transfer.entries[0]!.id}`))?.batchId).toBe(batchId);
    // A further run sends nothing for this batch again (other test files' new entries may make a next batch).
    await runJob(chainEnv(), new Date(t0.getTime() + 2 * HOUR_MS));
    expect(await anchoredEventCount(batchId)).toBe(1);
    expect(await batchRow(batchId)).toEqual(recorded);
  });

  it("with the chain down backs off, loses nothing and catches up when the chain returns", async () => {
    await anchorEverything();
    const user = await registerUser("outage");
    const first = await deposit(user.id, 900, "USD");
    const t0 = new Date(Date.now() + 72 * HOUR_MS);

    const one = await runJob(chainDownEnv(), t0);
    expect(one).toMatchObject({ status: "failed", attempts: 1, nextAttemptAt: new Date(t0.getTime() + 60_000) });
    const batchId = one.status === "failed" ? one.batchId : -1;
    const root = (await batchRow(batchId)).root;
    // Before the retry time nothing is attempted.
    expect(await runJob(chainDownEnv(), new Date(t0.getTime() + 30_000))).toEqual({ status: "waiting", batchId, nextAttemptAt: new Date(t0.getTime() + 60_000) });
    const two = await runJob(chainDownEnv(), new Date(t0.getTime() + 60_000));
    expect(two).toMatchObject({ status: "failed", batchId, attempts: 2, nextAttemptAt: new Date(t0.getTime() + 60_000 + 120_000) });
    const three = await runJob(chainDownEnv(), new Date(t0.getTime() + 180_000));
    expect(three).toMatchObject({ status: "failed", batchId, attempts: 3, nextAttemptAt: new Date(t0.getTime() + 180_000 + 240_000) });
    expect(await batchRow(batchId)).toMatchObject({ status: "pending", root, attempts: 3, txHash: null });

    // Written during the outage: waits for the next batch, not lost.
    const second = await deposit(user.id, 100, "USD");
    const back = await runJob(chainEnv(), new Date(t0.getTime() + HOUR_MS));
    expect(back).toMatchObject({ status: "anchored", batchId });
    expect(await batchRow(batchId)).toMatchObject({ status: "anchored", root, attempts: 3 });
    for (const entry of first.entries) expect(await batchOf(`ledger_entry:${entry.id}`)).toBe(batchId);
    expect(await leafRow(`ledger_entry:${second.entries[0]!.id}`)).toBe(null);

    await anchorEverything();
    for (const entry of second.entries) expect(await batchOf(`ledger_entry:${entry.id}`)).toBeGreaterThan(batchId);
    expect(await anchoredEventCount(batchId)).toBe(1);
  });

  it("leaves entries younger than the settle time for a later run, so one still committing cannot fall behind the cursor", async () => {
    await anchorEverything();
    const transfer = await deposit((await registerUser("settle")).id, 250, "USD");
    const at = new Date(transfer.createdAt.getTime() + ANCHOR_SETTLE_MS - 1);
    await runJob(chainEnv(), at);
    for (const entry of transfer.entries) expect(await leafRow(`ledger_entry:${entry.id}`)).toBe(null);
    await anchorEverything();
    for (const entry of transfer.entries) expect(await leafRow(`ledger_entry:${entry.id}`)).not.toBe(null);
  });

  it("is off without a chain: health says so and the cron run does nothing", async () => {
    const health = await call("GET", "/v1/health");
    expect(health.body.anchoring).toEqual({ status: "off" });
    await deposit((await registerUser("off")).id, 100, "USD");
    expect(await runJob(testEnv)).toEqual({ status: "off" });
    // Some but not all of the settings: logged, and off.
    expect(await runJob(chainEnv({ ANCHOR_CONTRACT: undefined }))).toEqual({ status: "off" });
    expect((await call("GET", "/v1/health", { env: chainEnv({ ANCHOR_CONTRACT: undefined }) })).body.anchoring).toEqual({ status: "off" });
  });

  it("runs in the Worker's cron when a chain is configured, and not at all without one", async () => {
    await anchorEverything();
    await deposit((await registerUser("cron")).id, 400, "USD");
    const failed = await runJob(chainDownEnv(), new Date(Date.now() + HOUR_MS));
    const batchId = failed.status === "failed" ? failed.batchId : -1;
    // Due now, so the next real cron run retries it.
    await withDatabase((db) => db.orm.update(anchorBatches).set({ nextAttemptAt: new Date(Date.now() - 1_000) }).where(eq(anchorBatches.id, batchId)));
    const before = await batchRow(batchId);

    await runCron(testEnv);
    expect(await batchRow(batchId)).toEqual(before);
    await runCron(chainEnv());
    expect(await batchRow(batchId)).toMatchObject({ status: "anchored", attempts: 1, root: before.root });
    expect(await anchoredEventCount(batchId)).toBe(1);
  });

  it("health reports the chain, the last anchored batch and what is pending", async () => {
    await anchorEverything();
    const health = await call("GET", "/v1/health", { env: chainEnv() });
    expect(health.status).toBe(200);
    const { anchoring } = health.body;
    expect(anchoring).toMatchObject({ status: "on", chainId: chainConfig().chainId, pending: 0 });
    const last = await batchRow(anchoring.lastAnchoredBatch.id);
    expect(anchoring.lastAnchoredBatch).toEqual({ id: last.id, root: last.root, txHash: last.txHash, blockNumber: last.blockNumber, anchoredAt: last.anchoredAt!.toISOString() });
  });
});

describe("GET /v1/ledger/entries/:id/proof", () => {
  it("is for the entry's owner and admins; others, platform entries and unanchored entries are 404", async () => {
    const owner = await registerUser("proof-owner");
    const transfer = await deposit(owner.id, 300, "USD");
    const mine = transfer.entries.find((e) => e.accountId === accountKey(available(owner.id, "USD")))!;
    const platform = transfer.entries.find((e) => e !== mine)!;
    const path = `/v1/ledger/entries/${mine.id}/proof`;
    // Written, not yet anchored.
    expectProblem(await call("GET", path, { token: owner.accessToken }), 404, "NOT_FOUND");
    await anchorEverything();

    expect((await call("GET", path, { token: owner.accessToken })).status).toBe(200);
    const admin = await registerAdmin("proof-admin");
    expect((await call("GET", path, { token: admin.accessToken })).status).toBe(200);
    expect((await call("GET", `/v1/ledger/entries/${platform.id}/proof`, { token: admin.accessToken })).status).toBe(200);
    const stranger = await registerUser("proof-stranger");
    expectProblem(await call("GET", path, { token: stranger.accessToken }), 404, "NOT_FOUND");
    expectProblem(await call("GET", `/v1/ledger/entries/${platform.id}/proof`, { token: owner.accessToken }), 404, "NOT_FOUND");
    expectProblem(await call("GET", "/v1/ledger/entries/len_unknown/proof", { token: owner.accessToken }), 404, "NOT_FOUND");
    expectProblem(await call("GET", path), 401, "UNAUTHENTICATED");
    expectProblem(await call("GET", `/v1/ledger/entries/${"x".repeat(65)}/proof`, { token: owner.accessToken }), 400, "VALIDATION_FAILED");
  });
});

describe("GET /v1/auctions/:listingId/proof", () => {
  it("is public once anchored, 404 before and for an auction that never closed", async () => {
    const listingId = await closedAuction();
    expectProblem(await call("GET", `/v1/auctions/${listingId}/proof`), 404, "NOT_FOUND");
    await anchorEverything();
    const response = await call<ProofDocument>("GET", `/v1/auctions/${listingId}/proof`);
    expect(response.status).toBe(200);
    expect(verifyProof(response.body)).toBe(true);
    expectProblem(await call("GET", "/v1/auctions/lst_never_closed/proof"), 404, "NOT_FOUND");
    expectProblem(await call("GET", `/v1/auctions/${"x".repeat(65)}/proof`), 400, "VALIDATION_FAILED");
  });
});
