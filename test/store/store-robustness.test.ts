// The store against events that used to poison a resource or grow its write cost: a tag swap too big
// for one transaction, names, values and ids too long for a key, a change DynamoDB cannot store, and
// a deleter racing a re-creator. Each must land, or fail alone, and leave the resource writable.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { IndexStore } from '../../shared/store/index-store';
import { resourcePk } from '../../shared/store/index-items';
import { bucketChange } from '../fixtures/changes';
import { createTestTable } from '../support/test-table';
import type { TestTable } from '../support/test-table';

let table: TestTable;
let store: IndexStore;

beforeAll(async () => {
  table = await createTestTable('robust');
  store = newStore();
});
afterAll(() => table.drop());

function newStore(): IndexStore {
  return new IndexStore({
    client: table.documentClient,
    tableName: table.tableName,
    tombstoneRetentionDays: 36_500,
  });
}

const keys = (prefix: string, count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, `value-${i}`]));

async function derivedEntries(id: string, prefix: string): Promise<string[]> {
  const result = await table.documentClient.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': resourcePk(id), ':prefix': prefix },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).map((item) => String(item.sk)).sort();
}

test('50 tags replaced by 50 others in one call, then a delete: the row ends deleted and findable by its new tags', async () => {
  const id = 'arn:aws:s3:::tag-swap';
  await store.applyChanges([bucketChange('tag-swap', { eventId: 'create', tags: { set: keys('old', 50) } })]);
  await store.applyChanges([
    bucketChange('tag-swap', {
      lifecycle: 'tag',
      eventId: 'swap',
      eventTime: '2024-05-01T10:01:00Z',
      tags: { set: keys('new', 50) },
    }),
  ]);
  const swapped = await store.getResource(id);
  expect(Object.keys(swapped?.tags ?? {}).sort()).toEqual(Object.keys(keys('new', 50)).sort());
  // The tag index holds exactly the new keys: the entries too many for the row's transaction followed it.
  expect(await derivedEntries(id, 'TAG#')).toEqual(
    Object.keys(keys('new', 50))
      .map((key) => `TAG#${key}`)
      .sort(),
  );
  const byNewTag = await store.listResources({ tags: { new7: 'value-7' } }, { limit: 10 });
  expect(byNewTag.items.map((row) => row.id)).toEqual([id]);
  expect((await store.listResources({ tags: { old7: 'value-7' } }, { limit: 10 })).items).toEqual([]);

  await store.applyChanges([
    bucketChange('tag-swap', {
      action: 'delete',
      lifecycle: 'delete',
      eventId: 'delete',
      eventTime: '2024-05-01T10:02:00Z',
    }),
  ]);
  expect(await store.getResource(id)).toMatchObject({ status: 'deleted', deletedAt: '2024-05-01T10:02:00Z' });
  // A redelivery of the swap (a fresh writer, nothing cached) is a duplicate and changes nothing.
  const redelivered = await newStore().applyChanges([
    bucketChange('tag-swap', {
      lifecycle: 'tag',
      eventId: 'swap',
      eventTime: '2024-05-01T10:01:00Z',
      tags: { set: keys('new', 50) },
    }),
  ]);
  expect(redelivered).toMatchObject({ recorded: 0, duplicates: 1 });
  expect((await store.getResource(id))?.status).toBe('deleted');
});

test('a 5 KB name, a 3 KB tag value and a 3 KB id are stored, found by id and by tag', async () => {
  const longName = `n${'x'.repeat(5_000)}`;
  const longValue = 'v'.repeat(3_000);
  const longId = `arn:aws:s3:::${'b'.repeat(3_000)}`;
  await store.applyChanges([
    bucketChange('long-name', { eventId: 'long-1', name: longName, tags: { add: { owner: longValue } } }),
    { ...bucketChange('long-id', { eventId: 'long-2' }), id: longId, arn: longId },
  ]);
  expect((await store.getResource('arn:aws:s3:::long-name'))?.name).toBe(longName);
  expect((await store.getResource(longId))?.id).toBe(longId);
  const byValue = await store.listResources({ tags: { owner: longValue } }, { limit: 5 });
  expect(byValue.items.map((row) => row.id)).toEqual(['arn:aws:s3:::long-name']);
  // And the resource's later changes still land.
  await store.applyChanges([
    bucketChange('long-name', {
      action: 'delete',
      lifecycle: 'delete',
      eventId: 'long-3',
      eventTime: '2024-05-01T11:00:00Z',
    }),
  ]);
  expect((await store.getResource('arn:aws:s3:::long-name'))?.status).toBe('deleted');
});

test('a change DynamoDB cannot store fails alone: the resource takes its later changes', async () => {
  const id = 'arn:aws:s3:::poison';
  await store.applyChanges([bucketChange('poison', { eventId: 'p-create' })]);
  // 500 KB of tags: over DynamoDB's 400 KB item limit, so no row could ever hold them.
  const huge = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'x'.repeat(5_000)]));
  await expect(
    store.applyChanges([
      bucketChange('poison', {
        lifecycle: 'tag',
        eventId: 'p-huge',
        eventTime: '2024-05-01T10:01:00Z',
        tags: { add: huge },
      }),
    ]),
  ).rejects.toThrow();
  await store.applyChanges([
    bucketChange('poison', {
      lifecycle: 'tag',
      eventId: 'p-tag',
      eventTime: '2024-05-01T10:02:00Z',
      tags: { add: { fine: 'yes' } },
    }),
  ]);
  await store.applyChanges([
    bucketChange('poison', {
      action: 'delete',
      lifecycle: 'delete',
      eventId: 'p-delete',
      eventTime: '2024-05-01T10:03:00Z',
    }),
  ]);
  expect(await store.getResource(id)).toMatchObject({ status: 'deleted', tags: { fine: 'yes' } });
});

test('a deleter and a re-creator racing: history lives exactly as long as the row, whoever wins', async () => {
  for (let round = 0; round < 8; round++) {
    const name = `race-${round}`;
    const id = `arn:aws:s3:::${name}`;
    await newStore().applyChanges([bucketChange(name, { eventId: `${name}-create` })]);
    const deleteChange = bucketChange(name, {
      action: 'delete',
      lifecycle: 'delete',
      eventId: `${name}-delete`,
      eventTime: '2024-05-01T10:01:00Z',
    });
    const recreateChange = bucketChange(name, {
      eventId: `${name}-again`,
      eventTime: '2024-05-01T10:02:00Z',
    });
    // Two writers with their own caches, in either order of arrival.
    const writers = round % 2 === 0 ? [deleteChange, recreateChange] : [recreateChange, deleteChange];
    await Promise.all(writers.map((change) => newStore().applyChanges([change])));
    const row = await store.getResource(id);
    expect(row).toMatchObject({ status: 'active', deletedAt: null, lastChanged: '2024-05-01T10:02:00Z' });
    // The row lives (no expiry), so does every history item: three entries, none with a TTL.
    const history = await store.getHistory(id, { limit: 10 });
    expect(history.items.map((entry) => entry.eventId).sort()).toEqual(
      [`${name}-again`, `${name}-create`, `${name}-delete`].sort(),
    );
    const rowItem = await table.documentClient.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': resourcePk(id) },
        ConsistentRead: true,
      }),
    );
    expect((rowItem.Items ?? []).filter((item) => item.expiresAt !== undefined)).toEqual([]);
  }
});

test('an expired tombstone has no history, whatever history items remain', async () => {
  const expiring = new IndexStore({
    client: table.documentClient,
    tableName: table.tableName,
    tombstoneRetentionDays: 1,
    now: () => new Date('2030-01-01T00:00:00Z'),
  });
  await expiring.applyChanges([
    bucketChange('expired', { eventId: 'x-create' }),
    bucketChange('expired', {
      action: 'delete',
      lifecycle: 'delete',
      eventId: 'x-delete',
      eventTime: '2024-05-01T10:01:00Z',
    }),
  ]);
  expect(await expiring.getResource('arn:aws:s3:::expired')).toBeUndefined();
  expect((await expiring.getHistory('arn:aws:s3:::expired', { limit: 10 })).items).toEqual([]);
});
