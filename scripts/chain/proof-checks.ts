// The pure checks behind `npm run verify`: arguments, the proof file's shape and Merkle path, and what the chain says about its batch.
import { leafHash } from "../../workers/anchoring/leaves";
import { verifyProof } from "../../workers/anchoring/merkle";
import { parseProofDocument, type ProofDocument } from "../../workers/anchoring/proof-document";

/** Exit codes: 0 everything checks out, 1 the proof (or its anchoring) does not hold, 2 the command was called wrongly. */
export const EXIT_VERIFIED = 0;
export const EXIT_NOT_VERIFIED = 1;
export const EXIT_USAGE = 2;

export const VERIFY_USAGE = "usage: npm run verify -- <proof.json> [--rpc <url>]   (the RPC URL may also come from POLYGON_RPC_URL)";

export interface Check {
  ok: boolean;
  message: string;
}

export type VerifyArguments = { ok: true; file: string; rpcUrl: string | undefined } | { ok: false; problem: string };

/** `<file> [--rpc <url>]` in any order; --rpc wins over POLYGON_RPC_URL so one command can point at another node. */
export function parseVerifyArguments(argv: readonly string[], env: Record<string, string | undefined>): VerifyArguments {
  const files: string[] = [];
  let rpcUrl = env.POLYGON_RPC_URL === "" ? undefined : env.POLYGON_RPC_URL;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === "--rpc") {
      const value = argv[++index];
      if (value === undefined || value.startsWith("--")) return { ok: false, problem: "--rpc needs a URL" };
      rpcUrl = value;
    } else if (argument.startsWith("--rpc=")) {
      rpcUrl = argument.slice("--rpc=".length);
    } else if (argument.startsWith("-")) {
      return { ok: false, problem: `unknown option ${argument}` };
    } else {
      files.push(argument);
    }
  }
  if (files.length !== 1) return { ok: false, problem: files.length === 0 ? "name one proof file" : `name one proof file, not ${files.length}` };
  if (rpcUrl !== undefined && !/^https?:\/\/\S+$/.test(rpcUrl)) return { ok: false, problem: `the RPC URL must be http(s)://…, not ${JSON.stringify(rpcUrl)}` };
  return { ok: true, file: files[0]!, rpcUrl };
}

export type ProofFileCheck = { ok: true; document: ProofDocument } | { ok: false; problems: string[] };

/** The file's text → a checked document, or every problem by JSON path (so a hand-edited file says where it is wrong). */
export function readProofText(text: string): ProofFileCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = parseProofDocument(json);
  if (parsed.ok) return { ok: true, document: parsed.document };
  return { ok: false, problems: parsed.errors.map((error) => `${error.path === "" ? "(document)" : error.path}: ${error.message}`) };
}

/** The Merkle part, from the document alone: the leaf hash is recomputed from the values, then the path to the root. */
export function merkleChecks(document: ProofDocument): Check[] {
  const computed = leafHash(document.leaf);
  const leafOk = computed === document.leafHash;
  return [
    { ok: leafOk, message: leafOk ? `leaf hash ${computed} recomputed from the ${document.leaf.kind} values` : `the leaf values hash to ${computed}, not the stated ${document.leafHash}` },
    verifyProof(document)
      ? { ok: true, message: `the ${document.proof.length}-step proof leads from the leaf to root ${document.root}` }
      : { ok: false, message: `the proof does not lead from the leaf to root ${document.root}` },
  ];
}

/** What the chain returned for the document's batch; the event is null when the transaction has no Anchored log for it. */
export interface ChainObservation {
  rpcChainId: number;
  /** Null when the RPC serves another chain: nothing else is read from it. */
  anchor: { root: string; leafCount: number; anchoredAtSeconds: bigint } | null;
  event: { root: string; leafCount: number; blockNumber: bigint } | null;
}

const ZERO_ROOT = `0x${"0".repeat(64)}`;

/** Compares the chain's record of the batch with the document; nothing here trusts the document's own claims. */
export function chainChecks(document: ProofDocument, chain: NonNullable<ProofDocument["chain"]>, observed: ChainObservation): Check[] {
  const batch = `batch ${document.batch.id}`;
  if (observed.rpcChainId !== chain.chainId || observed.anchor === null) {
    return [{ ok: false, message: `the RPC serves chain ${observed.rpcChainId}, but the proof names chain ${chain.chainId}` }];
  }
  const { anchor } = observed;
  if (anchor.root.toLowerCase() === ZERO_ROOT) return [{ ok: false, message: `contract ${chain.contract} on chain ${chain.chainId} has no root for ${batch}` }];
  const rootOk = anchor.root.toLowerCase() === document.root;
  const countOk = anchor.leafCount === document.batch.leafCount;
  const anchoredAt = new Date(Number(anchor.anchoredAtSeconds) * 1000).toISOString();
  const checks: Check[] = [
    rootOk
      ? { ok: true, message: `contract ${chain.contract} on chain ${chain.chainId} holds root ${anchor.root} for ${batch} (anchored ${anchoredAt})` }
      : { ok: false, message: `contract ${chain.contract} holds root ${anchor.root} for ${batch}, not the proof's ${document.root}` },
    countOk
      ? { ok: true, message: `leaf count ${anchor.leafCount} matches` }
      : { ok: false, message: `the chain records ${anchor.leafCount} leaves for ${batch}, the proof says ${document.batch.leafCount}` },
  ];
  const event = observed.event;
  if (event === null) {
    checks.push({ ok: false, message: `transaction ${chain.transactionHash} has no Anchored event for ${batch} from ${chain.contract}` });
  } else {
    const eventOk = event.root.toLowerCase() === document.root && event.leafCount === document.batch.leafCount && event.blockNumber === BigInt(chain.blockNumber);
    checks.push(
      eventOk
        ? { ok: true, message: `transaction ${chain.transactionHash} emitted Anchored(${document.batch.id}) in block ${event.blockNumber}` }
        : { ok: false, message: `transaction ${chain.transactionHash}'s Anchored event (root ${event.root}, ${event.leafCount} leaves, block ${event.blockNumber}) differs from the proof (block ${chain.blockNumber})` },
    );
  }
  return checks;
}

export function allPassed(checks: readonly Check[]): boolean {
  return checks.length > 0 && checks.every((check) => check.ok);
}

/** The printed report: one line per check, then the verdict. */
export function reportLines(checks: readonly Check[]): string[] {
  return [...checks.map((check) => `${check.ok ? "ok  " : "FAIL"} ${check.message}`), allPassed(checks) ? "VERIFIED" : "NOT VERIFIED"];
}
