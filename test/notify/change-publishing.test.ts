// Change notifications through the real EventBridge client on its wire protocol (a local endpoint
// that records PutEvents requests and can fail entries), and the stream batch publisher.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { CHANGE_DETAIL_TYPE, CHANGE_EVENT_SOURCE, MAX_DETAIL_BYTES } from '../../shared/notify/change-event';
import type { ChangeFeedEntry, ChangeNotifier } from '../../shared/notify/change-notifier';
import { createChangePublisher } from '../../shared/notify/change-publisher';
import { streamChanges } from '../../shared/notify/change-stream-records';
import {
  ChangePublishError,
  createEventBridgeChangeNotifier,
} from '../../shared/notify/eventbridge-change-notifier';
import { createTelemetry } from '../../shared/observability/telemetry';
import { SERVICE_NAMES } from '../../shared/observability/metric-catalog';
import { changeFeedItem } from '../../shared/store/derived-items';

interface PutEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  EventBusName: string;
  Resources?: string[];
  Time?: number;
}

/** A PutEvents endpoint: records each request's entries; `failNext` entries (by Detail id) fail once. */
async function startRecordingBus() {
  const requests: PutEntry[][] = [];
  const failOnce = new Set<string>();
  const failAlways = new Set<string>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries: PutEntry[] };
      requests.push(body.Entries);
      const results = body.Entries.map((entry) => {
        const id = (JSON.parse(entry.Detail) as { id: string }).id;
        if (failAlways.has(id) || failOnce.delete(id))
          return { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' };
        return { EventId: `evt-${id}` };
      });
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(
        JSON.stringify({
          FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length,
          Entries: results,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new EventBridgeClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    requests,
    failOnce,
    failAlways,
    client,
    close: () => {
      client.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const change = (n: number, overrides: Partial<ChangeFeedEntry> = {}): ChangeFeedEntry => ({
  indexedAt: `2026-03-10T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
  eventTime: '2026-03-10T09:59:00Z',
  id: `arn:aws:s3:::bucket-${n}`,
  arn: `arn:aws:s3:::bucket-${n}`,
  type: 'AWS::S3::Bucket',
  change: 'updated',
  fields: ['tags'],
  before: { tags: { env: 'dev' } },
  after: { tags: { env: 'prod' } },
  version: n + 1,
  ...overrides,
});

let bus: Awaited<ReturnType<typeof startRecordingBus>>;
beforeEach(async () => {
  bus = await startRecordingBus();
});
afterEach(() => bus.close());

describe('the EventBridge change notifier', () => {
  test('puts one Inventory Resource Changed event per change, detail = the change, 10 per request', async () => {
    const notifier = createEventBridgeChangeNotifier({ client: bus.client, eventBusName: 'inv-changes' });
    const changes = Array.from({ length: 23 }, (_, n) => change(n, n === 0 ? { arn: null } : {}));
    await notifier.notify(changes);
    expect(bus.requests.map((entries) => entries.length)).toEqual([10, 10, 3]);
    const entries = bus.requests.flat();
    expect(entries.map((entry) => JSON.parse(entry.Detail) as unknown)).toEqual(changes);
    expect(entries[1]).toMatchObject({
      Source: CHANGE_EVENT_SOURCE,
      DetailType: CHANGE_DETAIL_TYPE,
      EventBusName: 'inv-changes',
      Resources: ['arn:aws:s3:::bucket-1'],
    });
    expect(entries[0].Resources).toBeUndefined();
  });

  test('retries the entries EventBridge failed, and only those', async () => {
    const notifier = createEventBridgeChangeNotifier({
      client: bus.client,
      eventBusName: 'b',
      baseDelayMs: 1,
    });
    bus.failOnce.add('arn:aws:s3:::bucket-2');
    await notifier.notify([change(1), change(2), change(3)]);
    expect(
      bus.requests.map((entries) => entries.map((entry) => (JSON.parse(entry.Detail) as { id: string }).id)),
    ).toEqual([
      ['arn:aws:s3:::bucket-1', 'arn:aws:s3:::bucket-2', 'arn:aws:s3:::bucket-3'],
      ['arn:aws:s3:::bucket-2'],
    ]);
  });

  test('throws, naming the failure, when an entry keeps failing', async () => {
    const notifier = createEventBridgeChangeNotifier({
      client: bus.client,
      eventBusName: 'b',
      baseDelayMs: 1,
      maxAttempts: 3,
    });
    bus.failAlways.add('arn:aws:s3:::bucket-2');
    const failure = notifier.notify([change(1), change(2)]);
    await expect(failure).rejects.toBeInstanceOf(ChangePublishError);
    await expect(failure).rejects.toThrow(/1 change events: ThrottlingException/);
    expect(bus.requests).toHaveLength(3);
  });

  test('an over-large change goes without before/after, marked truncated, and requests stay under 256 KB', async () => {
    const notifier = createEventBridgeChangeNotifier({ client: bus.client, eventBusName: 'b' });
    const huge = { tags: { blob: 'x'.repeat(MAX_DETAIL_BYTES) } };
    const big = { tags: { blob: 'y'.repeat(60_000) } };
    await notifier.notify([
      change(1, { after: huge }),
      ...Array.from({ length: 6 }, (_, n) => change(n + 2, { after: big })),
    ]);
    const [first, ...rest] = bus.requests.flat();
    expect(JSON.parse(first.Detail)).toMatchObject({
      before: {},
      after: {},
      truncated: true,
      fields: ['tags'],
    });
    expect(
      rest.every((entry) => (JSON.parse(entry.Detail) as ChangeFeedEntry).after.tags !== undefined),
    ).toBe(true);
    for (const entries of bus.requests) {
      const bytes = entries.reduce((sum, entry) => sum + Buffer.byteLength(entry.Detail), 0);
      expect(bytes).toBeLessThan(256 * 1024);
    }
    expect(bus.requests.length).toBeGreaterThan(1);
  });
});

/** A stream record as Lambda hands it over for an inserted, modified or removed item. */
function streamRecord(
  sequenceNumber: string,
  item: Record<string, unknown>,
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'INSERT',
): DynamoDBRecord {
  const image = marshall(item, { removeUndefinedValues: true }) as Record<string, AttributeValue>;
  return {
    eventName,
    dynamodb: {
      SequenceNumber: sequenceNumber,
      Keys: { pk: image.pk, sk: image.sk },
      NewImage: eventName === 'REMOVE' ? undefined : image,
    },
  };
}

const feedItem = (entry: ChangeFeedEntry) => changeFeedItem(entry);

describe('the stream publisher', () => {
  test('reads only inserted change feed items, in stream order', () => {
    const records = [
      streamRecord('1', feedItem(change(1))),
      streamRecord('2', { pk: 'R#arn:aws:s3:::bucket-1', sk: 'ROW', id: 'arn:aws:s3:::bucket-1' }),
      streamRecord('3', feedItem(change(2)), 'MODIFY'),
      streamRecord('4', feedItem(change(3)), 'REMOVE'),
      streamRecord('5', feedItem(change(4, { fields: [] }))),
    ];
    expect(streamChanges(records)).toEqual([
      { sequenceNumber: '1', change: change(1) },
      { sequenceNumber: '5', change: change(4, { fields: [] }) },
    ]);
  });

  const telemetry = () => {
    const real = createTelemetry(SERVICE_NAMES.changePublisher);
    real.logger.setLogLevel('SILENT');
    return { ...real, flush: () => undefined };
  };

  test('publishes every change and reports no failure', async () => {
    const seen: ChangeFeedEntry[] = [];
    const notifier: ChangeNotifier = { notify: async (changes) => void seen.push(...changes) };
    const records = Array.from({ length: 25 }, (_, n) => streamRecord(String(n + 1), feedItem(change(n))));
    const result = await createChangePublisher(notifier, telemetry())({ Records: records });
    expect(result).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual(Array.from({ length: 25 }, (_, n) => change(n)));
  });

  test('a failure reports the first unpublished record, so Lambda retries from there', async () => {
    let calls = 0;
    const notifier: ChangeNotifier = {
      notify: async () => {
        calls++;
        if (calls === 2) throw new Error('bus unavailable');
      },
    };
    const records = Array.from({ length: 25 }, (_, n) => streamRecord(String(100 + n), feedItem(change(n))));
    const result = await createChangePublisher(notifier, telemetry())({ Records: records });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '110' }] });
    expect(calls).toBe(2);
  });

  test('end to end: stream records through the real client onto the bus', async () => {
    const notifier = createEventBridgeChangeNotifier({ client: bus.client, eventBusName: 'inv-changes' });
    const result = await createChangePublisher(
      notifier,
      telemetry(),
    )({
      Records: [streamRecord('1', feedItem(change(7, { change: 'deleted' })))],
    });
    expect(result.batchItemFailures).toEqual([]);
    expect(bus.requests.flat().map((entry) => JSON.parse(entry.Detail) as unknown)).toEqual([
      change(7, { change: 'deleted' }),
    ]);
  });
});
