// The anchor contract on a real local anvil chain: deploy, anchor, read back, the event, and each revert; plus the committed artifact matching a fresh compile.
import { readFileSync } from "node:fs";
import { createPublicClient, createWalletClient, http, parseEventLogs, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mnbaraAnchorAbi } from "../../contracts/build/mnbara-anchor-abi";
import { startAnvil, type Anvil } from "./anvil";
import { ANCHOR_ABI_MODULE_PATH, ANCHOR_ARTIFACT_PATH, anchorAbiModule, anchorArtifactJson, compileAnchor, type AnchorArtifact } from "./compile-anchor";
import { anchorChain, deployAnchor, deployOptionsFromEnv } from "./deploy-anchor";

const ROOT_A: Hex = "0x1111111111111111111111111111111111111111111111111111111111111111";
const ROOT_B: Hex = "0x2222222222222222222222222222222222222222222222222222222222222222";
const ZERO_ROOT: Hex = "0x0000000000000000000000000000000000000000000000000000000000000000";

describe("the committed artifacts", () => {
  it("match a fresh compile of contracts/MnbaraAnchor.sol (run `npm run contract:compile` after changing it)", () => {
    const { artifact } = compileAnchor();
    const committed = JSON.parse(readFileSync(ANCHOR_ARTIFACT_PATH, "utf8")) as AnchorArtifact;
    expect(committed.abi).toEqual(artifact.abi);
    expect(committed.bytecode).toBe(artifact.bytecode);
    expect(committed.solcVersion).toBe(artifact.solcVersion);
    expect(readFileSync(ANCHOR_ARTIFACT_PATH, "utf8")).toBe(anchorArtifactJson(artifact));
    expect(readFileSync(ANCHOR_ABI_MODULE_PATH, "utf8")).toBe(anchorAbiModule(artifact));
  });

  it("export the same ABI to TypeScript as to JSON", () => {
    const committed = JSON.parse(readFileSync(ANCHOR_ARTIFACT_PATH, "utf8")) as AnchorArtifact;
    expect(mnbaraAnchorAbi).toEqual(committed.abi);
  });
});

describe("the deploy CLI's environment", () => {
  it("is refused without POLYGON_RPC_URL, ANCHOR_PRIVATE_KEY and CHAIN_ID", () => {
    expect(deployOptionsFromEnv({})).toEqual({
      problems: [
        "POLYGON_RPC_URL must be set to the chain's http(s) JSON-RPC URL",
        "ANCHOR_PRIVATE_KEY must be set to a 0x-prefixed 32-byte hex private key",
        "CHAIN_ID must be set to the chain's numeric id (137 Polygon, 80002 Amoy, 31337 anvil)",
      ],
    });
  });

  it("refuses a public anvil dev key for a real chain", () => {
    const env = { POLYGON_RPC_URL: "https://polygon-rpc.example", ANCHOR_PRIVATE_KEY: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", CHAIN_ID: "137" };
    expect(deployOptionsFromEnv(env)).toEqual({ problems: ["ANCHOR_PRIVATE_KEY is a public anvil dev key: it may only be used on the local chain 31337"] });
  });

  it("accepts a complete environment", () => {
    const env = { POLYGON_RPC_URL: "http://127.0.0.1:8545", ANCHOR_PRIVATE_KEY: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", CHAIN_ID: "31337" };
    expect(deployOptionsFromEnv(env)).toEqual({ options: { rpcUrl: "http://127.0.0.1:8545", privateKey: env.ANCHOR_PRIVATE_KEY, chainId: 31_337 } });
  });
});

describe("MnbaraAnchor on anvil", () => {
  let anvil: Anvil;
  let address: Address;

  beforeAll(async () => {
    anvil = await startAnvil({ log: () => {} });
    address = await deployAnchor({ rpcUrl: anvil.rpcUrl, privateKey: anvil.privateKeys[0], chainId: anvil.chainId });
  }, 20_000);

  afterAll(async () => {
    await anvil?.stop();
  });

  function clients(privateKey: Hex) {
    const chain = anchorChain(anvil.chainId, anvil.rpcUrl);
    const transport = http(anvil.rpcUrl);
    return {
      wallet: createWalletClient({ account: privateKeyToAccount(privateKey), chain, transport }),
      reader: createPublicClient({ chain, transport }),
    };
  }

  it("is not deployed when the RPC serves another chain than the configured one", async () => {
    await expect(deployAnchor({ rpcUrl: anvil.rpcUrl, privateKey: anvil.privateKeys[0], chainId: 137 })).rejects.toThrow(
      `the RPC at ${anvil.rpcUrl} serves chain 31337, not the configured 137`,
    );
  });

  it("is owned by the deployer", async () => {
    const { reader } = clients(anvil.privateKeys[0]);
    expect(await reader.readContract({ address, abi: mnbaraAnchorAbi, functionName: "owner" })).toBe(privateKeyToAccount(anvil.privateKeys[0]).address);
  });

  it("records a batch's root and leaf count, emits Anchored, and reads it back", async () => {
    const { wallet, reader } = clients(anvil.privateKeys[0]);
    const hash = await wallet.writeContract({ address, abi: mnbaraAnchorAbi, functionName: "anchor", args: [7n, ROOT_A, 42] });
    const receipt = await reader.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("success");

    const events = parseEventLogs({ abi: mnbaraAnchorAbi, logs: receipt.logs, eventName: "Anchored" });
    expect(events).toHaveLength(1);
    expect(events[0]?.address).toBe(address.toLowerCase()); // log addresses come back lowercase
    expect(events[0]?.args).toEqual({ batchId: 7n, root: ROOT_A, leafCount: 42 });

    const block = await reader.getBlock({ blockNumber: receipt.blockNumber });
    const [root, leafCount, anchoredAt] = await reader.readContract({ address, abi: mnbaraAnchorAbi, functionName: "anchorOf", args: [7n] });
    expect(root).toBe(ROOT_A);
    expect(leafCount).toBe(42);
    expect(anchoredAt).toBe(block.timestamp);
  });

  it("reads a batch that was never anchored as all zero", async () => {
    const { reader } = clients(anvil.privateKeys[0]);
    expect(await reader.readContract({ address, abi: mnbaraAnchorAbi, functionName: "anchorOf", args: [999n] })).toEqual([ZERO_ROOT, 0, 0n]);
  });

  it("reverts a second anchor of the same batch id and keeps the first root", async () => {
    const { wallet, reader } = clients(anvil.privateKeys[0]);
    const first = await wallet.writeContract({ address, abi: mnbaraAnchorAbi, functionName: "anchor", args: [8n, ROOT_A, 1] });
    await reader.waitForTransactionReceipt({ hash: first });

    await expect(reader.simulateContract({ account: wallet.account, address, abi: mnbaraAnchorAbi, functionName: "anchor", args: [8n, ROOT_B, 2] })).rejects.toThrow(
      /BatchAlreadyAnchored\(uint64 batchId\)[\s\S]*\(8\)/,
    );
    // Also when sent without simulation (viem estimates gas first, which reverts the same way).
    await expect(wallet.writeContract({ address, abi: mnbaraAnchorAbi, functionName: "anchor", args: [8n, ROOT_B, 2] })).rejects.toThrow(/BatchAlreadyAnchored/);
    expect(await reader.readContract({ address, abi: mnbaraAnchorAbi, functionName: "anchorOf", args: [8n] })).toEqual([ROOT_A, 1, expect.any(BigInt)]);
  });

  it("reverts an anchor from an account other than the owner", async () => {
    const { wallet, reader } = clients(anvil.privateKeys[1]);
    await expect(reader.simulateContract({ account: wallet.account, address, abi: mnbaraAnchorAbi, functionName: "anchor", args: [9n, ROOT_A, 1] })).rejects.toThrow(
      new RegExp(`NotOwner\\(address caller\\)[\\s\\S]*\\(${wallet.account.address}\\)`),
    );
    expect(await reader.readContract({ address, abi: mnbaraAnchorAbi, functionName: "anchorOf", args: [9n] })).toEqual([ZERO_ROOT, 0, 0n]);
  });

  it("reverts a zero root and a zero leaf count", async () => {
    const { wallet, reader } = clients(anvil.privateKeys[0]);
    await expect(reader.simulateContract({ account: wallet.account, address, abi: mnbaraAnchorAbi, functionName: "anchor", args: [10n, ZERO_ROOT, 1] })).rejects.toThrow(/ZeroRoot\(\)/);
    await expect(reader.simulateContract({ account: wallet.account, address, abi: mnbaraAnchorAbi, functionName: "anchor", args: [10n, ROOT_A, 0] })).rejects.toThrow(/ZeroLeafCount\(\)/);
  });
});

describe("startAnvil", () => {
  it("stops: the port no longer answers once stop() resolves", async () => {
    const anvil = await startAnvil({ log: () => {} });
    await anvil.stop();
    await anvil.stop(); // a second stop is a no-op
    await expect(fetch(anvil.rpcUrl, { method: "POST", body: "{}" })).rejects.toThrow();
  });
});
