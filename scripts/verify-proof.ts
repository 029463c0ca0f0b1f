// `npm run verify -- <proof.json> [--rpc <url>]`: recomputes an inclusion proof's leaf hash and root, then reads the anchor contract to confirm the root is on chain.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { allPassed, documentChecks, merkleChecks } from "../workers/anchoring/proof-verification";
import { EXIT_NOT_VERIFIED, EXIT_USAGE, EXIT_VERIFIED, parseVerifyArguments, readProofText, reportLines, VERIFY_USAGE } from "./chain/proof-checks";

/** One JSON-RPC request; a node slower than this is treated as unreachable rather than left hanging. */
const RPC_TIMEOUT_MS = 15_000;

export interface VerifyOutcome {
  exitCode: number;
  lines: string[];
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
  if (options.rpcUrl === undefined && document.chain !== null) {
    const merkle = merkleChecks(document);
    if (allPassed(merkle)) return { exitCode: EXIT_USAGE, lines: [...reportLines(merkle).slice(0, -1), "the proof names a chain: pass --rpc <url> or set POLYGON_RPC_URL", VERIFY_USAGE] };
  }
  const checks = await documentChecks(document, options.rpcUrl ?? null, RPC_TIMEOUT_MS);
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
