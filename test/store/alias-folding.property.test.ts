// Property: the events of a resource two sources name by different ids (an EIP's public IP and
// allocation id, a security group's name and id, a secret's name and ARN), delivered in any order,
// repeated and batched, end in ONE row equal to the reference fold of all its changes on one id; the
// alias id finds that row and its whole history, nothing of the alias row is left behind, and
// /summary's counts equal a recount of the rows.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { normalizeEvent } from '../../shared/ingest/normalize-event';
import type { ResourceChange } from '../../shared/model/resource-change';
import type { ResourceRecord } from '../../shared/model/resource-record';
import { resourcePk } from '../../shared/store/index-items';
import { IndexStore } from '../../shared/store/index-store';
import type { PageKey } from '../../shared/store/index-store';
import { createSummaryReader } from '../../shared/store/summary-reader';
import { ACCOUNT, aliasCases } from '../fixtures/alias-cases';
import type { AliasCase } from '../fixtures/alias-cases';
import { referenceFold } from '../fixtures/reference-fold';
import { createTestTable } from '../support/test-table';
import type { TestTable } from '../support/test-table';

const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 15);

let table: TestTable;
let store: IndexStore;
let runNumber = 0;

beforeAll(async () => {
  table = await createTestTable('alias');
  store = new IndexStore({ client: table.documentClient, tableName: table.tableName });
});
afterAll(() => table.drop());

/** Each event's changes, in the account `account` (each run its own, so runs share the table). */
function changesOf(events: readonly unknown[], account: string): ResourceChange[][] {
  return events.map((event) => {
    const result = normalizeEvent(event);
    expect({ outcome: result.outcome, reason: result.reason }).toEqual({ outcome: 'mapped' });
    return JSON.parse(JSON.stringify(result.changes).split(ACCOUNT).join(account)) as ResourceChange[];
  });
}

const delivery = (count: number) =>
  fc.record({
    order: fc.shuffledSubarray([...Array(count).keys(), ...Array(count).keys()], {
      minLength: count,
      maxLength: count * 2,
    }),
    batchSizes: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: count * 2, maxLength: count * 2 }),
  });

describe.each(aliasCases().map((aliasCase) => [aliasCase.name, aliasCase] as const))(
  '%s',
  (_name, aliasCase: AliasCase) => {
    const events = [...aliasCase.created, ...aliasCase.deleted];

    test('the normalizers name both ids: the CloudTrail create the alias, CloudFormation the alias id', () => {
      const ids = changesOf(events, ACCOUNT).flat();
      expect(ids.some((change) => change.id === aliasCase.aliasId)).toBe(true);
      expect(ids.some((change) => change.id === aliasCase.canonicalId)).toBe(true);
    });

    test(`any delivery ends in one row, the reference fold of every change (${NUM_RUNS} cases)`, async () => {
      await fc.assert(
        fc.asyncProperty(delivery(events.length), async ({ order, batchSizes }) => {
          const account = String(200_000_000_000 + runNumber++);
          const perEvent = changesOf(events, account);
          // Every event once, whatever the order (a subarray may leave some out), then the repeats.
          const sequence = [...order, ...events.keys()];
          for (let start = 0, batch = 0; start < sequence.length; batch++) {
            const size = batchSizes[batch % batchSizes.length];
            await store.applyChanges(sequence.slice(start, start + size).flatMap((index) => perEvent[index]));
            start += size;
          }
          const canonicalId = aliasCase.canonicalId.split(ACCOUNT).join(account);
          const aliasId = aliasCase.aliasId.split(ACCOUNT).join(account);
          const all = perEvent.flat().map((change) => ({ ...change, id: canonicalId, seq: 0 }));

          const rows = await collect((after) =>
            store.listResources({ type: aliasCase.type, account, status: 'all' }, { limit: 100, after }),
          );
          expect(rows.map((row) => row.id)).toEqual([canonicalId]);
          expect(withoutIndexedAt(rows[0])).toEqual(referenceFold(all));
          expect(await store.getResource(aliasId)).toEqual(rows[0]);

          const history = await store.getHistory(aliasId, { limit: 100 });
          expect(history.items.map((entry) => entry.eventId).sort()).toEqual(
            all.map((change) => change.eventId).sort(),
          );
          // The alias keeps only its redirect: no history, tag or word entry of its own.
          const left = await table.documentClient.send(
            new QueryCommand({
              TableName: table.tableName,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': resourcePk(aliasId) },
              ConsistentRead: true,
            }),
          );
          expect(left.Items?.map((item) => [item.sk, item.redirectTo])).toEqual([['ROW', canonicalId]]);
        }),
        { numRuns: NUM_RUNS },
      );
    }, 300_000);
  },
);

test('after every merge, /summary counts equal a recount of the rows', async () => {
  const rows = await collect((after) => store.listResources({ status: 'all' }, { limit: 100, after }));
  expect(rows.length).toBeGreaterThanOrEqual(3);
  const summary = await createSummaryReader({
    client: table.documentClient,
    tableName: table.tableName,
  }).readSummary('all');
  const count = (field: 'type' | 'account' | 'region') => {
    const counts: Record<string, number> = {};
    for (const row of rows) counts[row[field]] = (counts[row[field]] ?? 0) + 1;
    return counts;
  };
  expect(summary).toMatchObject({
    total: rows.length,
    byType: count('type'),
    byAccount: count('account'),
    byRegion: count('region'),
  });
});

function withoutIndexedAt(record: ResourceRecord): ResourceRecord {
  const copy = { ...record };
  delete copy.indexedAt;
  return copy;
}

async function collect(
  read: (after: PageKey | undefined) => Promise<{ items: ResourceRecord[]; next?: PageKey }>,
): Promise<ResourceRecord[]> {
  const rows: ResourceRecord[] = [];
  let after: PageKey | undefined;
  do {
    const page = await read(after);
    rows.push(...page.items);
    after = page.next;
  } while (after);
  return rows;
}
