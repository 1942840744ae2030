// The local HTTP adapter builds the payload v2 event API Gateway would send and writes back what
// the handler answers (status, headers, cookies, base64 bodies); it answers only local Host headers
// and refuses any request body from its headers alone.
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { startLocalHttpApi } from '../../shared/http/local-http-api';
import type { LocalHttpApi } from '../../shared/http/local-http-api';
import { rawRequest, sendOversizedBody } from '../support/raw-http';

let api: LocalHttpApi;
let events: APIGatewayProxyEventV2[] = [];
let nextResult: APIGatewayProxyResultV2 = { statusCode: 200, body: '{}' };

beforeAll(async () => {
  api = await startLocalHttpApi({
    handler: async (event) => {
      events.push(event);
      if (event.rawPath === '/boom') throw new Error('handler failure');
      return nextResult;
    },
  });
});
afterAll(() => api.close());
beforeEach(() => {
  events = [];
  nextResult = { statusCode: 200, body: '{}' };
});

test('binds to 127.0.0.1 on a port of its own', () => {
  expect(api.url).toBe(`http://127.0.0.1:${api.port}`);
  expect(api.port).toBeGreaterThan(0);
});

test('builds the v2 event: raw path and query, joined repeats, lower-cased headers, cookies', async () => {
  await fetch(`${api.url}/resources/arn%3Aaws%3As3%3A%3A%3Ab%2Fx?tag.env=prod&a=1&a=2&q=caf%C3%A9+ok`, {
    headers: { 'X-Custom': 'One', Cookie: 'a=1; b=2' },
  });
  const [event] = events;
  expect(event).toMatchObject({
    version: '2.0',
    routeKey: 'ANY /{proxy+}',
    rawPath: '/resources/arn%3Aaws%3As3%3A%3A%3Ab%2Fx',
    rawQueryString: 'tag.env=prod&a=1&a=2&q=caf%C3%A9+ok',
    queryStringParameters: { 'tag.env': 'prod', a: '1,2', q: 'café ok' },
    pathParameters: { proxy: 'resources/arn:aws:s3:::b/x' },
    cookies: ['a=1', 'b=2'],
    isBase64Encoded: false,
    requestContext: {
      http: { method: 'GET', path: '/resources/arn%3Aaws%3As3%3A%3A%3Ab%2Fx', sourceIp: '127.0.0.1' },
      routeKey: 'ANY /{proxy+}',
      stage: '$default',
      timeEpoch: expect.any(Number),
      requestId: expect.any(String),
    },
  });
  expect(event.headers['x-custom']).toBe('One');
  expect(event.headers.cookie).toBeUndefined();
  expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);
  expect(event.requestContext.time).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
});

test('the root path has no path parameters and no query parameters', async () => {
  await fetch(`${api.url}/`);
  expect(events[0].routeKey).toBe('ANY /');
  expect(events[0].pathParameters).toBeUndefined();
  expect(events[0].queryStringParameters).toBeUndefined();
  expect(events[0].rawQueryString).toBe('');
});

test('a request with a body is refused with 413 before the handler runs, GET or POST', async () => {
  const posted = await fetch(`${api.url}/resources`, { method: 'POST', body: '{"a":1}' });
  expect(posted.status).toBe(413);
  expect(await posted.json()).toEqual({
    error: { code: 'payload_too_large', message: 'this API takes no request body' },
  });
  const chunked = await sendOversizedBody(`${api.url}/resources`, 1024 * 1024, { declare: false });
  expect(chunked.status).toBe(413);
  expect(events).toEqual([]);
});

test('600 MB of body is refused from the headers: barely any of it is sent, memory stays flat', async () => {
  const before = process.memoryUsage().rss;
  for (const declare of [true, false]) {
    const outcome = await sendOversizedBody(`${api.url}/resources`, 600 * 1024 * 1024, { declare });
    expect(outcome.status).toBe(413);
    // The answer came long before the body could have been read: a few socket buffers at most.
    expect(outcome.bytesSent).toBeLessThan(64 * 1024 * 1024);
  }
  // Loose: the server holds no part of the body (a buffering server would grow by hundreds of MB).
  expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  expect(events).toEqual([]);
});

test.each(['127.0.0.1', 'localhost', '[::1]'])('answers Host %s with its own port', async (name) => {
  const response = await rawRequest(`${api.url}/s`, { headers: { host: `${name}:${api.port}` } });
  expect(response.status).toBe(200);
});

test.each([
  ['a rebound DNS name', (port: number) => `attacker.example:${port}`],
  ['a loopback name on another port', (port: number) => `127.0.0.1:${port + 1}`],
  ['a loopback name without the port', () => 'localhost'],
  ['a look-alike name', (port: number) => `localhost.attacker.example:${port}`],
])('refuses %s with a 403 JSON error, before the handler runs', async (_what, host) => {
  const response = await rawRequest(`${api.url}/resources`, { headers: { host: host(api.port) } });
  expect(response.status).toBe(403);
  const body = JSON.parse(response.body) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('forbidden_host');
  expect(body.error.message).toMatch(/INVENTORY_ALLOWED_HOST/);
  expect(events).toEqual([]);
});

test('one chosen name is answered too, on the same port', async () => {
  const named = await startLocalHttpApi({ handler: async () => nextResult, allowedHost: 'inventory.test' });
  try {
    const port = named.port;
    expect((await rawRequest(`${named.url}/`, { headers: { host: `inventory.test:${port}` } })).status).toBe(
      200,
    );
    expect((await rawRequest(`${named.url}/`, { headers: { host: `other.test:${port}` } })).status).toBe(403);
  } finally {
    await named.close();
  }
});

test('grants no cross-origin access: no Access-Control-Allow-Origin, even to a preflight', async () => {
  const simple = await fetch(`${api.url}/s`, { headers: { origin: 'http://attacker.example' } });
  expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  const preflight = await fetch(`${api.url}/s`, {
    method: 'OPTIONS',
    headers: { origin: 'http://attacker.example', 'access-control-request-method': 'GET' },
  });
  expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
});

test('writes back status, headers, cookies and base64 bodies', async () => {
  nextResult = {
    statusCode: 418,
    headers: { 'Content-Type': 'application/octet-stream', 'X-Answer': 42 },
    cookies: ['s=1; Path=/', 't=2'],
    body: Buffer.from([9, 8, 7]).toString('base64'),
    isBase64Encoded: true,
  };
  const response = await fetch(`${api.url}/teapot`);
  expect(response.status).toBe(418);
  expect(response.headers.get('x-answer')).toBe('42');
  expect(response.headers.getSetCookie()).toEqual(['s=1; Path=/', 't=2']);
  expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([9, 8, 7]);
});

test('a string result is a 200 JSON body; a failing handler is a 500 like API Gateway', async () => {
  nextResult = '{"ok":true}';
  const ok = await fetch(`${api.url}/s`);
  expect(ok.status).toBe(200);
  expect(await ok.json()).toEqual({ ok: true });
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const failed = await fetch(`${api.url}/boom`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ message: 'Internal Server Error' });
  } finally {
    spy.mockRestore();
  }
});
