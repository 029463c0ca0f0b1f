// The platform's chain: off by default, the developer's own chain variables passed through untouched, else anvil with the anchor contract deployed.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPublicClient, createWalletClient, http, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { mnbaraAnchorAbi } from "../../contracts/build/mnbara-anchor-abi";
import { ANVIL_CHAIN_ID, ANVIL_DEV_PRIVATE_KEY } from "../chain/anvil";
import { anchorChain } from "../chain/deploy-anchor";
import { chainVarsFrom, startLocalChain } from "./local-chain";

const quiet = () => {};

describe("the local platform's chain", () => {
  it("is off unless asked for: no variables, nothing started", async () => {
    const chain = await startLocalChain({ mode: "off", given: { POLYGON_RPC_URL: "http://127.0.0.1:9" }, log: quiet });
    expect(chain.vars).toEqual({});
    await chain.stop();
  });

  it("passes the developer's chain variables through without starting anvil, and says which are missing", async () => {
    const messages: string[] = [];
    const chain = await startLocalChain({ mode: "anvil", given: { POLYGON_RPC_URL: "https://rpc-amoy.example", CHAIN_ID: "80002" }, log: (message) => messages.push(message) });
    expect(chain.vars).toEqual({ POLYGON_RPC_URL: "https://rpc-amoy.example", CHAIN_ID: "80002" });
    expect(messages).toEqual(["chain: https://rpc-amoy.example from the environment — anchoring stays off until ANCHOR_PRIVATE_KEY, ANCHOR_CONTRACT are set too"]);
    await chain.stop();
  });

  it("reads only the non-empty chain variables from an environment", () => {
    expect(
      chainVarsFrom({ POLYGON_RPC_URL: "http://127.0.0.1:8545", CHAIN_ID: "", ANCHOR_CONTRACT: "0x5FbDB2315678afecb367f032d93F642f64180aa3", PUBLIC_CHAIN_RPC_URL: "https://rpc.example", PATH: "/usr/bin" }),
    ).toEqual({
      POLYGON_RPC_URL: "http://127.0.0.1:8545",
      ANCHOR_CONTRACT: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      PUBLIC_CHAIN_RPC_URL: "https://rpc.example",
    });
  });

  it("otherwise starts anvil, deploys the contract owned by the dev key, and stops anvil", async () => {
    const messages: string[] = [];
    const chain = await startLocalChain({ mode: "anvil", given: {}, log: (message) => messages.push(message) });
    const { POLYGON_RPC_URL: rpcUrl, ANCHOR_CONTRACT: contract } = chain.vars;
    try {
      expect(chain.vars).toEqual({ POLYGON_RPC_URL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), CHAIN_ID: "31337", ANCHOR_PRIVATE_KEY: ANVIL_DEV_PRIVATE_KEY, ANCHOR_CONTRACT: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/), PUBLIC_CHAIN_RPC_URL: rpcUrl });
      expect(messages).toEqual([`chain: anvil listening on ${rpcUrl} (chain id 31337)`, `chain: MnbaraAnchor deployed at ${contract} on anvil ${rpcUrl} (chain 31337, dev-only key)`]);
      const reader = createPublicClient({ transport: http(rpcUrl) });
      expect(await reader.readContract({ address: contract as Address, abi: mnbaraAnchorAbi, functionName: "owner" })).toBe(privateKeyToAccount(ANVIL_DEV_PRIVATE_KEY).address);
    } finally {
      await chain.stop();
    }
    await expect(fetch(rpcUrl!, { method: "POST" })).rejects.toThrow("fetch failed");
  }, 30_000);

  it("with a data folder keeps the chain and the contract across a restart, so earlier anchors still read back", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "mnbara-chain-"));
    const root = `0x${"ab".repeat(32)}` as const;
    try {
      const first = await startLocalChain({ mode: "anvil", given: {}, dataDir, log: quiet });
      const contract = first.vars.ANCHOR_CONTRACT as Address;
      try {
        const chain = anchorChain(ANVIL_CHAIN_ID, first.vars.POLYGON_RPC_URL!);
        const wallet = createWalletClient({ account: privateKeyToAccount(ANVIL_DEV_PRIVATE_KEY), chain, transport: http() });
        const hash = await wallet.writeContract({ address: contract, abi: mnbaraAnchorAbi, functionName: "anchor", args: [1n, root, 2] });
        await createPublicClient({ chain, transport: http() }).waitForTransactionReceipt({ hash });
      } finally {
        await first.stop();
      }

      const messages: string[] = [];
      const second = await startLocalChain({ mode: "anvil", given: {}, dataDir, log: (message) => messages.push(message) });
      try {
        expect(second.vars.ANCHOR_CONTRACT).toBe(contract);
        expect(messages.at(-1)).toBe(`chain: MnbaraAnchor kept at ${contract} on anvil ${second.vars.POLYGON_RPC_URL} (chain 31337, dev-only key)`);
        const reader = createPublicClient({ transport: http(second.vars.POLYGON_RPC_URL) });
        expect(await reader.readContract({ address: contract, abi: mnbaraAnchorAbi, functionName: "anchorOf", args: [1n] })).toEqual([root, 2, expect.any(BigInt)]);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
