// Eight writers applying changes to the same resources at once: no update may be lost, and the
// result must equal a single writer's.
import type { ListingCompletion, ResourceChange } from '../../shared/model/resource-change';
import { createDocumentClient, createDynamoDbClient } from '../../shared/store/dynamodb-client';
import { IndexStore } from '../../shared/store/index-store';
import { ACCOUNT, REGION, bucketChange } from '../fixtures/changes';
import { createTestTable } from '../support/test-table';
import type { TestTable } from '../support/test-table';

const WRITERS = 8;
let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('concurrency');
});
afterAll(() => table.drop());

function newStore() {
  // One store (and so one client connection pool) per writer, as separate Lambda instances would be.
  return new IndexStore({ client: table.documentClient, tableName: table.tableName, concurrency: 4 });
}

test('each writer keeps adding its own tags to the same resources and every tag survives', async () => {
  const resources = Array.from({ length: 4 }, (_, n) => `hot-${n}`);
  const rounds = 3;
  // Each round is its own applyChanges call, so history writes of one writer interleave with the
  // folds of the others: the window in which an unconditioned write would lose an update.
  const writer = async (w: number) => {
    const store = newStore();
    let retried = 0;
    for (let round = 0; round < rounds; round++) {
      const outcome = await store.applyChanges(
        resources.map((name) =>
          bucketChange(name, {
            lifecycle: 'tag',
            eventId: `w${w}-r${round}-${name}`,
            eventTime: `2024-07-01T00:00:${String(round * 8 + w).padStart(2, '0')}Z`,
            tags: { add: { [`w${w}r${round}`]: String(round) } },
          }),
        ),
      );
      retried += outcome.conflictsRetried;
    }
    return retried;
  };
  const retried = await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));

  const expectedTags: Record<string, string> = {};
  for (let w = 0; w < WRITERS; w++)
    for (let round = 0; round < rounds; round++) expectedTags[`w${w}r${round}`] = String(round);
  for (const name of resources) {
    const row = await newStore().getResource(`arn:aws:s3:::${name}`);
    expect(row?.tags).toEqual(expectedTags);
    expect(row?.lastChanged).toBe(
      `2024-07-01T00:00:${String((rounds - 1) * 8 + WRITERS - 1).padStart(2, '0')}Z`,
    );
  }
  process.stdout.write(`concurrent writers: ${retried.reduce((a, b) => a + b, 0)} conflicts retried\n`);
});

test('the same changes applied by 8 writers in different orders give the single-writer index', async () => {
  const history: ResourceChange[] = [];
  for (let n = 0; n < 6; n++) {
    const name = `same-${n}`;
    history.push(
      bucketChange(name, { eventId: `${name}-create`, source: 'cloudformation' }),
      bucketChange(name, {
        lifecycle: 'tag',
        eventId: `${name}-tag`,
        eventTime: '2024-07-02T00:00:00Z',
        tags: { add: { n: String(n) } },
      }),
      bucketChange(name, {
        lifecycle: 'update',
        eventId: `${name}-update`,
        eventTime: '2024-07-02T00:00:00Z',
      }),
    );
    if (n % 2 === 0) {
      history.push(
        bucketChange(name, {
          action: 'delete',
          lifecycle: 'delete',
          eventId: `${name}-delete`,
          eventTime: '2024-07-03T00:00:00Z',
        }),
      );
    }
  }
  const rotate = (by: number) => [...history.slice(by), ...history.slice(0, by)].reverse();
  await Promise.all(
    Array.from({ length: WRITERS }, (_, writer) => newStore().applyChanges(rotate(writer * 2))),
  );

  const reference = new IndexStore({ client: table.documentClient, tableName: table.tableName });
  for (let n = 0; n < 6; n++) {
    const row = await reference.getResource(`arn:aws:s3:::same-${n}`);
    expect(row).toMatchObject({
      status: n % 2 === 0 ? 'deleted' : 'active',
      tags: { n: String(n) },
      sources: ['cloudformation', 'cloudtrail'],
      lastChanged: n % 2 === 0 ? '2024-07-03T00:00:00Z' : '2024-07-02T00:00:00Z',
    });
    const historyPage = await reference.getHistory(`arn:aws:s3:::same-${n}`, { limit: 10 });
    expect(historyPage.items).toHaveLength(n % 2 === 0 ? 4 : 3);
  }
});

test('a writer whose fold went stale while it wrote loses the race and folds again', async () => {
  // Writer A is held just before its first row write until writer B has finished entirely, which
  // forces the interleaving that loses an update unless row writes are conditioned on the version.
  const slowClient = createDynamoDbClient({ endpoint: table.endpoint });
  let releaseA: () => void = () => undefined;
  const bFinished = new Promise<void>((resolve) => (releaseA = resolve));
  let held = false;
  slowClient.middlewareStack.add(
    (next, context) => async (args) => {
      const isRowWrite =
        context.commandName === 'PutItemCommand' || context.commandName === 'TransactWriteItemsCommand';
      const input = args.input as { Item?: { sk?: string | { S?: string } }; TransactItems?: unknown[] };
      const sortKey = input.Item?.sk;
      const isRow = sortKey === 'ROW' || (typeof sortKey === 'object' && sortKey.S === 'ROW');
      if (isRowWrite && !held && (input.TransactItems !== undefined || isRow)) {
        held = true;
        onHeld();
        await bFinished;
      }
      return next(args);
    },
    { step: 'initialize', name: 'holdFirstRowWrite' },
  );
  let onHeld: () => void = () => undefined;
  const aHeld = new Promise<void>((resolve) => (onHeld = resolve));

  const storeA = new IndexStore({ client: createDocumentClient(slowClient), tableName: table.tableName });
  const name = 'raced';
  const aDone = storeA.applyChanges([bucketChange(name, { eventId: 'a', tags: { add: { a: '1' } } })]);
  await aHeld;
  await newStore().applyChanges([
    bucketChange(name, {
      lifecycle: 'tag',
      eventId: 'b',
      eventTime: '2024-07-09T00:00:00Z',
      tags: { add: { b: '2' } },
    }),
  ]);
  releaseA();
  const outcome = await aDone;
  slowClient.destroy();

  expect(outcome.conflictsRetried).toBeGreaterThanOrEqual(1);
  expect((await newStore().getResource(`arn:aws:s3:::${name}`))?.tags).toEqual({ a: '1', b: '2' });
});

test('a complete listing that lands between a new row’s scope read and its write still makes it absent', async () => {
  // The race: the writer of an older create reads the scope (no listing yet), a listing records the
  // scope and finds no row to mark, then the create commits. Neither would see the other.
  const listingStore = newStore();
  const listing: ListingCompletion = {
    runId: 'race-run',
    listingSource: 'config',
    account: ACCOUNT,
    region: REGION,
    types: ['AWS::S3::Bucket'],
    listedAt: '2024-07-02T00:00:00Z',
    startedAt: '2024-07-02T00:00:00Z',
    finishedAt: '2024-07-02T00:05:00Z',
    complete: true,
    observed: 0,
  };
  let listed = false;
  const client = new Proxy(table.documentClient, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver) as unknown;
      return async (command: { constructor: { name: string } }) => {
        if (command.constructor.name === 'TransactWriteCommand' && !listed) {
          listed = true;
          await listingStore.applyListing(listing);
        }
        // The wrapped client's send, with the command as given (the SDK's typing is per command).
        return (target.send as (command: unknown) => Promise<unknown>).call(target, command);
      };
    },
  });
  const racer = new IndexStore({ client, tableName: table.tableName });
  const outcome = await racer.applyChanges([
    bucketChange('scope-raced', {
      lifecycle: 'create',
      eventId: 'race-create',
      eventTime: '2024-07-01T00:00:00Z',
    }),
  ]);
  expect(listed).toBe(true);
  expect(outcome.conflictsRetried).toBeGreaterThan(0);
  const row = await newStore().getResource('arn:aws:s3:::scope-raced');
  expect(row).toMatchObject({ status: 'deleted', deletedAt: '2024-07-02T00:00:00Z' });
});
