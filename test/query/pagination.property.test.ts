// Property: for random index contents and random page sizes, following nextCursor through every
// page of every filter kind returns exactly the expected result (computed in memory from the
// records), in index order, with no item twice and none missing.
import fc from 'fast-check';
import type { ResourceChange, StackChange, StackMembership } from '../../shared/model/resource-change';
import { serviceOfType } from '../../shared/model/resource-change';
import { readAllPages, resourcePath, startQueryApiHarness } from './query-api-harness';
import type { QueryApiHarness } from './query-api-harness';

const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 12);

const TYPES = ['AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::IAM::Role', 'AWS::Lambda::Function'];
const ACCOUNTS = ['111122223333', '444455556666'];
const REGIONS = ['eu-west-1', 'us-east-1'];
const NAMES = ['app', 'app-1', 'app-2', 'api', 'db', 'db-main', 'x'];
const STACKS = [
  { name: 'app', account: ACCOUNTS[0], region: REGIONS[0] },
  { name: 'app', account: ACCOUNTS[1], region: REGIONS[1] },
  { name: 'data', account: ACCOUNTS[0], region: REGIONS[1] },
].map((stack, n) => ({
  ...stack,
  id: `arn:aws:cloudformation:${stack.region}:${stack.account}:stack/${stack.name}/0000000${n}-aaaa-bbbb-cccc-000000000000`,
}));

interface GeneratedResource {
  type: string;
  account: string;
  region: string;
  name: string;
  /** Index into STACKS, or -1 for none. */
  stack: number;
  env?: string;
  team?: string;
  deleted: boolean;
  updates: number;
}

const resource: fc.Arbitrary<GeneratedResource> = fc.record(
  {
    type: fc.constantFrom(...TYPES),
    account: fc.constantFrom(...ACCOUNTS),
    region: fc.constantFrom(...REGIONS),
    name: fc.constantFrom(...NAMES),
    stack: fc.integer({ min: -1, max: STACKS.length - 1 }),
    env: fc.constantFrom('prod', 'dev'),
    team: fc.constantFrom('blue', 'red'),
    deleted: fc.boolean(),
    updates: fc.integer({ min: 0, max: 2 }),
  },
  { requiredKeys: ['type', 'account', 'region', 'name', 'stack', 'deleted', 'updates'] },
);

const scenario = fc.record({
  resources: fc.array(resource, { minLength: 8, maxLength: 36 }),
  /** Per stack: 0 no row (known only through resources), 1 active, 2 deleted. */
  stackRows: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: STACKS.length, maxLength: STACKS.length }),
  pageSizes: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }),
  pick: fc.nat(),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

interface Expected {
  id: string;
  type: string;
  service: string;
  account: string;
  region: string;
  name: string;
  status: 'active' | 'deleted';
  stack: StackMembership | null;
  tags: Record<string, string>;
  history: number;
}

function idOf(r: GeneratedResource, n: number): string {
  return `arn:aws:${serviceOfType(r.type)}:${r.region}:${r.account}:thing/${r.name}/${n}`;
}

function changesOf(scenarioResources: GeneratedResource[]): {
  changes: ResourceChange[];
  expected: Expected[];
} {
  const changes: ResourceChange[] = [];
  const expected: Expected[] = [];
  scenarioResources.forEach((r, n) => {
    const id = idOf(r, n);
    const tags: Record<string, string> = {};
    if (r.env !== undefined) tags.env = r.env;
    if (r.team !== undefined) tags.team = r.team;
    const stack =
      r.stack >= 0 ? { id: STACKS[r.stack].id, name: STACKS[r.stack].name, logicalId: `L${n}` } : null;
    const base = {
      id,
      arn: id,
      type: r.type,
      account: r.account,
      region: r.region,
      source: 'cloudtrail' as const,
    };
    changes.push({
      ...base,
      action: 'upsert',
      lifecycle: 'create',
      eventTime: '2024-05-01T10:00:00Z',
      eventId: `c-${n}`,
      name: r.name,
      tags: { set: tags },
      ...(stack ? { stack } : {}),
    });
    for (let u = 0; u < r.updates; u++) {
      changes.push({
        ...base,
        action: 'upsert',
        lifecycle: 'update',
        eventTime: `2024-05-01T11:0${u}:00Z`,
        eventId: `u-${n}-${u}`,
      });
    }
    if (r.deleted) {
      changes.push({
        ...base,
        action: 'delete',
        lifecycle: 'delete',
        eventTime: '2024-05-02T00:00:00Z',
        eventId: `d-${n}`,
      });
    }
    expected.push({
      id,
      type: r.type,
      service: serviceOfType(r.type),
      account: r.account,
      region: r.region,
      name: r.name,
      status: r.deleted ? 'deleted' : 'active',
      stack,
      tags,
      history: 1 + r.updates + (r.deleted ? 1 : 0),
    });
  });
  return { changes, expected };
}

function stackChangesOf(rows: number[]): StackChange[] {
  return rows.flatMap((row, n) => {
    if (row === 0) return [];
    const stack = STACKS[n];
    const base = { stackId: stack.id, stackName: stack.name, account: stack.account, region: stack.region };
    const created: StackChange = {
      ...base,
      stackStatus: 'CREATE_COMPLETE',
      eventTime: '2024-05-01T09:00:00Z',
      eventId: `s-${n}`,
    };
    return row === 1
      ? [created]
      : [
          created,
          { ...base, stackStatus: 'DELETE_COMPLETE', eventTime: '2024-05-03T00:00:00Z', eventId: `s-${n}-d` },
        ];
  });
}

/** DynamoDB orders the list indexes by `<status>#<name>#<id>` (all test strings are ASCII). */
const listKey = (item: { status: string; name: string; id: string }) =>
  `${item.status}#${item.name}#${item.id}`;
const byListKey = <T extends { status: string; name: string; id: string }>(items: T[]) =>
  [...items].sort((a, b) => (listKey(a) < listKey(b) ? -1 : listKey(a) > listKey(b) ? 1 : 0));

interface Query {
  label: string;
  path: string;
  params: string;
  expect: (record: Expected) => boolean;
}

/** Every filter kind, with values drawn from the generated data. */
function queriesFor(s: Scenario, expected: Expected[]): Query[] {
  const some = <T>(values: readonly T[], salt: number) => values[(s.pick + salt) % values.length];
  const type = some(TYPES, 0);
  const service = serviceOfType(some(TYPES, 1));
  const account = some(ACCOUNTS, 2);
  const region = some(REGIONS, 3);
  const stack = some(STACKS, 4);
  const name = some(['app', 'db', 'a', 'x', 'api'], 5);
  const env = some(['prod', 'dev'], 6);
  const team = some(['blue', 'red'], 7);
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const active = (r: Expected) => r.status === 'active';
  const queries: Query[] = [
    { label: 'no filter', path: '/resources', params: '', expect: active },
    { label: 'status=all', path: '/resources', params: q({ status: 'all' }), expect: () => true },
    {
      label: 'status=deleted',
      path: '/resources',
      params: q({ status: 'deleted' }),
      expect: (r) => !active(r),
    },
    { label: 'type', path: '/resources', params: q({ type }), expect: (r) => active(r) && r.type === type },
    {
      label: 'service',
      path: '/resources',
      params: q({ service, status: 'all' }),
      expect: (r) => r.service === service,
    },
    {
      label: 'account',
      path: '/resources',
      params: q({ account }),
      expect: (r) => active(r) && r.account === account,
    },
    {
      label: 'region',
      path: '/resources',
      params: q({ region, status: 'deleted' }),
      expect: (r) => !active(r) && r.region === region,
    },
    {
      label: 'account+region',
      path: '/resources',
      params: q({ account, region }),
      expect: (r) => active(r) && r.account === account && r.region === region,
    },
    {
      label: 'stack name',
      path: '/resources',
      params: q({ stack: stack.name, status: 'all' }),
      expect: (r) => r.stack?.name === stack.name,
    },
    {
      label: 'stack arn',
      path: '/resources',
      params: q({ stack: stack.id }),
      expect: (r) => active(r) && r.stack?.id === stack.id,
    },
    {
      label: 'tag',
      path: '/resources',
      params: q({ 'tag.env': env }),
      expect: (r) => active(r) && r.tags.env === env,
    },
    {
      label: 'two tags',
      path: '/resources',
      params: q({ 'tag.env': env, 'tag.team': team, status: 'all' }),
      expect: (r) => r.tags.env === env && r.tags.team === team,
    },
    {
      label: 'name prefix',
      path: '/resources',
      params: q({ name }),
      expect: (r) => active(r) && r.name.startsWith(name),
    },
    {
      label: 'name prefix, all',
      path: '/resources',
      params: q({ name, status: 'all' }),
      expect: (r) => r.name.startsWith(name),
    },
    {
      label: 'tag+name, all',
      path: '/resources',
      params: q({ 'tag.team': team, name, status: 'all' }),
      expect: (r) => r.tags.team === team && r.name.startsWith(name),
    },
    {
      label: 'type+tag+name',
      path: '/resources',
      params: q({ type, 'tag.env': env, name, status: 'all' }),
      expect: (r) => r.type === type && r.tags.env === env && r.name.startsWith(name),
    },
    {
      label: 'account+tag',
      path: '/resources',
      params: q({ account, 'tag.team': team }),
      expect: (r) => active(r) && r.account === account && r.tags.team === team,
    },
    {
      label: 'service+region+stack',
      path: '/resources',
      params: q({ service, region, stack: stack.name, status: 'all' }),
      expect: (r) => r.service === service && r.region === region && r.stack?.name === stack.name,
    },
  ];
  for (const [n, candidate] of STACKS.entries()) {
    // A stack is known by name through any stack row or resource of that name (two stacks share
    // `app`), but by ARN only through its own row or its own resources: otherwise the API says 404.
    const knownByName =
      STACKS.some((other, m) => other.name === candidate.name && s.stackRows[m] !== 0) ||
      expected.some((r) => r.stack?.name === candidate.name);
    const knownById = s.stackRows[n] !== 0 || expected.some((r) => r.stack?.id === candidate.id);
    if (knownByName) {
      queries.push({
        label: `stack ${n} resources by name`,
        path: `/stacks/${candidate.name}/resources`,
        params: q({ status: 'all' }),
        expect: (r) => r.stack?.name === candidate.name,
      });
    }
    if (!knownById) continue;
    queries.push({
      label: `stack ${n} resources by arn, type`,
      path: `/stacks/${encodeURIComponent(candidate.id)}/resources`,
      params: q({ type }),
      expect: (r) => active(r) && r.stack?.id === candidate.id && r.type === type,
    });
  }
  return queries;
}

let cases = 0;
let pagesRead = 0;

async function checkScenario(s: Scenario): Promise<void> {
  const harness: QueryApiHarness = await startQueryApiHarness('query-pages');
  try {
    const { changes, expected } = changesOf(s.resources);
    await harness.store.applyChanges(changes);
    await harness.store.applyStackChanges(stackChangesOf(s.stackRows));
    let turn = 0;
    const nextLimit = () => s.pageSizes[turn++ % s.pageSizes.length];

    for (const query of queriesFor(s, expected)) {
      const { items, pages } = await readAllPages(
        harness,
        query.path,
        new URLSearchParams(query.params),
        nextLimit,
      );
      const actual = items.map((item) => String(item.id));
      expect({ query: query.label, duplicates: actual.length - new Set(actual).size }).toEqual({
        query: query.label,
        duplicates: 0,
      });
      const wanted = byListKey(expected.filter(query.expect)).map((r) => r.id);
      expect({ query: `${query.path}?${query.params}`, ids: actual }).toEqual({
        query: `${query.path}?${query.params}`,
        ids: wanted,
      });
      cases++;
      pagesRead += pages;
    }

    // Stacks: every status, with a name prefix.
    const stackRecords = STACKS.flatMap((stack, n) =>
      s.stackRows[n] === 0 ? [] : [{ ...stack, status: s.stackRows[n] === 1 ? 'active' : 'deleted' }],
    );
    for (const params of ['status=all', 'status=active', 'status=deleted&name=ap', 'status=all&name=d']) {
      const filter = new URLSearchParams(params);
      const wanted = byListKey(
        stackRecords.filter(
          (stack) =>
            (filter.get('status') === 'all' || stack.status === filter.get('status')) &&
            stack.name.startsWith(filter.get('name') ?? ''),
        ),
      ).map((stack) => stack.id);
      const { items, pages } = await readAllPages(harness, '/stacks', filter, nextLimit);
      expect({ params, ids: items.map((item) => item.id) }).toEqual({ params, ids: wanted });
      cases++;
      pagesRead += pages;
    }

    // History of one resource: every change once, newest first.
    const target = expected[s.pick % expected.length];
    const { items, pages } = await readAllPages(
      harness,
      resourcePath(target.id, '/history'),
      new URLSearchParams(),
      nextLimit,
    );
    const times = items.map((entry) => String(entry.eventTime));
    expect(new Set(items.map((entry) => entry.eventId)).size).toBe(target.history);
    expect(times).toEqual([...times].sort().reverse());
    cases++;
    pagesRead += pages;
  } finally {
    await harness.close();
  }
}

test('every page of every filter, concatenated, is exactly the expected result', async () => {
  await fc.assert(fc.asyncProperty(scenario, checkScenario), { numRuns: NUM_RUNS });
  console.log(`pagination property: ${NUM_RUNS} random indexes, ${cases} queries, ${pagesRead} pages read`);
}, 180_000);
