// Property: after random histories of several resources (types, accounts, regions, deletes and
// re-creations) delivered shuffled, duplicated and batched, /summary's counters equal a recount of
// the rows themselves: a count moves exactly when a row's fold changes status, type or place.
import fc from 'fast-check';
import type { ResourceChange } from '../../shared/model/resource-change';
import type { ResourceRecord } from '../../shared/model/resource-record';
import { IndexStore } from '../../shared/store/index-store';
import { createSummaryReader } from '../../shared/store/summary-reader';
import { createTestTable } from '../support/test-table';
import type { TestTable } from '../support/test-table';

const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 25);

const event = fc.record({
  resource: fc.integer({ min: 0, max: 3 }),
  kind: fc.constantFrom('create', 'update', 'delete'),
  second: fc.integer({ min: 0, max: 5 }),
  region: fc.constantFrom('eu-west-1', 'us-east-1'),
  derived: fc.boolean(),
});

type Event = typeof event extends fc.Arbitrary<infer T> ? T : never;

function toChange(e: Event, index: number, account: string): ResourceChange {
  const id = `arn:aws:sqs:eu-west-1:${account}:queue-${e.resource}`;
  return {
    id,
    arn: id,
    // A type guessed from the ARN may be replaced by the mapped one: the row moves between buckets.
    type: e.derived ? 'AWS::SQS::QueuePolicy' : 'AWS::SQS::Queue',
    ...(e.derived ? { typeDerived: true } : {}),
    account,
    region: e.region,
    action: e.kind === 'delete' ? 'delete' : 'upsert',
    lifecycle: e.kind,
    eventTime: `2024-06-01T12:00:0${e.second}Z`,
    eventId: `e${(index * 7919) % 101}-${index}`,
    source: 'cloudtrail',
  };
}

function recount(rows: ResourceRecord[]) {
  const by = (field: 'type' | 'service' | 'account' | 'region') => {
    const counts: Record<string, number> = {};
    for (const row of rows) counts[row[field]] = (counts[row[field]] ?? 0) + 1;
    return counts;
  };
  return {
    total: rows.length,
    byType: by('type'),
    byService: by('service'),
    byAccount: by('account'),
    byRegion: by('region'),
  };
}

let caseNumber = 0;

test(`summary counters equal a recount of the rows (${NUM_RUNS} cases)`, async () => {
  const property = fc.asyncProperty(
    fc.array(event, { minLength: 1, maxLength: 12 }),
    fc.array(fc.nat(), { maxLength: 24 }),
    fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 10 }),
    async (events, repeats, batchSizes) => {
      // A table per case: the counters are the whole index's.
      const table: TestTable = await createTestTable(`summary-${caseNumber++}`);
      try {
        const store = new IndexStore({ client: table.documentClient, tableName: table.tableName });
        const account = '111122223333';
        const changes = events.map((e, index) => toChange(e, index, account));
        const delivery = [...changes, ...repeats.map((pick) => changes[pick % changes.length])]
          .map((change, index) => ({
            change,
            key: ((repeats[index % Math.max(1, repeats.length)] ?? 0) * 13 + index * 7) % 97,
          }))
          .sort((a, b) => a.key - b.key)
          .map(({ change }) => change);
        const batches: ResourceChange[][] = [];
        for (let at = 0, b = 0; at < delivery.length; b++) {
          const size = batchSizes[b % batchSizes.length];
          batches.push(delivery.slice(at, at + size));
          at += size;
        }
        await Promise.all(batches.map((batch) => store.applyChanges(batch)));

        const reader = createSummaryReader({ client: table.documentClient, tableName: table.tableName });
        for (const status of ['active', 'deleted'] as const) {
          const rows: ResourceRecord[] = [];
          let after;
          do {
            const page = await store.listResources({ status }, { limit: 100, after });
            rows.push(...page.items);
            after = page.next;
          } while (after);
          const { status: _status, ...summary } = await reader.readSummary(status);
          expect(summary).toEqual(recount(rows));
        }
      } finally {
        await table.drop();
      }
    },
  );
  const details = await fc.check(property, { numRuns: NUM_RUNS });
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? 'property failed');
  expect(details.numRuns).toBe(NUM_RUNS);
}, 600_000);
