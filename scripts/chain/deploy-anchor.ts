// Deploys the MnbaraAnchor contract with viem; `npm run contract:deploy` does it against POLYGON_RPC_URL / CHAIN_ID with ANCHOR_PRIVATE_KEY and prints the address.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createPublicClient, createWalletClient, defineChain, getAddress, http, type Address, type Chain, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry, polygon, polygonAmoy } from "viem/chains";
import { mnbaraAnchorAbi } from "../../contracts/build/mnbara-anchor-abi";
import { ANVIL_CHAIN_ID, ANVIL_DEV_PRIVATE_KEY, ANVIL_SECOND_DEV_PRIVATE_KEY } from "./anvil";
import { ANCHOR_ARTIFACT_PATH, type AnchorArtifact } from "./compile-anchor";

/** How long to wait for the deployment to be mined: Polygon makes a block every ~2 s, so this allows for a congested mempool. */
const RECEIPT_TIMEOUT_MS = 120_000;
/** One JSON-RPC request; a provider slower than this is treated as down. */
const RPC_TIMEOUT_MS = 15_000;
/** Chains we know by id, so viem uses their real names and currencies; any other id gets a generic definition. */
const KNOWN_CHAINS: readonly Chain[] = [polygon, polygonAmoy, foundry];

export interface DeployAnchorOptions {
  rpcUrl: string;
  privateKey: Hex;
  chainId: number;
  /** Blocks on top of the deployment block before it counts; 1 locally, more on a chain that can reorg. */
  confirmations?: number;
}

/** The committed creation bytecode (contracts/build/MnbaraAnchor.json, written by `npm run contract:compile`). */
export function readAnchorBytecode(): Hex {
  const artifact = JSON.parse(readFileSync(ANCHOR_ARTIFACT_PATH, "utf8")) as AnchorArtifact;
  return artifact.bytecode;
}

/** A viem chain for `chainId` whose default RPC is `rpcUrl`. */
export function anchorChain(chainId: number, rpcUrl: string): Chain {
  const known = KNOWN_CHAINS.find((chain) => chain.id === chainId);
  const base = known ?? defineChain({ id: chainId, name: `chain ${chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } });
  return { ...base, rpcUrls: { default: { http: [rpcUrl] } } };
}

/**
 * Deploys the anchor contract from `privateKey`'s account (which becomes its owner, the only account
 * allowed to anchor) and resolves with its address once the deployment is mined and has code.
 */
export async function deployAnchor(options: DeployAnchorOptions): Promise<Address> {
  const chain = anchorChain(options.chainId, options.rpcUrl);
  const transport = http(options.rpcUrl, { timeout: RPC_TIMEOUT_MS });
  const account = privateKeyToAccount(options.privateKey);
  const wallet = createWalletClient({ account, chain, transport });
  const publicClient = createPublicClient({ chain, transport });

  // Checked before spending gas: a wrong CHAIN_ID for the RPC would otherwise only fail at signing.
  const rpcChainId = await publicClient.getChainId();
  if (rpcChainId !== options.chainId) throw new Error(`the RPC at ${options.rpcUrl} serves chain ${rpcChainId}, not the configured ${options.chainId}`);

  const hash = await wallet.deployContract({ abi: mnbaraAnchorAbi, bytecode: readAnchorBytecode() });
  const receipt = await publicClient.waitForTransactionReceipt({ hash, confirmations: options.confirmations ?? 1, timeout: RECEIPT_TIMEOUT_MS });
  if (receipt.status !== "success") throw new Error(`the deployment transaction ${hash} reverted`);
  if (receipt.contractAddress === null || receipt.contractAddress === undefined) throw new Error(`the deployment transaction ${hash} created no contract`);
  const code = await publicClient.getCode({ address: receipt.contractAddress });
  if (code === undefined || code === "0x") throw new Error(`no code at ${receipt.contractAddress} after deployment ${hash}`);
  return getAddress(receipt.contractAddress);
}

/** Reads and checks the CLI's environment; returns the problems instead of throwing so all are reported at once. */
export function deployOptionsFromEnv(env: Record<string, string | undefined>): { options: DeployAnchorOptions } | { problems: string[] } {
  const problems: string[] = [];
  const rpcUrl = env.POLYGON_RPC_URL ?? "";
  const privateKey = env.ANCHOR_PRIVATE_KEY ?? "";
  const chainIdText = env.CHAIN_ID ?? "";
  if (!/^https?:\/\/\S+$/.test(rpcUrl)) problems.push("POLYGON_RPC_URL must be set to the chain's http(s) JSON-RPC URL");
  if (!/^0x[0-9a-fA-F]{64}$/.test(privateKey)) problems.push("ANCHOR_PRIVATE_KEY must be set to a 0x-prefixed 32-byte hex private key");
  const chainId = Number(chainIdText);
  if (!/^\d+$/.test(chainIdText) || !Number.isSafeInteger(chainId) || chainId <= 0) problems.push("CHAIN_ID must be set to the chain's numeric id (137 Polygon, 80002 Amoy, 31337 anvil)");
  // The anvil dev keys are public: a contract they own on a real chain could be anchored by anyone.
  const lowerKey = privateKey.toLowerCase();
  if ((lowerKey === ANVIL_DEV_PRIVATE_KEY || lowerKey === ANVIL_SECOND_DEV_PRIVATE_KEY) && chainId !== ANVIL_CHAIN_ID) {
    problems.push(`ANCHOR_PRIVATE_KEY is a public anvil dev key: it may only be used on the local chain ${ANVIL_CHAIN_ID}`);
  }
  if (problems.length > 0) return { problems };
  return { options: { rpcUrl, privateKey: privateKey as Hex, chainId } };
}

function isMainModule(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && resolve(entry) === import.meta.filename;
}

if (isMainModule()) {
  const parsed = deployOptionsFromEnv(process.env);
  if ("problems" in parsed) {
    for (const problem of parsed.problems) console.error(`[contract:deploy] ${problem}`);
    process.exit(1);
  }
  try {
    const address = await deployAnchor(parsed.options);
    console.error(`[contract:deploy] MnbaraAnchor deployed on chain ${parsed.options.chainId}; set ANCHOR_CONTRACT to:`);
    // The address alone on stdout, so `ANCHOR_CONTRACT=$(npm run -s contract:deploy)` works.
    console.log(address);
  } catch (error) {
    console.error(`[contract:deploy] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
