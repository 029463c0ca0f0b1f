// `npm run verify -- <proof.json> [--rpc <url>]`: recomputes an inclusion proof's leaf hash and root, then reads the anchor contract to confirm the root is on chain.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { createPublicClient, getAddress, http, parseEventLogs, type Hex } from "viem";
import { mnbaraAnchorAbi } from "../contracts/build/mnbara-anchor-abi";
import type { ProofDocument } from "../workers/anchoring/proof-document";
import { anchorChain } from "./chain/deploy-anchor";
import {
  allPassed,
  chainChecks,
  EXIT_NOT_VERIFIED,
  EXIT_USAGE,
  EXIT_VERIFIED,
  merkleChecks,
  parseVerifyArguments,
  readProofText,
  reportLines,
  VERIFY_USAGE,
  type ChainObservation,
  type Check,
} from "./chain/proof-checks";

/** One JSON-RPC request; a node slower than this is treated as unreachable rather than left hanging. */
const RPC_TIMEOUT_MS = 15_000;

export interface VerifyOutcome {
  exitCode: number;
  lines: string[];
}

/** Reads what the chain says about the document's batch: the contract's record and the anchoring transaction's event. */
export async function observeChain(document: ProofDocument, chain: NonNullable<ProofDocument["chain"]>, rpcUrl: string): Promise<ChainObservation> {
  const client = createPublicClient({ chain: anchorChain(chain.chainId, rpcUrl), transport: http(rpcUrl, { timeout: RPC_TIMEOUT_MS, retryCount: 0 }) });
  const rpcChainId = await client.getChainId();
  // Nothing else is read from a node on another chain: the answers would be about a different contract.
  if (rpcChainId !== chain.chainId) return { rpcChainId, anchor: null, event: null };
  const address = getAddress(chain.contract);
  const batchId = BigInt(document.batch.id);
  const [root, leafCount, anchoredAtSeconds] = await client.readContract({ address, abi: mnbaraAnchorAbi, functionName: "anchorOf", args: [batchId] });
  const receipt = await client.getTransactionReceipt({ hash: chain.transactionHash as Hex }).catch(() => null);
  const logs = receipt === null ? [] : parseEventLogs({ abi: mnbaraAnchorAbi, eventName: "Anchored", logs: receipt.logs.filter((log) => log.address.toLowerCase() === address.toLowerCase()) });
  const log = logs.find((candidate) => candidate.args.batchId === batchId);
  return {
    rpcChainId,
    anchor: { root, leafCount, anchoredAtSeconds },
    event: log === undefined || receipt === null ? null : { root: log.args.root, leafCount: log.args.leafCount, blockNumber: receipt.blockNumber },
  };
}

/** The whole verification of one file; never throws, so the CLI and tests see the same report. */
export async function verifyProofFile(file: string, options: { rpcUrl: string | undefined }): Promise<VerifyOutcome> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return { exitCode: EXIT_USAGE, lines: [`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, VERIFY_USAGE] };
  }
  const parsed = readProofText(text);
  if (!parsed.ok) return { exitCode: EXIT_NOT_VERIFIED, lines: [`${file} is not a valid proof document:`, ...parsed.problems.map((problem) => `  ${problem}`), "NOT VERIFIED"] };
  const { document } = parsed;
  const checks: Check[] = merkleChecks(document);
  const chain = document.chain;
  if (chain === null) {
    // A proof whose root is not on chain yet proves only that the leaf is in a batch nobody can check against.
    checks.push({ ok: false, message: `batch ${document.batch.id} is not anchored yet (chain is null): fetch the proof again once it is` });
  } else if (allPassed(checks)) {
    if (options.rpcUrl === undefined) return { exitCode: EXIT_USAGE, lines: [...reportLines(checks).slice(0, -1), "the proof names a chain: pass --rpc <url> or set POLYGON_RPC_URL", VERIFY_USAGE] };
    try {
      checks.push(...chainChecks(document, chain, await observeChain(document, chain, options.rpcUrl)));
    } catch (error) {
      checks.push({ ok: false, message: `could not read the chain at ${options.rpcUrl}: ${error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error)}` });
    }
  }
  return { exitCode: allPassed(checks) ? EXIT_VERIFIED : EXIT_NOT_VERIFIED, lines: reportLines(checks) };
}

function isMainModule(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && resolve(entry) === import.meta.filename;
}

if (isMainModule()) {
  const args = parseVerifyArguments(process.argv.slice(2), process.env);
  if (!args.ok) {
    console.error(`[verify] ${args.problem}\n${VERIFY_USAGE}`);
    process.exit(EXIT_USAGE);
  }
  const outcome = await verifyProofFile(args.file, { rpcUrl: args.rpcUrl });
  for (const line of outcome.lines) (outcome.exitCode === EXIT_VERIFIED ? console.log : console.error)(`[verify] ${line}`);
  process.exit(outcome.exitCode);
}
