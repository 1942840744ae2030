// Runs `npm start` (or its script directly through tsx) as a child process the way a user does, reads
// its ready line and runtime.json, and lists its process tree, so tests can signal it and prove
// that nothing it started outlives it.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isProcessAlive } from '../../shared/local/process-alive';
import { waitFor } from './runtime-helpers';

const root = resolve(__dirname, '../..');

export interface StartedInventory {
  child: ChildProcess;
  output: () => string;
  apiUrl: string;
  eventsUrl: string;
  /** The node process serving the runtime (runtime.json's pid). */
  runtimePid: number;
  javaPid: number;
  exited: Promise<number | null>;
}

/** Every PID started that may need a SIGKILL should a test fail half-way. */
export const startedPids = new Set<number>();

/**
 * `via: 'npm'` runs `npm start -- ...` (npm -> sh -> tsx -> node); `via: 'tsx'` runs the script
 * directly. Each in its own process group, so cleanup can reach the whole tree.
 */
export async function startInventory(
  dataDir: string,
  via: 'npm' | 'tsx',
  extraArgs: string[] = [],
): Promise<StartedInventory> {
  const args = ['--data-dir', dataDir, '--port', '0', '--events-port', '0', ...extraArgs];
  const child =
    via === 'npm'
      ? spawn('npm', ['start', '--silent', '--', ...args], {
          cwd: root,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn(join(root, 'node_modules/.bin/tsx'), ['scripts/start.ts', ...args], {
          cwd: root,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  startedPids.add(child.pid!);
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ready = await waitFor(
    'the ready line',
    async () => {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      return /ready: API (\S+) {2}events (\S+)/.exec(output) ?? undefined;
    },
    120_000,
  );
  const state = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as {
    pid: number;
    dynamodbPid: number;
  };
  startedPids.add(state.pid);
  startedPids.add(state.dynamodbPid);
  return {
    child,
    output: () => output,
    apiUrl: ready[1],
    eventsUrl: ready[2],
    runtimePid: state.pid,
    javaPid: state.dynamodbPid,
    exited,
  };
}

/** The process and all its descendants, from /proc. */
export function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // Gone already.
  }
  return [pid, ...children.flatMap(processTree)];
}

/** PIDs of DynamoDB Local processes serving files under `dir`. */
export function dynamoDbLocalsOn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const commandLine = readFileSync(`/proc/${name}/cmdline`, 'utf8');
        return commandLine.includes('DynamoDBLocal.jar') && commandLine.includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** For afterAll: SIGKILL whatever a failed test left running. */
export function killLeftovers(): void {
  for (const pid of startedPids) {
    if (isProcessAlive(pid)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Not a group leader.
      }
      if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  }
}
