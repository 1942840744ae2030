// The two ingest Lambdas end to end against DynamoDB Local: their EMF metrics and logs for each kind
// of event, a bad event that does not throw, and store failures that do.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCloudFormationIngestHandler } from '../../handlers/cloudformation-ingest';
import { createCloudTrailIngestHandler } from '../../handlers/cloudtrail-ingest';
import { lazyIngestHandler } from '../../shared/ingest/ingest-handler';
import { findFreePort } from '../../shared/local/free-port';
import { SERVICE_NAMES } from '../../shared/observability/metric-catalog';
import { createDocumentClient, createDynamoDbClient } from '../../shared/store/dynamodb-client';
import { IndexStore } from '../../shared/store/index-store';
import { createTestTable } from '../support/test-table';
import type { TestTable } from '../support/test-table';
import { captureOutput, metricValues } from './emf-capture';
import { sampleFiles } from './sample-events';
import { CLOUDFORMATION_CONSUMER_NORMALIZERS } from '../../shared/ingest/cloudformation-consumer-normalizers';

let table: TestTable;
let store: IndexStore;

beforeAll(async () => {
  table = await createTestTable('ingest-handlers');
  store = new IndexStore({ client: table.documentClient, tableName: table.tableName });
});
afterAll(() => table.drop());

function sample(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(resolve(__dirname, '../..', path), 'utf8'));
}

const RESOURCE_STATUS = 'CloudFormation Resource Status Change';
const STACK_STATUS = 'CloudFormation Stack Status Change';
const API_CALL = 'AWS API Call via CloudTrail';

describe('cloudformation-ingest', () => {
  const handler = () => createCloudFormationIngestHandler({ store });

  test('a resource status change: row written, EMF metrics by detail-type, lag, correlation id', async () => {
    const event = sample('events/cloudformation/resource/create-complete.json');
    const { result, output } = await captureOutput(() => handler()(event));
    expect(result?.outcomes.mapped).toBe(1);
    const service = { service: SERVICE_NAMES.cloudformationIngest };
    expect(metricValues(output, 'EventsReceived', { ...service, DetailType: RESOURCE_STATUS })).toEqual([1]);
    expect(metricValues(output, 'ChangesApplied', service)).toEqual([1]);
    expect(metricValues(output, 'RowsWritten', service)).toEqual([1]);
    expect(metricValues(output, 'DuplicateChanges', service)).toEqual([0]);
    expect(metricValues(output, 'IngestLag', service)).toHaveLength(1);
    expect(metricValues(output, 'IngestLag', service)[0]).toBeGreaterThan(0);
    expect(
      output.metrics.every((doc) => doc._aws.CloudWatchMetrics[0].Namespace === 'ResourceInventory'),
    ).toBe(true);
    expect(await store.getResource('arn:aws:s3:::orders-service-assetsbucket-1x2y3z4w5v6u')).toMatchObject({
      status: 'active',
      sources: ['cloudformation'],
    });
  });

  test('redelivery is counted as a duplicate and leaves the row unchanged', async () => {
    const event = sample('events/cloudformation/resource/create-complete.json');
    const { output } = await captureOutput(() => handler()(event));
    const service = { service: SERVICE_NAMES.cloudformationIngest };
    expect(metricValues(output, 'DuplicateChanges', service)).toEqual([1]);
    expect(metricValues(output, 'ChangesApplied', service)).toEqual([0]);
    expect(metricValues(output, 'UnchangedRows', service)).toEqual([1]);
  });

  test('a stack status change: stack row written, counted under its detail-type', async () => {
    const event = sample('events/cloudformation/stack/create-complete.json');
    const { output } = await captureOutput(() => handler()(event));
    expect(metricValues(output, 'EventsReceived', { DetailType: STACK_STATUS })).toEqual([1]);
    expect(metricValues(output, 'RowsWritten')).toEqual([1]);
    const detail = event.detail as { 'stack-id': string };
    expect(await store.getStack(detail['stack-id'])).toMatchObject({
      name: 'orders-service',
      stackStatus: 'CREATE_COMPLETE',
    });
  });

  test('a skipped status writes nothing and emits no write metrics', async () => {
    const { result, output } = await captureOutput(() =>
      handler()(sample('events/cloudformation/resource/create-in-progress.json')),
    );
    expect(result?.outcomes.skipped).toBe(1);
    expect(metricValues(output, 'EventsReceived', { DetailType: RESOURCE_STATUS })).toEqual([1]);
    expect(metricValues(output, 'RowsWritten')).toEqual([]);
  });

  test('a malformed event is rejected: logged with its reason and correlation id, counted, not thrown', async () => {
    const event = {
      ...sample('events/cloudformation/resource/create-complete.json'),
      id: 'bad-event-1',
      detail: { nope: 1 },
    };
    const { result, error, output } = await captureOutput(() => handler()(event));
    expect(error).toBeUndefined();
    expect(result?.events[0]).toMatchObject({ eventId: 'bad-event-1', outcome: 'rejected' });
    expect(metricValues(output, 'EventsRejected')).toEqual([1]);
    expect(metricValues(output, 'EventsReceived', { DetailType: RESOURCE_STATUS })).toEqual([1]);
    const log = output.logs.find((line) => line.message === 'event rejected');
    expect(log).toMatchObject({
      level: 'WARN',
      correlation_id: 'bad-event-1',
      service: SERVICE_NAMES.cloudformationIngest,
    });
    expect(String(log?.reason)).toMatch(/detail.stack-id/);
  });

  test('something that is not an event at all is rejected under DetailType "other"', async () => {
    const { error, output } = await captureOutput(() => handler()('not an event'));
    expect(error).toBeUndefined();
    expect(metricValues(output, 'EventsReceived', { DetailType: 'other' })).toEqual([1]);
    expect(metricValues(output, 'EventsRejected')).toEqual([1]);
  });
});

describe('cloudtrail-ingest', () => {
  test('an API call: EMF metrics under the CloudTrail service and detail-type', async () => {
    const file = sampleFiles('events/cloudtrail').find((path) => !path.includes('/negative/'));
    if (!file) throw new Error('no CloudTrail sample events under events/cloudtrail');
    const event: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const { result, output } = await captureOutput(() => createCloudTrailIngestHandler({ store })(event));
    expect(result?.outcomes.rejected).toBe(0);
    const service = { service: SERVICE_NAMES.cloudtrailIngest };
    expect(metricValues(output, 'EventsReceived', { ...service, DetailType: API_CALL })).toEqual([1]);
  });

  test('an unmapped write call is counted every time and logged once', async () => {
    const call = (id: string) => ({
      version: '0',
      id,
      'detail-type': API_CALL,
      source: 'aws.nowhere',
      account: '111122223333',
      time: '2024-05-01T10:00:00Z',
      region: 'eu-west-1',
      resources: [],
      detail: {
        eventVersion: '1.09',
        eventSource: 'nowhere.amazonaws.com',
        eventName: 'FrobnicateWidget',
        eventTime: '2024-05-01T10:00:00Z',
        eventID: id,
        awsRegion: 'eu-west-1',
        recipientAccountId: '111122223333',
        readOnly: false,
        requestParameters: { widget: 'w-1' },
        responseElements: null,
      },
    });
    const handler = createCloudTrailIngestHandler({ store });
    const first = await captureOutput(() => handler(call('unmapped-1')));
    const second = await captureOutput(() => handler(call('unmapped-2')));
    expect(first.result?.outcomes.unmapped).toBe(1);
    expect(metricValues(first.output, 'UnmappedCalls')).toEqual([1]);
    expect(metricValues(second.output, 'UnmappedCalls')).toEqual([1]);
    const logged = [...first.output.logs, ...second.output.logs].filter((line) =>
      String(line.message).startsWith('unmapped call'),
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ call: 'nowhere.amazonaws.com FrobnicateWidget' });
  });
});

describe('store failures throw so the platform retries', () => {
  const event = () => sample('events/cloudformation/resource/update-complete.json');

  test('a table that does not exist', async () => {
    const missing = new IndexStore({ client: table.documentClient, tableName: 'no-such-table' });
    const { error, output } = await captureOutput(() =>
      createCloudFormationIngestHandler({ store: missing })(event()),
    );
    expect(error).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(output.logs.find((line) => line.level === 'ERROR')).toMatchObject({ retryable: false });
    // Metrics recorded before the failure are still flushed.
    expect(metricValues(output, 'EventsReceived', { DetailType: RESOURCE_STATUS })).toEqual([1]);
  });

  test('DynamoDB unreachable (nothing listens on the port): thrown', async () => {
    const port = await findFreePort();
    const client = createDynamoDbClient({ endpoint: `http://127.0.0.1:${port}`, maxAttempts: 1 });
    const unreachable = new IndexStore({ client: createDocumentClient(client), tableName: table.tableName });
    const { error, output } = await captureOutput(() =>
      createCloudFormationIngestHandler({ store: unreachable })(event()),
    );
    client.destroy();
    expect(String(error)).toMatch(/ECONNREFUSED/);
    // Under jest the SDK re-wraps Node's socket error (another realm's Error) and drops its `code`,
    // so the retryable flag is only asserted where the error keeps it: see isRetryableStoreError.
    expect(output.logs.find((line) => line.level === 'ERROR')).toHaveProperty('retryable');
  });
});

describe('the deployed handler is built from the environment', () => {
  test('TABLE_NAME is required', async () => {
    const handler = lazyIngestHandler(
      { service: SERVICE_NAMES.cloudformationIngest, normalizers: CLOUDFORMATION_CONSUMER_NORMALIZERS },
      {},
    );
    await expect(handler(event())).rejects.toThrow(/TABLE_NAME/);
  });

  test('TABLE_NAME and DYNAMODB_ENDPOINT reach the store', async () => {
    const handler = lazyIngestHandler(
      { service: SERVICE_NAMES.cloudformationIngest, normalizers: CLOUDFORMATION_CONSUMER_NORMALIZERS },
      {
        TABLE_NAME: table.tableName,
        DYNAMODB_ENDPOINT: table.endpoint,
        TOMBSTONE_RETENTION_DAYS: '30',
      },
    );
    const { result } = await captureOutput(() =>
      handler(sample('events/cloudformation/resource/delete-skipped.json')),
    );
    expect(result?.applied.recorded).toBe(1);
    expect(await store.getResource('arn:aws:s3:::orders-service-archive-2024')).toMatchObject({
      stack: null,
    });
  });

  test('a bad TOMBSTONE_RETENTION_DAYS is refused', async () => {
    const handler = lazyIngestHandler(
      { service: SERVICE_NAMES.cloudformationIngest, normalizers: CLOUDFORMATION_CONSUMER_NORMALIZERS },
      {
        TABLE_NAME: 't',
        TOMBSTONE_RETENTION_DAYS: 'forever',
      },
    );
    await expect(handler(event())).rejects.toThrow(/TOMBSTONE_RETENTION_DAYS/);
  });

  function event() {
    return sample('events/cloudformation/resource/create-complete.json');
  }
});
