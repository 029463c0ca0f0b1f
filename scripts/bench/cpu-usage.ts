// How busy the machine and its busiest processes were over a measurement, read from Linux /proc (null elsewhere).
import { readdir, readFile } from "node:fs/promises";
import { basename } from "node:path";
import { cpus } from "node:os";

/** The label of the process that runs the Worker's code under wrangler dev. */
export const WORKER_LABEL = "workerd (the Worker)";

/** Processes listed per benchmark: enough to name the bottleneck (Worker, proxy, Postgres, load generator). */
const TOP_PROCESSES = 5;
/** Deeper than any real process tree here (npm → sh → tsx → node → wrangler → node → workerd is 7). */
const MAX_TREE_DEPTH = 64;

interface ProcessTicks {
  parentPid: number;
  command: string;
  label: string;
  ticks: number;
}

export interface CpuSnapshot {
  atMs: number;
  /** Jiffies of all cores together, busy and total, from /proc/stat. */
  busyTicks: number;
  totalTicks: number;
  processes: Map<number, ProcessTicks>;
  /** Scheduler times of the Worker's main thread, where its JavaScript (and WebCrypto) runs. */
  workerThread: ThreadTimes | null;
}

interface ThreadTimes {
  pid: number;
  runningNs: number;
  /** Time it was ready to run but waited for a free core. */
  waitingNs: number;
}

export interface CpuUsage {
  cores: number;
  /** Share of the whole machine (all cores) that was busy, 0–100. */
  machineBusyPercent: number;
  /** Busiest process groups by label, in cores (1.0 = one core fully busy). */
  processes: Array<{ label: string; cores: number }>;
  /**
   * Cores used by processes that are neither this run's (the bench process and its children) nor the
   * services it uses (Postgres, Redis): other work on the machine, which lowers the figures.
   */
  otherWorkCores: number;
  /**
   * Share of the window the Worker's JavaScript thread was running, and ready but waiting for a core.
   * Together near 100% means that one thread is the bottleneck. Null when it restarted or was not found.
   */
  workerThread: { runningPercent: number; waitingPercent: number } | null;
}

async function readMachineTicks(): Promise<{ busyTicks: number; totalTicks: number }> {
  const firstLine = (await readFile("/proc/stat", "utf8")).split("\n", 1)[0]!;
  // "cpu  user nice system idle iowait irq softirq steal …"
  const values = firstLine.trim().split(/\s+/).slice(1).map(Number);
  const totalTicks = values.reduce((sum, value) => sum + value, 0);
  const idleTicks = (values[3] ?? 0) + (values[4] ?? 0);
  return { busyTicks: totalTicks - idleTicks, totalTicks };
}

interface RawProcess {
  parentPid: number;
  command: string;
  commandLine: string[];
  ticks: number;
}

const isWranglerNode = (entry: RawProcess | undefined) => entry?.command === "node" && entry.commandLine.some((word) => word.includes("wrangler"));

/** True when `pid` is this process or runs under it (wrangler, workerd, esbuild). */
function isOurs(pid: number, parentOf: (pid: number) => number | undefined): boolean {
  // Bounded by MAX_TREE_DEPTH; a parent id that loops back ends the walk.
  for (let current = pid, depth = 0; depth < MAX_TREE_DEPTH; depth++) {
    if (current === process.pid) return true;
    const parent = parentOf(current);
    if (parent === undefined || parent === current || parent <= 1) return false;
    current = parent;
  }
  return false;
}

/** Names a process so the report says what it is, not just "node" or "workerd". */
function labelOf(pid: number, entry: RawProcess, processes: Map<number, RawProcess>): string {
  if (pid === process.pid) return "bench process (load generator + local stack)";
  // Others may run their own wrangler dev or test pools on this machine: only our children are the platform.
  const ours = isOurs(pid, (child) => processes.get(child)?.parentPid);
  if (entry.command === "workerd") {
    if (!ours || !isWranglerNode(processes.get(entry.parentPid))) return "workerd (not this platform)";
    // wrangler dev runs two: its proxy on the public port, and the Worker itself on a port picked at random (entry=…:0).
    return entry.commandLine.some((word) => /^--socket-addr=entry=.*:0$/.test(word)) ? WORKER_LABEL : "workerd (wrangler dev proxy)";
  }
  if (entry.command === "node") {
    if (isWranglerNode(entry)) return ours ? "wrangler (node)" : "wrangler (node, not this platform)";
    const script = entry.commandLine.slice(1).find((word) => !word.startsWith("-"));
    return script ? `node ${basename(script)}` : "node";
  }
  return entry.command;
}

async function readProcess(pid: number): Promise<RawProcess | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const nameEnd = stat.lastIndexOf(")");
    const command = stat.slice(stat.indexOf("(") + 1, nameEnd);
    // Fields after the name start at field 3 (state): ppid is field 4; utime, stime, cutime, cstime are fields 14–17.
    const fields = stat.slice(nameEnd + 2).split(" ");
    // Postgres runs each connection in a child that may exit within the window: its time then shows only in
    // the postmaster's reaped-children fields. Elsewhere those fields would count unrelated finished jobs.
    const fieldIndexes = command === "postgres" ? [11, 12, 13, 14] : [11, 12];
    const ticks = fieldIndexes.reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
    const commandLine = command === "node" || command === "workerd" ? (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0") : [];
    return { parentPid: Number(fields[1]), command, commandLine, ticks };
  } catch {
    return null; // it exited while we looked
  }
}

async function readThreadTimes(pid: number): Promise<ThreadTimes | null> {
  try {
    // "<ns on a core> <ns waiting on the run queue> <time slices>", for the thread whose id is the process id: the main thread.
    const [runningNs, waitingNs] = (await readFile(`/proc/${pid}/schedstat`, "utf8")).trim().split(" ").map(Number);
    return runningNs === undefined || waitingNs === undefined ? null : { pid, runningNs, waitingNs };
  } catch {
    return null;
  }
}

export async function takeCpuSnapshot(): Promise<CpuSnapshot | null> {
  let entries: string[];
  try {
    entries = await readdir("/proc");
  } catch {
    return null;
  }
  const machine = await readMachineTicks();
  const raw = new Map<number, RawProcess>();
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const read = await readProcess(pid);
    if (read) raw.set(pid, read);
  }
  const processes = new Map<number, ProcessTicks>();
  for (const [pid, entry] of raw) processes.set(pid, { parentPid: entry.parentPid, command: entry.command, label: labelOf(pid, entry, raw), ticks: entry.ticks });
  const workerPid = [...processes].find(([, entry]) => entry.label === WORKER_LABEL)?.[0];
  return { atMs: performance.now(), ...machine, processes, workerThread: workerPid === undefined ? null : await readThreadTimes(workerPid) };
}

/** Children of kthreadd (pid 2): mostly loopback networking done on the run's behalf, not other work. */
const KERNEL_THREADS_PARENT_PID = 2;
function isKernelThread(pid: number, entry: ProcessTicks): boolean {
  return pid === KERNEL_THREADS_PARENT_PID || entry.parentPid === KERNEL_THREADS_PARENT_PID;
}

/** `services` names the programs of shared services this run uses (e.g. "postgres", "redis-server"): their CPU is the run's, not other work. */
export function cpuUsageBetween(before: CpuSnapshot, after: CpuSnapshot, services: readonly string[]): CpuUsage {
  const totalTicks = after.totalTicks - before.totalTicks;
  const cores = cpus().length;
  const ticksPerCore = totalTicks / cores;
  const byLabel = new Map<string, number>();
  let otherWorkTicks = 0;
  for (const [pid, now] of after.processes) {
    const used = now.ticks - (before.processes.get(pid)?.ticks ?? 0);
    if (used <= 0) continue;
    byLabel.set(now.label, (byLabel.get(now.label) ?? 0) + used);
    if (!isOurs(pid, (child) => after.processes.get(child)?.parentPid) && !services.includes(now.command) && !isKernelThread(pid, now)) otherWorkTicks += used;
  }
  const processes = [...byLabel]
    .map(([label, ticks]) => ({ label, cores: ticks / ticksPerCore }))
    .sort((a, b) => b.cores - a.cores)
    .slice(0, TOP_PROCESSES);
  const windowNs = (after.atMs - before.atMs) * 1e6;
  const thread = before.workerThread && after.workerThread && before.workerThread.pid === after.workerThread.pid ? { before: before.workerThread, after: after.workerThread } : null;
  return {
    cores,
    machineBusyPercent: (100 * (after.busyTicks - before.busyTicks)) / totalTicks,
    processes,
    otherWorkCores: otherWorkTicks / ticksPerCore,
    workerThread: thread && {
      runningPercent: (100 * (thread.after.runningNs - thread.before.runningNs)) / windowNs,
      waitingPercent: (100 * (thread.after.waitingNs - thread.before.waitingNs)) / windowNs,
    },
  };
}

/**
 * True when the Worker's process changed between two snapshots: wrangler dev rebuilt and restarted it
 * because a source file changed (it watches the work tree), so the window's figures are disturbed.
 */
export function workerRestartedBetween(before: CpuSnapshot, after: CpuSnapshot): boolean {
  const workerPids = (snapshot: CpuSnapshot) => [...snapshot.processes].filter(([, entry]) => entry.label === WORKER_LABEL).map(([pid]) => pid).sort().join(",");
  return workerPids(before) !== workerPids(after);
}

/** Cores used by the processes with this label, 0 when they were not among the busiest. */
export function coresOf(usage: CpuUsage, label: string): number {
  return usage.processes.find((entry) => entry.label === label)?.cores ?? 0;
}

/** Milliseconds of CPU per request for a process that used `cores` while serving `throughputPerSecond`. */
export function cpuMsPerRequest(cores: number, throughputPerSecond: number): number {
  return throughputPerSecond > 0 ? (cores * 1000) / throughputPerSecond : 0;
}

/** "postgres 4.3 ms, workerd (the Worker) 2.7 ms, … (12.9 ms in all)": where each request's CPU went. */
export function describeCpuPerRequest(usage: CpuUsage, throughputPerSecond: number): string {
  const runCores = (usage.machineBusyPercent / 100) * usage.cores - usage.otherWorkCores;
  const perProcess = usage.processes.map((entry) => `${entry.label} ${cpuMsPerRequest(entry.cores, throughputPerSecond).toFixed(1)} ms`).join(", ");
  return `${perProcess} (${cpuMsPerRequest(runCores, throughputPerSecond).toFixed(1)} ms in all)`;
}
