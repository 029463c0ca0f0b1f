// `npm run verify` against a real anvil chain: a proof anchored there verifies; tampered, unanchored and malformed files do not; bad usage exits 2.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createPublicClient, createWalletClient, http, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mnbaraAnchorAbi } from "../contracts/build/mnbara-anchor-abi";
import { auctionResultLeaf, ledgerEntryLeaf } from "../workers/anchoring/leaves";
import { buildBatchTree } from "../workers/anchoring/merkle";
import { proofDocument, type ProofDocument } from "../workers/anchoring/proof-document";
import { startAnvil, type Anvil } from "./chain/anvil";
import { anchorChain, deployAnchor } from "./chain/deploy-anchor";
import { parseVerifyArguments, VERIFY_USAGE } from "./chain/proof-checks";
import { verifyProofFile } from "./verify-proof";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..");

const leaves = [
  ledgerEntryLeaf({ entryId: "le_1", transferId: "tr_1", accountId: "acc_buyer", currency: "EUR", amountMinor: -1500, balanceAfterMinor: 8500, accountSeq: 3, hash: "a".repeat(64) }),
  ledgerEntryLeaf({ entryId: "le_2", transferId: "tr_1", accountId: "acc_escrow", currency: "EUR", amountMinor: 1500, balanceAfterMinor: 1500, accountSeq: 1, hash: "b".repeat(64) }),
  auctionResultLeaf({ listingId: "lst_1", winnerId: null, finalPriceMinor: null, currency: "EUR", reserveMet: false, bidCount: 0, headHash: "c".repeat(64) }),
];
const tree = buildBatchTree(leaves);
const firstProof = tree.proofs.get("ledger_entry:le_1")!;

describe("npm run verify against anvil", () => {
  let anvil: Anvil;
  let contract: Address;
  let directory: string;
  let anchored: ProofDocument;

  beforeAll(async () => {
    anvil = await startAnvil({ log: () => {} });
    contract = await deployAnchor({ rpcUrl: anvil.rpcUrl, privateKey: anvil.privateKeys[0], chainId: anvil.chainId });
    const chain = anchorChain(anvil.chainId, anvil.rpcUrl);
    const wallet = createWalletClient({ account: privateKeyToAccount(anvil.privateKeys[0]), chain, transport: http(anvil.rpcUrl) });
    const reader = createPublicClient({ chain, transport: http(anvil.rpcUrl) });
    const transactionHash = await wallet.writeContract({ address: contract, abi: mnbaraAnchorAbi, functionName: "anchor", args: [5n, tree.root, tree.leafCount] });
    const receipt = await reader.waitForTransactionReceipt({ hash: transactionHash });
    anchored = proofDocument(firstProof, { id: "5", leafCount: tree.leafCount }, { chainId: anvil.chainId, contract, transactionHash, blockNumber: Number(receipt.blockNumber) });
    directory = await mkdtemp(join(tmpdir(), "mnbara-verify-"));
  }, 30_000);

  afterAll(async () => {
    await anvil?.stop();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  async function proofFile(name: string, content: unknown): Promise<string> {
    const file = join(directory, name);
    await writeFile(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return file;
  }

  it("confirms an anchored proof: leaf hash, Merkle path, root, leaf count and the Anchored event", async () => {
    const file = await proofFile("anchored.json", anchored);
    const outcome = await verifyProofFile(file, { rpcUrl: anvil.rpcUrl });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.lines).toEqual([
      `ok   leaf hash ${firstProof.leafHash} recomputed from the ledger_entry values`,
      `ok   the ${firstProof.proof.length}-step proof leads from the leaf to root ${tree.root}`,
      expect.stringMatching(new RegExp(`^ok   contract ${contract} on chain 31337 holds root ${tree.root} for batch 5 \\(anchored \\d{4}-\\d\\d-\\d\\dT`)),
      "ok   leaf count 3 matches",
      `ok   transaction ${anchored.chain!.transactionHash} emitted Anchored(5) in block ${anchored.chain!.blockNumber}`,
      "VERIFIED",
    ]);
  });

  it("exits 0 as a command line tool with --rpc", async () => {
    const file = await proofFile("cli.json", anchored);
    const { stdout } = await run("npx", ["tsx", "scripts/verify-proof.ts", file, "--rpc", anvil.rpcUrl], { cwd: ROOT });
    expect(stdout.trim().split("\n").at(-1)).toBe("[verify] VERIFIED");
  }, 30_000);

  it("fails a proof whose leaf values were changed, without asking the chain", async () => {
    const tampered = structuredClone(anchored);
    if (tampered.leaf.kind !== "ledger_entry") throw new Error("fixture is a ledger entry");
    tampered.leaf.values.amountMinor = "-150000";
    const outcome = await verifyProofFile(await proofFile("tampered.json", tampered), { rpcUrl: anvil.rpcUrl });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines).toEqual([
      expect.stringMatching(/^FAIL the leaf values hash to 0x[0-9a-f]{64}, not the stated 0x[0-9a-f]{64}$/),
      `FAIL the proof does not lead from the leaf to root ${tree.root}`,
      "NOT VERIFIED",
    ]);
  });

  it("fails a consistent proof whose root was never anchored for its batch", async () => {
    const unanchored = { ...anchored, batch: { id: "6", leafCount: tree.leafCount } };
    const outcome = await verifyProofFile(await proofFile("unanchored.json", unanchored), { rpcUrl: anvil.rpcUrl });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines.slice(2)).toEqual([`FAIL contract ${contract} on chain 31337 has no root for batch 6`, "NOT VERIFIED"]);
  });

  it("fails a proof from another tree whose root differs from the one anchored for its batch", async () => {
    const other = buildBatchTree(leaves.slice(0, 2));
    const foreign = proofDocument(other.proofs.get("ledger_entry:le_1")!, { id: "5", leafCount: tree.leafCount }, anchored.chain);
    const outcome = await verifyProofFile(await proofFile("foreign.json", foreign), { rpcUrl: anvil.rpcUrl });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines.slice(2, 3)).toEqual([`FAIL contract ${contract} holds root ${tree.root} for batch 5, not the proof's ${other.root}`]);
    expect(outcome.lines.at(-1)).toBe("NOT VERIFIED");
  });

  it("fails a proof whose batch leaf count differs from the chain's and whose transaction anchored another batch", async () => {
    const miscounted = { ...anchored, batch: { id: "5", leafCount: 4 } };
    const outcome = await verifyProofFile(await proofFile("miscounted.json", miscounted), { rpcUrl: anvil.rpcUrl });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines.slice(3)).toEqual([
      "FAIL the chain records 3 leaves for batch 5, the proof says 4",
      expect.stringMatching(/^FAIL transaction 0x[0-9a-f]{64}'s Anchored event \(root 0x[0-9a-f]{64}, 3 leaves, block \d+\) differs from the proof/),
      "NOT VERIFIED",
    ]);
  });

  it("fails when the RPC serves another chain than the proof names", async () => {
    const elsewhere = { ...anchored, chain: { ...anchored.chain!, chainId: 137 } };
    const outcome = await verifyProofFile(await proofFile("elsewhere.json", elsewhere), { rpcUrl: anvil.rpcUrl });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines.slice(2)).toEqual(["FAIL the RPC serves chain 31337, but the proof names chain 137", "NOT VERIFIED"]);
  });

  it("fails a proof that is not anchored yet (chain null) after checking its Merkle path", async () => {
    const pending = { ...anchored, chain: null };
    const outcome = await verifyProofFile(await proofFile("pending.json", pending), { rpcUrl: undefined });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines.slice(1)).toEqual([
      `ok   the ${firstProof.proof.length}-step proof leads from the leaf to root ${tree.root}`,
      "FAIL batch 5 is not anchored yet (chain is null): fetch the proof again once it is",
      "NOT VERIFIED",
    ]);
  });

  it("names every malformed field by its path", async () => {
    const malformed = { ...anchored, root: "0xABC", batch: { id: "-1", leafCount: 3 }, extra: true };
    const file = await proofFile("malformed.json", malformed);
    const outcome = await verifyProofFile(file, { rpcUrl: anvil.rpcUrl });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines).toEqual([
      `${file} is not a valid proof document:`,
      "  root: 0x and 64 lowercase hex digits",
      "  batch.id: a uint64 as a decimal string",
      '  (document): Unrecognized key: "extra"',
      "NOT VERIFIED",
    ]);
  });

  it("exits 1 on a file that is not JSON, from the command line too", async () => {
    const file = await proofFile("broken.json", "{ not json");
    const failure = await run("npx", ["tsx", "scripts/verify-proof.ts", file, "--rpc", anvil.rpcUrl], { cwd: ROOT }).catch((error: { code: number; stderr: string }) => error);
    expect("code" in failure ? failure.code : 0).toBe(1);
    expect("stderr" in failure ? failure.stderr : "").toMatch(/\[verify\]   not JSON: /);
  }, 30_000);

  it("exits 2 when the file is missing or the proof names a chain but no RPC URL is given", async () => {
    const missing = await verifyProofFile(join(directory, "absent.json"), { rpcUrl: anvil.rpcUrl });
    expect(missing.exitCode).toBe(2);
    expect(missing.lines[0]).toMatch(/^cannot read .*absent\.json: ENOENT/);
    const noRpc = await verifyProofFile(await proofFile("no-rpc.json", anchored), { rpcUrl: undefined });
    expect(noRpc.exitCode).toBe(2);
    expect(noRpc.lines.slice(-2)).toEqual(["the proof names a chain: pass --rpc <url> or set POLYGON_RPC_URL", VERIFY_USAGE]);
  });
});

describe("the verify command's arguments", () => {
  it("take one file and --rpc over POLYGON_RPC_URL", () => {
    expect(parseVerifyArguments(["p.json", "--rpc", "http://127.0.0.1:1"], { POLYGON_RPC_URL: "https://polygon.example" })).toEqual({ ok: true, file: "p.json", rpcUrl: "http://127.0.0.1:1" });
    expect(parseVerifyArguments(["--rpc=http://a.example", "p.json"], {})).toEqual({ ok: true, file: "p.json", rpcUrl: "http://a.example" });
    expect(parseVerifyArguments(["p.json"], { POLYGON_RPC_URL: "https://polygon.example" })).toEqual({ ok: true, file: "p.json", rpcUrl: "https://polygon.example" });
    expect(parseVerifyArguments(["p.json"], {})).toEqual({ ok: true, file: "p.json", rpcUrl: undefined });
  });

  it("refuse no file, two files, a dangling --rpc, an unknown option and a non-http URL", () => {
    expect(parseVerifyArguments([], {})).toEqual({ ok: false, problem: "name one proof file" });
    expect(parseVerifyArguments(["a.json", "b.json"], {})).toEqual({ ok: false, problem: "name one proof file, not 2" });
    expect(parseVerifyArguments(["a.json", "--rpc"], {})).toEqual({ ok: false, problem: "--rpc needs a URL" });
    expect(parseVerifyArguments(["a.json", "--fast"], {})).toEqual({ ok: false, problem: "unknown option --fast" });
    expect(parseVerifyArguments(["a.json"], { POLYGON_RPC_URL: "ws://node" })).toEqual({ ok: false, problem: 'the RPC URL must be http(s)://…, not "ws://node"' });
  });

  it("exit 2 with the usage from the command line", async () => {
    const failure = await run("npx", ["tsx", "scripts/verify-proof.ts"], { cwd: ROOT, env: { ...process.env, POLYGON_RPC_URL: "" } }).catch((error: { code: number; stderr: string }) => error);
    expect("code" in failure ? failure.code : 0).toBe(2);
    expect("stderr" in failure ? failure.stderr : "").toBe(`[verify] name one proof file\n${VERIFY_USAGE}\n`);
  }, 30_000);
});
