// Records every DynamoDB command the query API sends, over every route and filter kind, and fails on
// any Scan: each page is GetItem, Query on an index, or BatchGetItem, in proportion to the page.
import { LIST_SHARDS, SUMMARY_SHARDS } from '../../shared/store/index-items';
import { bucketChange } from '../fixtures/changes';
import { readAllPages, resourcePath, startQueryApiHarness } from './query-api-harness';
import type { QueryApiHarness } from './query-api-harness';
import { APP_STACK, IDS, OTHER_ACCOUNT, OTHER_REGION, seedIndex } from './query-fixtures';

let harness: QueryApiHarness;

beforeAll(async () => {
  harness = await startQueryApiHarness('query-no-scan');
  await seedIndex(harness.store);
  await harness.store.applyChanges(
    Array.from({ length: 40 }, (_, n) =>
      bucketChange(`bulk-${String(n).padStart(3, '0')}`, {
        eventId: `bulk-${n}`,
        tags: { set: { bulk: 'yes' } },
      }),
    ),
  );
});
afterAll(() => harness.close());

const READ_COMMANDS = ['QueryCommand', 'GetItemCommand', 'BatchGetItemCommand'];

const TARGETS = [
  '/',
  '/openapi.json',
  '/resources',
  '/resources?status=all',
  '/resources?status=deleted',
  '/resources?type=AWS%3A%3AS3%3A%3ABucket',
  '/resources?service=iam',
  `/resources?account=${OTHER_ACCOUNT}`,
  `/resources?region=${OTHER_REGION}`,
  `/resources?account=${OTHER_ACCOUNT}&region=${OTHER_REGION}`,
  '/resources?stack=app',
  `/resources?stack=${encodeURIComponent(APP_STACK.id)}`,
  '/resources?tag.env=prod',
  '/resources?tag.env=prod&tag.team=blue&status=all&name=a',
  '/resources?name=alpha',
  '/resources?name=bulk&limit=3',
  '/resources?type=AWS%3A%3AS3%3A%3ABucket&tag.bulk=yes&name=bulk-01&status=all',
  resourcePath(IDS.deployRole),
  `/resources/${IDS.historyRole}`,
  resourcePath('arn:aws:s3:::nope'),
  resourcePath(IDS.deployRole, '/history'),
  resourcePath('arn:aws:s3:::nope', '/history'),
  '/stacks',
  '/stacks?status=all&name=a',
  '/stacks/app/resources',
  `/stacks/${encodeURIComponent(APP_STACK.id)}/resources?tag.env=prod`,
  '/stacks/nope/resources',
  '/stacks/orphan/resources?status=deleted',
  '/resources?q=bulk',
  '/resources?q=bulk+yes&status=all&type=AWS%3A%3AS3%3A%3ABucket&tag.bulk=yes&name=bulk-0&limit=3',
  `/resources?q=alpha&account=${OTHER_ACCOUNT}&region=${OTHER_REGION}&service=s3&stack=app`,
  '/resources?format=csv&limit=5',
  '/resources?format=ndjson&q=bulk',
  '/stacks/app/resources?q=alpha',
  '/summary',
  '/summary?status=all',
  '/changes',
  '/changes?limit=1',
  '/snapshots',
  '/nowhere',
];

test('no route sends a Scan; only GetItem, Query and BatchGetItem', async () => {
  const sent = new Map<string, string[]>();
  for (const target of TARGETS) {
    harness.table.sentCommands.length = 0;
    const response = await harness.get(target);
    expect({ target, status: response.status < 500 }).toEqual({ target, status: true });
    sent.set(target, [...harness.table.sentCommands]);
  }
  harness.table.sentCommands.length = 0;
  const paged = await readAllPages(harness, '/resources', new URLSearchParams('status=all'), () => 7);
  expect(paged.items.length).toBe(48);
  sent.set('every page of /resources?status=all', [...harness.table.sentCommands]);
  harness.table.sentCommands.length = 0;
  const searched = await readAllPages(harness, '/resources', new URLSearchParams('q=bulk'), () => 7);
  expect(searched.items.length).toBe(40);
  sent.set('every page of /resources?q=bulk', [...harness.table.sentCommands]);

  const every = [...sent.values()].flat();
  console.log(
    `${TARGETS.length + paged.pages} requests sent ${every.length} DynamoDB commands: ${[...new Set(every)].join(', ')}`,
  );
  expect(every).not.toContain('ScanCommand');
  expect(every.filter((name) => !READ_COMMANDS.includes(name))).toEqual([]);
  expect(sent.get(resourcePath(IDS.deployRole))).toEqual(['GetItemCommand']);
  expect(sent.get('/')).toEqual([]);
  // One Query per status and counter partition, whatever the size of the index, then one of the
  // account type's listing for the counted accounts' names.
  expect(sent.get('/summary?status=all')).toEqual(Array(2 * SUMMARY_SHARDS + 1).fill('QueryCommand'));
  // A page of search: one Query per shard of the word index, one BatchGetItem of its rows.
  expect(sent.get('/resources?q=bulk')).toEqual([
    ...Array(LIST_SHARDS).fill('QueryCommand'),
    'BatchGetItemCommand',
  ]);
});

test('a single-filter page costs one Query (one per shard on a sharded index), whatever the index holds', async () => {
  for (const target of [
    '/resources?type=AWS%3A%3AS3%3A%3ABucket&limit=5',
    '/resources?service=s3&limit=5',
    '/stacks?limit=1',
  ]) {
    harness.table.sentCommands.length = 0;
    expect((await harness.get(target)).status).toBe(200);
    expect({ target, sent: harness.table.sentCommands }).toEqual({ target, sent: ['QueryCommand'] });
  }
  // Status-only and name-only listings read every resource's index, written in LIST_SHARDS shards.
  const shardQueries = Array.from({ length: LIST_SHARDS }, () => 'QueryCommand');
  for (const target of ['/resources?name=bulk&limit=5', '/resources?status=all&limit=5']) {
    harness.table.sentCommands.length = 0;
    expect((await harness.get(target)).status).toBe(200);
    expect({ target, sent: harness.table.sentCommands }).toEqual({ target, sent: shardQueries });
  }
  // The tag index points at rows: a Query per shard, then one BatchGetItem for the page's rows.
  harness.table.sentCommands.length = 0;
  await harness.get('/resources?tag.bulk=yes&limit=5');
  expect(harness.table.sentCommands).toEqual([...shardQueries, 'BatchGetItemCommand']);
});
