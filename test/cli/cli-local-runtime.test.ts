// The CLI against the real local runtime with the demo scenario: every command in every output
// format, paging, filters, search, the default API from the runtime's state file, and the errors a
// user meets.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLI_COMMANDS } from '../../shared/cli/cli-commands';
import { startLocalRuntime } from '../../shared/local/local-runtime';
import type { LocalRuntime } from '../../shared/local/local-runtime';
import { listAll } from '../support/runtime-helpers';
import { testEndpoint } from '../support/test-table';
import { cli, parseCsv } from './cli-harness';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

const BUCKET = 'arn:aws:s3:::shop-prod-assets-7k2m9q';
let runtime: LocalRuntime;
let dataDir: string;
let api: string[];
let activeResources: Record<string, unknown>[];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'inventory-cli-'));
  runtime = await startLocalRuntime({
    port: 0,
    eventsPort: 0,
    dataDir,
    inMemory: true,
    loadSamples: true,
    dynamodbEndpoint: testEndpoint(),
    tableName: `cli-${Date.now()}`,
  });
  api = ['--api', runtime.apiUrl];
  activeResources = await listAll(runtime.apiUrl, '/resources');
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('list', () => {
  test('--output json is the API items, one document; --all pages through every resource', async () => {
    const run = await cli(['list', ...api, '--output', 'json', '--limit', '4', '--all']);
    expect(run.code).toBe(0);
    const items = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(items.map((item) => item.id).sort()).toEqual(activeResources.map((item) => item.id));
    expect(activeResources.length).toBeGreaterThan(4);
  });

  test('without --all one page is shown and stderr says more exist', async () => {
    const run = await cli(['list', ...api, '--output', 'json', '--limit', '3']);
    expect(JSON.parse(run.stdout)).toHaveLength(3);
    expect(run.stderr).toMatch(/3 shown; more on the next pages: add --all/);
  });

  test('filters reach the API: --type, --tag (repeatable), --stack, --status', async () => {
    const buckets = JSON.parse(
      (await cli(['list', ...api, '--type', 'AWS::S3::Bucket', '--output', 'json'])).stdout,
    );
    expect(buckets.length).toBeGreaterThan(0);
    expect(buckets.every((item: { type: string }) => item.type === 'AWS::S3::Bucket')).toBe(true);

    const tagged = await cli([
      'list',
      ...api,
      '--tag',
      'team=data',
      '--tag',
      'cost-center=4411',
      '--output',
      'json',
    ]);
    expect(JSON.parse(tagged.stdout).map((item: { name: string }) => item.name)).toEqual([
      'shop-manual-exports',
    ]);

    const stack = JSON.parse(
      (await cli(['list', ...api, '--stack', 'shop-prod', '--output', 'json', '--all'])).stdout,
    );
    expect(stack.length).toBeGreaterThan(5);
    expect(stack.every((item: { stack: { name: string } }) => item.stack.name === 'shop-prod')).toBe(true);

    const deleted = JSON.parse(
      (await cli(['list', ...api, '--status', 'deleted', '--output', 'json', '--all'])).stdout,
    );
    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted.every((item: { status: string }) => item.status === 'deleted')).toBe(true);
  });

  test('--output csv has a header and one record per resource, every field named as the API names it', async () => {
    const run = await cli(['list', ...api, '--output', 'csv', '--all']);
    const [header, ...records] = parseCsv(run.stdout);
    expect(header.slice(0, 8)).toEqual([
      'id',
      'arn',
      'type',
      'service',
      'account',
      'region',
      'name',
      'status',
    ]);
    expect(records.map((record) => record[0]).sort()).toEqual(activeResources.map((item) => item.id));
    const exports = records.find((record) => record[6] === 'shop-manual-exports');
    expect(JSON.parse(exports?.[header.indexOf('tags')] ?? '')).toEqual({
      'cost-center': '4411',
      team: 'data',
    });
    // The same CSV as the API's own export.
    const exported = await cli(['export', ...api]);
    expect(parseCsv(exported.stdout)[0]).toEqual(header);
  });

  test('--output table fits the terminal: no line wider than the width, long ids cut in the middle', async () => {
    for (const columns of [60, 80, 120, 200]) {
      const run = await cli(['list', ...api, '--all'], { columns });
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(activeResources.length + 1);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
    }
    const wide = await cli(['list', ...api, '--all'], { columns: 140 });
    expect(wide.stdout.split('\n')[0]).toMatch(
      /^TYPE +NAME +ACCOUNT +REGION +STATUS +STACK +LAST CHANGED +ID$/,
    );
    // An ARN cut in the middle keeps its start and its distinguishing end.
    expect(wide.stdout).toMatch(/arn:aws:\S*…\S*7k2m9q/);
    const unlimited = await cli(['list', ...api, '--all']);
    expect(unlimited.stdout).toContain(BUCKET);
  });
});

describe('get and history', () => {
  test('get: json is the item, csv one record, table one field per line', async () => {
    const json = await cli(['get', BUCKET, ...api, '--output', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      id: BUCKET,
      type: 'AWS::S3::Bucket',
      stack: { name: 'shop-prod' },
    });
    const csv = parseCsv((await cli(['get', BUCKET, ...api, '--output', 'csv'])).stdout);
    expect(csv).toHaveLength(2);
    expect(csv[1][0]).toBe(BUCKET);
    const table = (await cli(['get', BUCKET, ...api])).stdout;
    expect(table).toMatch(/^type +AWS::S3::Bucket$/m);
    expect(table).toMatch(/^tags +owner=web-team$/m);
    expect(table).toMatch(/^stack +shop-prod \(AssetsBucket\) arn:aws:cloudformation:/m);
  });

  test('history: newest first in every format', async () => {
    const json = JSON.parse((await cli(['history', BUCKET, ...api, '--output', 'json', '--all'])).stdout);
    expect(json.map((entry: { lifecycle: string }) => entry.lifecycle)).toEqual(['tag', 'create']);
    const table = (await cli(['history', BUCKET, ...api])).stdout.split('\n');
    expect(table[0]).toMatch(/^EVENT TIME +LIFECYCLE +SOURCE +SOURCE STATUS +BY +WHAT$/);
    // BY names the principal of the CloudTrail call (null for CloudFormation's own events).
    expect(table[1]).toMatch(
      /tag +cloudtrail +PutBucketTagging +arn:aws:iam::111122223333:user\/alice +tags set: owner=web-team/,
    );
    expect(table[2]).toMatch(/create +cloudformation +CREATE_COMPLETE +stack=shop-prod\/AssetsBucket/);
    const csv = parseCsv((await cli(['history', BUCKET, ...api, '--output', 'csv'])).stdout);
    expect(csv.map((record) => record[4])).toEqual(['lifecycle', 'tag', 'create']);
  });

  test('an unknown id is a clear 404 with exit code 1', async () => {
    const run = await cli(['get', 'arn:aws:s3:::no-such-bucket', ...api]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^resource-inventory: not found: .*no-such-bucket/);
    expect(run.stdout).toBe('');
  });
});

describe('stacks', () => {
  test("lists stacks in every format, and one stack's resources by name", async () => {
    const json = JSON.parse((await cli(['stacks', ...api, '--status', 'all', '--output', 'json'])).stdout);
    expect(json.map((stack: { name: string }) => stack.name).sort()).toEqual(['shop-prod', 'shop-staging']);
    const table = (await cli(['stacks', ...api, '--status', 'all'])).stdout;
    expect(table).toMatch(/^shop-prod +active +UPDATE_COMPLETE +111122223333 +eu-west-1 /m);
    expect(table).toMatch(/^shop-staging +deleted +DELETE_COMPLETE /m);
    const csv = parseCsv((await cli(['stacks', ...api, '--output', 'csv'])).stdout);
    expect(csv[0]).toEqual([
      'id',
      'name',
      'account',
      'region',
      'status',
      'stackStatus',
      'statusReason',
      'lastChanged',
    ]);
    expect(csv.slice(1).map((record) => record[1])).toEqual(['shop-prod']);

    const queues = JSON.parse(
      (await cli(['stacks', 'shop-prod', ...api, '--type', 'AWS::SQS::Queue', '--output', 'json'])).stdout,
    );
    expect(queues.map((item: { name: string }) => item.name)).toEqual([
      'shop-prod-orders',
      'shop-prod-orders-dlq',
    ]);
  });

  test('resource filters without a stack name are refused with the reason', async () => {
    const run = await cli(['stacks', ...api, '--type', 'AWS::SQS::Queue']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--type filters a stack's resources: name the stack/);
  });
});

describe('summary, changes, export and search (the routes of /summary, /changes, format= and q=)', () => {
  test('summary: exact counts of the whole index in every format', async () => {
    const summary = JSON.parse((await cli(['summary', ...api, '--output', 'json'])).stdout);
    expect(summary.status).toBe('active');
    expect(summary.total).toBe(activeResources.length);
    const byType = Object.values(summary.byType as Record<string, number>).reduce((sum, n) => sum + n, 0);
    expect(byType).toBe(activeResources.length);
    const table = await cli(['summary', ...api]);
    expect(table.stdout.split('\n')[0]).toBe(`${activeResources.length} active resources`);
    expect(table.stdout).toMatch(/^TYPE +COUNT$/m);
    const csv = parseCsv((await cli(['summary', ...api, '--output', 'csv'])).stdout);
    expect(csv[1]).toEqual(['total', 'active', String(activeResources.length)]);
  });

  test("changes: the index's own changes, newest first, in every format", async () => {
    const changes = JSON.parse((await cli(['changes', ...api, '--output', 'json', '--all'])).stdout);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes)
      expect(['created', 'updated', 'deleted', 'restored']).toContain(change.change);
    const table = await cli(['changes', ...api, '--limit', '5'], { columns: 120 });
    expect(table.stdout.split('\n')[0]).toMatch(/^INDEXED AT +CHANGE +TYPE +ID +FIELDS$/);
    const csv = parseCsv((await cli(['changes', ...api, '--limit', '5', '--output', 'csv'])).stdout);
    expect(csv[0]).toEqual(['indexedAt', 'eventTime', 'change', 'id', 'arn', 'type', 'fields']);
    expect(csv).toHaveLength(6);
  });

  test('export: every resource through several pages, as CSV (one header) and as NDJSON', async () => {
    const csv = await cli(['export', ...api, '--limit', '4']);
    expect(csv.code).toBe(0);
    const [header, ...records] = parseCsv(csv.stdout);
    expect(header[0]).toBe('id');
    expect(records.map((record) => record[0]).sort()).toEqual(activeResources.map((item) => item.id));
    expect(csv.stderr).toMatch(new RegExp(`exported ${activeResources.length} resources$`, 'm'));
    const ndjson = await cli(['export', ...api, '--output', 'ndjson', '--limit', '5', '--status', 'all']);
    const ids = ndjson.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line).id);
    expect(ids.sort()).toEqual(
      (await listAll(runtime.apiUrl, '/resources?status=all')).map((item) => item.id),
    );
  });

  test('-q searches by words, whatever their case', async () => {
    const found = JSON.parse(
      (await cli(['list', ...api, '-q', 'ORDERS', '--output', 'json', '--all'])).stdout,
    );
    expect(found.map((item: { name: string }) => item.name)).toEqual(
      expect.arrayContaining(['shop-prod-orders']),
    );
  });
});

describe('the API to talk to', () => {
  test('by default the CLI finds the running local inventory through its data directory', async () => {
    const run = await cli(['stacks', '--output', 'json'], { env: { INVENTORY_DATA_DIR: dataDir } });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).map((stack: { name: string }) => stack.name)).toEqual(['shop-prod']);
  });

  test('an unreachable API is exit code 3 with what to do', async () => {
    const port = await closedPort();
    const run = await cli(['list', '--api', `http://127.0.0.1:${port}`]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(`could not reach the inventory API at http://127.0.0.1:${port}`);
    expect(run.stderr).toMatch(/npm start/);
  });

  test("a 400 names the option to fix, with the API's message", async () => {
    const run = await cli(['list', ...api, '--limit', '5000']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'resource-inventory: the API rejected --limit (parameter \'limit\'): "limit" must be an integer from 1 to 1000\n',
    );
    const status = await cli(['list', ...api, '--status', 'gone']);
    expect(status.stderr).toMatch(/the API rejected --status \(parameter 'status'\)/);
  });
});

describe('the command line', () => {
  test('--help on every command lists exactly its options and exits 0', async () => {
    for (const command of CLI_COMMANDS) {
      const run = await cli([command.name, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: resource-inventory ${command.name}`));
      for (const option of command.options) expect(run.stdout).toContain(`--${option}`);
    }
    const general = await cli(['--help']);
    expect(general.code).toBe(0);
    for (const command of CLI_COMMANDS)
      expect(general.stdout).toMatch(new RegExp(`^  ${command.name} `, 'm'));
  });

  test('wrong command lines are exit code 2 with the problem named', async () => {
    const cases: [string[], RegExp][] = [
      [['lst'], /unknown command 'lst'; the commands are list, get/],
      [['list', '--colour'], /Unknown option '--colour'/],
      [['summary', '--type', 'x'], /--type is not an option of `summary`/],
      [['list', '--tag', 'team'], /--tag must be KEY=VALUE/],
      [['get'], /takes 1 argument; got 0/],
      [['list', '--output', 'yaml'], /--output must be one of table, json, csv/],
      [['export', '--output', 'json'], /export --output must be one of csv, ndjson/],
      [['list', '--api', 'ftp://x'], /--api must be an http\(s\) URL/],
    ];
    for (const [argv, message] of cases) {
      const run = await cli([...argv, ...(argv.includes('--api') ? [] : api)]);
      expect({ argv, code: run.code }).toEqual({ argv, code: 2 });
      expect(run.stderr).toMatch(message);
    }
  });

  test('the bin runs the CLI as `npx resource-inventory` does', async () => {
    const bin = resolve(__dirname, '../../bin/resource-inventory.js');
    const child = spawn(process.execPath, [
      bin,
      'list',
      ...api,
      '--type',
      'AWS::SQS::Queue',
      '--output',
      'json',
    ]);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).every((item: { type: string }) => item.type === 'AWS::SQS::Queue')).toBe(true);
  });
});

/** A port nothing listens on: bound, read and closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  return typeof address === 'object' && address ? address.port : 0;
}
