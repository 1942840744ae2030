// format=csv and format=ndjson on /resources: the same page in another format, the next cursor in
// X-Next-Cursor, RFC 4180 quoting, and no cell a spreadsheet would run as a formula.
import { CSV_COLUMNS, renderExport } from '../../shared/query/resource-export';
import { bucketChange } from '../fixtures/changes';
import { asError, asPage, startQueryApiHarness } from './query-api-harness';
import type { QueryApiHarness } from './query-api-harness';

let harness: QueryApiHarness;

beforeAll(async () => {
  harness = await startQueryApiHarness('resource-export');
  await harness.store.applyChanges([
    bucketChange('plain-bucket', { tags: { set: { team: 'data', env: 'prod' } } }),
    bucketChange('quoted-bucket', { tags: { set: { note: 'says "hi", twice\nand more' } } }),
    bucketChange('formula-bucket', { tags: { set: { x: '=HYPERLINK("evil")' } } }),
    ...Array.from({ length: 5 }, (_, n) => bucketChange(`zz-bulk-${n}`)),
  ]);
});
afterAll(() => harness.close());

/** RFC 4180 parser for the test: quoted fields with doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

describe('format=csv', () => {
  test('is the JSON page as a header row and one row per item', async () => {
    const json = asPage((await harness.get('/resources?limit=3')).body);
    const response = await harness.get('/resources?limit=3&format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    const [header, ...rows] = parseCsv(response.text);
    expect(header).toEqual(CSV_COLUMNS.map((column) => column.name));
    expect(rows.map((row) => row[0])).toEqual(json.items.map((item) => item.id));
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    const formula = rows.find((row) => cell(row, 'name') === 'formula-bucket');
    expect(formula && cell(formula, 'tags')).toBe('{"x":"=HYPERLINK(\\"evil\\")"}');
    expect(formula && cell(formula, 'arn')).toBe('arn:aws:s3:::formula-bucket');
    expect(formula && cell(formula, 'stackName')).toBe('');
    expect(formula && cell(formula, 'sources')).toBe('cloudtrail');
  });

  test('quotes commas, quotes and line breaks (RFC 4180)', async () => {
    const response = await harness.get('/resources?name=quoted&format=csv');
    const [header, row] = parseCsv(response.text);
    expect(JSON.parse(row[header.indexOf('tags')])).toEqual({ note: 'says "hi", twice\nand more' });
  });

  test('the next cursor is in X-Next-Cursor, absent on the last page, and pages through everything', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await harness.get(`/resources?format=csv&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      const [, ...rows] = parseCsv(response.text);
      seen.push(...rows.map((row) => row[0]));
      cursor = response.headers.get('x-next-cursor');
      pages++;
    } while (cursor && pages < 10);
    const all = asPage((await harness.get('/resources')).body).items.map((item) => item.id);
    expect(seen).toEqual(all);
    expect(pages).toBe(3);
  });

  test('a cursor from a JSON page works for CSV (format is not a filter)', async () => {
    const json = asPage((await harness.get('/resources?limit=7')).body);
    const response = await harness.get(`/resources?format=csv&limit=7&cursor=${json.nextCursor}`);
    expect(parseCsv(response.text)).toHaveLength(2);
    expect(response.headers.get('x-next-cursor')).toBeNull();
  });
});

describe('CSV cells a spreadsheet would run as formulas', () => {
  const item = (name: string) => ({ id: name, name, tags: {}, sources: [] });
  test.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('%j gets a leading apostrophe', (name) => {
    const [, row] = renderExport('csv', [item(name)]).split('\r\n');
    const cells = parseCsv(`${row}\r\n`)[0];
    expect(cells[CSV_COLUMNS.findIndex((column) => column.name === 'name')]).toBe(`'${name}`);
  });

  test('other cells are untouched', () => {
    const [, row] = renderExport('csv', [item('shop=orders')]).split('\r\n');
    expect(row.startsWith('shop=orders,')).toBe(true);
  });
});

describe('format=ndjson', () => {
  test('is one JSON item per line, equal to the JSON page', async () => {
    const json = asPage((await harness.get('/resources?limit=4')).body);
    const response = await harness.get('/resources?limit=4&format=ndjson');
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = response.text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(json.items);
    expect(response.headers.get('x-next-cursor')).toEqual(expect.any(String));
  });

  test('an empty page is an empty body', async () => {
    const response = await harness.get('/resources?name=nothing&format=ndjson');
    expect(response.text).toBe('');
    expect(response.headers.get('x-next-cursor')).toBeNull();
  });
});

describe('bad format', () => {
  test.each([
    ['/resources?format=xml', 'invalid_parameter'],
    ['/resources?format=CSV', 'invalid_parameter'],
    ['/resources?format=csv&format=csv', 'invalid_parameter'],
    ['/stacks?format=csv', 'unknown_parameter'],
    ['/summary?format=csv', 'unknown_parameter'],
  ])('%s is a 400 naming format, in JSON', async (target, code) => {
    const response = await harness.get(target);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(asError(response.body)).toMatchObject({ code, parameter: 'format' });
  });
});
