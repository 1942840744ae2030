// Property: any shuffled, partly duplicated, arbitrarily batched delivery of a resource history ends
// in exactly the index that in-order delivery gives, and that index is the pure fold of the history.
import fc from 'fast-check';
import type { Lifecycle, ResourceChange } from '../../shared/model/resource-change';
import { foldResource } from '../../shared/model/resource-fold';
import type { ResourceRecord } from '../../shared/model/resource-record';
import { IndexStore } from '../../shared/store/index-store';
import { ACCOUNT, REGION } from '../fixtures/changes';
import { createTestTable } from '../support/test-table';
import type { TestTable } from '../support/test-table';

const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 100);

let table: TestTable;
let store: IndexStore;
let caseNumber = 0;

beforeAll(async () => {
  table = await createTestTable('order');
  store = new IndexStore({
    client: table.documentClient,
    tableName: table.tableName,
    tombstoneRetentionDays: 3650,
  });
});
afterAll(() => table.drop());

/** An abstract event: which resource, what happens, in which of a few seconds (so ties are common). */
interface AbstractEvent {
  resource: number;
  kind: 'create' | 'update' | 'tag' | 'untag' | 'delete' | 'detach';
  second: number;
  tagKey: string;
  tagValue: string;
  withStack: boolean;
}

const abstractEvent = fc.record({
  resource: fc.integer({ min: 0, max: 2 }),
  kind: fc.constantFrom('create', 'update', 'tag', 'untag', 'delete', 'detach'),
  second: fc.integer({ min: 0, max: 5 }),
  tagKey: fc.constantFrom('env', 'team', 'cost'),
  tagValue: fc.constantFrom('a', 'b', ''),
  withStack: fc.boolean(),
}) as fc.Arbitrary<AbstractEvent>;

/** A history (in time order) plus a delivery: a permutation with some events repeated, cut into batches. */
const scenario = fc.array(abstractEvent, { minLength: 1, maxLength: 14 }).chain((events) =>
  fc.record({
    events: fc.constant(events),
    delivery: fc.shuffledSubarray([...events.keys(), ...events.keys()], {
      minLength: events.length * 2,
      maxLength: events.length * 2,
    }),
    duplicates: fc.array(fc.boolean(), { minLength: events.length, maxLength: events.length }),
    batchSizes: fc.array(fc.integer({ min: 1, max: 5 }), {
      minLength: events.length * 2,
      maxLength: events.length * 2,
    }),
  }),
);

function toChange(event: AbstractEvent, index: number, prefix: string): ResourceChange {
  const name = `${prefix}-bucket-${event.resource}`;
  const lifecycle: Lifecycle = event.kind === 'untag' ? 'tag' : event.kind;
  const change: ResourceChange = {
    id: `arn:aws:s3:::${name}`,
    arn: `arn:aws:s3:::${name}`,
    type: 'AWS::S3::Bucket',
    account: ACCOUNT,
    region: REGION,
    action: event.kind === 'delete' ? 'delete' : 'upsert',
    lifecycle,
    eventTime: `2024-06-01T12:00:0${event.second}Z`,
    // Event ids deliberately not in time order, so only the fold's ordering can make results agree.
    eventId: `e${(index * 7919) % 101}-${index}`,
    source: event.withStack ? 'cloudformation' : 'cloudtrail',
    name,
  };
  if (event.kind === 'tag') change.tags = { add: { [event.tagKey]: event.tagValue } };
  if (event.kind === 'untag') change.tags = { remove: [event.tagKey] };
  if (event.kind === 'detach') change.stack = null;
  else if (event.withStack && event.kind !== 'delete') {
    change.stack = {
      id: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/s/1`,
      name: 's',
      logicalId: `L${event.resource}`,
    };
  }
  return change;
}

async function rowsOf(prefix: string): Promise<Map<string, Omit<ResourceRecord, 'indexedAt'>>> {
  const rows = new Map<string, Omit<ResourceRecord, 'indexedAt'>>();
  // One listing per status: the name prefix is then a key condition, so reading one case's rows
  // does not wade through every earlier case's.
  for (const status of ['active', 'deleted'] as const) {
    let after;
    do {
      const page = await store.listResources({ status, namePrefix: `${prefix}-` }, { limit: 50, after });
      for (const { indexedAt: _indexedAt, ...row } of page.items) {
        rows.set(row.id.replace(prefix, 'P'), {
          ...row,
          id: row.id.replace(prefix, 'P'),
          arn: row.id.replace(prefix, 'P'),
          name: row.name.replace(prefix, 'P'),
        });
      }
      after = page.next;
    } while (after);
  }
  return rows;
}

function withoutIndexedAt(record: ResourceRecord | undefined, prefix: string) {
  if (!record) return undefined;
  const { indexedAt: _indexedAt, ...rest } = record;
  return {
    ...rest,
    id: rest.id.replace(prefix, 'P'),
    arn: rest.id.replace(prefix, 'P'),
    name: rest.name.replace(prefix, 'P'),
  };
}

test(`shuffled, duplicated and batched deliveries end in the in-order index (${NUM_RUNS} cases)`, async () => {
  const property = fc.asyncProperty(scenario, async ({ events, delivery, duplicates, batchSizes }) => {
    caseNumber++;
    const inOrder = `c${caseNumber}-ordered`;
    const shuffled = `c${caseNumber}-shuffled`;

    for (const [index, event] of events.entries())
      await store.applyChanges([toChange(event, index, inOrder)]);

    // Every event at least once, the ones marked duplicate twice, in the generated order.
    const seen = new Set<number>();
    const order = delivery.filter((index) => {
      if (!seen.has(index)) return seen.add(index);
      return duplicates[index];
    });
    const batches: ResourceChange[][] = [];
    for (let at = 0, b = 0; at < order.length; b++) {
      const size = batchSizes[b % batchSizes.length];
      batches.push(order.slice(at, at + size).map((index) => toChange(events[index], index, shuffled)));
      at += size;
    }
    await Promise.all(batches.map((batch) => store.applyChanges(batch)));

    const expected = await rowsOf(inOrder);
    const actual = await rowsOf(shuffled);
    expect(actual).toEqual(expected);

    // And the in-order index is the pure fold of each resource's history.
    for (let resource = 0; resource <= 2; resource++) {
      const history = events
        .map((event, index) => ({ event, index }))
        .filter(({ event }) => event.resource === resource)
        .map(({ event, index }) => ({ ...toChange(event, index, inOrder), seq: 0 }));
      const stored = expected.get(`arn:aws:s3:::P-bucket-${resource}`);
      expect(stored).toEqual(withoutIndexedAt(foldResource(history), inOrder));
    }
  });
  const details = await fc.check(property, { numRuns: NUM_RUNS });
  process.stdout.write(
    `order-independence property: ${details.numRuns} cases run, ${details.failed ? 'FAILED' : 'all passed'}\n`,
  );
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? 'property failed');
  expect(details.numRuns).toBeGreaterThanOrEqual(NUM_RUNS);
  // Generous: a loaded shared machine can be several times slower than a quiet one.
}, 300_000);
