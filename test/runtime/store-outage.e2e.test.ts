// The local runtime when its DynamoDB Local stalls or dies: queries answer 503 store_unavailable (not
// 500, not a hang), a dead DynamoDB Local is restarted on the same files, and the index is still there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime } from '../../shared/local/local-runtime';
import type { LocalRuntime } from '../../shared/local/local-runtime';
import { isProcessAlive } from '../../shared/local/process-alive';
import { demoScenario, listAll, putEvents, waitFor } from '../support/runtime-helpers';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';

const dataDir = mkdtempSync(join(tmpdir(), 'inventory-outage-'));
let runtime: LocalRuntime | undefined;
const lines: string[] = [];
afterAll(async () => {
  const pid = runtime?.dynamodbPid();
  if (pid !== undefined && isProcessAlive(pid)) process.kill(pid, 'SIGCONT');
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

// Two java starts (one a restart) on a machine that may be busy.
jest.setTimeout(180_000);
test('a stalled store is a 503 within the request deadline; a dead one is restarted with the index intact', async () => {
  runtime = await startLocalRuntime({
    port: 0,
    eventsPort: 0,
    dataDir,
    inMemory: false,
    loadSamples: false,
    // Only the exit of DynamoDB Local triggers a restart here: no periodic check races the stall.
    healthCheckIntervalMs: 3_600_000,
    log: (line) => lines.push(line),
  });
  expect(await putEvents(runtime.eventsUrl, demoScenario())).toBe(0);
  await runtime.dispatcher.drain();
  const before = await listAll(runtime.apiUrl, '/resources?status=all');
  expect(before.length).toBeGreaterThan(5);

  const firstPid = runtime.dynamodbPid()!;
  process.kill(firstPid, 'SIGSTOP');
  try {
    // One GetItem behind this route: its tries time out and the API answers instead of hanging.
    const stalled = await fetch(`${runtime.apiUrl}/resources/${encodeURIComponent(String(before[0].id))}`);
    expect(stalled.status).toBe(503);
    expect(stalled.headers.get('retry-after')).toBe('5');
    expect(await stalled.json()).toEqual({
      error: { code: 'store_unavailable', message: expect.stringMatching(/try again/) },
    });
  } finally {
    process.kill(firstPid, 'SIGCONT');
  }
  expect((await fetch(`${runtime.apiUrl}/resources`)).status).toBe(200);

  process.kill(firstPid, 'SIGKILL');
  const secondPid = await waitFor(
    'DynamoDB Local restarted',
    async () => {
      const pid = runtime!.dynamodbPid();
      return pid !== firstPid && (await fetch(`${runtime!.apiUrl}/resources`)).status === 200
        ? pid
        : undefined;
    },
    60_000,
  );
  expect(isProcessAlive(firstPid)).toBe(false);
  expect(isProcessAlive(secondPid!)).toBe(true);
  expect(lines.join('\n')).toMatch(/DynamoDB Local \(PID \d+\) exited .*restarting it/);
  expect(await listAll(runtime.apiUrl, '/resources?status=all')).toEqual(before);
});
