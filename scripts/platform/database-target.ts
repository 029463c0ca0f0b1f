// Which database a one-off script (migrate, seed) talks to: DATABASE_URL, the running `npm run dev` stack, or the dev data folder.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { NodeDatabaseTarget } from "../db/node-database";
import { startLocalStack, startNeonWsProxy } from "../local-stack/index";
import { ROOT } from "./start-platform";

const DEV_DATA_DIR = join(ROOT, ".data");
const RUNNING_STACK_FILE = join(DEV_DATA_DIR, "running-stack.json");
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

interface RunningStack extends NodeDatabaseTarget {
  pid: number;
}

/** `npm run dev` records where its database is, so scripts run beside it share it (PGlite allows one process per folder). */
export function recordRunningStack(target: NodeDatabaseTarget): void {
  writeFileSync(RUNNING_STACK_FILE, JSON.stringify({ ...target, pid: process.pid } satisfies RunningStack));
}

export function forgetRunningStack(): void {
  rmSync(RUNNING_STACK_FILE, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface ScriptDatabase {
  target: NodeDatabaseTarget;
  describe: string;
  release(): Promise<void>;
}

export async function openScriptDatabase(log: (message: string) => void): Promise<ScriptDatabase> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const { hostname, port } = new URL(databaseUrl);
    if (LOCAL_HOSTS.has(hostname) && !process.env.NEON_WS_PROXY) {
      // A plain local Postgres speaks TCP, the Neon driver WebSockets: put the proxy between them for this run.
      const proxy = await startNeonWsProxy({ allowedAddresses: [`${hostname}:${port || 5432}`], log });
      return { target: { databaseUrl, neonWsProxy: proxy.wsProxy }, describe: "DATABASE_URL (local, through a proxy)", release: () => proxy.stop() };
    }
    return { target: { databaseUrl, neonWsProxy: process.env.NEON_WS_PROXY }, describe: "DATABASE_URL", release: async () => undefined };
  }
  if (existsSync(RUNNING_STACK_FILE)) {
    const running = JSON.parse(readFileSync(RUNNING_STACK_FILE, "utf8")) as RunningStack;
    if (isAlive(running.pid)) return { target: running, describe: "the running `npm run dev` database", release: async () => undefined };
    forgetRunningStack();
  }
  const stack = await startLocalStack({ dataDir: join(DEV_DATA_DIR, "pglite"), log });
  return { target: { databaseUrl: stack.databaseUrl, neonWsProxy: stack.neonWsProxy }, describe: "the embedded dev database (.data/pglite)", release: () => stack.stop() };
}
