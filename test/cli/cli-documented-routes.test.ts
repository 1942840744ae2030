// summary, changes and export against a loopback server that answers exactly as DESIGN.md documents
// /summary, /changes and /resources?format=csv|ndjson (paged through X-Next-Cursor), so the CLI's side
// of those contracts is pinned whichever API serves them.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { cli, parseCsv } from './cli-harness';

const SUMMARY = {
  status: 'active',
  total: 5,
  byType: { 'AWS::S3::Bucket': 3, 'AWS::SQS::Queue': 2 },
  byService: { s3: 3, sqs: 2 },
  byAccount: { '111122223333': 4, '444455556666': 1 },
  byRegion: { 'eu-west-1': 4, global: 1 },
  accountNames: { '111122223333': 'Production' },
};
const CHANGES = [
  {
    indexedAt: '2026-12-01T10:00:02.000Z',
    eventTime: '2024-06-05T10:15:15Z',
    id: 'arn:aws:s3:::shop-prod-assets',
    arn: 'arn:aws:s3:::shop-prod-assets',
    type: 'AWS::S3::Bucket',
    change: 'updated',
    fields: ['tags', 'lastChanged'],
  },
  {
    indexedAt: '2026-12-01T10:00:01.000Z',
    eventTime: '2024-06-05T10:15:05Z',
    id: 'arn:aws:sqs:eu-west-1:111122223333:shop-orders',
    arn: 'arn:aws:sqs:eu-west-1:111122223333:shop-orders',
    type: 'AWS::SQS::Queue',
    change: 'created',
    fields: ['status'],
  },
];
const CSV_HEADER = 'id,type,name,tags\r\n';
const CSV_PAGES = [
  'arn:aws:s3:::a,AWS::S3::Bucket,a,"team=data, ""core"""\r\narn:aws:s3:::b,AWS::S3::Bucket,b,\r\n',
  'arn:aws:s3:::c,AWS::S3::Bucket,"c\r\nwith a line break",\r\n',
];
const NDJSON_PAGES = ['{"id":"a"}\n{"id":"b"}\n', '{"id":"c"}\n'];

let server: Server;
let api: string;
const seen: URL[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    seen.push(url);
    const page = Number(url.searchParams.get('cursor') ?? '0');
    const next = (pages: readonly unknown[]) => (page + 1 < pages.length ? String(page + 1) : null);
    const json = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/summary')
      return json({ ...SUMMARY, status: url.searchParams.get('status') ?? 'active' });
    if (url.pathname === '/changes') return json({ items: [CHANGES[page]], nextCursor: next(CHANGES) });
    if (url.pathname === '/resources') {
      const format = url.searchParams.get('format');
      const pages = format === 'csv' ? CSV_PAGES : NDJSON_PAGES;
      const cursor = next(pages);
      response.writeHead(200, {
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson',
        ...(cursor ? { 'x-next-cursor': cursor } : {}),
      });
      return response.end(format === 'csv' ? CSV_HEADER + pages[page] : pages[page]);
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({ error: { code: 'not_found', message: `no route for GET "${url.pathname}"` } }),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  api = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

const run = (...argv: string[]) => cli([...argv, '--api', api], { columns: 80 });

describe('summary', () => {
  test('json is the API document; --status is passed on', async () => {
    const result = await run('summary', '--status', 'all', '--output', 'json');
    expect(JSON.parse(result.stdout)).toEqual({ ...SUMMARY, status: 'all' });
    expect(seen.at(-1)?.searchParams.get('status')).toBe('all');
  });

  test('table: the total, then one table per dimension, largest count first', async () => {
    const { stdout } = await run('summary');
    expect(stdout.split('\n').slice(0, 5)).toEqual([
      '5 active resources',
      '',
      'TYPE             COUNT',
      'AWS::S3::Bucket  3',
      'AWS::SQS::Queue  2',
    ]);
    expect(stdout).toMatch(/^REGION +COUNT\neu-west-1 +4\nglobal +1$/m);
    // Accounts by name and id where the API knows the name, by id alone otherwise.
    expect(stdout).toMatch(/^ACCOUNT +COUNT\nProduction — 111122223333 +4\n444455556666 +1$/m);
  });

  test('csv: (dimension, key, count) rows, the total first', async () => {
    const records = parseCsv((await run('summary', '--output', 'csv')).stdout);
    expect(records.slice(0, 3)).toEqual([
      ['dimension', 'key', 'count'],
      ['total', 'active', '5'],
      ['byType', 'AWS::S3::Bucket', '3'],
    ]);
    expect(records).toContainEqual(['byAccount', '444455556666', '1']);
    // Keys stay ids, as scripts filter by them (the names are in --output json).
    expect(records).toContainEqual(['byAccount', '111122223333', '4']);
  });
});

describe('changes', () => {
  test('--all follows nextCursor; json is the items', async () => {
    const result = await run('changes', '--all', '--output', 'json');
    expect(JSON.parse(result.stdout)).toEqual(CHANGES);
  });

  test('table and csv show what changed', async () => {
    const wide = await cli(['changes', '--all', '--api', api]);
    expect(wide.stdout).toMatch(/^INDEXED AT +CHANGE +TYPE +ID +FIELDS$/m);
    expect(wide.stdout).toMatch(/updated +AWS::S3::Bucket +arn:aws:s3:::shop-prod-assets +tags;lastChanged/);
    // At 80 columns the id is cut in the middle first, and no line is wider than the terminal.
    const narrow = await run('changes', '--all');
    expect(narrow.stdout).toMatch(/updated +AWS::S3::Bucket +arn:aws:…-assets /);
    for (const line of narrow.stdout.trimEnd().split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    const csv = parseCsv((await run('changes', '--all', '--output', 'csv')).stdout);
    expect(csv[0]).toEqual(['indexedAt', 'eventTime', 'change', 'id', 'arn', 'type', 'fields']);
    expect(csv[2][2]).toBe('created');
  });

  test('one page without --all says more exist', async () => {
    const result = await run('changes', '--output', 'json');
    expect(JSON.parse(result.stdout)).toEqual([CHANGES[0]]);
    expect(result.stderr).toMatch(/1 shown; more on the next pages/);
  });
});

describe('export', () => {
  test('csv: every page through X-Next-Cursor, the header once, quoted fields kept byte for byte', async () => {
    const result = await run('export', '--type', 'AWS::S3::Bucket');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(CSV_HEADER + CSV_PAGES.join(''));
    expect(parseCsv(result.stdout).map((record) => record[0])).toEqual([
      'id',
      'arn:aws:s3:::a',
      'arn:aws:s3:::b',
      'arn:aws:s3:::c',
    ]);
    expect(result.stderr).toMatch(/exported 3 resources$/m);
    const requests = seen.filter((url) => url.pathname === '/resources').slice(-2);
    expect(
      requests.map((url) => [
        url.searchParams.get('format'),
        url.searchParams.get('limit'),
        url.searchParams.get('type'),
      ]),
    ).toEqual([
      ['csv', '1000', 'AWS::S3::Bucket'],
      ['csv', '1000', 'AWS::S3::Bucket'],
    ]);
    expect(requests[1].searchParams.get('cursor')).toBe('1');
  });

  test('ndjson: one JSON document per line, all pages', async () => {
    const result = await run('export', '--output', 'ndjson', '--limit', '2');
    expect(
      result.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).id),
    ).toEqual(['a', 'b', 'c']);
    expect(result.stderr).toMatch(/exported 3 resources$/m);
  });
});
