// kill -9 of the runtime while events stream in, then a restart on the same data directory: every
// event whose EventId PutEvents returned ends indexed or dead-lettered (the bus journal), and the
// DynamoDB Local the killed runtime left behind is stopped, so exactly one serves the files.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isProcessAlive } from '../../shared/local/process-alive';
import { dynamoDbLocalsOn, killLeftovers, startInventory } from '../support/npm-start-process';
import { listAll, waitFor } from '../support/runtime-helpers';

const root = resolve(__dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'inventory-crash-'));
afterAll(() => {
  killLeftovers();
  rmSync(dataDir, { recursive: true, force: true });
});
// Two starts of the runtime and of java, on a machine other tests keep busy.
jest.setTimeout(300_000);

const template = JSON.parse(readFileSync(join(root, 'events/cloudtrail/s3/CreateBucket.json'), 'utf8')) as {
  detail: Record<string, unknown> & { requestParameters: Record<string, unknown> };
};

function createBucketEntry(n: number) {
  const name = `crash-bucket-${String(n).padStart(4, '0')}`;
  const detail = {
    ...template.detail,
    eventID: `crash-${n}`,
    eventTime: `2024-09-01T10:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}Z`,
    requestParameters: { ...template.detail.requestParameters, bucketName: name },
  };
  return {
    name,
    entry: { Source: 'aws.s3', DetailType: 'AWS API Call via CloudTrail', Detail: JSON.stringify(detail) },
  };
}

test('after kill -9 mid-stream and a restart, every accepted event is indexed or dead-lettered, on one DynamoDB Local', async () => {
  const first = await startInventory(dataDir, 'tsx', ['--no-samples']);
  const client = new EventBridgeClient({
    endpoint: first.eventsUrl,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const accepted = new Map<string, string>();
  let next = 0;
  let killed = false;
  const sender = async () => {
    while (next < 2_000) {
      const batch = Array.from({ length: 10 }, () => createBucketEntry(next++));
      try {
        const result = await client.send(new PutEventsCommand({ Entries: batch.map((item) => item.entry) }));
        result.Entries?.forEach((item, at) => {
          if (item.EventId) accepted.set(item.EventId, batch[at].name);
        });
      } catch {
        if (killed) return;
      }
      if (!killed && accepted.size >= 300) {
        killed = true;
        process.kill(first.runtimePid, 'SIGKILL');
      }
    }
  };
  await Promise.all([sender(), sender(), sender(), sender()]);
  client.destroy();
  expect(killed).toBe(true);
  await first.exited;
  expect(isProcessAlive(first.runtimePid)).toBe(false);
  // The killed runtime could not stop its java: it is left behind, holding the files.
  expect(isProcessAlive(first.javaPid)).toBe(true);

  const second = await startInventory(dataDir, 'tsx', ['--no-samples']);
  try {
    expect(isProcessAlive(first.javaPid)).toBe(false);
    expect(dynamoDbLocalsOn(dataDir)).toEqual([second.javaPid]);
    // Events were journaled and not finished when the runtime died, and this start took them back.
    expect(second.output()).toMatch(/delivering [1-9]\d* events a previous run accepted/);

    const deadLetterPath = join(dataDir, 'dead-letters.jsonl');
    const missing = await waitFor(
      'every accepted event indexed or dead-lettered',
      async () => {
        const deadLettered = existsSync(deadLetterPath) ? readFileSync(deadLetterPath, 'utf8') : '';
        // A busy store may answer 503 for a while: keep asking until the deadline.
        const buckets = await listAll(
          second.apiUrl,
          '/resources?type=AWS::S3::Bucket&name=crash-bucket-',
        ).catch(() => undefined);
        if (buckets === undefined) return undefined;
        const indexed = new Set(buckets.map((item) => item.name));
        const left = [...accepted].filter(([id, name]) => !indexed.has(name) && !deadLettered.includes(id));
        return left.length === 0 ? left : undefined;
      },
      180_000,
    );
    expect(missing).toEqual([]);
  } finally {
    process.kill(second.runtimePid, 'SIGTERM');
    await second.exited;
  }
  expect(isProcessAlive(second.javaPid)).toBe(false);
  expect(dynamoDbLocalsOn(dataDir)).toEqual([]);
});
