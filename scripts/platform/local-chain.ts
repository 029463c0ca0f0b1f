// The chain the local platform anchors to: the caller's own POLYGON_RPC_URL etc. when given, else a fresh anvil with the anchor contract deployed, or none.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createPublicClient, http, type Address } from "viem";
import { startAnvil, type Anvil } from "../chain/anvil";
import { deployAnchor } from "../chain/deploy-anchor";

/** "anvil": start a local chain unless the chain variables are given; "off": no chain, so anchoring stays off (the Worker's default). */
export type ChainMode = "anvil" | "off";

export const CHAIN_VARS = ["POLYGON_RPC_URL", "CHAIN_ID", "ANCHOR_PRIVATE_KEY", "ANCHOR_CONTRACT"] as const;
/** The chain's URL for browsers (the web's "Verify on chain"): passed through with the developer's chain, anvil's own URL for anvil. */
export const PUBLIC_RPC_VAR = "PUBLIC_CHAIN_RPC_URL";
export type ChainVars = Partial<Record<(typeof CHAIN_VARS)[number] | typeof PUBLIC_RPC_VAR, string>>;

export interface LocalChain {
  /** The Worker vars/secrets to set (ANCHOR_PRIVATE_KEY is a secret; the env file that carries it is private to the user). */
  vars: ChainVars;
  stop(): Promise<void>;
}

/** The chain variables set (non-empty) in `env`, e.g. process.env. */
export function chainVarsFrom(env: Record<string, string | undefined>): ChainVars {
  return Object.fromEntries([...CHAIN_VARS, PUBLIC_RPC_VAR].flatMap((name) => (env[name] ? [[name, env[name]]] : []))) as ChainVars;
}

export interface LocalChainOptions {
  mode: ChainMode;
  /** The developer's own chain variables (chainVarsFrom(process.env)); any of CHAIN_VARS means no anvil. */
  given: ChainVars;
  /** Keeps anvil's chain and the contract's address here, so proofs of earlier dev sessions still verify; undefined = a fresh chain. */
  dataDir?: string | undefined;
  log: (message: string) => void;
}

export async function startLocalChain({ mode, given, dataDir, log }: LocalChainOptions): Promise<LocalChain> {
  if (mode === "off") return { vars: {}, stop: async () => {} };
  if (CHAIN_VARS.some((name) => given[name] !== undefined)) {
    // The developer chose a chain (a long-running anvil, Amoy): use it as it is and start nothing.
    const missing = CHAIN_VARS.filter((name) => given[name] === undefined);
    log(`chain: ${given.POLYGON_RPC_URL ?? "(no POLYGON_RPC_URL)"} from the environment${missing.length > 0 ? ` — anchoring stays off until ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} set too` : ""}`);
    return { vars: given, stop: async () => {} };
  }
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const anvil = await startAnvil({ log: (message) => log(`chain: anvil ${message}`), stateFile: dataDir === undefined ? undefined : join(dataDir, "anvil-state.json") });
  try {
    // DEV-ONLY: anvil's first account, a publicly known key, owns the contract; it only ever holds funds on this local chain.
    const privateKey = anvil.privateKeys[0];
    const contractFile = dataDir === undefined ? undefined : join(dataDir, "anvil-contract.json");
    const kept = await keptContract(anvil, contractFile);
    const contract = kept ?? (await deployAnchor({ rpcUrl: anvil.rpcUrl, privateKey, chainId: anvil.chainId }));
    if (kept === null && contractFile !== undefined) await writeFile(contractFile, `${JSON.stringify({ address: contract }, null, 2)}\n`);
    log(`chain: MnbaraAnchor ${kept === null ? "deployed" : "kept"} at ${contract} on anvil ${anvil.rpcUrl} (chain ${anvil.chainId}, dev-only key)`);
    // anvil answers cross-origin requests (Access-Control-Allow-Origin: *), so the browser can read it directly.
    const vars = { POLYGON_RPC_URL: anvil.rpcUrl, CHAIN_ID: String(anvil.chainId), ANCHOR_PRIVATE_KEY: privateKey, ANCHOR_CONTRACT: contract, PUBLIC_CHAIN_RPC_URL: anvil.rpcUrl };
    return { vars, stop: anvil.stop };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** The contract deployed in an earlier session, if its address was kept and the restored chain still has its code. */
async function keptContract(anvil: Anvil, contractFile: string | undefined): Promise<Address | null> {
  if (contractFile === undefined || !existsSync(contractFile)) return null;
  const { address } = JSON.parse(await readFile(contractFile, "utf8")) as { address: Address };
  const code = await createPublicClient({ transport: http(anvil.rpcUrl) }).getCode({ address });
  // No code: the chain state was lost (anvil killed before it could save), so deploy again.
  return code === undefined || code === "0x" ? null : address;
}
