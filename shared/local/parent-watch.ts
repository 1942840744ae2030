// Notices when a process that started this one has gone: `npm start` runs as npm -> sh -> tsx -> node,
// and a signal npm does not pass on (SIGHUP), or npm's own death, orphans the rest. Re-reading the
// chain of parent PIDs every second and comparing it with the one at start tells us to stop. The chain
// watched ends at npm (the first ancestor outside the script's environment), so `nohup npm start &`
// still outlives the shell that ran it.
import { readFileSync } from 'node:fs';

/** PIDs from this process's parent up to (not including) init, as /proc tells them; [] without /proc. */
export function ancestorPids(pid = process.pid): number[] {
  const chain: number[] = [];
  let current = pid;
  for (let depth = 0; depth < 64; depth++) {
    const parent = parentOf(current);
    if (parent === undefined || parent <= 1) break;
    chain.push(parent);
    current = parent;
  }
  return chain;
}

/**
 * Calls `onOrphaned` once when the parent chain of this process changes (an ancestor died and its
 * children were re-parented). Watches `process.ppid` alone where /proc is missing.
 * Returns a function that stops watching.
 */
export function watchParents(onOrphaned: (reason: string) => void, intervalMs = 1_000): () => void {
  const initialChain = watchedChain();
  const initialParent = process.ppid;
  const timer = setInterval(() => {
    const chain = ancestorPids().slice(0, initialChain.length);
    const changed =
      process.ppid !== initialParent ||
      chain.length !== initialChain.length ||
      chain.some((pid, at) => pid !== initialChain[at]);
    if (!changed) return;
    clearInterval(timer);
    const gone = initialChain.find((pid) => !chain.includes(pid)) ?? initialParent;
    onOrphaned(`the process that started it (PID ${gone}) has gone`);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The parents that belong to the npm script run: those whose environment npm marked
 * (npm_lifecycle_event), and npm itself, the first that is unmarked. Outside npm, the parent alone.
 */
function watchedChain(): number[] {
  const ancestors = ancestorPids();
  if (process.env.npm_lifecycle_event === undefined) return ancestors.slice(0, 1);
  const chain: number[] = [];
  for (const pid of ancestors) {
    chain.push(pid);
    if (!runsInNpmScript(pid)) break;
  }
  return chain;
}

function runsInNpmScript(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .some((entry) => entry.startsWith('npm_lifecycle_event='));
  } catch {
    return false;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: read after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}
