// Bench-only entry of a child process: runs the local runtime (as `npm start` does, against the
// benchmark's DynamoDB Local) and answers the parent over IPC: ready URLs, DynamoDB requests made
// and their latencies (from node:http's diagnostics channels, so the runtime needs no hook), dispatch stats,
// peak RSS, CPU profiles of a chosen window, drain and stop. Started by runtime-child.ts; never run it by hand.
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime } from '../shared/local/local-runtime';
import { CONSUMED_CAPACITY_CHANNEL } from '../shared/store/consumed-capacity';
import type { ConsumedCapacityMessage } from '../shared/store/consumed-capacity';
import { summarizeLatencies } from './latency-summary';
import type { RuntimeRequest, RuntimeServerConfig, RuntimeStats } from './runtime-protocol';

// The same quiet console as `npm start`: handler logs at WARN, no EMF metrics on stdout.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const requestsByOperation: Record<string, number> = {};
const requestStarts = new WeakMap<ClientRequest, number>();
/** Request -> response-headers times, as the runtime sees them (bounded: the newest are kept). */
const latencies: number[] = [];
const MAX_LATENCIES = 200_000;
// Every outgoing HTTP request of this process goes to DynamoDB: the runtime's only client.
subscribe('http.client.request.start', (message) => {
  const { request } = message as { request: ClientRequest };
  const target = String(request.getHeader('x-amz-target') ?? 'other');
  const operation = target.replace(/^DynamoDB_\d+\./, '');
  requestsByOperation[operation] = (requestsByOperation[operation] ?? 0) + 1;
  requestStarts.set(request, performance.now());
});
subscribe('http.client.response.finish', (message) => {
  const { request } = message as { request: ClientRequest };
  const started = requestStarts.get(request);
  if (started === undefined) return;
  if (latencies.length >= MAX_LATENCIES) latencies.splice(0, MAX_LATENCIES / 2);
  latencies.push(performance.now() - started);
});

const consumedCapacity = { read: 0, write: 0 };
subscribe(CONSUMED_CAPACITY_CHANNEL, (message) => {
  const { read, write } = message as ConsumedCapacityMessage;
  consumedCapacity.read += read;
  consumedCapacity.write += write;
});

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as RuntimeServerConfig;
  const dataDir = mkdtempSync(join(tmpdir(), 'inventory-bench-'));
  const runtime = await startLocalRuntime({
    port: 0,
    eventsPort: 0,
    dataDir,
    inMemory: true,
    loadSamples: false,
    dynamodbEndpoint: config.dynamodbEndpoint,
    tableName: config.tableName,
    maxInFlight: config.maxInFlight,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const send = (message: unknown) => process.send?.(message);
  const stats = (): RuntimeStats => ({
    dynamodbRequests: { ...requestsByOperation },
    dynamodbLatencyMs: summarizeLatencies(latencies),
    dispatch: { ...runtime.dispatcher.stats },
    consumedCapacity: { ...consumedCapacity },
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    rssBytes: process.memoryUsage().rss,
  });

  let profiler: Session | undefined;
  process.on('message', (raw) => {
    const request = raw as RuntimeRequest;
    void (async () => {
      switch (request.type) {
        case 'stats':
          return send({ type: 'reply', id: request.id, stats: stats() });
        case 'reset':
          for (const key of Object.keys(requestsByOperation)) delete requestsByOperation[key];
          latencies.length = 0;
          consumedCapacity.read = 0;
          consumedCapacity.write = 0;
          return send({ type: 'reply', id: request.id, stats: stats() });
        case 'profile-start':
          // The inspector's profiler, not --cpu-prof: the profile then covers the measured window only.
          profiler ??= new Session();
          profiler.connect();
          await profiler.post('Profiler.enable');
          await profiler.post('Profiler.start');
          return send({ type: 'reply', id: request.id, stats: stats() });
        case 'profile-stop': {
          if (!profiler) throw new Error('no profile was started');
          const { profile } = await profiler.post('Profiler.stop');
          writeFileSync(request.path, JSON.stringify(profile));
          profiler.disconnect();
          profiler = undefined;
          return send({ type: 'reply', id: request.id, stats: stats() });
        }
        case 'drain':
          await runtime.dispatcher.drain();
          return send({ type: 'reply', id: request.id, stats: stats() });
        case 'stop': {
          const final = stats();
          await runtime.stop();
          rmSync(dataDir, { recursive: true, force: true });
          process.send?.({ type: 'reply', id: request.id, stats: final }, undefined, {}, () =>
            process.exit(0),
          );
          return;
        }
      }
    })().catch((error: unknown) => {
      process.stderr.write(`bench runtime: ${String(error)}\n`);
      send({ type: 'reply', id: request.id, error: String(error) });
    });
  });
  send({ type: 'ready', apiUrl: runtime.apiUrl, eventsUrl: runtime.eventsUrl, pid: process.pid });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench runtime failed to start: ${String(error)}\n`);
  process.exit(1);
});
