// Property: any shuffled, partly duplicated, arbitrarily batched delivery of resource histories, with
// snapshot listings interleaved (observations, and the ends of complete or partial listings), ends in
// exactly the index that in-order delivery gives, and that index is the step-by-step reference fold
// of each resource's history plus the absences its complete listings imply.
import fc from 'fast-check';
import type { Lifecycle, ListingCompletion, ResourceChange } from '../../shared/model/resource-change';
import type { ResourceRecord } from '../../shared/model/resource-record';
import { IndexStore } from '../../shared/store/index-store';
import { REGION } from '../fixtures/changes';
import { referenceFold } from '../fixtures/reference-fold';
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

/**
 * An abstract event: which resource, what happens, in which of a few seconds (so ties are common).
 * A `listing` is a snapshot run at that second that saw the resources in `seen` (with tag `env`),
 * and ended complete or not: its observations and its end are delivered like any event.
 */
interface AbstractEvent {
  resource: number;
  kind: 'create' | 'update' | 'tag' | 'untag' | 'delete' | 'detach' | 'listing';
  second: number;
  tagKey: string;
  tagValue: string;
  withStack: boolean;
  seen: boolean[];
  complete: boolean;
}

const abstractEvent = fc.record({
  resource: fc.integer({ min: 0, max: 2 }),
  kind: fc.constantFrom('create', 'update', 'tag', 'untag', 'delete', 'detach', 'listing'),
  second: fc.integer({ min: 0, max: 5 }),
  tagKey: fc.constantFrom('env', 'team', 'cost'),
  tagValue: fc.constantFrom('a', 'b', ''),
  withStack: fc.boolean(),
  seen: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  complete: fc.boolean(),
}) as fc.Arbitrary<AbstractEvent>;

/** What one abstract event delivers: resource changes, or a listing's end. */
type Delivery = { changes: ResourceChange[] } | { listing: ListingCompletion };

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

/** Each delivery of each case in an account of its own: listing scopes are per account and region. */
const accounts = new Map<string, string>();
function accountOf(prefix: string): string {
  if (!accounts.has(prefix)) accounts.set(prefix, String(100_000_000_000 + accounts.size));
  return accounts.get(prefix) as string;
}

const bucketId = (prefix: string, resource: number) => `arn:aws:s3:::${prefix}-bucket-${resource}`;
const timeOf = (event: AbstractEvent) => `2024-06-01T12:00:0${event.second}Z`;
const runIdOf = (index: number, prefix: string) => `run-${prefix}-${(index * 7919) % 101}-${index}`;

/** A listing's observations (one event per seen resource, as a snapshot run sends them) and its end. */
function listingDeliveries(event: AbstractEvent, index: number, prefix: string): Delivery[] {
  const runId = runIdOf(index, prefix);
  const observations: Delivery[] = event.seen.flatMap((seen, resource) =>
    seen
      ? [
          {
            changes: [
              {
                id: bucketId(prefix, resource),
                arn: bucketId(prefix, resource),
                type: 'AWS::S3::Bucket',
                account: accountOf(prefix),
                region: REGION,
                action: 'upsert' as const,
                lifecycle: 'observe' as const,
                eventTime: timeOf(event),
                eventId: runId,
                source: 'snapshot' as const,
                name: `${prefix}-bucket-${resource}`,
                tags: { set: { env: event.tagValue } },
              },
            ],
          },
        ]
      : [],
  );
  const end: Delivery = {
    listing: {
      runId,
      listingSource: 'config',
      account: accountOf(prefix),
      region: REGION,
      types: ['AWS::S3::Bucket'],
      listedAt: timeOf(event),
      startedAt: timeOf(event),
      finishedAt: timeOf(event),
      complete: event.complete,
      observed: event.seen.filter(Boolean).length,
    },
  };
  return [...observations, end];
}

function deliveriesOf(event: AbstractEvent, index: number, prefix: string): Delivery[] {
  return event.kind === 'listing'
    ? listingDeliveries(event, index, prefix)
    : [{ changes: [toChange(event, index, prefix)] }];
}

/** What each resource's history holds: its changes, observations, and the absences listings imply. */
function historyOf(events: AbstractEvent[], resource: number, prefix: string): ResourceChange[] {
  const history: ResourceChange[] = [];
  for (const [index, event] of events.entries()) {
    if (event.kind !== 'listing') {
      if (event.resource === resource) history.push(toChange(event, index, prefix));
    } else if (event.seen[resource]) {
      const observation = listingDeliveries(event, index, prefix)[
        resource === 0 ? 0 : event.seen.slice(0, resource).filter(Boolean).length
      ];
      if ('changes' in observation) history.push(...observation.changes);
    } else if (event.complete) {
      history.push({
        id: bucketId(prefix, resource),
        arn: null,
        type: 'AWS::S3::Bucket',
        account: accountOf(prefix),
        region: REGION,
        action: 'delete',
        lifecycle: 'absent',
        eventTime: timeOf(event),
        eventId: runIdOf(index, prefix),
        source: 'snapshot',
      });
    }
  }
  return history;
}

async function deliver(batch: Delivery[]): Promise<void> {
  const changes = batch.flatMap((delivery) => ('changes' in delivery ? delivery.changes : []));
  if (changes.length > 0) await store.applyChanges(changes);
  for (const delivery of batch) if ('listing' in delivery) await store.applyListing(delivery.listing);
}

function toChange(event: AbstractEvent, index: number, prefix: string): ResourceChange {
  const name = `${prefix}-bucket-${event.resource}`;
  const lifecycle: Lifecycle = event.kind === 'untag' || event.kind === 'listing' ? 'tag' : event.kind;
  const change: ResourceChange = {
    id: `arn:aws:s3:::${name}`,
    arn: `arn:aws:s3:::${name}`,
    type: 'AWS::S3::Bucket',
    account: accountOf(prefix),
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
      id: `arn:aws:cloudformation:${REGION}:111122223333:stack/s/1`,
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
          account: 'A',
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
    account: 'A',
  };
}

test(`shuffled, duplicated and batched deliveries end in the in-order index (${NUM_RUNS} cases)`, async () => {
  const property = fc.asyncProperty(scenario, async ({ events, delivery, duplicates, batchSizes }) => {
    caseNumber++;
    const inOrder = `c${caseNumber}-ordered`;
    const shuffled = `c${caseNumber}-shuffled`;

    for (const [index, event] of events.entries())
      for (const delivery of deliveriesOf(event, index, inOrder)) await deliver([delivery]);

    // Every event at least once, the ones marked duplicate twice, in the generated order.
    const seen = new Set<number>();
    const order = delivery.filter((index) => {
      if (!seen.has(index)) return seen.add(index);
      return duplicates[index];
    });
    const batches: Delivery[][] = [];
    for (let at = 0, b = 0; at < order.length; b++) {
      const size = batchSizes[b % batchSizes.length];
      batches.push(
        order.slice(at, at + size).flatMap((index) => deliveriesOf(events[index], index, shuffled)),
      );
      at += size;
    }
    await Promise.all(batches.map((batch) => deliver(batch)));

    const expected = await rowsOf(inOrder);
    const actual = await rowsOf(shuffled);
    expect(actual).toEqual(expected);

    // And the in-order index is the reference fold of each resource's history; a resource only
    // listings ever spoke of as absent has no row.
    for (let resource = 0; resource <= 2; resource++) {
      const history = historyOf(events, resource, inOrder).map((change) => ({ ...change, seq: 0 }));
      const known = history.some((change) => change.lifecycle !== 'absent');
      const stored = expected.get(`arn:aws:s3:::P-bucket-${resource}`);
      expect(stored).toEqual(known ? withoutIndexedAt(referenceFold(history), inOrder) : undefined);
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
