// The anchoring chain from env (POLYGON_RPC_URL, CHAIN_ID, ANCHOR_PRIVATE_KEY, ANCHOR_CONTRACT) and the two calls the job makes: anchor and anchorOf.
import { BaseError, ContractFunctionRevertedError, createPublicClient, createWalletClient, defineChain, getAddress, http, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { mnbaraAnchorAbi } from "../../contracts/build/mnbara-anchor-abi";
import type { AppEnv } from "../env";
import { ANCHOR_LOG_LOOKBACK_BLOCKS, ANCHOR_RECEIPT_TIMEOUT_MS, ANCHOR_RPC_TIMEOUT_MS } from "../platform/limits";

export interface ChainConfig {
  rpcUrl: string;
  chainId: number;
  privateKey: Hex;
  contract: Address;
}

export type ChainSetting = { status: "off"; problems: string[] } | { status: "on"; config: ChainConfig };

const ANCHOR_VARS = ["POLYGON_RPC_URL", "CHAIN_ID", "ANCHOR_PRIVATE_KEY", "ANCHOR_CONTRACT"] as const;
const HTTP_URL = /^https?:\/\/\S+$/;

/** All four set and valid → on; none → off; some, or malformed → off with the problems (the caller logs them). */
export function chainSetting(env: Pick<AppEnv, (typeof ANCHOR_VARS)[number]>): ChainSetting {
  const set = ANCHOR_VARS.filter((name) => (env[name] ?? "") !== "");
  if (set.length === 0) return { status: "off", problems: [] };
  const problems = ANCHOR_VARS.filter((name) => !set.includes(name)).map((name) => `${name} is not set`);
  const rpcUrl = env.POLYGON_RPC_URL ?? "";
  const chainIdText = env.CHAIN_ID ?? "";
  const privateKey = env.ANCHOR_PRIVATE_KEY ?? "";
  const contract = env.ANCHOR_CONTRACT ?? "";
  if (rpcUrl !== "" && !HTTP_URL.test(rpcUrl)) problems.push("POLYGON_RPC_URL must be an http(s) URL");
  const chainId = Number(chainIdText);
  if (chainIdText !== "" && (!/^\d+$/.test(chainIdText) || !Number.isSafeInteger(chainId) || chainId <= 0)) problems.push("CHAIN_ID must be a positive integer");
  if (privateKey !== "" && !/^0x[0-9a-fA-F]{64}$/.test(privateKey)) problems.push("ANCHOR_PRIVATE_KEY must be 0x and 64 hex digits");
  if (contract !== "" && !/^0x[0-9a-fA-F]{40}$/.test(contract)) problems.push("ANCHOR_CONTRACT must be an address (0x and 40 hex digits)");
  if (problems.length > 0) return { status: "off", problems };
  return { status: "on", config: { rpcUrl, chainId, privateKey: privateKey as Hex, contract: getAddress(contract) } };
}

/** What a browser needs to check proofs against the chain itself; rpcUrl is null without a usable PUBLIC_CHAIN_RPC_URL. */
export type PublicChainConfig = { status: "off" } | { status: "on"; chainId: number; contract: Address; rpcUrl: string | null };

/**
 * The chain anchoring writes to, as the public may read it. PUBLIC_CHAIN_RPC_URL is separate from POLYGON_RPC_URL because
 * the job's provider URL usually carries an API key, and a browser needs a node that answers cross-origin requests.
 */
export function publicChainConfig(env: Pick<AppEnv, (typeof ANCHOR_VARS)[number] | "PUBLIC_CHAIN_RPC_URL">): PublicChainConfig {
  const setting = chainSetting(env);
  if (setting.status === "off") return { status: "off" };
  const rpcUrl = env.PUBLIC_CHAIN_RPC_URL ?? "";
  return { status: "on", chainId: setting.config.chainId, contract: setting.config.contract, rpcUrl: HTTP_URL.test(rpcUrl) ? rpcUrl : null };
}

export interface OnChainAnchor {
  root: Hex;
  leafCount: number;
}

export interface MinedAnchor {
  txHash: Hex;
  blockNumber: number;
}

export interface AnchorChain {
  readonly config: ChainConfig;
  /** Sends anchor(batchId, root, leafCount); `onSent` runs with the hash before waiting for it to be mined. */
  sendAnchor(batch: { id: number; root: Hex; leafCount: number }, onSent?: (txHash: Hex) => Promise<void>): Promise<MinedAnchor>;
  /** What the contract holds for the batch; null when it was never anchored. */
  readAnchor(batchId: number): Promise<OnChainAnchor | null>;
  /** The transaction that anchored the batch (from its Anchored event at or after `fromBlock`); null when there is none. */
  findAnchorTransaction(batchId: number, fromBlock: number | null): Promise<MinedAnchor | null>;
  /** The chain's latest block number. */
  blockNumber(): Promise<number>;
}

const ZERO_ROOT = `0x${"0".repeat(64)}`;

export function anchorChain(config: ChainConfig): AnchorChain {
  const chain = defineChain({
    id: config.chainId,
    name: `chain ${config.chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
  });
  // No retries inside viem: the job's own backoff (next_attempt_at) decides when to try again.
  const transport = http(config.rpcUrl, { timeout: ANCHOR_RPC_TIMEOUT_MS, retryCount: 0 });
  const account = privateKeyToAccount(config.privateKey);
  const wallet = createWalletClient({ account, chain, transport });
  const reader = createPublicClient({ chain, transport });
  const contract = { address: config.contract, abi: mnbaraAnchorAbi } as const;

  return {
    config,
    async sendAnchor(batch, onSent) {
      const txHash = await wallet.writeContract({ ...contract, functionName: "anchor", args: [BigInt(batch.id), batch.root, batch.leafCount] });
      await onSent?.(txHash);
      const receipt = await reader.waitForTransactionReceipt({ hash: txHash, timeout: ANCHOR_RECEIPT_TIMEOUT_MS });
      if (receipt.status !== "success") throw new Error(`anchoring transaction ${txHash} reverted`);
      return { txHash, blockNumber: Number(receipt.blockNumber) };
    },
    async readAnchor(batchId) {
      const [root, leafCount] = await reader.readContract({ ...contract, functionName: "anchorOf", args: [BigInt(batchId)] });
      return root === ZERO_ROOT ? null : { root, leafCount };
    },
    async findAnchorTransaction(batchId, fromBlock) {
      // Without a known start, look back a bounded window: public RPCs refuse log queries over the whole chain.
      const start = fromBlock ?? Math.max(0, Number(await reader.getBlockNumber()) - ANCHOR_LOG_LOOKBACK_BLOCKS);
      const [log] = await reader.getContractEvents({ ...contract, eventName: "Anchored", args: { batchId: BigInt(batchId) }, fromBlock: BigInt(start), strict: true });
      if (!log || log.transactionHash === null || log.blockNumber === null) return null;
      return { txHash: log.transactionHash, blockNumber: Number(log.blockNumber) };
    },
    async blockNumber() {
      return Number(await reader.getBlockNumber());
    },
  };
}

/** True when the send failed because the contract already holds this batch id (someone sent it before, e.g. before a crash). */
export function isAlreadyAnchored(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false;
  const revert = error.walk((cause) => cause instanceof ContractFunctionRevertedError);
  return revert instanceof ContractFunctionRevertedError && revert.data?.errorName === "BatchAlreadyAnchored";
}
