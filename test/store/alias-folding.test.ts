// Folding a row stored under an alias id into the canonical row, by example: a fold too large for one
// transaction (the overflow path) ends like any other, a later change to the alias id lands on the
// canonical row, and a newer claim of an alias moves its redirect.
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ResourceChange } from '../../shared/model/resource-change';
import type { ResourceRecord } from '../../shared/model/resource-record';
import { recordChanges } from '../../shared/model/resource-state';
import { resourcePk } from '../../shared/store/index-items';
import { IndexStore } from '../../shared/store/index-store';
import { createSummaryReader } from '../../shared/store/summary-reader';
import { ACCOUNT, REGION } from '../fixtures/changes';
import { referenceFold } from '../fixtures/reference-fold';
import { createTestTable } from '../support/test-table';
import type { TestTable } from '../support/test-table';

const EIP = 'AWS::EC2::EIP';

let table: TestTable;
let store: IndexStore;

beforeAll(async () => {
  table = await createTestTable('alias-fold');
  store = new IndexStore({ client: table.documentClient, tableName: table.tableName });
});
afterAll(() => table.drop());

const allocationArn = (allocation: string) => `arn:aws:ec2:${REGION}:${ACCOUNT}:elastic-ip/${allocation}`;
const publicIpId = (ip: string) => `${EIP}|${ACCOUNT}|${REGION}|${ip}`;

function eipChange(id: string, overrides: Partial<ResourceChange>): ResourceChange {
  return {
    id,
    arn: id.startsWith('arn:') ? id : null,
    type: EIP,
    account: ACCOUNT,
    region: REGION,
    action: 'upsert',
    lifecycle: 'create',
    eventTime: '2024-06-03T09:00:00Z',
    eventId: `evt-${id}`,
    source: 'cloudtrail',
    ...overrides,
  };
}

async function itemsUnder(id: string) {
  const result = await table.documentClient.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': resourcePk(id) },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

function withoutIndexedAt(record: ResourceRecord | undefined): ResourceRecord | undefined {
  if (!record) return undefined;
  const copy = { ...record };
  delete copy.indexedAt;
  return copy;
}

test('a fold too large for one transaction moves everything in batches and ends like any fold', async () => {
  const alias = publicIpId('198.51.100.10');
  const canonical = allocationArn('eipalloc-0aaaaaaaaaaaaaaa1');
  // Sixty tags and their words under the alias: far more entries than one transaction holds.
  const tags = Object.fromEntries(
    Array.from({ length: 60 }, (_, index) => [`key${index}`, `value-${index}`]),
  );
  const aliasChanges = [
    eipChange(alias, { source: 'snapshot', lifecycle: 'observe', eventId: 'run-1', tags: { set: tags } }),
    eipChange(alias, {
      source: 'cloudformation',
      eventTime: '2024-06-03T09:00:05Z',
      eventId: 'cfn-1',
      stack: {
        id: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/net/1',
        name: 'net',
        logicalId: 'Ip',
      },
    }),
  ];
  await store.applyChanges(aliasChanges);
  expect((await store.getResource(alias))?.id).toBe(alias);

  table.sentCommands.length = 0;
  const create = eipChange(canonical, { aliases: [alias], tags: { set: { Name: 'nat' } } });
  await store.applyChanges([create]);
  expect(table.sentCommands).toContain('BatchWriteItemCommand');

  const all = recordChanges([...aliasChanges, create]).map((change) => ({ ...change, id: canonical }));
  const row = await store.getResource(canonical);
  expect(withoutIndexedAt(row)).toEqual(referenceFold(all));
  expect(await store.getResource(alias)).toEqual(row);
  expect(
    (await store.listResources({ tags: { key59: 'value-59' } }, { limit: 10 })).items.map((r) => r.id),
  ).toEqual([canonical]);
  expect((await store.getHistory(alias, { limit: 10 })).items.map((entry) => entry.eventId).sort()).toEqual(
    ['cfn-1', `evt-${canonical}`, 'run-1'].sort(),
  );
  const left = await itemsUnder(alias);
  expect(left.map((item) => [item.sk, item.redirectTo, item.foldPending])).toEqual([
    ['ROW', canonical, undefined],
  ]);
  const summary = await createSummaryReader({
    client: table.documentClient,
    tableName: table.tableName,
  }).readSummary('all');
  expect(summary.byType[EIP]).toBe(1);
});

test('a change to the alias id after the fold, and a redelivery of a folded event, land on the canonical row', async () => {
  const alias = publicIpId('198.51.100.20');
  const canonical = allocationArn('eipalloc-0aaaaaaaaaaaaaaa2');
  const cloudFormationCreate = eipChange(alias, { source: 'cloudformation', eventId: 'cfn-create-2' });
  await store.applyChanges([cloudFormationCreate]);
  await store.applyChanges([eipChange(canonical, { aliases: [alias], eventTime: '2024-06-03T08:59:58Z' })]);
  const redelivered = await store.applyChanges([cloudFormationCreate]);
  expect(redelivered).toMatchObject({ duplicates: 1, recorded: 0 });

  await store.applyChanges([
    eipChange(alias, {
      source: 'cloudformation',
      action: 'delete',
      lifecycle: 'delete',
      eventTime: '2024-06-03T10:00:00Z',
      eventId: 'cfn-delete-2',
    }),
  ]);
  const row = await store.getResource(canonical);
  expect(row).toMatchObject({ id: canonical, status: 'deleted', deletedAt: '2024-06-03T10:00:00Z' });
  expect((await itemsUnder(alias)).map((item) => item.sk)).toEqual(['ROW']);
  expect((await store.getHistory(canonical, { limit: 10 })).items).toHaveLength(3);
});

test('a newer claim of an alias moves its redirect; an older one does not', async () => {
  const alias = publicIpId('198.51.100.30');
  const first = allocationArn('eipalloc-0aaaaaaaaaaaaaaa3');
  const second = allocationArn('eipalloc-0aaaaaaaaaaaaaaa4');
  // The address was released and allocated again: the later allocation holds the public IP.
  await store.applyChanges([eipChange(second, { aliases: [alias], eventTime: '2024-06-04T09:00:00Z' })]);
  await store.applyChanges([eipChange(first, { aliases: [alias], eventTime: '2024-06-03T09:00:00Z' })]);
  expect((await store.getResource(alias))?.id).toBe(second);
  const third = allocationArn('eipalloc-0aaaaaaaaaaaaaaa5');
  await store.applyChanges([eipChange(third, { aliases: [alias], eventTime: '2024-06-05T09:00:00Z' })]);
  expect((await store.getResource(alias))?.id).toBe(third);
});

test('a fold left half done (the writer stopped after its transaction) is ended by the next writer', async () => {
  const alias = publicIpId('198.51.100.40');
  const canonical = allocationArn('eipalloc-0aaaaaaaaaaaaaaa6');
  const cloudFormationCreate = eipChange(alias, { source: 'cloudformation', eventId: 'cfn-create-6' });
  await store.applyChanges([cloudFormationCreate]);
  await store.applyChanges([eipChange(canonical, { aliases: [alias], eventTime: '2024-06-03T08:59:58Z' })]);
  // What a stop between the overflow transaction and its batches leaves: the redirect marked, the
  // alias's history and a word entry still under it, the canonical row without that history item.
  const [historyItem] = await itemsUnder(canonical).then((items) =>
    items.filter((item) => String(item.sk).includes('cfn-create-6')),
  );
  await table.documentClient.send(
    new TransactWriteCommand({
      TransactItems: [
        { Delete: { TableName: table.tableName, Key: { pk: historyItem.pk, sk: historyItem.sk } } },
        {
          Put: {
            TableName: table.tableName,
            Item: { ...historyItem, pk: resourcePk(alias), change: { ...historyItem.change, id: alias } },
          },
        },
        { Put: { TableName: table.tableName, Item: { pk: resourcePk(alias), sk: 'W#stale', id: alias } } },
        {
          Update: {
            TableName: table.tableName,
            Key: { pk: resourcePk(alias), sk: 'ROW' },
            UpdateExpression: 'SET foldPending = :true',
            ExpressionAttributeValues: { ':true': true },
          },
        },
      ],
    }),
  );

  // A fresh writer (another Lambda instance) meets the mark through a change to the alias id.
  const other = new IndexStore({ client: table.documentClient, tableName: table.tableName });
  await other.applyChanges([
    eipChange(alias, { lifecycle: 'tag', eventId: 'tag-6', tags: { add: { a: 'b' } } }),
  ]);
  expect((await itemsUnder(alias)).map((item) => [item.sk, item.foldPending])).toEqual([['ROW', undefined]]);
  expect((await other.getHistory(alias, { limit: 10 })).items.map((entry) => entry.eventId).sort()).toEqual(
    ['cfn-create-6', `evt-${canonical}`, 'tag-6'].sort(),
  );
  expect(await other.getResource(alias)).toMatchObject({ id: canonical, tags: { a: 'b' } });
});
