// The bare room served by its own `wrangler dev`, the way the platform is served: the ceiling for the wrangler dev path.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../../platform/start-platform";
import { BENCH_FOLDER, type ServedWorker } from "./miniflare-targets";

const WRANGLER_BIN = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
/** wrangler dev bundles and starts workerd; a few seconds here, well under this. */
const READY_TIMEOUT_MS = 60_000;
const READY_POLL_MS = 250;
const STOP_GRACE_MS = 5_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, STOP_GRACE_MS);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid!, "SIGTERM"); // its own process group: this wrangler and its workerd children only
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

/** Starts `wrangler dev` for bare-room.worker.js on a free port, with its state in a temporary folder; dispose() stops it. */
export async function serveBareRoomWithWranglerDev(log: (message: string) => void): Promise<ServedWorker> {
  const port = await freePort();
  const persistDir = await mkdtemp(join(tmpdir(), "mnbara-bench-bare-"));
  const child = spawn(
    process.execPath,
    [WRANGLER_BIN, "dev", "--config", join(BENCH_FOLDER, "wrangler.bare-room.toml"), "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persistDir, "--show-interactive-dev-session=false", "--log-level", "warn"],
    { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" } },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const dispose = async () => {
    await stopChild(child);
    await rm(persistDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    // Bounded by READY_TIMEOUT_MS.
    for (;;) {
      if (child.exitCode !== null) throw new Error(`wrangler dev (bare room) exited with ${child.exitCode}: ${output}`);
      if (Date.now() > deadline) throw new Error(`wrangler dev (bare room) not ready within ${READY_TIMEOUT_MS} ms: ${output}`);
      try {
        // The bare Worker answers 404 to anything that is not one of its routes: it is up.
        if ((await fetch(`${url}/ready`)).status === 404) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
    log(`bare room: wrangler dev on ${url}`);
    return { url, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
