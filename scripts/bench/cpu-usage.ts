// How busy the machine and its busiest processes were over a measurement, read from Linux /proc (null elsewhere).
import { readdir, readFile } from "node:fs/promises";
import { cpus } from "node:os";

/** Processes listed per benchmark: enough to name the bottleneck (Worker, proxy, Postgres, load generator). */
const TOP_PROCESSES = 5;

interface ProcessTicks {
  label: string;
  ticks: number;
}

export interface CpuSnapshot {
  /** Jiffies of all cores together, busy and total, from /proc/stat. */
  busyTicks: number;
  totalTicks: number;
  processes: Map<number, ProcessTicks>;
}

export interface CpuUsage {
  /** Share of the whole machine (all cores) that was busy, 0–100. */
  machineBusyPercent: number;
  /** Busiest process groups by label, in cores (1.0 = one core fully busy). */
  processes: Array<{ label: string; cores: number }>;
}

async function readMachineTicks(): Promise<{ busyTicks: number; totalTicks: number }> {
  const firstLine = (await readFile("/proc/stat", "utf8")).split("\n", 1)[0]!;
  // "cpu  user nice system idle iowait irq softirq steal …"
  const values = firstLine.trim().split(/\s+/).slice(1).map(Number);
  const totalTicks = values.reduce((sum, value) => sum + value, 0);
  const idleTicks = (values[3] ?? 0) + (values[4] ?? 0);
  return { busyTicks: totalTicks - idleTicks, totalTicks };
}

/** Names a process so the report says what it is, not just "node" or "workerd". */
function labelOf(pid: number, command: string, commandLine: string): string {
  if (pid === process.pid) return "bench process (load generator + local stack)";
  if (command === "node" && commandLine.includes("wrangler")) return "wrangler (node)";
  return command;
}

async function readProcessTicks(pid: number): Promise<ProcessTicks | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const nameEnd = stat.lastIndexOf(")");
    const command = stat.slice(stat.indexOf("(") + 1, nameEnd);
    // Fields after the name start at field 3 (state); utime, stime, cutime, cstime are fields 14–17.
    const fields = stat.slice(nameEnd + 2).split(" ");
    // Children's times count too: Postgres runs each connection in a child that exits with it.
    const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
    const commandLine = command === "node" ? (await readFile(`/proc/${pid}/cmdline`, "utf8")).replaceAll("\0", " ") : "";
    return { label: labelOf(pid, command, commandLine), ticks };
  } catch {
    return null; // it exited while we looked
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
  const processes = new Map<number, ProcessTicks>();
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const ticks = await readProcessTicks(pid);
    if (ticks) processes.set(pid, ticks);
  }
  return { ...machine, processes };
}

export function cpuUsageBetween(before: CpuSnapshot, after: CpuSnapshot): CpuUsage {
  const totalTicks = after.totalTicks - before.totalTicks;
  const ticksPerCore = totalTicks / cpus().length;
  const byLabel = new Map<string, number>();
  for (const [pid, now] of after.processes) {
    const used = now.ticks - (before.processes.get(pid)?.ticks ?? 0);
    if (used > 0) byLabel.set(now.label, (byLabel.get(now.label) ?? 0) + used);
  }
  const processes = [...byLabel]
    .map(([label, ticks]) => ({ label, cores: ticks / ticksPerCore }))
    .sort((a, b) => b.cores - a.cores)
    .slice(0, TOP_PROCESSES);
  return { machineBusyPercent: (100 * (after.busyTicks - before.busyTicks)) / totalTicks, processes };
}
