// Hostile input: huge and negative limits, cursors of random bytes or from other filters, unicode and
// 10 kB values, percent-encoded ARNs with slashes, weird paths and methods. Every answer must be a
// 200, 400 or 404 (405 for wrong methods) with a JSON body (or the web page, with its CSP), and no
// request may cause a server error.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { asError, asPage, resourcePath, startQueryApiHarness } from './query-api-harness';
import type { ApiResponse, QueryApiHarness } from './query-api-harness';
import { APP_STACK, IDS, seedIndex } from './query-fixtures';
import { apiGatewayEvent } from '../support/api-gateway-event';

const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const TEN_KB = 10 * 1024;

let harness: QueryApiHarness;
let answered = 0;

beforeAll(async () => {
  harness = await startQueryApiHarness('query-hostile');
  await seedIndex(harness.store);
});
afterAll(async () => {
  console.log(`hostile input: ${answered} requests answered, none with a server error`);
  await harness.close();
});
afterEach(() => {
  expect(harness.metrics.filter((entry) => entry.metric === 'serverErrors')).toEqual([]);
});

function expectSafe(fullTarget: string, response: ApiResponse, allowed = [200, 400, 404]): void {
  answered++;
  const target =
    fullTarget.length > 160 ? `${fullTarget.slice(0, 160)}… (${fullTarget.length} chars)` : fullTarget;
  expect({ target, status: response.status, allowed: allowed.includes(response.status) }).toEqual({
    target,
    status: response.status,
    allowed: true,
  });
  // Paths that normalise to the web page (`/`, `/.`, ...) answer it: HTML, never without its CSP.
  if (response.status === 200 && /^text\/html/.test(response.headers.get('content-type') ?? '')) {
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    return;
  }
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.body).toBeDefined();
  if (response.status >= 400) expect(() => asError(response.body)).not.toThrow();
}

async function expectSafeGet(target: string): Promise<ApiResponse> {
  const response = await harness.get(target);
  expectSafe(target, response);
  return response;
}

const enc = encodeURIComponent;
const huge = 'x'.repeat(TEN_KB);
const unicode = 'ünï©ødé 🚀 字 \u200b \ufeff';

test('limits: huge, negative, fractional, exotic', async () => {
  for (const limit of [
    '1000000',
    '-5',
    '-0',
    '0',
    '1.0',
    '1e3',
    'Infinity',
    'NaN',
    '٣',
    '１０',
    huge,
    '9'.repeat(400),
  ]) {
    const response = await expectSafeGet(`/resources?limit=${enc(limit)}`);
    expect(response.status).toBe(400);
  }
});

test('cursors: random bytes, truncated, from other filters and routes', async () => {
  for (let n = 0; n < 40; n++) {
    const bytes = randomBytes(1 + ((n * 37) % 600));
    for (const cursor of [bytes.toString('base64url'), bytes.toString('base64'), bytes.toString('latin1')]) {
      expect((await expectSafeGet(`/resources?cursor=${enc(cursor)}`)).status).toBe(400);
    }
  }
  const real = String(asPage((await harness.get('/resources?status=all&limit=1')).body).nextCursor);
  for (const target of [
    `/resources?cursor=${real}`,
    `/resources?status=deleted&cursor=${real}`,
    `/stacks?status=all&cursor=${real}`,
    `${resourcePath(IDS.deployRole, '/history')}?cursor=${real}`,
    `/stacks/app/resources?status=all&cursor=${real}`,
    `/resources?status=all&cursor=${real}${real}`,
    `/resources?status=all&cursor=${real.slice(0, 10)}`,
    `/resources?status=all&cursor=${'A'.repeat(5000)}`,
  ]) {
    expect((await expectSafeGet(target)).status).toBe(400);
  }
  expect((await expectSafeGet(`/resources?status=all&cursor=${real}`)).status).toBe(200);
});

test('unicode and 10 kB values in every parameter and path parameter', async () => {
  const names = [
    'type',
    'service',
    'account',
    'region',
    'stack',
    'status',
    'name',
    'limit',
    'cursor',
    'tag.env',
    `tag.${unicode}`,
    `tag.${huge}`,
    huge,
    unicode,
  ];
  for (const name of names) {
    for (const value of [unicode, huge, `${unicode}${huge}`, '', '%', '\u0000', '"\\\'<>&']) {
      await expectSafeGet(`/resources?${enc(name)}=${enc(value)}`);
    }
  }
  for (const value of [unicode, huge, `arn:aws:s3:::${unicode}`, '%', '..', '.']) {
    await expectSafeGet(resourcePath(value));
    await expectSafeGet(resourcePath(value, '/history'));
    await expectSafeGet(`/stacks/${enc(value)}/resources`);
  }
});

test('percent-encoded ARNs with slashes, and the same with raw slashes', async () => {
  const arns = [
    IDS.deployRole,
    APP_STACK.id,
    'arn:aws:iam::111122223333:role/a/b/c/d/e/f/g/h',
    'arn:aws:s3:::b/x//y/',
    'arn:aws:iam::111122223333:role/history/history',
  ];
  for (const arn of arns) {
    await expectSafeGet(resourcePath(arn));
    await expectSafeGet(resourcePath(arn, '/history'));
    await expectSafeGet(`/resources/${arn}`);
    await expectSafeGet(`/resources/${arn}/history`);
    await expectSafeGet(`/stacks/${enc(arn)}/resources`);
    await expectSafeGet(`/stacks/${arn}/resources`);
    await expectSafeGet(`/resources/${arn.replace(/\//g, '%2f')}`);
    await expectSafeGet(`/resources/${enc(enc(arn))}`);
  }
  expect((await harness.get(resourcePath(IDS.deployRole))).status).toBe(200);
});

test('weird paths, sent byte for byte', async () => {
  const paths = [
    '/..',
    '/../resources',
    '/resources/..',
    '/resources/../stacks',
    '//resources',
    '/resources//',
    '/resources//history',
    '/resources/%',
    '/resources/%zz',
    '/resources/%E0%A4%A',
    '/resources/%ED%A0%80',
    '/resources/%00',
    '/resources/%2F',
    '/resources/%2F%2F/history',
    '/resources/..%2F..%2Fetc%2Fpasswd',
    `/resources/${'%2F'.repeat(2000)}`,
    `/resources/${'a/'.repeat(2000)}history`,
    '/stacks//resources',
    '/stacks/%2F/resources',
    '/stacks/app/resources/extra',
    '/RESOURCES',
    '/resources.json',
    '/resources?',
    '/resources?&&&',
    '/resources?=x',
    '/resources?tag.=',
    '/resources?tag.%00=x',
    '/resources?%FF=1',
    '/resources?limit=%FF',
    '/resources?status',
    '/resources?a=1;b=2',
    '/resources#fragment',
    '/openapi.json/x',
    `/${huge}`,
    '*',
  ];
  for (const target of paths) expectSafe(target, await harness.raw(target));
});

test('wrong methods on known paths are 405 with Allow; on unknown paths 404', async () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND']) {
    for (const target of ['/', '/resources', resourcePath(IDS.deployRole), '/openapi.json']) {
      const response = await harness.raw(target, method);
      expectSafe(`${method} ${target}`, response, [405]);
      expect(response.headers.get('allow')).toBe('GET');
    }
    expectSafe(`${method} /nowhere`, await harness.raw('/nowhere', method), [404]);
  }
  const head = await harness.raw('/resources', 'HEAD');
  expect(head.status).toBe(405);
});

test('events no HTTP client sends: decoded paths with spaces, ? and control characters', async () => {
  const event = (rawPath: string, rawQueryString = '') => apiGatewayEvent(rawPath, { rawQueryString });

  for (const [rawPath, query] of [
    ['/resources/a b', ''],
    ['/resources/a?b', 'c=d'],
    ['/resources/\u0000', ''],
    ['/resources/\ud800', ''],
    ['', ''],
    ['resources', ''],
    ['/resources', 'limit=5&limit=6'],
    ['/resources', '%'],
    ['/resources', 'tag.a=%ZZ'],
    [`/resources/${IDS.deployRole}`, ''],
  ]) {
    const result = await harness.handler(event(rawPath, query));
    answered++;
    expect({ rawPath, status: [200, 400, 404].includes(result.statusCode ?? 0) }).toEqual({
      rawPath,
      status: true,
    });
    // An empty rawPath is the root, which is the web page; every other answer is JSON.
    const isPage = String(result.headers?.['content-type']).startsWith('text/html');
    expect({ rawPath, isPage }).toEqual({ rawPath, isPage: rawPath === '' });
    if (!isPage) expect(() => JSON.parse(result.body ?? '')).not.toThrow();
  }
});

test('property: random query strings and paths never cause a server error', async () => {
  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom('', 'all', 'active', '100', '-1', 'AWS::S3::Bucket', 'app', huge, unicode),
  );
  const name = fc.oneof(
    fc.constantFrom(
      'type',
      'service',
      'account',
      'region',
      'stack',
      'status',
      'name',
      'limit',
      'cursor',
      'tag.env',
      'tag.',
    ),
    text,
  );
  const query = fc.array(fc.tuple(name, text), { maxLength: 6 });
  const path = fc.oneof(
    fc.constantFrom(
      '/',
      '/resources',
      '/stacks',
      '/openapi.json',
      '/stacks/app/resources',
      resourcePath(IDS.deployRole),
      resourcePath(IDS.deployRole, '/history'),
    ),
    text.map((value) => resourcePath(value)),
    text.map((value) => `/stacks/${enc(value)}/resources`),
    fc.array(text, { maxLength: 5 }).map((segments) => `/${segments.map(enc).join('/')}`),
  );
  await fc.assert(
    fc.asyncProperty(path, query, async (target, pairs) => {
      const search = new URLSearchParams();
      for (const [key, value] of pairs) search.append(key, value);
      const url = search.size > 0 ? `${target}?${search}` : target;
      expectSafe(url, await harness.get(url));
    }),
    { numRuns: NUM_RUNS },
  );
});
