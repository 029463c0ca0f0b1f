// The machine a benchmark ran on, as BENCHMARKS.md states it: CPU, cores, memory, OS, Node.
import { cpus, release, totalmem, type as osType, version as osVersion } from "node:os";

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
}

const BYTES_PER_GIB = 1024 ** 3;

export function describeMachine(): MachineInfo {
  const cores = cpus();
  return {
    cpuModel: cores[0]?.model.trim() ?? "unknown",
    cores: cores.length,
    memoryGiB: Math.round((totalmem() / BYTES_PER_GIB) * 10) / 10,
    os: `${osType()} ${release()} (${osVersion()})`,
    node: process.version,
  };
}
