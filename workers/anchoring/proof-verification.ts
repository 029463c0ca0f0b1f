// Checking a proof document, shared by `npm run verify` and the web's "Verify on chain": its Merkle path, then what the chain holds for its batch.
import { createClient, getAddress, http, parseEventLogs, type Hex } from "viem";
import { getChainId, getTransactionReceipt, readContract } from "viem/actions";
import { mnbaraAnchorAbi } from "../../contracts/build/mnbara-anchor-abi";
import { leafHash } from "./leaves";
import { verifyProof } from "./merkle";
import type { ProofDocument } from "./proof-document";

export interface Check {
  ok: boolean;
  message: string;
}

type AnchoredChain = NonNullable<ProofDocument["chain"]>;

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

/** Reads what the chain says about the document's batch: the contract's record (anchorOf) and the anchoring transaction's event. */
export async function observeChain(document: ProofDocument, chain: AnchoredChain, rpcUrl: string, timeoutMs: number): Promise<ChainObservation> {
  // A bare client and the three actions it needs, not createPublicClient: the browser loads this, and every public action would come along.
  const client = createClient({ transport: http(rpcUrl, { timeout: timeoutMs, retryCount: 0 }) });
  const rpcChainId = await getChainId(client);
  // Nothing else is read from a node on another chain: the answers would be about a different contract.
  if (rpcChainId !== chain.chainId) return { rpcChainId, anchor: null, event: null };
  const address = getAddress(chain.contract);
  const batchId = BigInt(document.batch.id);
  const [root, leafCount, anchoredAtSeconds] = await readContract(client, { address, abi: mnbaraAnchorAbi, functionName: "anchorOf", args: [batchId] });
  const receipt = await getTransactionReceipt(client, { hash: chain.transactionHash as Hex }).catch(() => null);
  const logs = receipt === null ? [] : parseEventLogs({ abi: mnbaraAnchorAbi, eventName: "Anchored", logs: receipt.logs.filter((log) => log.address.toLowerCase() === address.toLowerCase()) });
  const log = logs.find((candidate) => candidate.args.batchId === batchId);
  return {
    rpcChainId,
    anchor: { root, leafCount, anchoredAtSeconds },
    event: log === undefined || receipt === null ? null : { root: log.args.root, leafCount: log.args.leafCount, blockNumber: receipt.blockNumber },
  };
}

const ZERO_ROOT = `0x${"0".repeat(64)}`;

/** Compares the chain's record of the batch with the document; nothing here trusts the document's own claims. */
export function chainChecks(document: ProofDocument, chain: AnchoredChain, observed: ChainObservation): Check[] {
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

/**
 * Every check of a document, in order. The chain is read only when the Merkle part holds and the batch names a chain
 * (`rpcUrl` null then fails that step: nothing to read it with). Never throws: an unreachable RPC is a failed check.
 */
export async function documentChecks(document: ProofDocument, rpcUrl: string | null, timeoutMs: number): Promise<Check[]> {
  const checks = merkleChecks(document);
  const chain = document.chain;
  if (chain === null) {
    // A proof whose root is not on chain yet proves only that the leaf is in a batch nobody can check against.
    checks.push({ ok: false, message: `batch ${document.batch.id} is not anchored yet (chain is null): fetch the proof again once it is` });
  } else if (allPassed(checks)) {
    if (rpcUrl === null) return [...checks, { ok: false, message: `no RPC URL to read chain ${chain.chainId} from` }];
    try {
      checks.push(...chainChecks(document, chain, await observeChain(document, chain, rpcUrl, timeoutMs)));
    } catch (error) {
      checks.push({ ok: false, message: `could not read the chain at ${rpcUrl}: ${error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error)}` });
    }
  }
  return checks;
}

export function allPassed(checks: readonly Check[]): boolean {
  return checks.length > 0 && checks.every((check) => check.ok);
}
