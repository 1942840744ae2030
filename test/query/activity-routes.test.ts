// GET /summary, /changes and /snapshots through the real handler and DynamoDB Local: counts kept by
// the store as rows change; feed entries on past days and runs written in the store's layout.
import type { ChangeFeedEntry } from '../../shared/notify/change-notifier';
import { CHANGE_FEED_RETENTION_DAYS } from '../../shared/store/index-items';
import type { SnapshotRun } from '../../shared/store/snapshot-runs-reader';
import { ACCOUNT, REGION, bucketChange } from '../fixtures/changes';
import { asError, asPage, readAllPages, startQueryApiHarness } from './query-api-harness';
import type { QueryApiHarness } from './query-api-harness';
import { changeFeedItem, putItems, snapshotRunItem } from './read-model-fixtures';
import { SUMMARY_SHARDS } from '../../shared/store/index-items';

const NOW = new Date('2026-03-10T12:00:00Z');
/** Counts: rows written through the store. Feed and runs: a table holding only the items below. */
let counted: QueryApiHarness;
let harness: QueryApiHarness;

const entry = (indexedAt: string, id: string, overrides: Partial<ChangeFeedEntry> = {}): ChangeFeedEntry => ({
  indexedAt,
  eventTime: '2026-03-01T00:00:00Z',
  id,
  arn: id,
  type: 'AWS::S3::Bucket',
  change: 'updated',
  fields: ['tags'],
  before: { tags: { env: 'dev' } },
  after: { tags: { env: 'prod' } },
  version: 2,
  ...overrides,
});

/** Changes on several days, some days empty, one older than the retention (it must never show). */
const ENTRIES: ChangeFeedEntry[] = [
  entry('2026-03-10T11:59:00.000Z', 'arn:aws:s3:::today-b', {
    change: 'created',
    fields: ['name', 'status'],
    before: {},
  }),
  entry('2026-03-10T09:00:00.000Z', 'arn:aws:s3:::today-a'),
  entry('2026-03-10T09:00:00.000Z', 'arn:aws:s3:::today-a', { version: 3, change: 'deleted' }),
  entry('2026-03-08T23:59:59.999Z', 'arn:aws:s3:::two-days-ago'),
  entry('2026-03-01T00:00:00.000Z', 'arn:aws:s3:::nine-days-ago', { change: 'restored' }),
  entry('2026-02-09T00:00:01.000Z', 'arn:aws:s3:::at-the-edge', { arn: null }),
  entry('2026-01-01T00:00:00.000Z', 'arn:aws:s3:::too-old'),
];

const RUNS: SnapshotRun[] = Array.from({ length: 5 }, (_, n) => ({
  id: `run-${n}`,
  source: n % 2 === 0 ? 'config' : 'resource-explorer',
  account: ACCOUNT,
  region: n === 4 ? null : REGION,
  startedAt: `2026-03-0${n + 1}T00:00:00Z`,
  finishedAt: n === 4 ? null : `2026-03-0${n + 1}T00:05:00Z`,
  complete: n !== 1,
  observed: 10 * n,
  created: n,
  updated: 1,
  inferredDeleted: n === 1 ? 0 : 2,
}));

beforeAll(async () => {
  counted = await startQueryApiHarness('activity-summary', { now: () => NOW });
  await counted.store.applyChanges([
    bucketChange('one', { tags: { set: { env: 'prod' } } }),
    bucketChange('two'),
    bucketChange('gone'),
    bucketChange('gone', {
      action: 'delete',
      lifecycle: 'delete',
      eventTime: '2024-05-02T00:00:00Z',
      eventId: 'del',
    }),
  ]);
  harness = await startQueryApiHarness('activity-feed', { now: () => NOW });
  const items = [...ENTRIES.map(changeFeedItem), ...RUNS.map(snapshotRunItem)];
  await putItems(harness.table.documentClient, harness.table.tableName, items);
});
afterAll(async () => {
  await counted.close();
  await harness.close();
});

describe('GET /summary', () => {
  test('counts the active rows by default, kept by the store as rows change', async () => {
    const response = await counted.get('/summary');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'active',
      total: 2,
      byType: { 'AWS::S3::Bucket': 2 },
      byService: { s3: 2 },
      byAccount: { [ACCOUNT]: 2 },
      byRegion: { [REGION]: 2 },
      accountNames: {},
    });
  });

  test('deleted and all', async () => {
    expect((await counted.get('/summary?status=deleted')).body).toMatchObject({
      status: 'deleted',
      total: 1,
    });
    expect((await counted.get('/summary?status=all')).body).toMatchObject({
      status: 'all',
      total: 3,
      byType: { 'AWS::S3::Bucket': 3 },
    });
  });

  test('a counter back at zero is left out of the reply', async () => {
    await counted.store.applyChanges([
      bucketChange('two', {
        action: 'delete',
        lifecycle: 'delete',
        eventTime: '2024-05-03T00:00:00Z',
        eventId: 'del-2',
      }),
      bucketChange('one', {
        action: 'delete',
        lifecycle: 'delete',
        eventTime: '2024-05-03T00:00:00Z',
        eventId: 'del-1',
      }),
    ]);
    expect((await counted.get('/summary')).body).toEqual({
      status: 'active',
      total: 0,
      byType: {},
      byService: {},
      byAccount: {},
      byRegion: {},
      accountNames: {},
    });
    expect((await counted.get('/summary?status=deleted')).body).toMatchObject({
      total: 3,
      byService: { s3: 3 },
    });
  });

  test("costs one Query per status and counter partition, and one for the counted accounts' names", async () => {
    counted.table.sentCommands.length = 0;
    await counted.get('/summary?status=all');
    expect(counted.table.sentCommands).toEqual(Array(2 * SUMMARY_SHARDS + 1).fill('QueryCommand'));
  });

  test.each([
    ['status=gone', 'status', 'invalid_parameter'],
    ['limit=5', 'limit', 'unknown_parameter'],
    ['status=all&status=all', 'status', 'invalid_parameter'],
  ])('%s is a 400 naming %s', async (query, parameter, code) => {
    const response = await counted.get(`/summary?${query}`);
    expect(response.status).toBe(400);
    expect(asError(response.body)).toMatchObject({ code, parameter });
  });
});

describe('GET /changes', () => {
  const inRetention = ENTRIES.filter((change) => change.indexedAt >= '2026-02-08');

  test('lists the feed newest first across days, within the retention', async () => {
    const page = asPage((await harness.get('/changes')).body);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((item) => [item.indexedAt, item.id])).toEqual(
      inRetention
        .map((change) => [change.indexedAt, change.id])
        .sort(([a, b], [c, d]) => (a === c ? (b < d ? 1 : -1) : a < c ? 1 : -1)),
    );
    expect(CHANGE_FEED_RETENTION_DAYS).toBe(30);
  });

  test('an item carries the documented fields and the values before and after', async () => {
    const [newest] = asPage((await harness.get('/changes?limit=1')).body).items;
    expect(newest).toEqual({
      indexedAt: '2026-03-10T11:59:00.000Z',
      eventTime: '2026-03-01T00:00:00Z',
      id: 'arn:aws:s3:::today-b',
      arn: 'arn:aws:s3:::today-b',
      type: 'AWS::S3::Bucket',
      change: 'created',
      fields: ['name', 'status'],
      before: {},
      after: { tags: { env: 'prod' } },
    });
  });

  test.each([1, 2, 3, 5])('pages of %d list every change once, in order', async (size) => {
    const all = asPage((await harness.get('/changes')).body).items;
    const paged = await readAllPages(harness, '/changes', new URLSearchParams(), () => size);
    expect(paged.items).toEqual(all);
    expect(paged.pages).toBeLessThanOrEqual(Math.ceil(all.length / size) + 1);
  });

  test.each([
    ['limit=0', 'limit', 'invalid_parameter'],
    ['limit=1001', 'limit', 'invalid_parameter'],
    ['cursor=abc', 'cursor', 'invalid_cursor'],
    ['status=all', 'status', 'unknown_parameter'],
  ])('%s is a 400 naming %s', async (query, parameter, code) => {
    const response = await harness.get(`/changes?${query}`);
    expect(response.status).toBe(400);
    expect(asError(response.body)).toMatchObject({ code, parameter });
  });

  test("another route's cursor is refused", async () => {
    const runs = asPage((await harness.get('/snapshots?limit=1')).body);
    const response = await harness.get(`/changes?cursor=${runs.nextCursor}`);
    expect(asError(response.body)).toMatchObject({ code: 'invalid_cursor', parameter: 'cursor' });
  });
});

describe('GET /snapshots', () => {
  test('lists the runs newest first, with every field', async () => {
    const page = asPage((await harness.get('/snapshots')).body);
    expect(page.items.map((run) => run.id)).toEqual(['run-4', 'run-3', 'run-2', 'run-1', 'run-0']);
    expect(page.items[0]).toEqual(RUNS[4]);
    expect(page.nextCursor).toBeNull();
  });

  test('pages', async () => {
    const paged = await readAllPages(harness, '/snapshots', new URLSearchParams(), () => 2);
    expect(paged.items.map((run) => run.id)).toEqual(['run-4', 'run-3', 'run-2', 'run-1', 'run-0']);
  });

  test.each([
    ['limit=x', 'limit', 'invalid_parameter'],
    ['q=x', 'q', 'unknown_parameter'],
  ])('%s is a 400 naming %s', async (query, parameter, code) => {
    const response = await harness.get(`/snapshots?${query}`);
    expect(response.status).toBe(400);
    expect(asError(response.body)).toMatchObject({ code, parameter });
  });
});
