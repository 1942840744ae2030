// Locally, as deployed: an event that really changes a row puts one Inventory Resource Changed event
// on the bus (the local one), and a redelivery of that event puts none; /changes lists the change.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime } from '../../shared/local/local-runtime';
import type { LocalRuntime } from '../../shared/local/local-runtime';
import { putEvents, waitFor } from '../support/runtime-helpers';
import type { ScenarioEvent } from '../support/runtime-helpers';
import { testEndpoint } from '../support/test-table';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

let runtime: LocalRuntime;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'inventory-changes-'));
  runtime = await startLocalRuntime({
    port: 0,
    eventsPort: 0,
    dataDir,
    inMemory: true,
    loadSamples: false,
    dynamodbEndpoint: testEndpoint(),
    tableName: `local-changes-${Date.now()}`,
  });
});
afterAll(async () => {
  await runtime.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a real change is published on the local bus once; a duplicate publishes nothing', async () => {
  // The sample is an EventBridge event as the bus receives it.
  const event: ScenarioEvent = JSON.parse(
    readFileSync(join(__dirname, '../../events/cloudtrail/s3/CreateBucket.json'), 'utf8'),
  );
  expect(await putEvents(runtime.eventsUrl, [event])).toBe(0);
  // The change event matches no ingest rule: the bus counts it as accepted and unmatched.
  await waitFor('the change event on the bus', async () =>
    runtime.dispatcher.stats.unmatched >= 1 ? true : undefined,
  );
  const changes = (await (await fetch(`${runtime.apiUrl}/changes`)).json()) as {
    items: { change: string }[];
  };
  expect(changes.items.map((item) => item.change)).toEqual(['created']);

  expect(await putEvents(runtime.eventsUrl, [event])).toBe(0);
  await waitFor('the redelivery handled', async () =>
    runtime.dispatcher.stats.inFlight === 0 && runtime.dispatcher.stats.delivered >= 2 ? true : undefined,
  );
  expect(runtime.dispatcher.stats.unmatched).toBe(1);
  expect(runtime.dispatcher.stats.accepted).toBe(3);
});
