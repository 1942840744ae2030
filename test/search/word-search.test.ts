// `q=` on /resources and /stacks/{stack}/resources, through the real handler and DynamoDB Local:
// mixed case, word parts, several words, tag values, every filter combined, pagination, tombstones.
import fc from 'fast-check';
import type { ResourceChange } from '../../shared/model/resource-change';
import { searchTokens } from '../../shared/search/search-tokens';
import { resourceWordItem } from '../../shared/store/index-items';
import { ACCOUNT, REGION, resourceChange } from '../fixtures/changes';
import { asError, asPage, readAllPages, startQueryApiHarness } from '../query/query-api-harness';
import type { QueryApiHarness } from '../query/query-api-harness';
import { putItems } from '../query/read-model-fixtures';
import { LIST_SHARDS } from '../../shared/store/index-items';

const OTHER_ACCOUNT = '444455556666';
const STACK = {
  id: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/shop-prod/0f6f4c10-0000-11ef-9f1b-0a1b2c3d4e5f`,
  name: 'shop-prod',
};
const arn = (service: string, resource: string, account = ACCOUNT) =>
  `arn:aws:${service}:${REGION}:${account}:${resource}`;

const IDS = {
  worker: arn('lambda', 'function:shop-prod-orders-worker'),
  table: arn('dynamodb', 'table/shop-prod-OrdersTable-9F8E7D6C5B4A'),
  queue: arn('sqs', 'shop-prod-orders'),
  staging: arn('sqs', 'shop-staging-orders'),
  payments: arn('lambda', 'function:payments-api', OTHER_ACCOUNT),
  instance: arn('ec2', 'instance/i-0abc123def4567890'),
  bucket: 'arn:aws:s3:::shop-assets',
};

const BULK = Array.from({ length: 37 }, (_, n) => `arn:aws:s3:::bulk-orders-${String(n).padStart(3, '0')}`);

const CHANGES: ResourceChange[] = [
  resourceChange(IDS.worker, 'AWS::Lambda::Function', 'shop-prod-orders-worker', {
    source: 'cloudformation',
    stack: { ...STACK, logicalId: 'OrdersWorker' },
    tags: { set: { team: 'Fulfilment', env: 'prod' } },
  }),
  resourceChange(IDS.table, 'AWS::DynamoDB::Table', 'shop-prod-OrdersTable-9F8E7D6C5B4A', {
    source: 'cloudformation',
    stack: { ...STACK, logicalId: 'OrdersTable' },
    tags: { set: { env: 'prod' } },
  }),
  resourceChange(IDS.queue, 'AWS::SQS::Queue', 'shop-prod-orders', { tags: { set: { env: 'prod' } } }),
  resourceChange(IDS.staging, 'AWS::SQS::Queue', 'shop-staging-orders', {
    tags: { set: { env: 'staging' } },
  }),
  resourceChange(IDS.staging, 'AWS::SQS::Queue', 'shop-staging-orders', {
    action: 'delete',
    lifecycle: 'delete',
    eventTime: '2024-05-02T10:00:00Z',
    eventId: 'evt-staging-delete',
  }),
  resourceChange(IDS.payments, 'AWS::Lambda::Function', 'payments-api', {
    account: OTHER_ACCOUNT,
    tags: { set: { team: 'Shop Checkout' } },
  }),
  resourceChange(IDS.instance, 'AWS::EC2::Instance', 'i-0abc123def4567890', {
    tags: { set: { Name: 'bastion-host' } },
  }),
  resourceChange(IDS.bucket, 'AWS::S3::Bucket', 'shop-assets', { tags: { set: { env: 'prod' } } }),
  ...BULK.map((id, n) =>
    resourceChange(id, 'AWS::S3::Bucket', id.slice('arn:aws:s3:::'.length), {
      tags: { set: { batch: n % 2 === 0 ? 'even' : 'odd' } },
    }),
  ),
];

let harness: QueryApiHarness;

beforeAll(async () => {
  harness = await startQueryApiHarness('word-search');
  // Through the store: it writes the word items in the same transaction as each row.
  await harness.store.applyChanges(CHANGES);
});
afterAll(() => harness.close());

async function search(query: string): Promise<string[]> {
  const { items } = await readAllPages(harness, '/resources', new URLSearchParams(query), () => 1000);
  return items.map((item) => String(item.id)).sort();
}

describe('q finds resources by any word of their name, id, type or tag values', () => {
  test.each([
    ['q=orders', [IDS.queue, IDS.table, IDS.worker, ...BULK]],
    ['q=ORDERS', [IDS.queue, IDS.table, IDS.worker, ...BULK]],
    ['q=Orders', [IDS.queue, IDS.table, IDS.worker, ...BULK]],
    ['q=sHOP+ORDERS+Worker', [IDS.worker]],
    ['q=ord', [IDS.queue, IDS.table, IDS.worker, ...BULK]],
    ['q=shop', [IDS.bucket, IDS.payments, IDS.queue, IDS.table, IDS.worker]],
    ['q=shop+orders', [IDS.queue, IDS.table, IDS.worker]],
    ['q=orders+shop+work', [IDS.worker]],
    ['q=shop-prod-orders', [IDS.queue, IDS.table, IDS.worker]],
    ['q=OrdersTable', [IDS.table]],
    ['q=9f8e', [IDS.table]],
    ['q=checkout', [IDS.payments]],
    ['q=fulfil', [IDS.worker]],
    ['q=bastion', [IDS.instance]],
    ['q=i-0abc123', [IDS.instance]],
    ['q=dynamodb', [IDS.table]],
    ['q=dynamo', [IDS.table]],
    ['q=function', [IDS.payments, IDS.worker]],
    ['q=lambda+payments', [IDS.payments]],
    [`q=${encodeURIComponent(IDS.queue)}`, [IDS.queue]],
    ['q=nothing-like-this', []],
  ])('%s', async (query, expected) => {
    expect(await search(query)).toEqual([...expected].sort());
  });
});

describe('q combines with every filter', () => {
  test.each([
    ['q=orders&type=AWS%3A%3ASQS%3A%3AQueue', [IDS.queue]],
    ['q=orders&service=lambda', [IDS.worker]],
    [`q=shop&account=${OTHER_ACCOUNT}`, [IDS.payments]],
    [`q=shop&account=${ACCOUNT}&region=${REGION}`, [IDS.bucket, IDS.queue, IDS.table, IDS.worker]],
    ['q=shop&region=us-east-1', []],
    ['q=orders&stack=shop-prod', [IDS.table, IDS.worker]],
    [`q=orders&stack=${encodeURIComponent(STACK.id)}`, [IDS.table, IDS.worker]],
    ['q=orders&tag.env=prod', [IDS.queue, IDS.table, IDS.worker]],
    ['q=orders&tag.env=prod&tag.team=Fulfilment', [IDS.worker]],
    ['q=orders&name=shop-prod-O', [IDS.table]],
    ['q=orders&status=deleted', [IDS.staging]],
    ['q=staging&status=all', [IDS.staging]],
    ['q=staging', []],
    ['q=orders&status=all&tag.batch=odd', BULK.filter((_, n) => n % 2 === 1)],
  ])('%s', async (query, expected) => {
    expect(await search(query)).toEqual([...expected].sort());
  });

  test('on /stacks/{stack}/resources too', async () => {
    const page = asPage((await harness.get('/stacks/shop-prod/resources?q=worker')).body);
    expect(page.items.map((item) => item.id)).toEqual([IDS.worker]);
    expect((await harness.get('/stacks/no-such-stack/resources?q=worker')).status).toBe(404);
  });
});

describe('pagination', () => {
  test('any page sizes list every match exactly once, each page no longer than asked', async () => {
    const expected = [IDS.queue, IDS.staging, IDS.table, IDS.worker, ...BULK].sort();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }),
        async (sizes) => {
          let turn = 0;
          const sizesUsed: number[] = [];
          const { items } = await readAllPages(
            harness,
            '/resources',
            new URLSearchParams('q=orders&status=all'),
            () => {
              const size = sizes[turn++ % sizes.length];
              sizesUsed.push(size);
              return size;
            },
          );
          const ids = items.map((item) => String(item.id));
          expect(new Set(ids).size).toBe(ids.length);
          expect([...ids].sort()).toEqual(expected);
        },
      ),
      { numRuns: 12 },
    );
  });

  test('a page reads word items in proportion to its size, not to the matches', async () => {
    harness.table.sentCommands.length = 0;
    const page = asPage((await harness.get('/resources?q=bulk&limit=3')).body);
    expect(page.items).toHaveLength(3);
    expect(page.nextCursor).not.toBeNull();
    expect(harness.table.sentCommands).toEqual([
      ...Array(LIST_SHARDS).fill('QueryCommand'),
      'BatchGetItemCommand',
    ]);
  });

  test('a cursor is bound to its q', async () => {
    const first = asPage((await harness.get('/resources?q=bulk&limit=3')).body);
    const other = await harness.get(`/resources?q=orders&limit=3&cursor=${first.nextCursor}`);
    expect(other.status).toBe(400);
    expect(asError(other.body)).toMatchObject({ code: 'invalid_cursor', parameter: 'cursor' });
  });
});

describe('bad q', () => {
  test.each([
    'q=',
    'q=+',
    'q=a',
    'q=-_-',
    'q=aws',
    `q=${'x'.repeat(201)}`,
    'q=aa+bb+cc+dd+ee+ff+gg+hh+ii',
    'q=%00ab',
  ])('%s is a 400 naming q', async (query) => {
    const response = await harness.get(`/resources?${query}`);
    expect(response.status).toBe(400);
    expect(asError(response.body)).toMatchObject({ code: 'invalid_parameter', parameter: 'q' });
  });

  test('q twice is a 400 naming q', async () => {
    const response = await harness.get('/resources?q=shop&q=orders');
    expect(asError(response.body)).toMatchObject({ code: 'invalid_parameter', parameter: 'q' });
  });
});

test('a retag moves the resource out of the old words and into the new ones', async () => {
  await harness.store.applyChanges([
    resourceChange(IDS.instance, 'AWS::EC2::Instance', 'i-0abc123def4567890', {
      lifecycle: 'tag',
      eventTime: '2024-06-01T00:00:00Z',
      eventId: 'evt-retag',
      tags: { set: { Name: 'jump-box' } },
    }),
  ]);
  const row = await harness.store.getResource(IDS.instance);
  expect(row && searchTokens(row)).not.toContain('bastion');
  expect(await search('q=bastion')).toEqual([]);
  expect(await search('q=jump+box')).toEqual([IDS.instance]);
  expect(await search('q=i-0abc123')).toEqual([IDS.instance]);
});

test('a word item that lags its row does not make the row match (the row is the truth)', async () => {
  // A stale word item, as a reader could meet it between two writes: the row no longer has the word.
  const { documentClient, tableName } = harness.table;
  const row = await harness.store.getResource(IDS.bucket);
  if (!row) throw new Error('no row');
  const tokens = [...searchTokens(row), 'phantom'];
  await putItems(documentClient, tableName, [resourceWordItem(row, 'phantom', tokens, undefined)]);
  expect(await search('q=phantom')).toEqual([]);
});
