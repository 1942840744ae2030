// The local runtime end to end, as a user drives it: events in through the real EventBridge client,
// answers out over HTTP; shuffled and duplicated delivery gives the identical index.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime } from '../../shared/local/local-runtime';
import type { LocalRuntime } from '../../shared/local/local-runtime';
import {
  demoScenario,
  indexSnapshot,
  putEvents,
  shuffledWithDuplicates,
  waitFor,
} from '../support/runtime-helpers';
import { testEndpoint } from '../support/test-table';

// As under `npm start`: the handlers' EMF and info logs would bury the test output.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

const dataDirs: string[] = [];
const runtimes: LocalRuntime[] = [];

async function startRuntime(tableName: string): Promise<LocalRuntime> {
  const dataDir = mkdtempSync(join(tmpdir(), 'inventory-e2e-'));
  dataDirs.push(dataDir);
  const runtime = await startLocalRuntime({
    port: 0,
    eventsPort: 0,
    dataDir,
    inMemory: true,
    loadSamples: false,
    dynamodbEndpoint: testEndpoint(),
    tableName,
  });
  runtimes.push(runtime);
  return runtime;
}

afterAll(async () => {
  for (const runtime of runtimes) await runtime.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

test('events sent with PutEventsCommand are readable over HTTP; shuffled and duplicated delivery gives the same index', async () => {
  const events = demoScenario();
  const ordered = await startRuntime(`e2e-ordered-${Date.now()}`);
  const shuffled = await startRuntime(`e2e-shuffled-${Date.now()}`);

  expect(await putEvents(ordered.eventsUrl, events)).toBe(0);
  expect(await putEvents(shuffled.eventsUrl, shuffledWithDuplicates(events, 42))).toBe(0);

  // Delivery is asynchronous, as on AWS: poll the API until the first hand-made bucket shows up.
  const someBucket = await waitFor('a bucket over HTTP', async () => {
    const response = await fetch(`${ordered.apiUrl}/resources?type=AWS::S3::Bucket&status=all`);
    const body = (await response.json()) as { items: { id: string }[] };
    return body.items[0];
  });
  const single = await fetch(`${ordered.apiUrl}/resources/${encodeURIComponent(someBucket.id)}`);
  expect(single.status).toBe(200);

  await ordered.dispatcher.drain();
  await shuffled.dispatcher.drain();
  const expected = await indexSnapshot(ordered.apiUrl);
  expect(expected.resources.length).toBeGreaterThanOrEqual(10);
  expect(expected.stacks.length).toBeGreaterThanOrEqual(1);
  expect(await indexSnapshot(shuffled.apiUrl)).toEqual(expected);
  expect(ordered.dispatcher.stats.deadLettered + shuffled.dispatcher.stats.deadLettered).toBe(0);
});

test('the bus validates entries like EventBridge and reports per-entry failures', async () => {
  const runtime = await startRuntime(`e2e-validation-${Date.now()}`);
  const client = new EventBridgeClient({
    endpoint: runtime.eventsUrl,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'aws.s3',
            DetailType: 'AWS API Call via CloudTrail',
            Detail: '{"eventSource":"s3.amazonaws.com"}',
          },
          { Source: 'aws.s3', DetailType: 'AWS API Call via CloudTrail', Detail: '[1,2]' },
          { Source: 'aws.s3', DetailType: 'AWS API Call via CloudTrail', Detail: 'not json' },
          { DetailType: 'x', Detail: '{}' },
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(3);
    expect(result.Entries?.[0].EventId).toEqual(expect.any(String));
    expect(result.Entries?.slice(1).map((entry) => entry.ErrorCode)).toEqual([
      'MalformedDetail',
      'MalformedDetail',
      'InvalidArgument',
    ]);
    expect(result.Entries?.[3].ErrorMessage).toMatch(/Source/);

    const tooMany = Array.from({ length: 11 }, () => ({ Source: 'a', DetailType: 'b', Detail: '{}' }));
    await expect(client.send(new PutEventsCommand({ Entries: tooMany }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    const huge = [{ Source: 'a', DetailType: 'b', Detail: JSON.stringify({ blob: 'x'.repeat(300 * 1024) }) }];
    await expect(client.send(new PutEventsCommand({ Entries: huge }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  } finally {
    client.destroy();
  }
});
