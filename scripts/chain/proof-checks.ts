// The command line part of `npm run verify`: arguments, the proof file's shape and the printed report (the checks: workers/anchoring/proof-verification.ts).
import { parseProofDocument, type ProofDocument } from "../../workers/anchoring/proof-document";
import { allPassed, type Check } from "../../workers/anchoring/proof-verification";

/** Exit codes: 0 everything checks out, 1 the proof (or its anchoring) does not hold, 2 the command was called wrongly. */
export const EXIT_VERIFIED = 0;
export const EXIT_NOT_VERIFIED = 1;
export const EXIT_USAGE = 2;

export const VERIFY_USAGE = "usage: npm run verify -- <proof.json> [--rpc <url>]   (the RPC URL may also come from POLYGON_RPC_URL)";

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

/** The printed report: one line per check, then the verdict. */
export function reportLines(checks: readonly Check[]): string[] {
  return [...checks.map((check) => `${check.ok ? "ok  " : "FAIL"} ${check.message}`), allPassed(checks) ? "VERIFIED" : "NOT VERIFIED"];
}
