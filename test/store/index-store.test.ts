// The index store against DynamoDB Local: merging, ordering, tombstones, stacks and paged reads.
import { IndexStore } from '../../shared/store/index-store';
import { ACCOUNT, REGION, bucketChange, stackChange } from '../fixtures/changes';
import { createTestTable } from '../support/test-table';
import type { TestTable } from '../support/test-table';

let table: TestTable;
let store: IndexStore;

beforeAll(async () => {
  table = await createTestTable('store');
  store = new IndexStore({
    client: table.documentClient,
    tableName: table.tableName,
    tombstoneRetentionDays: 30,
    now: () => new Date('2024-05-10T00:00:00Z'),
  });
});
afterAll(() => table.drop());

const stack = {
  id: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/app/1111`,
  name: 'app',
  logicalId: 'Assets',
};

describe('writing', () => {
  test('two sources of one resource merge into one row, neither erasing the other', async () => {
    await store.applyChanges([
      bucketChange('merge-me', { source: 'cloudformation', stack, eventId: 'cfn-1' }),
      bucketChange('merge-me', {
        lifecycle: 'tag',
        eventTime: '2024-05-01T10:05:00Z',
        eventId: 'ct-tag',
        tags: { add: { team: 'blue' } },
      }),
    ]);
    const row = await store.getResource('arn:aws:s3:::merge-me');
    expect(row).toMatchObject({
      status: 'active',
      stack,
      tags: { team: 'blue' },
      sources: ['cloudformation', 'cloudtrail'],
      firstSeen: '2024-05-01T10:00:00Z',
      lastChanged: '2024-05-01T10:05:00Z',
      service: 's3',
      deletedAt: null,
    });
    expect(typeof row?.indexedAt).toBe('string');
  });

  test('a late create does not resurrect a deleted resource', async () => {
    const id = 'arn:aws:s3:::late-create';
    await store.applyChanges([
      bucketChange('late-create', {
        action: 'delete',
        lifecycle: 'delete',
        eventTime: '2024-05-02T00:00:00Z',
        eventId: 'd',
      }),
    ]);
    await store.applyChanges([bucketChange('late-create', { eventId: 'c' })]);
    expect(await store.getResource(id)).toMatchObject({
      status: 'deleted',
      deletedAt: '2024-05-02T00:00:00Z',
    });
  });

  test('inside one second the lifecycle rank decides: create then delete ends deleted', async () => {
    const second = '2024-05-03T00:00:00Z';
    await store.applyChanges([
      bucketChange('same-second', {
        action: 'delete',
        lifecycle: 'delete',
        eventTime: second,
        eventId: 'a-delete',
      }),
      bucketChange('same-second', { eventTime: second, eventId: 'z-create' }),
    ]);
    expect(await store.getResource('arn:aws:s3:::same-second')).toMatchObject({ status: 'deleted' });
  });

  test('a redelivered event is a duplicate and writes no row', async () => {
    const change = bucketChange('dup', { eventId: 'dup-1' });
    const first = await store.applyChanges([change]);
    const second = await store.applyChanges([change]);
    expect(first).toMatchObject({ recorded: 1, duplicates: 0, rowsWritten: 1 });
    expect(second).toMatchObject({ recorded: 0, duplicates: 1, rowsWritten: 0, rowsUnchanged: 1 });
  });

  test('a tombstone carries a TTL and is treated as gone once expired', async () => {
    const deleteAt = '2024-05-04T00:00:00Z';
    await store.applyChanges([
      bucketChange('expiring'),
      bucketChange('expiring', {
        action: 'delete',
        lifecycle: 'delete',
        eventTime: deleteAt,
        eventId: 'del',
      }),
    ]);
    expect(await store.getResource('arn:aws:s3:::expiring')).toMatchObject({ status: 'deleted' });
    const later = new IndexStore({
      client: table.documentClient,
      tableName: table.tableName,
      now: () => new Date(Date.parse(deleteAt) + 31 * 86_400_000),
    });
    expect(await later.getResource('arn:aws:s3:::expiring')).toBeUndefined();
    const page = await later.listResources({ status: 'deleted', namePrefix: 'expiring' }, { limit: 10 });
    expect(page.items).toEqual([]);
    expect((await later.getHistory('arn:aws:s3:::expiring', { limit: 10 })).items).toEqual([]);
  });

  test('DELETE_SKIPPED detaches from the stack and stays active', async () => {
    await store.applyChanges([
      bucketChange('retained', { source: 'cloudformation', stack, eventId: 'r1' }),
      bucketChange('retained', {
        source: 'cloudformation',
        lifecycle: 'detach',
        stack: null,
        eventTime: '2024-05-05T00:00:00Z',
        eventId: 'r2',
      }),
    ]);
    expect(await store.getResource('arn:aws:s3:::retained')).toMatchObject({ status: 'active', stack: null });
  });
});

describe('reading', () => {
  test('history lists every change once, oldest first or newest first', async () => {
    const id = 'arn:aws:s3:::history';
    await store.applyChanges([
      bucketChange('history', { eventId: 'h1' }),
      bucketChange('history', {
        lifecycle: 'tag',
        eventTime: '2024-05-01T11:00:00Z',
        eventId: 'h2',
        tags: { add: { a: '1' } },
      }),
    ]);
    await store.applyChanges([bucketChange('history', { eventId: 'h1' })]);
    const oldestFirst = await store.getHistory(id, { limit: 10 });
    expect(oldestFirst.items.map((entry) => entry.eventId)).toEqual(['h1', 'h2']);
    const newestFirst = await store.getHistory(id, { limit: 1, newestFirst: true });
    expect(newestFirst.items.map((entry) => entry.eventId)).toEqual(['h2']);
    expect(newestFirst.next).toBeDefined();
  });

  test('stack rows fold their status and can be found by name', async () => {
    await store.applyStackChanges([
      stackChange('web', { stackStatus: 'CREATE_IN_PROGRESS', eventId: 's1' }),
      stackChange('web', { stackStatus: 'CREATE_COMPLETE', eventId: 's2' }),
      stackChange('web', {
        stackStatus: 'DELETE_COMPLETE',
        eventTime: '2024-05-06T00:00:00Z',
        eventId: 's3',
      }),
    ]);
    const [found] = await store.findStacksByName('web');
    expect(found).toMatchObject({ name: 'web', status: 'deleted', stackStatus: 'DELETE_COMPLETE' });
    expect(await store.findStacksByName('we')).toEqual([]);
    const deleted = await store.listStacks({ status: 'deleted' }, { limit: 10 });
    expect(deleted.items.map((item) => item.name)).toContain('web');
  });

  test('filters select through indexes and never scan', async () => {
    await store.applyChanges([
      bucketChange('filter-a', { tags: { set: { env: 'prod' } }, eventId: 'fa' }),
      bucketChange('filter-b', {
        tags: { set: { env: 'dev' } },
        eventId: 'fb',
        region: 'us-east-1',
        id: 'arn:aws:s3:::filter-b',
      }),
      {
        ...bucketChange('filter-q', { eventId: 'fq' }),
        id: `arn:aws:sqs:${REGION}:${ACCOUNT}:filter-q`,
        arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:filter-q`,
        type: 'AWS::SQS::Queue',
        tags: { set: { env: 'prod' } },
      },
    ]);
    table.sentCommands.length = 0;
    const names = async (filter: Parameters<IndexStore['listResources']>[0]) =>
      (await store.listResources({ namePrefix: 'filter-', ...filter }, { limit: 100 })).items
        .map((r) => r.name)
        .sort();
    expect(await names({ type: 'AWS::S3::Bucket' })).toEqual(['filter-a', 'filter-b']);
    expect(await names({ service: 'sqs' })).toEqual(['filter-q']);
    expect(await names({ tags: { env: 'prod' } })).toEqual(['filter-a', 'filter-q']);
    expect(await names({ tags: { env: 'prod' }, type: 'AWS::SQS::Queue' })).toEqual(['filter-q']);
    expect(await names({ account: ACCOUNT, region: 'us-east-1' })).toEqual(['filter-b']);
    expect(await names({ region: REGION })).toEqual(['filter-a', 'filter-q']);
    expect(await names({ account: ACCOUNT })).toEqual(['filter-a', 'filter-b', 'filter-q']);
    expect(await names({})).toEqual(['filter-a', 'filter-b', 'filter-q']);
    expect(table.sentCommands.length).toBeGreaterThan(0);
    expect(table.sentCommands).not.toContain('ScanCommand');
  });

  test('a page costs reads in proportion to the page, not to the index', async () => {
    await store.applyChanges(
      Array.from({ length: 60 }, (_, n) =>
        bucketChange(`bulk-${String(n).padStart(3, '0')}`, { eventId: `bulk-${n}` }),
      ),
    );
    table.sentCommands.length = 0;
    const page = await store.listResources({ type: 'AWS::S3::Bucket', namePrefix: 'bulk-' }, { limit: 7 });
    expect(page.items.map((r) => r.name)).toEqual(
      Array.from({ length: 7 }, (_, n) => `bulk-${String(n).padStart(3, '0')}`),
    );
    expect(table.sentCommands).toEqual(['QueryCommand']);
    const rest = await store.listResources(
      { type: 'AWS::S3::Bucket', namePrefix: 'bulk-' },
      { limit: 100, after: page.next },
    );
    expect(rest.items).toHaveLength(53);
    expect(rest.next).toBeUndefined();
  });
});

test('the same change twice in one batch is recorded once', async () => {
  const change = bucketChange('twice-in-batch', { eventId: 'tw-1' });
  const outcome = await store.applyChanges([change, { ...change }]);
  expect(outcome).toMatchObject({ recorded: 1, rowsWritten: 1 });
  expect((await store.getHistory('arn:aws:s3:::twice-in-batch', { limit: 10 })).items).toHaveLength(1);
});

test('a tag filter with status all and a name prefix checks the name on the rows', async () => {
  await store.applyChanges([
    bucketChange('tagall-keep', { eventId: 'ta1', tags: { set: { tier: 'gold' } } }),
    bucketChange('tagall-drop', { eventId: 'ta2', tags: { set: { tier: 'gold' } } }),
    bucketChange('tagall-keep', {
      action: 'delete',
      lifecycle: 'delete',
      eventTime: '2024-05-02T00:00:00Z',
      eventId: 'ta3',
    }),
  ]);
  const page = await store.listResources(
    { tags: { tier: 'gold' }, status: 'all', namePrefix: 'tagall-k' },
    { limit: 10 },
  );
  expect(page.items.map((row) => [row.name, row.status])).toEqual([['tagall-keep', 'deleted']]);
});

test('a late event that changes nothing still gets the tombstone expiry on its history item', async () => {
  const id = 'arn:aws:s3:::late-ttl';
  await store.applyChanges([
    bucketChange('late-ttl', { eventId: 'lt1' }),
    bucketChange('late-ttl', {
      action: 'delete',
      lifecycle: 'delete',
      eventTime: '2024-05-02T00:00:00Z',
      eventId: 'lt2',
    }),
  ]);
  await store.applyChanges([
    bucketChange('late-ttl', { lifecycle: 'update', eventTime: '2024-05-01T12:00:00Z', eventId: 'lt3' }),
  ]);
  const later = new IndexStore({
    client: table.documentClient,
    tableName: table.tableName,
    now: () => new Date(Date.parse('2024-05-02T00:00:00Z') + 31 * 86_400_000),
  });
  expect(await later.getResource(id)).toBeUndefined();
  expect((await later.getHistory(id, { limit: 10 })).items).toEqual([]);
});
