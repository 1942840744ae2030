// The local HTTP adapter builds the payload v2 event API Gateway would send and writes back what
// the handler answers (status, headers, cookies, base64 bodies).
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { startLocalHttpApi } from '../../shared/http/local-http-api';
import type { LocalHttpApi } from '../../shared/http/local-http-api';

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

test('a binary body arrives base64-encoded, a JSON body as text', async () => {
  await fetch(`${api.url}/x`, { method: 'POST', body: Buffer.from([0, 1, 2, 255]) });
  await fetch(`${api.url}/x`, {
    method: 'POST',
    body: '{"a":1}',
    headers: { 'content-type': 'application/json' },
  });
  expect(events[0]).toMatchObject({ body: 'AAEC/w==', isBase64Encoded: true });
  expect(events[1]).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
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
