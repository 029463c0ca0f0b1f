// GET /v1/orders/:id/proofs (an order's escrow entries, for its parties and admins) and GET /v1/anchoring/config, against the suite's anvil chain.
import { describe, expect, inject, it } from "vitest";
import { accounts, orderAction, paidOrder, registerAdmin } from "../orders/test-fixtures";
import { call, expectProblem, registerUser } from "../test-support/api";
import { verifyProof } from "./merkle";
import type { ProofDocument } from "./proof-document";
import { allPassed, documentChecks } from "./proof-verification";
import { anchorEverything, chainConfig, chainEnv } from "./test-fixtures";

interface OrderProofs {
  items: ProofDocument[];
  pending: number;
}

const proofsOf = (orderId: string, token: string) => call<OrderProofs>("GET", `/v1/orders/${orderId}/proofs`, { token });
/** The ledger accounts the listed proofs are about, in order. */
const accountsOf = (proofs: OrderProofs) => proofs.items.map((item) => (item.leaf.kind === "ledger_entry" ? item.leaf.values.accountId : item.leaf.kind));

describe("GET /v1/orders/:id/proofs", () => {
  it("gives the buyer and the seller the proofs of their own escrow entries once anchored, an admin all of them, and counts the rest as pending", async () => {
    const { seller, buyer, order } = await paidOrder();
    const admin = await registerAdmin();
    // Paid: the hold moved the buyer's money from available to held; nothing is anchored yet.
    expect((await proofsOf(order.id, buyer.accessToken)).body).toEqual({ items: [], pending: 2 });
    expect((await proofsOf(order.id, seller.accessToken)).body).toEqual({ items: [], pending: 0 });

    await anchorEverything();
    const buyerProofs = await proofsOf(order.id, buyer.accessToken);
    expect(buyerProofs.status).toBe(200);
    expect(buyerProofs.body.pending).toBe(0);
    expect(accountsOf(buyerProofs.body).sort()).toEqual([accounts.available(buyer.id), accounts.held(buyer.id)].sort());
    for (const item of buyerProofs.body.items) {
      expect(verifyProof(item)).toBe(true);
      // The same document the single-entry route gives.
      const entryId = item.leaf.kind === "ledger_entry" ? item.leaf.values.entryId : "";
      expect((await call("GET", `/v1/ledger/entries/${entryId}/proof`, { token: buyer.accessToken })).body).toEqual(item);
    }
    // What the web's Verify button does with it: the Merkle path, then the root, leaf count and event on chain.
    const checks = await documentChecks(buyerProofs.body.items[0]!, inject("anvilRpcUrl"), 10_000);
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(allPassed(checks)).toBe(true);

    expect((await orderAction(seller, order.id, "ship", { carrier: "DHL", trackingNumber: "JD014600006281" })).status).toBe(200);
    expect((await orderAction(buyer, order.id, "confirm-delivery")).status).toBe(200);
    // The release (buyer held → seller available + platform fee) is written but not anchored yet.
    expect((await proofsOf(order.id, buyer.accessToken)).body).toMatchObject({ pending: 1 });
    expect((await proofsOf(order.id, seller.accessToken)).body).toEqual({ items: [], pending: 1 });
    expect((await proofsOf(order.id, admin.accessToken)).body).toMatchObject({ pending: 3 });

    await anchorEverything();
    const sellerProofs = (await proofsOf(order.id, seller.accessToken)).body;
    expect(sellerProofs.pending).toBe(0);
    expect(accountsOf(sellerProofs)).toEqual([accounts.available(seller.id)]);
    const adminProofs = (await proofsOf(order.id, admin.accessToken)).body;
    expect(adminProofs.pending).toBe(0);
    expect(accountsOf(adminProofs)).toHaveLength(5);
    expect(accountsOf(adminProofs)).toContain(accounts.fees);
  });

  it("is 404 for another user's order and an unknown one, 401 without a token and 400 for a malformed id", async () => {
    const { order } = await paidOrder();
    const stranger = await registerUser("order-proofs-stranger");
    expectProblem(await proofsOf(order.id, stranger.accessToken), 404, "NOT_FOUND");
    expectProblem(await proofsOf("ord_unknown", stranger.accessToken), 404, "NOT_FOUND");
    expectProblem(await call("GET", `/v1/orders/${order.id}/proofs`), 401, "UNAUTHENTICATED");
    expectProblem(await proofsOf("x".repeat(65), stranger.accessToken), 400, "VALIDATION_FAILED");
  });
});

describe("GET /v1/anchoring/config", () => {
  it("is off without a chain, and on gives the chain, the contract and the public RPC URL (null when unset or not http)", async () => {
    expect((await call("GET", "/v1/anchoring/config")).body).toEqual({ status: "off" });
    const { chainId, contract } = chainConfig();
    const rpcUrl = inject("anvilRpcUrl");
    const on = await call("GET", "/v1/anchoring/config", { env: chainEnv({ PUBLIC_CHAIN_RPC_URL: rpcUrl }) });
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ status: "on", chainId, contract, rpcUrl });
    expect((await call("GET", "/v1/anchoring/config", { env: chainEnv() })).body).toEqual({ status: "on", chainId, contract, rpcUrl: null });
    expect((await call("GET", "/v1/anchoring/config", { env: chainEnv({ PUBLIC_CHAIN_RPC_URL: "ws://127.0.0.1:8545" }) })).body).toMatchObject({ rpcUrl: null });
    // A public RPC URL alone does not turn anchoring on.
    expect((await call("GET", "/v1/anchoring/config", { env: chainEnv({ ANCHOR_CONTRACT: undefined, PUBLIC_CHAIN_RPC_URL: rpcUrl }) })).body).toEqual({ status: "off" });
  });
});
