// Starts the local runtime in a child Node process (bench/runtime-server.ts, run through tsx like
// `npm start`), so its memory and CPU are its own: the benchmark reads its peak RSS from
// /proc/<pid>/status, its CPU time from /proc/<pid>/stat and, when asked, profiles it. Stopped by PID.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RuntimeMessage, RuntimeRequest, RuntimeServerConfig, RuntimeStats } from './runtime-protocol';

const SERVER_PATH = resolve(__dirname, 'runtime-server.ts');

export interface RuntimeChild {
  apiUrl: string;
  eventsUrl: string;
  pid: number;
  stats(): Promise<RuntimeStats>;
  /** Zeroes the DynamoDB request counters (after a warm-up). */
  resetCounters(): Promise<RuntimeStats>;
  /** Resolves once every accepted event has been delivered. */
  drain(): Promise<RuntimeStats>;
  /** Starts CPU-profiling the runtime (its main thread). */
  startProfile(): Promise<RuntimeStats>;
  /** Stops the profile and writes it, as a .cpuprofile, to `path`. */
  stopProfile(path: string): Promise<RuntimeStats>;
  /** Peak RSS so far: VmHWM from /proc where there is one, else the child's own maxRSS. */
  peakRssBytes(): Promise<number>;
  /** Stops the runtime and waits for the process to exit; returns the last stats. */
  stop(): Promise<RuntimeStats | undefined>;
}

export interface RuntimeChildOptions extends RuntimeServerConfig {
  startTimeoutMs?: number;
}

export async function startRuntimeChild(options: RuntimeChildOptions): Promise<RuntimeChild> {
  const config: RuntimeServerConfig = {
    dynamodbEndpoint: options.dynamodbEndpoint,
    tableName: options.tableName,
    maxInFlight: options.maxInFlight,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_PATH, JSON.stringify(config)], {
    cwd: resolve(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: process.env,
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 40) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  // Should the benchmark die first, take the runtime with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  const pending = new Map<
    number,
    { resolve: (stats: RuntimeStats) => void; reject: (error: Error) => void }
  >();
  let nextId = 1;
  let ready: Extract<RuntimeMessage, { type: 'ready' }> | undefined;
  const readyPromise = new Promise<Extract<RuntimeMessage, { type: 'ready' }>>((resolveReady, reject) => {
    child.on('message', (raw) => {
      const message = raw as RuntimeMessage;
      if (message.type === 'ready') {
        ready = message;
        resolveReady(message);
        return;
      }
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error || !message.stats) waiter?.reject(new Error(message.error ?? 'no stats'));
      else waiter?.resolve(message.stats);
    });
    void exited.then(() => {
      const error = new Error(`the bench runtime exited (code ${child.exitCode}):\n${output.join('')}`);
      if (!ready) reject(error);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
  });
  const timeout = options.startTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      readyPromise,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the bench runtime did not start in ${timeout} ms`)),
          timeout,
        );
      }),
    ]);
  } catch (error) {
    await killAndWait(child, exited);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const started = ready!;

  const ask = (
    request:
      | { type: 'stats' | 'reset' | 'drain' | 'stop' | 'profile-start' }
      | { type: 'profile-stop'; path: string },
  ) =>
    new Promise<RuntimeStats>((resolveReply, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolveReply, reject });
      child.send({ id, ...request } satisfies RuntimeRequest);
    });

  let stopped: Promise<RuntimeStats | undefined> | undefined;
  return {
    apiUrl: started.apiUrl,
    eventsUrl: started.eventsUrl,
    pid: started.pid,
    stats: () => ask({ type: 'stats' }),
    resetCounters: () => ask({ type: 'reset' }),
    drain: () => ask({ type: 'drain' }),
    startProfile: () => ask({ type: 'profile-start' }),
    stopProfile: (path) => ask({ type: 'profile-stop', path }),
    async peakRssBytes() {
      return vmHighWaterMark(started.pid) ?? (await ask({ type: 'stats' })).maxRssBytes;
    },
    stop() {
      stopped ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return undefined;
        const final = await Promise.race([
          ask({ type: 'stop' }).catch(() => undefined),
          new Promise<undefined>((resolveLater) => setTimeout(() => resolveLater(undefined), 20_000).unref()),
        ]);
        const gone = await Promise.race([
          exited.then(() => true),
          new Promise<boolean>((resolveLater) => setTimeout(() => resolveLater(false), 10_000).unref()),
        ]);
        if (!gone) await killAndWait(child, exited);
        return final;
      })();
      return stopped;
    },
  };
}

/** VmHWM ("peak resident set size") of a live process, in bytes; undefined off Linux. */
export function vmHighWaterMark(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function killAndWait(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await exited;
}
