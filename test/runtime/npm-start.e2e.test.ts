// `npm start` as a process, the way a user runs it: the ready line, the demo scenario over HTTP,
// a restart on the same data directory (index kept, samples not loaded twice), and Ctrl-C that
// exits 0 and leaves no java or other child process behind.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listAll, waitFor } from '../support/runtime-helpers';
import { isProcessAlive } from '../../shared/local/process-alive';

const root = resolve(__dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'inventory-start-'));
const started: { groupPid: number; javaPid?: number }[] = [];
afterAll(() => {
  // Should an assertion fail half-way, nothing the test started may outlive it.
  for (const { groupPid, javaPid } of started) {
    for (const pid of [-groupPid, javaPid]) {
      if (pid !== undefined && isProcessAlive(Math.abs(pid))) process.kill(pid, 'SIGKILL');
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  output: () => string;
  apiUrl: string;
  javaPid: number;
}

async function start(): Promise<Started> {
  // Its own process group, so the test can signal the whole group as a terminal's Ctrl-C does.
  const child = spawn(
    join(root, 'node_modules/.bin/tsx'),
    ['scripts/start.ts', '--data-dir', dataDir, '--port', '0', '--events-port', '0'],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ready = await waitFor(
    'the ready line',
    async () => /ready: API (\S+)/.exec(output) ?? undefined,
    60_000,
  );
  started.push({ groupPid: child.pid! });
  const state = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as { dynamodbPid: number };
  started[started.length - 1].javaPid = state.dynamodbPid;
  return { child, output: () => output, apiUrl: ready[1], javaPid: state.dynamodbPid };
}

async function interrupt(started: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolveExit) =>
    started.child.once('exit', (code) => resolveExit(code)),
  );
  process.kill(-started.child.pid!, 'SIGINT');
  return exited;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

jest.setTimeout(240_000);

test('npm start serves the demo scenario, keeps it across a restart, and Ctrl-C leaves nothing running', async () => {
  const first = await start();
  expect(first.output()).toMatch(
    /ready: API http:\/\/127\.0\.0\.1:\d+ {2}events http:\/\/127\.0\.0\.1:\d+ \(PutEvents\)/,
  );
  expect(first.output()).toMatch(/\d+ demo events loaded/);
  expect(first.output()).toMatch(/curl -s '/);
  expect(isProcessAlive(first.javaPid)).toBe(true);

  const resources = await listAll(first.apiUrl, '/resources?status=all');
  expect(resources.length).toBeGreaterThanOrEqual(10);
  const stacks = await listAll(first.apiUrl, '/stacks?status=all');
  expect(stacks.map((stack) => stack.name)).toContain('shop-prod');

  const descendants = childrenOf(first.child.pid!).flatMap((pid) => [pid, ...childrenOf(pid)]);
  expect(await interrupt(first)).toBe(0);
  expect(isProcessAlive(first.javaPid)).toBe(false);
  for (const pid of descendants) expect(isProcessAlive(pid)).toBe(false);

  const second = await start();
  try {
    expect(second.output()).not.toMatch(/demo events loaded/);
    expect(await listAll(second.apiUrl, '/resources?status=all')).toEqual(resources);
  } finally {
    expect(await interrupt(second)).toBe(0);
  }
  expect(isProcessAlive(second.javaPid)).toBe(false);
});
