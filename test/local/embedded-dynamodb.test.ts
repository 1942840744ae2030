// The embedded DynamoDB Local: a clear error without a usable Java, data kept in a data directory
// across restarts, no process left once stopped, a database only its access key sees, and no second
// one on the same files; the data directory's secrets.
import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  JavaUnavailableError,
  LOCAL_DYNAMODB_REGION,
  parseJavaMajorVersion,
  startEmbeddedDynamoDb,
  stopLeftoverDynamoDb,
} from '../../shared/local/embedded-dynamodb';
import { loadLocalSecrets, localSecretsPath } from '../../shared/local/local-secrets';
import { createDynamoDbClient } from '../../shared/store/dynamodb-client';
import { createTableInput } from '../../shared/store/table-definition';
import { isProcessAlive } from '../../shared/local/process-alive';

async function withPath<T>(path: string, run: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  process.env.PATH = path;
  try {
    return await run();
  } finally {
    process.env.PATH = saved;
  }
}

test('without java on PATH it fails at once, saying what to install or to set DYNAMODB_ENDPOINT', async () => {
  const emptyDir = mkdtempSync(join(tmpdir(), 'no-java-'));
  try {
    const started = Date.now();
    const failure = await withPath(emptyDir, () => startEmbeddedDynamoDb().catch((error: unknown) => error));
    expect(failure).toBeInstanceOf(JavaUnavailableError);
    expect((failure as Error).message).toMatch(/`java` was not found on PATH/);
    expect((failure as Error).message).toMatch(/Install Java 17 or newer/);
    expect((failure as Error).message).toMatch(/DYNAMODB_ENDPOINT/);
    expect(Date.now() - started).toBeLessThan(10_000);
  } finally {
    rmSync(emptyDir, { recursive: true, force: true });
  }
});

test('a java older than 17 is refused with the same advice', async () => {
  const binDir = mkdtempSync(join(tmpdir(), 'old-java-'));
  try {
    const fakeJava = join(binDir, 'java');
    writeFileSync(fakeJava, '#!/bin/sh\necho \'java version "1.8.0_392"\' >&2\n');
    chmodSync(fakeJava, 0o755);
    const failure = await withPath(`${binDir}:/usr/bin:/bin`, () =>
      startEmbeddedDynamoDb().catch((error: unknown) => error),
    );
    expect(failure).toBeInstanceOf(JavaUnavailableError);
    expect((failure as Error).message).toMatch(/found Java 8, which is too old/);
  } finally {
    rmSync(binDir, { recursive: true, force: true });
  }
});

test.each([
  ['openjdk version "17.0.15" 2025-04-15', 17],
  ['java version "1.8.0_392"', 8],
  ['openjdk version "21" 2023-09-19', 21],
  ['no version here', undefined],
])('reads the Java major version from %j', (text, major) => {
  expect(parseJavaMajorVersion(text)).toBe(major);
});

test('a data directory keeps tables across a restart, and stop leaves no process', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dynamodb-data-'));
  try {
    const first = await startEmbeddedDynamoDb({ dataDir });
    const client = createDynamoDbClient({ endpoint: first.endpoint, requestTimeoutMs: 60_000 });
    await client.send(new CreateTableCommand(createTableInput('kept')));
    client.destroy();
    await first.stop();
    expect(isProcessAlive(first.pid)).toBe(false);

    const second = await startEmbeddedDynamoDb({ dataDir });
    const again = createDynamoDbClient({ endpoint: second.endpoint, requestTimeoutMs: 60_000 });
    try {
      expect((await again.send(new ListTablesCommand({}))).TableNames).toContain('kept');
    } finally {
      again.destroy();
      await second.stop();
    }
    expect(isProcessAlive(second.pid)).toBe(false);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('kept to its owner', () => {
  // Each case starts java (two for the leftover), which a busy machine makes slow.
  jest.setTimeout(180_000);
  const own = { accessKeyId: 'OWNKEY123', secretAccessKey: 'x' };

  test('runs without -sharedDb and with -disableTelemetry: another access key sees none of the tables', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dynamodb-key-'));
    const database = await startEmbeddedDynamoDb({ dataDir, credentials: own });
    const owner = createDynamoDbClient({
      requestTimeoutMs: 60_000,
      endpoint: database.endpoint,
      credentials: own,
      region: LOCAL_DYNAMODB_REGION,
    });
    const stranger = createDynamoDbClient({
      endpoint: database.endpoint,
      credentials: { accessKeyId: 'GUESSED', secretAccessKey: 'x' },
      region: LOCAL_DYNAMODB_REGION,
    });
    try {
      const commandLine = readFileSync(`/proc/${database.pid}/cmdline`, 'utf8').split('\0');
      expect(commandLine).toContain('-disableTelemetry');
      expect(commandLine).not.toContain('-sharedDb');
      await owner.send(new CreateTableCommand(createTableInput('private')));
      expect((await owner.send(new ListTablesCommand({}))).TableNames).toEqual(['private']);
      expect((await stranger.send(new ListTablesCommand({}))).TableNames).toEqual([]);
    } finally {
      owner.destroy();
      stranger.destroy();
      await database.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a start stops the DynamoDB Local its pid file names (left by a killed runtime), so one runs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dynamodb-leftover-'));
    const pidFile = join(dataDir, 'dynamodb.pid');
    const leftover = await startEmbeddedDynamoDb({ dataDir, credentials: own, pidFile });
    expect(readFileSync(pidFile, 'utf8').trim()).toBe(String(leftover.pid));
    const next = await startEmbeddedDynamoDb({ dataDir, credentials: own, pidFile });
    try {
      expect(isProcessAlive(leftover.pid)).toBe(false);
      expect(readFileSync(pidFile, 'utf8').trim()).toBe(String(next.pid));
    } finally {
      await next.stop();
      await leftover.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(existsSync(pidFile)).toBe(false);
  });

  test('a pid file naming some other process is ignored, never killed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dynamodb-stale-'));
    const pidFile = join(dataDir, 'dynamodb.pid');
    writeFileSync(pidFile, `${process.pid}\n`);
    try {
      expect(await stopLeftoverDynamoDb(pidFile)).toBeUndefined();
      expect(isProcessAlive(process.pid)).toBe(true);
      expect(existsSync(pidFile)).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

test('local secrets are made once per data directory, owner-only, and a widened mode is narrowed again', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'secrets-'));
  try {
    const first = loadLocalSecrets(dataDir);
    expect(first.dynamodbAccessKeyId).toMatch(/^[A-Z0-9]{20}$/);
    expect(first.redriveToken.length).toBeGreaterThanOrEqual(40);
    expect(first.cursorSecret).not.toBe(first.redriveToken);
    const path = localSecretsPath(dataDir);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    chmodSync(path, 0o644);
    expect(loadLocalSecrets(dataDir)).toEqual(first);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const other = mkdtempSync(join(tmpdir(), 'secrets-'));
    expect(loadLocalSecrets(other).dynamodbAccessKeyId).not.toBe(first.dynamodbAccessKeyId);
    rmSync(other, { recursive: true, force: true });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
