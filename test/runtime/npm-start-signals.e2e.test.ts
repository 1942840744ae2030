// `npm start` stopped the ways programs are stopped: SIGTERM (timeout, IDEs, process managers) and
// SIGHUP (a closed terminal) sent to the npm process alone. Either way every process it started,
// DynamoDB Local included, is gone afterwards and the ports are free.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive } from '../../shared/local/process-alive';
import { killLeftovers, processTree, startInventory } from '../support/npm-start-process';
import { waitFor } from '../support/runtime-helpers';

const dataDir = mkdtempSync(join(tmpdir(), 'inventory-signals-'));
afterAll(() => {
  killLeftovers();
  rmSync(dataDir, { recursive: true, force: true });
});
// A java start per case, on a machine other tests keep busy.
jest.setTimeout(240_000);

test.each(['SIGTERM', 'SIGHUP'] as const)(
  '%s to the npm process leaves no process behind',
  async (signal) => {
    const started = await startInventory(dataDir, 'npm', ['--no-samples']);
    const tree = processTree(started.child.pid!);
    expect(tree).toContain(started.runtimePid);
    expect(tree).toContain(started.javaPid);

    process.kill(started.child.pid!, signal);
    await started.exited;
    const left = await waitFor(
      'every process of the tree to end',
      async () => {
        const alive = tree.filter(isProcessAlive);
        return alive.length === 0 ? alive : undefined;
      },
      60_000,
    ).catch(() => tree.filter(isProcessAlive));
    expect(left).toEqual([]);
    // The ports are free again: nothing answers there.
    await expect(fetch(`${started.apiUrl}/resources`)).rejects.toThrow();
    await expect(fetch(started.eventsUrl, { method: 'POST' })).rejects.toThrow();
  },
);
