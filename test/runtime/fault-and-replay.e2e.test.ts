// The local runtime under failure and bulk input: DynamoDB Local stopped while events arrive (dead
// letters, nothing lost, redrive restores the exact fault-free index), and replay of a gzipped
// CloudTrail log file.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startEmbeddedDynamoDb } from '../../shared/local/embedded-dynamodb';
import type { EmbeddedDynamoDb } from '../../shared/local/embedded-dynamodb';
import { findFreePort } from '../../shared/local/free-port';
import { startLocalRuntime } from '../../shared/local/local-runtime';
import type { LocalRuntime } from '../../shared/local/local-runtime';
import { demoScenario, indexSnapshot, listAll, putEvents, waitFor } from '../support/runtime-helpers';
import { testEndpoint } from '../support/test-table';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';

const root = resolve(__dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const workDir = mkdtempSync(join(tmpdir(), 'inventory-fault-'));
const runtimes: LocalRuntime[] = [];
const databases: EmbeddedDynamoDb[] = [];

/** Runs a script as a user would; asynchronously, since the bus it talks to lives in this process. */
function runScript(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(tsx, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (status) => resolveRun({ status, stdout, stderr }));
  });
}

afterAll(async () => {
  for (const runtime of runtimes) await runtime.stop();
  for (const database of databases) await database.stop();
  rmSync(workDir, { recursive: true, force: true });
});

async function runtimeOn(endpoint: string, name: string): Promise<LocalRuntime> {
  const runtime = await startLocalRuntime({
    port: 0,
    eventsPort: 0,
    dataDir: join(workDir, name),
    inMemory: true,
    loadSamples: false,
    dynamodbEndpoint: endpoint,
    tableName: `${name}-${Date.now()}`,
    retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 200 },
  });
  runtimes.push(runtime);
  return runtime;
}

jest.setTimeout(240_000);

test('events that fail while DynamoDB is down are dead-lettered, none lost, and redrive restores the fault-free index', async () => {
  const events = demoScenario();
  const port = await findFreePort();
  const dbDir = join(workDir, 'db');
  let database = await startEmbeddedDynamoDb({ dataDir: dbDir, port });
  databases.push(database);
  const faulty = await runtimeOn(database.endpoint, 'faulty');

  // DynamoDB Local goes away once a third of the events are in, while the rest are still being sent.
  const stopped = waitFor('a third delivered', async () =>
    faulty.dispatcher.stats.delivered >= events.length / 3 ? true : undefined,
  ).then(() => database.stop());
  expect(await putEvents(faulty.eventsUrl, events)).toBe(0);
  await stopped;
  await faulty.dispatcher.drain();

  const { accepted, delivered, deadLettered, unmatched } = faulty.dispatcher.stats;
  expect(accepted).toBe(events.length);
  expect(unmatched).toBe(0);
  expect(deadLettered).toBeGreaterThan(0);
  expect(delivered + deadLettered).toBe(events.length);
  const letters = readFileSync(faulty.deadLetterPath, 'utf8').trim().split('\n');
  expect(letters).toHaveLength(deadLettered);
  expect(JSON.parse(letters[0])).toMatchObject({
    event: { id: expect.any(String) },
    error: expect.any(String),
  });

  database = await startEmbeddedDynamoDb({ dataDir: dbDir, port });
  databases.push(database);
  // Batches of 5: a large file goes through in several requests, each with progress.
  const redrive = await runScript(['scripts/redrive.ts', '--data-dir', faulty.dataDir, '--batch-size', '5']);
  expect(redrive.stderr).toContain(`redrive: ${Math.min(5, deadLettered)}/${deadLettered} retried`);
  expect(redrive.stdout).toContain(
    `${deadLettered} dead letters retried, ${deadLettered} delivered, 0 still failing`,
  );
  expect(redrive.status).toBe(0);
  expect(readFileSync(faulty.deadLetterPath, 'utf8')).toBe('');

  const reference = await runtimeOn(testEndpoint(), 'reference');
  expect(await putEvents(reference.eventsUrl, events)).toBe(0);
  await reference.dispatcher.drain();
  expect(await indexSnapshot(faulty.apiUrl)).toEqual(await indexSnapshot(reference.apiUrl));
});

test('replay sends a gzipped CloudTrail log of a few hundred records and reports its summary', async () => {
  const template = JSON.parse(
    readFileSync(join(root, 'events/cloudtrail/s3/CreateBucket.json'), 'utf8'),
  ).detail;
  const records: Record<string, unknown>[] = [];
  for (let n = 0; n < 300; n++) {
    records.push({
      ...template,
      eventID: `replay-${n}`,
      eventTime: `2024-08-01T10:${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}Z`,
      requestParameters: {
        ...template.requestParameters,
        bucketName: `replayed-bucket-${String(n).padStart(3, '0')}`,
      },
    });
  }
  for (let n = 0; n < 20; n++)
    records.push({ ...template, eventID: `read-${n}`, eventName: 'ListBuckets', readOnly: true });
  for (let n = 0; n < 10; n++) records.push({ ...template, eventID: `err-${n}`, errorCode: 'AccessDenied' });
  const file = join(workDir, '111122223333_CloudTrail_eu-west-1_20240801T1000Z_test.json.gz');
  writeFileSync(file, gzipSync(JSON.stringify({ Records: records })));

  const runtime = await runtimeOn(testEndpoint(), 'replay');
  const replay = await runScript(['scripts/replay.ts', '--endpoint', runtime.eventsUrl, file]);
  expect(replay.stdout).toMatch(/300 sent, 0 failed, 30 skipped/);
  expect(replay.stdout).toMatch(/skipped 20 {2}read-only call/);
  expect(replay.stdout).toMatch(/skipped 10 {2}failed call \(errorCode\)/);
  expect(replay.stderr).toMatch(/sent 300\/300/);
  expect(replay.status).toBe(0);

  await runtime.dispatcher.drain();
  const buckets = await listAll(runtime.apiUrl, '/resources?type=AWS::S3::Bucket&name=replayed-bucket-');
  expect(buckets).toHaveLength(300);
});
