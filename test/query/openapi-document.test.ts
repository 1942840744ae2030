// The OpenAPI document is valid OpenAPI 3.1 (checked by a real validator), describes every route of
// the table, and the API's actual replies (successes and errors) conform to its response schemas.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument } from '../../shared/query/openapi-document';
import { QUERY_PARAMETERS } from '../../shared/query/query-parameters';
import { QUERY_ROUTES } from '../../shared/query/route-table';
import { isRecord, resourcePath, startQueryApiHarness } from './query-api-harness';
import type { QueryApiHarness } from './query-api-harness';
import { APP_STACK, IDS, seedIndex } from './query-fixtures';
import { changeFeedItem, putItems, snapshotRunItem } from './read-model-fixtures';

let harness: QueryApiHarness;
let document: Record<string, unknown>;

beforeAll(async () => {
  harness = await startQueryApiHarness('query-openapi');
  await seedIndex(harness.store);
  const { documentClient, tableName } = harness.table;
  const indexedAt = new Date().toISOString();
  await putItems(documentClient, tableName, [
    changeFeedItem({
      indexedAt,
      eventTime: '2024-05-01T10:00:00Z',
      id: IDS.alphaLogs,
      arn: IDS.alphaLogs,
      type: 'AWS::S3::Bucket',
      change: 'updated',
      fields: ['tags'],
      before: { tags: { env: 'dev' } },
      after: { tags: { env: 'prod' } },
      version: 2,
    }),
    changeFeedItem({
      indexedAt,
      eventTime: '2024-05-01T10:00:00Z',
      id: IDS.orders,
      arn: null,
      type: 'AWS::SQS::Queue',
      change: 'created',
      fields: ['name'],
      before: {},
      after: { name: 'orders' },
      version: 1,
    }),
    snapshotRunItem({
      id: 'run-1',
      source: 'config',
      account: '111122223333',
      region: null,
      startedAt: '2024-05-01T10:00:00Z',
      finishedAt: '2024-05-01T10:01:00Z',
      complete: true,
      observed: 3,
      created: 1,
      updated: 1,
      inferredDeleted: 0,
    }),
  ]);
  const served = await harness.get('/openapi.json');
  if (!isRecord(served.body)) throw new Error('the OpenAPI document is not a JSON object');
  document = served.body;
});
afterAll(() => harness.close());

test('the served document is the one built from the route table', () => {
  expect(document).toEqual(buildOpenApiDocument(QUERY_ROUTES));
});

/** Runs the validator's CLI: it is an ES module, which Node runs directly, outside Jest's sandbox. */
function validateOpenApi(candidate: unknown): { valid: boolean; status: number | null; errors: unknown } {
  const folder = mkdtempSync(join(tmpdir(), 'openapi-'));
  try {
    const file = join(folder, 'openapi.json');
    writeFileSync(file, JSON.stringify(candidate));
    const cli = require.resolve('@seriousme/openapi-schema-validator/bin/validate-api-cli.js');
    const result = spawnSync(process.execPath, [cli, file], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    const report: unknown = JSON.parse(result.stdout);
    if (!isRecord(report)) throw new Error(`validator printed ${result.stdout}`);
    return { valid: report.valid === true, status: result.status, errors: report.errors };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

test('a real OpenAPI 3.1 validator accepts it (and rejects a broken copy)', () => {
  expect(validateOpenApi(document)).toEqual({ valid: true, status: 0, errors: undefined });
  const broken = { ...document, paths: { '/resources': { get: { responses: { '200': { content: 5 } } } } } };
  expect(validateOpenApi(broken).valid).toBe(false);
});

test('it describes every route, and every query parameter of each', () => {
  const paths = at(document, 'paths');
  for (const route of QUERY_ROUTES) {
    const operation = at(paths, route.path, 'get');
    expect(operation.operationId).toBe(route.operationId);
    const names = (Array.isArray(operation.parameters) ? operation.parameters : []).map((parameter) =>
      String(at(document, ...refPath(parameter)).name),
    );
    for (const name of route.queryParameters) expect(names).toContain(name);
    if (route.tagFilters) expect(names).toContain('tags');
  }
  expect(Object.keys(at(document, 'components', 'parameters'))).toEqual(
    expect.arrayContaining(Object.keys(QUERY_PARAMETERS).map((name) => `query-${name}`)),
  );
});

/** Runs Redocly CLI's `recommended` rules on a document; returns its JSON report's totals. */
function redoclyLint(candidate: unknown): { errors: number; warnings: number; problems: unknown } {
  const folder = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
  try {
    const file = join(folder, 'openapi.json');
    writeFileSync(file, JSON.stringify(candidate));
    const cli = require.resolve('@redocly/cli/bin/cli.js');
    const result = spawnSync(
      process.execPath,
      [cli, 'lint', '--extends', 'recommended', '--format', 'json', file],
      {
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    const report: unknown = JSON.parse(result.stdout);
    if (!isRecord(report) || !isRecord(report.totals)) throw new Error(`redocly printed ${result.stdout}`);
    return {
      errors: Number(report.totals.errors),
      warnings: Number(report.totals.warnings),
      problems: report.problems,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe("Redocly CLI's recommended rules", () => {
  test('pass on the served document, with servers and the SigV4 scheme', () => {
    expect(redoclyLint(document)).toEqual({ errors: 0, warnings: 0, problems: [] });
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(Object.keys(at(document, 'components', 'securitySchemes'))).toEqual(['sigv4']);
  });

  test('pass on the document of a deployment with a sign-in, which offers both schemes', () => {
    const deployed = buildOpenApiDocument(QUERY_ROUTES, {
      signInIssuer: 'https://sign-in.invalid/pool_1/',
    });
    expect(redoclyLint(deployed)).toEqual({ errors: 0, warnings: 0, problems: [] });
    expect(deployed.security).toEqual([{ sigv4: [] }, { signIn: [] }]);
    expect(at(deployed, 'components', 'securitySchemes', 'signIn')).toMatchObject({
      type: 'openIdConnect',
      openIdConnectUrl: 'https://sign-in.invalid/pool_1/.well-known/openid-configuration',
    });
  });

  test('fail on a document without security or servers (the test can fail)', () => {
    const { security: _security, servers: _servers, ...bare } = document;
    expect(redoclyLint(bare).errors).toBeGreaterThan(0);
  });
});

test('/resources documents its CSV and JSON Lines forms and the X-Next-Cursor header', () => {
  const ok = at(document, 'paths', '/resources', 'get', 'responses', '200');
  expect(Object.keys(at(ok, 'content'))).toEqual(['application/json', 'text/csv', 'application/x-ndjson']);
  expect(at(ok, 'headers', 'X-Next-Cursor')).toMatchObject({ schema: { type: 'string' } });
});

describe('actual replies conform to the documented responses', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  let added = false;

  /** Validates a body against the schema the document gives for this path, method and status. */
  function expectConforms(path: string, status: number, body: unknown) {
    if (!added) {
      ajv.addSchema({ ...document, $id: 'openapi.json' });
      added = true;
    }
    let response = at(document, 'paths', path, 'get', 'responses', String(status));
    if (typeof response.$ref === 'string') response = at(document, ...refPath(response));
    const [contentType] = Object.keys(at(response, 'content'));
    const schema = at(response, 'content', contentType, 'schema');
    const validate = ajv.getSchema(
      `openapi.json#${refPath(schema)
        .map(escapePointer)
        .map((part) => `/${part}`)
        .join('')}`,
    );
    if (!validate) throw new Error(`no schema for ${path} ${status}`);
    const valid = validate(body);
    expect({ path, status, valid, errors: validate.errors ?? null }).toEqual({
      path,
      status,
      valid: true,
      errors: null,
    });
  }

  const encodedStack = encodeURIComponent(APP_STACK.id);
  const samples: [path: string, target: string, status: number][] = [
    ['/', '/', 200],
    ['/', '/?x=1', 400],
    ['/', '/?code=a1b2&state=s-1', 200],
    ['/resources', '/resources?status=all', 200],
    ['/resources', '/resources?status=all&limit=2', 200],
    ['/resources', '/resources?limit=0', 400],
    ['/resources', '/resources?cursor=abc', 400],
    ['/resources', '/resources?q=alpha+logs', 200],
    ['/resources', '/resources?q=a', 400],
    ['/resources', '/resources?format=pdf', 400],
    ['/summary', '/summary', 200],
    ['/summary', '/summary?status=all', 200],
    ['/summary', '/summary?status=x', 400],
    ['/changes', '/changes', 200],
    ['/changes', '/changes?limit=1', 200],
    ['/changes', '/changes?limit=0', 400],
    ['/snapshots', '/snapshots', 200],
    ['/snapshots', '/snapshots?cursor=abc', 400],
    ['/resources/{id}', resourcePath(IDS.alphaLogs), 200],
    ['/resources/{id}', resourcePath(IDS.betaArchive), 200],
    ['/resources/{id}', resourcePath('arn:aws:s3:::nope'), 404],
    ['/resources/{id}', `${resourcePath(IDS.alphaLogs)}?x=1`, 400],
    ['/resources/{id}/history', resourcePath(IDS.deployRole, '/history'), 200],
    ['/resources/{id}/history', resourcePath(IDS.betaArchive, '/history?limit=1'), 200],
    ['/resources/{id}/history', resourcePath('arn:aws:s3:::nope', '/history'), 404],
    ['/resources/{id}/history', resourcePath(IDS.deployRole, '/history?limit=x'), 400],
    ['/stacks', '/stacks?status=all', 200],
    ['/stacks', '/stacks?status=all&limit=1', 200],
    ['/stacks', '/stacks?status=no', 400],
    ['/stacks/{stack}/resources', '/stacks/app/resources', 200],
    ['/stacks/{stack}/resources', `/stacks/${encodedStack}/resources?status=all`, 200],
    ['/stacks/{stack}/resources', '/stacks/nope/resources', 404],
    ['/stacks/{stack}/resources', '/stacks/app/resources?stack=x', 400],
    ['/openapi.json', '/openapi.json', 200],
    ['/openapi.json', '/openapi.json?x=1', 400],
    ['/app.js', '/app.js', 200],
    ['/app.js', '/app.js?x=1', 400],
    ['/app.css', '/app.css', 200],
    ['/app.css', '/app.css?x=1', 400],
    ['/favicon.ico', '/favicon.ico', 200],
    ['/favicon.ico', '/favicon.ico?x=1', 400],
    ['/config.json', '/config.json', 200],
    ['/config.json', '/config.json?x=1', 400],
  ];

  test.each(samples)('%s: %s answers %d as documented', async (path, target, status) => {
    const response = await harness.get(target);
    expect(response.status).toBe(status);
    // The web page's routes answer their own content type; everything else, errors included, is JSON.
    const documented = QUERY_ROUTES.find((route) => route.path === path)?.response.contentType;
    const contentType = status === 200 && documented ? documented : 'application/json';
    expect(response.headers.get('content-type')?.startsWith(contentType)).toBe(true);
    expectConforms(path, status, response.body ?? response.text);
  });

  test('the samples cover every documented response but 500', () => {
    const covered = new Set(samples.map(([path, , status]) => `${path} ${status}`));
    for (const [path, item] of Object.entries(at(document, 'paths'))) {
      for (const status of Object.keys(at(item, 'get', 'responses')).filter((code) => code !== '500')) {
        expect(covered).toContain(`${path} ${status}`);
      }
    }
  });

  test('the samples of the new routes hold items (so their item schemas were exercised)', async () => {
    for (const target of ['/resources?q=alpha', '/changes', '/snapshots']) {
      const body = (await harness.get(target)).body;
      expect({ target, items: isRecord(body) && Array.isArray(body.items) && body.items.length > 0 }).toEqual(
        {
          target,
          items: true,
        },
      );
    }
    expect((await harness.get('/summary')).body).toMatchObject({ total: expect.any(Number) });
  });

  test('the change and summary schemas are not vacuous', () => {
    const changes = ajv.getSchema('openapi.json#/components/schemas/ChangePage');
    const change = {
      indexedAt: '2024-05-01T10:00:00Z',
      eventTime: '2024-05-01T10:00:00Z',
      id: 'x',
      arn: null,
      type: 't',
      change: 'created',
      fields: [],
      before: {},
      after: {},
    };
    expect(changes?.({ items: [change], nextCursor: null })).toBe(true);
    expect(changes?.({ items: [{ ...change, change: 'moved' }], nextCursor: null })).toBe(false);
    expect(changes?.({ items: [{ ...change, fields: undefined }], nextCursor: null })).toBe(false);
    const summary = ajv.getSchema('openapi.json#/components/schemas/Summary');
    const counts = {
      status: 'active',
      total: 1,
      byType: { t: 1 },
      byService: {},
      byAccount: { '111122223333': 1 },
      byRegion: {},
      accountNames: { '111122223333': 'Production' },
    };
    expect(summary?.(counts)).toBe(true);
    expect(summary?.({ ...counts, byType: { t: 'one' } })).toBe(false);
    expect(summary?.({ ...counts, accountNames: { '111122223333': 7 } })).toBe(false);
    const { accountNames: _names, ...withoutNames } = counts;
    expect(summary?.(withoutNames)).toBe(false);
    expect(summary?.({ ...counts, extra: 1 })).toBe(false);
  });

  test('the schemas are not vacuous: wrong items and extra fields fail', async () => {
    expectConforms('/resources', 200, { items: [], nextCursor: null });
    const validate = ajv.getSchema('openapi.json#/components/schemas/ResourcePage');
    const good = (await harness.get('/resources?limit=1')).body;
    expect(validate?.(good)).toBe(true);
    const [item] = isRecord(good) && Array.isArray(good.items) ? good.items : [];
    for (const bad of [
      { items: [{ id: 'x' }], nextCursor: null },
      { items: [{ ...item, extra: 1 }], nextCursor: null },
      { items: [{ ...item, firstSeen: 'yesterday' }], nextCursor: null },
      { items: [{ ...item, status: 'gone' }], nextCursor: null },
      { items: [] },
    ]) {
      expect(validate?.(bad)).toBe(false);
    }
  });

  test('unmatched routes and wrong methods answer the documented error body', async () => {
    const validate = ajv.getSchema('openapi.json#/components/schemas/Error');
    for (const [target, method] of [
      ['/nowhere', 'GET'],
      ['/resources', 'POST'],
    ]) {
      const response = await harness.get(target, method);
      expect(validate?.(response.body)).toBe(true);
    }
  });
});

/** The object at a path of keys; throws when any step is not an object. */
function at(value: unknown, ...keys: string[]): Record<string, unknown> {
  let current = value;
  for (const key of keys) {
    if (!isRecord(current)) throw new Error(`no object at ${keys.join('.')}`);
    current = current[key];
  }
  if (!isRecord(current)) throw new Error(`no object at ${keys.join('.')}`);
  return current;
}

/** `{ $ref: '#/a/b' }` -> ['a', 'b']. */
function refPath(reference: unknown): string[] {
  const target = isRecord(reference) ? reference.$ref : undefined;
  if (typeof target !== 'string' || !target.startsWith('#/'))
    throw new Error(`not a local $ref: ${String(target)}`);
  return target
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function escapePointer(part: string): string {
  return part.replace(/~/g, '~0').replace(/\//g, '~1');
}
