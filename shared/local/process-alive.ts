// Whether a process still runs: signal 0 checks existence (and permission) without touching it.
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
