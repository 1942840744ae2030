// The embedded DynamoDB Local: a clear error without a usable Java, data kept in a data directory
// across restarts, and no process left once stopped.
import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  JavaUnavailableError,
  parseJavaMajorVersion,
  startEmbeddedDynamoDb,
} from '../../shared/local/embedded-dynamodb';
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
    const client = createDynamoDbClient({ endpoint: first.endpoint });
    await client.send(new CreateTableCommand(createTableInput('kept')));
    client.destroy();
    await first.stop();
    expect(isProcessAlive(first.pid)).toBe(false);

    const second = await startEmbeddedDynamoDb({ dataDir });
    const again = createDynamoDbClient({ endpoint: second.endpoint });
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
