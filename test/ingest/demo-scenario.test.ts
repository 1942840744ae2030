// The demo scenario through the ingest service against DynamoDB Local: in order, and shuffled with
// duplicates in concurrent batches, the index ends identical, and it shows what the scenario's README
// promises.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ingestEvents } from '../../shared/ingest/ingest-events';
import { createTelemetry } from '../../shared/observability/telemetry';
import { IndexStore } from '../../shared/store/index-store';
import type { PageKey, ResourceFilter } from '../../shared/store/index-store';
import type { ResourceRecord, StackRecord } from '../../shared/model/resource-record';
import { createTestTable } from '../support/test-table';
import type { TestTable } from '../support/test-table';
import { captureOutput } from './emf-capture';
import { ALL_NORMALIZERS } from '../../shared/ingest/normalize-event';

const scenario: unknown[] = JSON.parse(
  readFileSync(resolve(__dirname, '../../events/scenario/demo-scenario.json'), 'utf8'),
);
const telemetry = createTelemetry('ingest-cloudformation');

let inOrder: TestTable;
let shuffled: TestTable;
let ordered: IndexStore;
let scrambled: IndexStore;

beforeAll(async () => {
  [inOrder, shuffled] = await Promise.all([
    createTestTable('scenario-ordered'),
    createTestTable('scenario-shuffled'),
  ]);
  // No tombstone retention: the scenario's deletes lie in the past, and retention counts from the
  // delete's event time, so DynamoDB Local's TTL would already have removed them.
  ordered = new IndexStore({ client: inOrder.documentClient, tableName: inOrder.tableName });
  scrambled = new IndexStore({ client: shuffled.documentClient, tableName: shuffled.tableName });
  // Quiet: the handlers' metrics and logs are asserted elsewhere.
  await captureOutput(async () => {
    // In order, one event per invocation, as EventBridge would deliver them at best.
    for (const event of scenario)
      await ingestEvents([event], { store: ordered, telemetry, normalizers: ALL_NORMALIZERS });
    // Shuffled, every event at least twice, in concurrent batches of random sizes.
    const random = seededRandom(20240603);
    const deliveries = shuffle([...scenario, ...scenario, ...scenario.filter(() => random() < 0.3)], random);
    const batches: unknown[][] = [];
    for (let start = 0; start < deliveries.length;) {
      const size = 1 + Math.floor(random() * 12);
      batches.push(deliveries.slice(start, start + size));
      start += size;
    }
    for (let i = 0; i < batches.length; i += 4)
      await Promise.all(
        batches
          .slice(i, i + 4)
          .map((batch) => ingestEvents(batch, { store: scrambled, telemetry, normalizers: ALL_NORMALIZERS })),
      );
  });
}, 120_000);
afterAll(() => Promise.all([inOrder.drop(), shuffled.drop()]));

test('order and duplicates do not matter: both indexes are identical', async () => {
  const [a, b] = await Promise.all([allResources(ordered), allResources(scrambled)]);
  expect(a.length).toBe(20);
  expect(b).toEqual(a);
  expect(await allStacks(scrambled)).toEqual(await allStacks(ordered));
});

test('every resource has the same history in both, each event recorded once', async () => {
  for (const row of await allResources(ordered)) {
    const [a, b] = await Promise.all([
      ordered.getHistory(row.id, { limit: 100 }),
      scrambled.getHistory(row.id, { limit: 100 }),
    ]);
    expect(b.items).toEqual(a.items);
    expect(new Set(a.items.map((entry) => entry.eventId)).size).toBe(a.items.length);
  }
});

test('no read scanned the table', () => {
  expect(inOrder.sentCommands).not.toContain('ScanCommand');
  expect(shuffled.sentCommands).not.toContain('ScanCommand');
});

describe.each([
  ['in order', () => ordered],
  ['shuffled and duplicated', () => scrambled],
])('the index after the scenario (%s)', (_name, store) => {
  const prod =
    'arn:aws:cloudformation:eu-west-1:111122223333:stack/shop-prod/8c1d3f20-2196-11ef-9b2e-0a3c5e7f9d11';
  const staging =
    'arn:aws:cloudformation:eu-west-1:111122223333:stack/shop-staging/1f4e6a80-2196-11ef-a6d3-06b8c0d2e4f6';

  test('shop-prod is up to date; shop-staging is deleted', async () => {
    expect(await store().getStack(prod)).toMatchObject({
      name: 'shop-prod',
      status: 'active',
      stackStatus: 'UPDATE_COMPLETE',
      deletedAt: null,
    });
    expect(await store().getStack(staging)).toMatchObject({
      name: 'shop-staging',
      status: 'deleted',
      stackStatus: 'DELETE_COMPLETE',
      deletedAt: '2024-06-06T08:00:23Z',
    });
  });

  test('14 active resources: 11 in shop-prod, the retained bucket, the hand-made bucket and instance', async () => {
    const active = await allResources(store(), { status: 'active' });
    expect(active).toHaveLength(14);
    const inProd = await allResources(store(), { stack: 'shop-prod' });
    expect(inProd.map((row) => row.stack?.logicalId).sort()).toEqual([
      'AssetsBucket',
      'CheckoutFunction',
      'CheckoutFunctionRole',
      'CheckoutLogGroup',
      'OrderEventsTopic',
      'OrdersDeadLetterQueue',
      'OrdersQueue',
      'OrdersTable',
      'OrdersWorkerFunction',
      'OrdersWorkerLogGroup',
      'OrdersWorkerRole',
    ]);
  });

  test('the replaced table: old physical id deleted, new one active, same logical id', async () => {
    const table = (suffix: string) =>
      `arn:aws:dynamodb:eu-west-1:111122223333:table/shop-prod-OrdersTable-${suffix}`;
    expect(await store().getResource(table('1A2B3C4D5E6F'))).toMatchObject({
      status: 'deleted',
      deletedAt: '2024-06-04T14:00:31Z',
      stack: { id: prod, name: 'shop-prod', logicalId: 'OrdersTable' },
    });
    expect(await store().getResource(table('9F8E7D6C5B4A'))).toMatchObject({
      status: 'active',
      type: 'AWS::DynamoDB::Table',
      stack: { id: prod, name: 'shop-prod', logicalId: 'OrdersTable' },
    });
  });

  test('the retained bucket stays active, detached from its deleted stack', async () => {
    expect(await store().getResource('arn:aws:s3:::shop-staging-uploads-3h5j8w')).toMatchObject({
      status: 'active',
      stack: null,
      sources: ['cloudformation'],
    });
    const stagingLeft = await allResources(store(), { stack: staging, status: 'all' });
    expect(stagingLeft.map((row) => [row.type, row.status]).sort()).toEqual([
      ['AWS::IAM::Role', 'deleted'],
      ['AWS::Lambda::Function', 'deleted'],
      ['AWS::Logs::LogGroup', 'deleted'],
      ['AWS::SQS::Queue', 'deleted'],
    ]);
  });

  test('a stack bucket tagged by hand: one row, both sources, stack membership kept', async () => {
    expect(await store().getResource('arn:aws:s3:::shop-prod-assets-7k2m9q')).toMatchObject({
      status: 'active',
      tags: { owner: 'web-team' },
      sources: ['cloudformation', 'cloudtrail'],
      stack: { name: 'shop-prod', logicalId: 'AssetsBucket' },
    });
  });

  test('hand-made resources carry their tags; the deleted queue is a tombstone', async () => {
    expect(await store().getResource('arn:aws:s3:::shop-manual-exports')).toMatchObject({
      status: 'active',
      stack: null,
      tags: { team: 'data', 'cost-center': '4411' },
      sources: ['cloudtrail'],
    });
    expect(
      await store().getResource('arn:aws:ec2:eu-west-1:111122223333:instance/i-0a1b2c3d4e5f60718'),
    ).toMatchObject({
      status: 'active',
      type: 'AWS::EC2::Instance',
      tags: { Name: 'shop-bastion', team: 'platform' },
    });
    expect(
      await store().getResource('arn:aws:sqs:eu-west-1:111122223333:shop-adhoc-reprocess'),
    ).toMatchObject({
      status: 'deleted',
      deletedAt: '2024-06-05T16:40:05Z',
      tags: { purpose: 'reprocess-june-orders', owner: 'alice' },
    });
  });

  test('a tag filter finds the hand-tagged resources', async () => {
    const rows = await allResources(store(), { tags: { team: 'platform' } });
    expect(rows.map((row) => row.id)).toEqual([
      'arn:aws:ec2:eu-west-1:111122223333:instance/i-0a1b2c3d4e5f60718',
    ]);
  });
});

/** Every resource the filter selects (default: all statuses), without the wall-clock field, by id. */
async function allResources(
  store: IndexStore,
  filter: ResourceFilter = { status: 'all' },
): Promise<ResourceRecord[]> {
  const rows: ResourceRecord[] = [];
  let after: PageKey | undefined;
  do {
    const page = await store.listResources(filter, { limit: 7, after });
    rows.push(...page.items);
    after = page.next;
  } while (after);
  return rows.map(({ indexedAt: _indexedAt, ...row }) => row).sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function allStacks(store: IndexStore): Promise<Omit<StackRecord, 'indexedAt'>[]> {
  const page = await store.listStacks({ status: 'all' }, { limit: 100 });
  return page.items.map(({ indexedAt: _indexedAt, ...row }) => row).sort((a, b) => (a.id < b.id ? -1 : 1));
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
