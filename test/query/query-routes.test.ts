// Every route, every filter and every error case of the query API, through the local HTTP adapter
// (real fetch, real handler) against DynamoDB Local.
import { createHmac } from 'node:crypto';
import { DIMENSION_VALUES } from '../../shared/observability/metric-catalog';
import { DEFAULT_CURSOR_SECRET, createCursorCodec } from '../../shared/query/cursor-codec';
import { QUERY_PARAMETERS } from '../../shared/query/query-parameters';
import { RESOURCE_FIELDS } from '../../shared/query/item-fields';
import { UNMATCHED_ROUTE, routeKey } from '../../shared/query/query-route';
import { QUERY_ROUTES } from '../../shared/query/route-table';
import { ACCOUNT, REGION } from '../fixtures/changes';
import {
  asError,
  asPage,
  isRecord,
  readAllPages,
  resourcePath,
  startQueryApiHarness,
} from './query-api-harness';
import type { ApiResponse, QueryApiHarness } from './query-api-harness';
import {
  APP_STACK,
  IDS,
  OLD_STACK,
  OTHER_ACCOUNT,
  OTHER_APP_STACK,
  OTHER_REGION,
  seedIndex,
} from './query-fixtures';

let harness: QueryApiHarness;

beforeAll(async () => {
  harness = await startQueryApiHarness('query-routes');
  await seedIndex(harness.store);
});
afterAll(() => harness.close());

const ids = (response: ApiResponse) => asPage(response.body).items.map((item) => String(item.id));
const sortedIds = (response: ApiResponse) => ids(response).sort();

async function expectError(target: string, status: number, code: string, parameter?: string, method = 'GET') {
  const response = await harness.get(target, method);
  expect({ target, status: response.status }).toEqual({ target, status });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const error = asError(response.body);
  expect(error.code).toBe(code);
  if (parameter === undefined) expect(error.parameter).toBeUndefined();
  else expect(error.parameter).toBe(parameter);
  return error;
}

describe('route table', () => {
  test('its keys are exactly the metric Route dimension values (plus unmatched)', () => {
    expect([...QUERY_ROUTES.map(routeKey), UNMATCHED_ROUTE].sort()).toEqual(
      [...DIMENSION_VALUES.Route].sort(),
    );
  });

  test('GET / is the web page (its own tests are in test/web); the routes are listed in /openapi.json', async () => {
    const response = await harness.get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const unmatched = asError((await harness.get('/nowhere')).body);
    expect(unmatched.message).toContain('/openapi.json');
  });
});

describe('cursor codec', () => {
  test('the largest key DynamoDB allows still makes a cursor the cursor parameter accepts', () => {
    const codec = createCursorCodec();
    const key = {
      pk: 'p'.repeat(2048),
      sk: 's'.repeat(1024),
      tagKey: 't'.repeat(2048),
      listKey: 'l'.repeat(1024),
    };
    const cursor = codec.encode(key, 'binding');
    expect(QUERY_PARAMETERS.cursor.parse(cursor).ok).toBe(true);
    expect(codec.decode(cursor, 'binding')).toEqual({ ok: true, key });
    expect(codec.decode(cursor, 'other')).toEqual({ ok: false, reason: 'foreign' });
    expect(createCursorCodec('other secret').decode(cursor, 'binding')).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});

describe('GET /resources', () => {
  const all = [
    IDS.alphaAssets,
    IDS.alphaLogs,
    IDS.deployRole,
    IDS.historyRole,
    IDS.orders,
    IDS.orphanFunction,
  ];

  test('without filters: every active resource, in index order, nextCursor null', async () => {
    const response = await harness.get('/resources');
    expect(response.status).toBe(200);
    const page = asPage(response.body);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((item) => item.name)).toEqual([
      'alpha-assets',
      'alpha-logs',
      'deploy',
      'history',
      'orders',
      'orphan-fn',
    ]);
  });

  test('items carry exactly the design fields', async () => {
    const response = await harness.get('/resources?name=alpha-logs');
    const [item] = asPage(response.body).items;
    expect(Object.keys(item).sort()).toEqual(Object.keys(RESOURCE_FIELDS).sort());
    expect(item).toEqual({
      id: IDS.alphaLogs,
      arn: IDS.alphaLogs,
      type: 'AWS::S3::Bucket',
      service: 's3',
      account: ACCOUNT,
      region: REGION,
      name: 'alpha-logs',
      status: 'active',
      stack: { id: APP_STACK.id, name: 'app', logicalId: 'Logs' },
      tags: { env: 'prod', team: 'blue' },
      firstSeen: '2024-05-01T10:00:00Z',
      lastChanged: '2024-05-01T10:00:00Z',
      deletedAt: null,
      sources: ['cloudformation'],
      createdBy: null,
      lastChangedBy: null,
      lastConfirmed: null,
      indexedAt: expect.any(String),
    });
  });

  test.each([
    ['type=AWS%3A%3AS3%3A%3ABucket', [IDS.alphaAssets, IDS.alphaLogs]],
    ['service=iam', [IDS.deployRole, IDS.historyRole]],
    [`account=${OTHER_ACCOUNT}`, [IDS.orders]],
    [`region=${OTHER_REGION}`, [IDS.deployRole, IDS.historyRole, IDS.orders]],
    [`account=${ACCOUNT}&region=${OTHER_REGION}`, [IDS.deployRole, IDS.historyRole]],
    ['stack=app', [IDS.alphaLogs, IDS.orders]],
    [`stack=${encodeURIComponent(OTHER_APP_STACK.id)}`, [IDS.orders]],
    ['stack=orphan', [IDS.orphanFunction]],
    ['status=active', all],
    ['status=deleted', [IDS.betaArchive, IDS.retiredTable]],
    ['status=all', [...all, IDS.betaArchive, IDS.retiredTable]],
    ['tag.env=prod', [IDS.alphaLogs, IDS.orders]],
    ['tag.env=prod&status=all', [IDS.alphaLogs, IDS.betaArchive, IDS.orders]],
    ['tag.env=prod&tag.team=blue', [IDS.alphaLogs]],
    [`tag.cost+centre=${encodeURIComponent('café ☕')}`, [IDS.orders]],
    ['tag.team=red', [IDS.deployRole]],
    ['tag.team=green', []],
    ['name=alpha', [IDS.alphaAssets, IDS.alphaLogs]],
    ['name=alpha-l', [IDS.alphaLogs]],
    ['name=beta&status=all', [IDS.betaArchive]],
    ['name=beta&status=all&tag.env=prod', [IDS.betaArchive]],
    ['name=alpha&tag.env=prod&status=all', [IDS.alphaLogs]],
    ['type=AWS%3A%3AS3%3A%3ABucket&tag.team=blue&name=alpha-a', [IDS.alphaAssets]],
    ['service=s3&status=deleted', [IDS.betaArchive]],
    [`stack=app&account=${OTHER_ACCOUNT}`, [IDS.orders]],
    ['stack=old&status=deleted', [IDS.retiredTable]],
    ['type=AWS%3A%3ANothing%3A%3AHere', []],
  ])('%s', async (query, expected) => {
    const response = await harness.get(`/resources?${query}`);
    expect(response.status).toBe(200);
    expect(sortedIds(response)).toEqual([...expected].sort());
  });

  test('limit and cursor page through everything once', async () => {
    const { items, pages } = await readAllPages(
      harness,
      '/resources',
      new URLSearchParams('status=all'),
      () => 3,
    );
    expect(items.map((item) => item.id).sort()).toEqual([...Object.values(IDS)].sort());
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  test('limit may change between pages; other filters may not', async () => {
    const first = asPage((await harness.get('/resources?status=all&limit=2')).body);
    expect(first.items).toHaveLength(2);
    const second = await harness.get(`/resources?status=all&limit=5&cursor=${first.nextCursor}`);
    expect(second.status).toBe(200);
    expect(asPage(second.body).items).toHaveLength(5);
    const error = await expectError(
      `/resources?status=deleted&limit=2&cursor=${first.nextCursor}`,
      400,
      'invalid_cursor',
      'cursor',
    );
    expect(error.message).toMatch(/other filters/);
  });
});

describe('GET /resources/{id}', () => {
  test('a percent-encoded ARN with slashes', async () => {
    const response = await harness.get(resourcePath(IDS.deployRole));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: IDS.deployRole, name: 'deploy', tags: { team: 'red' } });
  });

  test('the same id with raw slashes, as a gateway that decodes %2F delivers it', async () => {
    const response = await harness.get(`/resources/${IDS.deployRole}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: IDS.deployRole });
  });

  test('a deleted resource is still there, as a tombstone', async () => {
    const response = await harness.get(resourcePath(IDS.betaArchive));
    expect(response.body).toMatchObject({ status: 'deleted', deletedAt: '2024-05-02T08:00:00Z' });
  });

  test('a raw path ending in /history is the role named history when no shorter id is known', async () => {
    const response = await harness.get(`/resources/${IDS.historyRole}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: IDS.historyRole, name: 'history' });
  });

  test('unknown ids are 404', async () => {
    const error = await expectError(resourcePath('arn:aws:s3:::nope'), 404, 'not_found');
    expect(error.message).toContain('arn:aws:s3:::nope');
  });
});

describe('GET /resources/{id}/history', () => {
  test('newest first, paged', async () => {
    const { items } = await readAllPages(
      harness,
      resourcePath(IDS.deployRole, '/history'),
      new URLSearchParams(),
      () => 1,
    );
    expect(items.map((entry) => entry.eventId)).toEqual(['evt-deploy-3', 'evt-deploy-2', 'evt-deploy-1']);
    expect(items[0]).toEqual({
      eventId: 'evt-deploy-3',
      eventTime: '2024-05-01T12:00:00Z',
      source: 'cloudtrail',
      action: 'upsert',
      lifecycle: 'update',
      sourceStatus: 'UpdateRole',
      name: 'deploy',
      tags: null,
      principal: null,
    });
    expect(items[1]).toMatchObject({ lifecycle: 'tag', tags: { add: { team: 'red' } } });
  });

  test('the history of a role whose own name is history, with raw and encoded slashes', async () => {
    for (const target of [
      resourcePath(IDS.historyRole, '/history'),
      `/resources/${IDS.historyRole}/history`,
    ]) {
      const response = await harness.get(target);
      expect({ target, status: response.status }).toEqual({ target, status: 200 });
      expect(asPage(response.body).items.map((entry) => entry.eventId)).toEqual(['evt-history-create']);
    }
  });

  test('a deleted resource keeps its history', async () => {
    const response = await harness.get(resourcePath(IDS.betaArchive, '/history'));
    expect(asPage(response.body).items.map((entry) => entry.action)).toEqual(['delete', 'upsert']);
  });

  test('unknown id is 404', async () => {
    await expectError(resourcePath('arn:aws:s3:::nope', '/history'), 404, 'not_found');
  });

  test('a history cursor does not work for another resource', async () => {
    const first = asPage((await harness.get(resourcePath(IDS.deployRole, '/history?limit=1'))).body);
    await expectError(
      resourcePath(IDS.betaArchive, `/history?cursor=${first.nextCursor}`),
      400,
      'invalid_cursor',
      'cursor',
    );
  });
});

describe('GET /stacks', () => {
  const stackNames = (response: ApiResponse) =>
    asPage(response.body).items.map((item) => `${item.name}@${item.account}:${item.status}`);

  test('active by default, deleted, all', async () => {
    expect(stackNames(await harness.get('/stacks'))).toEqual(
      [`app@${ACCOUNT}:active`, `app@${OTHER_ACCOUNT}:active`].sort(),
    );
    expect(stackNames(await harness.get('/stacks?status=deleted'))).toEqual([`old@${ACCOUNT}:deleted`]);
    expect(stackNames(await harness.get('/stacks?status=all'))).toHaveLength(3);
  });

  test('name prefix, and paging', async () => {
    expect(stackNames(await harness.get('/stacks?name=ap'))).toHaveLength(2);
    expect(stackNames(await harness.get('/stacks?name=old'))).toEqual([]);
    expect(stackNames(await harness.get('/stacks?name=ol&status=all'))).toEqual([`old@${ACCOUNT}:deleted`]);
    const { items } = await readAllPages(harness, '/stacks', new URLSearchParams('status=all'), () => 1);
    expect(items.map((item) => item.id).sort()).toEqual(
      [APP_STACK.id, OTHER_APP_STACK.id, OLD_STACK.id].sort(),
    );
  });

  test('stack items carry the stack fields', async () => {
    const [item] = asPage((await harness.get('/stacks?status=deleted')).body).items;
    expect(item).toEqual({
      id: expect.stringContaining(':stack/old/'),
      name: 'old',
      account: ACCOUNT,
      region: REGION,
      status: 'deleted',
      stackStatus: 'DELETE_COMPLETE',
      statusReason: null,
      firstSeen: '2024-05-01T10:00:00Z',
      lastChanged: '2024-05-03T00:00:00Z',
      deletedAt: '2024-05-03T00:00:00Z',
      indexedAt: expect.any(String),
    });
  });
});

describe('GET /stacks/{stack}/resources', () => {
  test.each([
    ['/stacks/app/resources', [IDS.alphaLogs, IDS.orders]],
    [`/stacks/${encodeURIComponent(APP_STACK.id)}/resources`, [IDS.alphaLogs]],
    [`/stacks/${OTHER_APP_STACK.id}/resources`, [IDS.orders]],
    ['/stacks/app/resources?type=AWS%3A%3ASQS%3A%3AQueue', [IDS.orders]],
    ['/stacks/app/resources?tag.team=blue', [IDS.alphaLogs]],
    [`/stacks/app/resources?account=${ACCOUNT}&region=${REGION}&service=s3&name=alpha`, [IDS.alphaLogs]],
    ['/stacks/old/resources', []],
    ['/stacks/old/resources?status=deleted', [IDS.retiredTable]],
    ['/stacks/orphan/resources', [IDS.orphanFunction]],
    ['/stacks/orphan/resources?status=deleted', []],
  ])('%s', async (target, expected) => {
    const response = await harness.get(target);
    expect(response.status).toBe(200);
    expect(sortedIds(response)).toEqual([...expected].sort());
  });

  test('pages through a stack', async () => {
    const { items } = await readAllPages(harness, '/stacks/app/resources', new URLSearchParams(), () => 1);
    expect(items.map((item) => item.id).sort()).toEqual([IDS.alphaLogs, IDS.orders].sort());
  });

  test('unknown stacks are 404, by name and by id', async () => {
    await expectError('/stacks/nope/resources', 404, 'not_found');
    const unknownArn = APP_STACK.id.replace('0f6f4c10', 'deadbeef');
    await expectError(`/stacks/${encodeURIComponent(unknownArn)}/resources`, 404, 'not_found');
  });

  test('stack is not also a query parameter here', async () => {
    await expectError('/stacks/app/resources?stack=app', 400, 'unknown_parameter', 'stack');
  });
});

describe('GET /openapi.json', () => {
  test('serves the OpenAPI 3.1 document', async () => {
    const response = await harness.get('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ openapi: '3.1.0', paths: expect.any(Object) });
  });
});

describe('errors', () => {
  test('unknown parameters name themselves and what the route accepts', async () => {
    const error = await expectError('/resources?colour=red', 400, 'unknown_parameter', 'colour');
    expect(error.message).toContain(
      'type, service, account, region, stack, status, name, q, format, limit, cursor, tag.<Key>',
    );
    await expectError('/resources?Type=x', 400, 'unknown_parameter', 'Type');
    await expectError(`${resourcePath(IDS.alphaLogs)}?limit=5`, 400, 'unknown_parameter', 'limit');
    await expectError('/stacks?tag.env=prod', 400, 'unknown_parameter', 'tag.env');
    await expectError('/stacks?type=x', 400, 'unknown_parameter', 'type');
    await expectError('/openapi.json?x=1', 400, 'unknown_parameter', 'x');
  });

  test('a bad status says what is allowed', async () => {
    const error = await expectError('/resources?status=gone', 400, 'invalid_parameter', 'status');
    expect(error.message).toContain('active, deleted, all');
    await expectError('/stacks?status=ACTIVE', 400, 'invalid_parameter', 'status');
  });

  test.each(['0', '1001', '-1', '1.5', 'abc', '', '1e2', ' 5', '99999999999999999999', '0x10'])(
    'limit=%p is refused',
    async (limit) => {
      const error = await expectError(
        `/resources?limit=${encodeURIComponent(limit)}`,
        400,
        'invalid_parameter',
        'limit',
      );
      expect(error.message).toContain('an integer from 1 to 1000');
    },
  );

  test('limits 1 and 1000 are fine', async () => {
    expect((await harness.get('/resources?limit=1')).status).toBe(200);
    expect((await harness.get('/resources?limit=1000')).status).toBe(200);
  });

  test('repeated parameters are refused, tags included', async () => {
    const error = await expectError('/resources?type=a&type=b', 400, 'invalid_parameter', 'type');
    expect(error.message).toMatch(/only once/);
    await expectError('/resources?tag.env=prod&tag.env=dev', 400, 'invalid_parameter', 'tag.env');
    await expectError('/resources?limit=5&limit=5', 400, 'invalid_parameter', 'limit');
  });

  test('values outside their shape', async () => {
    await expectError('/resources?account=12345', 400, 'invalid_parameter', 'account');
    await expectError('/resources?service=S3', 400, 'invalid_parameter', 'service');
    await expectError('/resources?region=EU%20West', 400, 'invalid_parameter', 'region');
    await expectError('/resources?type=', 400, 'invalid_parameter', 'type');
    await expectError('/resources?tag.=x', 400, 'invalid_parameter', 'tag.');
    await expectError(`/resources?name=${'n'.repeat(201)}`, 400, 'invalid_parameter', 'name');
    await expectError('/resources?type=a%00b', 400, 'invalid_parameter', 'type');
  });

  test('malformed, tampered and foreign cursors are 400s', async () => {
    const first = asPage((await harness.get('/resources?status=all&limit=2')).body);
    const cursor = String(first.nextCursor);
    await expectError('/resources?cursor=not-a-cursor', 400, 'invalid_cursor', 'cursor');
    await expectError('/resources?cursor=%21%21', 400, 'invalid_parameter', 'cursor');
    const flipped = `${cursor.slice(0, 40)}${cursor[40] === 'A' ? 'B' : 'A'}${cursor.slice(41)}`;
    await expectError(`/resources?status=all&cursor=${flipped}`, 400, 'invalid_cursor', 'cursor');
    await expectError(`/resources?status=all&cursor=${cursor.slice(0, -4)}`, 400, 'invalid_cursor', 'cursor');
    await expectError(`/stacks?status=all&cursor=${cursor}`, 400, 'invalid_cursor', 'cursor');
    await expectError(`/resources?status=all&tag.a=b&cursor=${cursor}`, 400, 'invalid_cursor', 'cursor');
  });

  test('a cursor from a server with another CURSOR_SECRET is refused', async () => {
    const other = await startQueryApiHarness('query-routes-secret', { cursorSecret: 'another secret' });
    try {
      await seedIndex(other.store);
      const foreign = asPage((await other.get('/resources?status=all&limit=2')).body).nextCursor;
      await expectError(`/resources?status=all&cursor=${foreign}`, 400, 'invalid_cursor', 'cursor');
    } finally {
      await other.close();
    }
  });

  test('a cursor forged with the public default secret still cannot cause a 500', async () => {
    const first = asPage((await harness.get('/resources?type=AWS%3A%3AS3%3A%3ABucket&limit=1')).body);
    const bytes = Buffer.from(String(first.nextCursor), 'base64url');
    const payload: unknown = JSON.parse(bytes.subarray(32).toString('utf8'));
    if (!isRecord(payload) || !isRecord(payload.k)) throw new Error('cursor payload is not {k: key}');
    const forge = (key: Record<string, unknown>) => {
      const forged = Buffer.from(JSON.stringify({ ...payload, k: key }), 'utf8');
      const tag = createHmac('sha256', DEFAULT_CURSOR_SECRET).update(forged).digest();
      return Buffer.concat([tag, forged]).toString('base64url');
    };
    const key = payload.k;
    for (const forgedKey of [
      { ...key, typeKey: 'AWS::SQS::Queue' },
      { ...key, listKey: 'deleted#zzz' },
      { ...key, pk: 5 },
      { ...key, extra: 'x' },
      { pk: key.pk, sk: key.sk },
      { ...key, pk: '' },
      { ...key, listKey: 'a'.repeat(1025) },
    ]) {
      await expectError(
        `/resources?type=AWS%3A%3AS3%3A%3ABucket&cursor=${forge(forgedKey)}`,
        400,
        'invalid_cursor',
        'cursor',
      );
    }
  });

  test('unknown routes are 404, known paths with other methods 405 with Allow', async () => {
    const error = await expectError('/nowhere', 404, 'not_found');
    expect(error.message).toContain('/openapi.json');
    await expectError('/resources/', 404, 'not_found');
    await expectError('/stacks/app', 404, 'not_found');
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      await expectError('/resources', 405, 'method_not_allowed', undefined, method);
    }
    const response = await harness.get(resourcePath(IDS.alphaLogs), 'DELETE');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  test('over-long path ids are a 400 naming the path parameter', async () => {
    await expectError(resourcePath('x'.repeat(2047)), 400, 'invalid_parameter', 'id');
    await expectError(`/stacks/${'s'.repeat(513)}/resources`, 400, 'invalid_parameter', 'stack');
  });
});

describe('telemetry', () => {
  test('requests, latency, items and client errors are recorded per route; no server errors', async () => {
    harness.metrics.length = 0;
    await harness.get('/resources?status=all');
    await harness.get('/resources?status=bad');
    await harness.get('/nowhere');
    const byRoute = (route: string) => harness.metrics.filter((entry) => entry.dimensions.Route === route);
    expect(
      byRoute('GET /resources')
        .map((entry) => entry.metric)
        .sort(),
    ).toEqual(
      [
        'clientErrors',
        'itemsReturned',
        'itemsReturned',
        'requestLatency',
        'requestLatency',
        'requests',
        'requests',
      ].sort(),
    );
    expect(byRoute('GET /resources').find((entry) => entry.metric === 'itemsReturned')?.value).toBe(8);
    expect(byRoute(UNMATCHED_ROUTE).map((entry) => entry.metric)).toContain('clientErrors');
    expect(harness.metrics.filter((entry) => entry.metric === 'serverErrors')).toEqual([]);
  });
});
