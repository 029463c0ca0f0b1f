// Starts and stops a local anvil chain (npm @foundry-rs/anvil) on a loopback port, for dev and tests of anchoring.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { LOOPBACK_HOST } from "../local-stack/loopback-server";

/**
 * DEV-ONLY, PUBLIC KEYS: anvil's first two accounts derived from the well-known mnemonic
 * "test test test … junk". Everyone knows them; they hold funds only on a local anvil chain.
 * Never use them on Polygon or any other real network.
 */
export const ANVIL_DEV_PRIVATE_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80" as const;
/** DEV-ONLY, PUBLIC: anvil's second account, for tests that need a caller other than the deployer. */
export const ANVIL_SECOND_DEV_PRIVATE_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d" as const;
/** anvil's default chain id (31337): what viem's `foundry` chain expects. */
export const ANVIL_CHAIN_ID = 31_337;

/** How long anvil may take from spawn to answering eth_chainId; it starts in well under a second. */
const READY_TIMEOUT_MS = 15_000;
const READY_POLL_MS = 50;
/** One eth_chainId probe: anvil answers locally in milliseconds. */
const PROBE_TIMEOUT_MS = 1_000;
/** How long stop() waits after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 5_000;
/** Output kept for error messages when anvil fails to start: enough for its banner and an error. */
const OUTPUT_TAIL_CHARS = 4_000;

export interface Anvil {
  /** http://127.0.0.1:<port> */
  rpcUrl: string;
  port: number;
  chainId: number;
  /** Dev-only funded accounts (public keys, see ANVIL_DEV_PRIVATE_KEY): [deployer, second account]. */
  privateKeys: readonly [`0x${string}`, `0x${string}`];
  /** Kills anvil and resolves once the process has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * The anvil executable: resolved the way the package's own bin.mjs does (the platform package's
 * bin/anvil, else the package's dist/ folder), so we spawn the binary directly instead of a Node
 * wrapper whose signal forwarding would be one more process to clean up.
 */
export function anvilBinaryPath(): string {
  const require = createRequire(import.meta.url);
  const binaryName = process.platform === "win32" ? "anvil.exe" : "anvil";
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  try {
    const candidate = require.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/bin/${binaryName}`);
    if (existsSync(candidate)) return candidate;
  } catch {
    // not installed for this platform: try the fallback below
  }
  const fallback = join(dirname(require.resolve("@foundry-rs/anvil/package.json")), "..", "dist", binaryName);
  if (existsSync(fallback)) return fallback;
  throw new Error(`no anvil binary for ${process.platform}-${process.arch}: is @foundry-rs/anvil installed with its optional dependencies?`);
}

/**
 * Spawns anvil on `port` (0 = anvil binds a free port itself and prints it, which avoids the race of
 * probing for a free port first) and resolves once it answers eth_chainId.
 */
export async function startAnvil(options: { port?: number; log?: (message: string) => void; stateFile?: string } = {}): Promise<Anvil> {
  const log = options.log ?? ((message: string) => console.log(`[anvil] ${message}`));
  // --state loads the chain from the file at start and writes it back when anvil is stopped (SIGTERM), so a dev chain outlives a restart like the dev database does.
  const stateArgs = options.stateFile === undefined ? [] : ["--state", options.stateFile];
  const child = spawn(anvilBinaryPath(), ["--host", LOOPBACK_HOST, "--port", String(options.port ?? 0), "--chain-id", String(ANVIL_CHAIN_ID), ...stateArgs], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keepOutput = (chunk: Buffer): void => {
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout.on("data", keepOutput);
  child.stderr.on("data", keepOutput);
  // A spawn failure (ENOENT, EACCES) arrives as an event; without a listener it would crash the process.
  let spawnError: Error | null = null;
  child.once("error", (error) => {
    spawnError = error;
  });

  // If this process exits without calling stop() (a crashed test run), anvil must not outlive it.
  const killOnExit = (): void => {
    child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    process.off("exit", killOnExit);
    return (stopping ??= stopChild(child));
  };
  try {
    const port = await waitForListeningPort(child, () => output, () => spawnError);
    const rpcUrl = `http://${LOOPBACK_HOST}:${port}`;
    await waitUntilAnswering(rpcUrl, child);
    log(`listening on ${rpcUrl} (chain id ${ANVIL_CHAIN_ID})`);
    return { rpcUrl, port, chainId: ANVIL_CHAIN_ID, privateKeys: [ANVIL_DEV_PRIVATE_KEY, ANVIL_SECOND_DEV_PRIVATE_KEY], stop };
  } catch (error) {
    await stop();
    throw new Error(`anvil did not start: ${error instanceof Error ? error.message : String(error)}\n${output}`, { cause: error });
  }
}

/** anvil prints "Listening on 127.0.0.1:<port>" once bound; with --port 0 that line is the only place the port appears. */
async function waitForListeningPort(child: ChildProcess, output: () => string, spawnError: () => Error | null): Promise<number> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const error = spawnError();
    if (error !== null) throw error;
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`anvil exited early (${child.exitCode ?? child.signalCode})`);
    const match = /Listening on [^\s:]+:(\d{1,5})/.exec(output());
    if (match?.[1] !== undefined) return Number(match[1]);
    await sleep(READY_POLL_MS);
  }
  throw new Error(`anvil printed no listening address within ${READY_TIMEOUT_MS} ms`);
}

async function waitUntilAnswering(rpcUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`anvil exited early (${child.exitCode ?? child.signalCode})`);
    try {
      const response = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      });
      const body = (await response.json()) as { result?: string };
      if (body.result !== undefined && Number(body.result) === ANVIL_CHAIN_ID) return;
    } catch {
      // not accepting connections yet
    }
    await sleep(READY_POLL_MS);
  }
  throw new Error(`anvil did not answer eth_chainId at ${rpcUrl} within ${READY_TIMEOUT_MS} ms`);
}

/** SIGTERM, then SIGKILL after STOP_GRACE_MS; resolves when the process has exited. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise<void>((resolvePromise) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    child.once("exit", () => {
      clearTimeout(timer);
      resolvePromise();
    });
    if (!child.kill("SIGTERM")) {
      // The signal could not be sent: the process is already gone.
      clearTimeout(timer);
      resolvePromise();
    }
  });
}

function sleep(durationMs: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, durationMs));
}
