// CPU time of processes by PID (user + system, from /proc/<pid>/stat): on a shared 2-core machine the
// runtime, DynamoDB Local and the benchmark's own client compete for the same cores, so each figure
// says where the CPU went as well as how long things took.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** CPU seconds a process has used so far; undefined where /proc is not there (the figure is then left out). */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    return (utime + stime) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

export type CpuSnapshot = Record<string, number | undefined>;

/** Snapshots the CPU seconds of named processes; `elapsed` turns two snapshots into milliseconds used. */
export function cpuSnapshot(pids: Record<string, number | undefined>): CpuSnapshot {
  const snapshot: CpuSnapshot = {};
  for (const [name, pid] of Object.entries(pids))
    snapshot[name] = pid === undefined ? undefined : cpuSecondsOf(pid);
  return snapshot;
}

export function cpuMsBetween(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  const used: Record<string, number> = {};
  for (const [name, start] of Object.entries(before)) {
    const end = after[name];
    if (start !== undefined && end !== undefined) used[name] = Math.round((end - start) * 1000);
  }
  return used;
}
