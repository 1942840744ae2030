// `npm run bench`: measures the local inventory against the raw cost of the same DynamoDB Local
// operations in the same run (see docs/performance.md), prints a table and writes the JSON report.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { createEventBridgeClient } from '../shared/replay/event-sender';
import { startEmbeddedDynamoDb } from '../shared/local/embedded-dynamodb';
import type { EmbeddedDynamoDb } from '../shared/local/embedded-dynamodb';
import { createDocumentClient, createDynamoDbClient } from '../shared/store/dynamodb-client';
import { USAGE, parseBenchOptions } from './bench-options';
import type { BenchOptions } from './bench-options';
import { formatReport, furthestFromFloor, headlinesOf, REPORT_SCHEMA_VERSION } from './bench-report';
import type { BenchReport, IngestLevel } from './bench-report';
import { measureColdStart } from './cold-start';
import { summarizeCpuProfile } from './cpu-profile-summary';
import type { CpuProfile } from './cpu-profile-summary';
import { countByKind, generateEventMix } from './event-mix';
import { measureFreshness } from './freshness';
import { measureIngest } from './ingest-throughput';
import { costPerMillionChanges } from './change-cost';
import { measureHistoryGrowth } from './history-growth';
import { ratioTo } from './latency-summary';
import { describeMachine, loadAverageNow } from './machine-info';
import { SEEDING_NOTE, runQueryBenchmark } from './query-benchmark';
import { measureRawWrites } from './raw-write-floor';
import { measureSnapshotImport } from './snapshot-import';
import { startRuntimeChild } from './runtime-child';
import type { RuntimeChild } from './runtime-child';
import { createFreshTable } from './table-seeder';

const ROOT = resolve(__dirname, '..');
/** PutEvents requests in flight while measuring ingest: enough to keep any tested concurrency busy. */
const SENDERS = 4;

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const started = performance.now();
  const { help: _help, out: _out, ...reported } = options;
  const report: BenchReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: new Date().toISOString(),
    durationSeconds: 0,
    mode: options.quick ? 'quick' : 'default',
    options: reported,
    machine: describeMachine(),
    notes: [],
    memory: {},
    headlines: [],
  };
  const has = (section: BenchOptions['sections'][number]) => options.sections.includes(section);
  // Kept next to the JSON (git-ignored), for a closer look in any .cpuprofile viewer.
  const profilePath = resolve(ROOT, 'bench/results', `${options.profile ?? 'none'}.cpuprofile`);
  if (options.profile) mkdirSync(dirname(profilePath), { recursive: true });

  // Cold start first, while nothing else of the benchmark is running.
  if (has('coldstart')) {
    log(`cold start: bundling ${'handlers/*.ts'} and loading each ${options.coldStartSpawns} times`);
    report.coldStart = await measureColdStart(options.coldStartSpawns);
  }

  let dynamo: EmbeddedDynamoDb | undefined;
  const children = new Set<RuntimeChild>();
  const stopOnSignal = () => {
    log('interrupted: stopping the runtime children and DynamoDB Local');
    void Promise.all([...children].map((child) => child.stop())).finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  try {
    if (has('ingest') || has('freshness') || has('query') || has('snapshot')) {
      const endpoint = process.env.DYNAMODB_ENDPOINT;
      if (endpoint) report.notes.push(`DynamoDB at DYNAMODB_ENDPOINT, not the embedded DynamoDB Local.`);
      dynamo = endpoint ? undefined : await startEmbeddedDynamoDb();
      const dynamodbEndpoint = endpoint ?? dynamo!.endpoint;
      const client = createDynamoDbClient({ endpoint: dynamodbEndpoint });
      const documentClient = createDocumentClient(client);
      const runtime = async (tableName: string, maxInFlight?: number) => {
        const child = await startRuntimeChild({ dynamodbEndpoint, tableName, maxInFlight });
        children.add(child);
        // The runtime at rest, just started: what the peaks below grow from.
        const { rssBytes } = await child.stats();
        report.memory.startRssBytes = Math.min(report.memory.startRssBytes ?? rssBytes, rssBytes);
        return child;
      };
      const stop = async (child: RuntimeChild) => {
        await child.stop();
        children.delete(child);
      };
      try {
        let bestEventsPerSecond: number | undefined;
        if (has('ingest')) {
          const events = generateEventMix(options.seed, options.ingestEvents);
          const warmup = generateEventMix(options.seed + 1, options.warmupEvents);
          const levels: IngestLevel[] = [];
          for (const concurrency of options.concurrency) {
            const tableName = `bench-ingest-c${concurrency}`;
            await createFreshTable(client, tableName);
            const profile =
              options.profile === 'ingest' &&
              concurrency === options.concurrency[options.concurrency.length - 1];
            // The highest level is profiled: it is where the runtime works hardest.
            const child = await runtime(tableName, concurrency);
            const bus = createEventBridgeClient({ endpoint: child.eventsUrl, region: 'us-east-1' });
            let run;
            let peakRssBytes = 0;
            try {
              log(`ingest: ${events.length} events at concurrency ${concurrency}`);
              run = await measureIngest(child, bus, {
                concurrency,
                warmup,
                events,
                senders: SENDERS,
                dynamodbPid: dynamo?.pid,
                profilePath: profile ? profilePath : undefined,
              });
              peakRssBytes = await child.peakRssBytes();
            } finally {
              bus.destroy();
              await stop(child);
            }
            const rawTable = `bench-raw-c${concurrency}`;
            await createFreshTable(client, rawTable);
            log(`ingest: raw PutItem/UpdateItem floor at concurrency ${concurrency}`);
            const raw = await measureRawWrites(documentClient, rawTable, {
              concurrency,
              operations: Math.max(500, Math.round(options.ingestEvents * 2.5)),
              seed: options.seed + 100 + concurrency,
              warmup: 100,
              dynamodbPid: dynamo?.pid,
            });
            levels.push({
              ...run,
              raw,
              ratio: ratioTo(raw.putItemPerSecond, run.eventsPerSecond),
              peakRssBytes,
            });
            if (run.deadLettered > 0)
              report.notes.push(`${run.deadLettered} events dead-lettered at concurrency ${concurrency}.`);
          }
          log(`ingest: history growth at ${options.historyLengths.join(', ')} prior changes`);
          const historyGrowth = await measureHistoryGrowth(dynamodbEndpoint, {
            lengths: options.historyLengths,
            measured: options.historyMeasured,
          });
          const busiest = levels[levels.length - 1];
          report.ingest = {
            mix: countByKind(events),
            senders: SENDERS,
            levels,
            historyGrowth,
            // Lambda time per event: the store's own per-change latency, measured in-process.
            costPerMillionChanges: costPerMillionChanges({
              capacityPerEvent: busiest.capacityPerEvent,
              lambdaMsPerEvent: historyGrowth[0].latencyMs.p50,
            }),
          };
          report.memory.ingestPeakRssBytes = Math.max(...levels.map((level) => level.peakRssBytes));
          bestEventsPerSecond = Math.max(...levels.map((level) => level.eventsPerSecond));
        }

        if (has('freshness')) {
          await createFreshTable(client, 'bench-freshness');
          await createFreshTable(client, 'bench-freshness-floor');
          const child = await runtime('bench-freshness');
          const bus = createEventBridgeClient({ endpoint: child.eventsUrl, region: 'us-east-1' });
          try {
            const eventsPerSecond = options.freshnessLoadShare * (bestEventsPerSecond ?? 40);
            log(`freshness: ${options.freshnessProbes} probes under ${Math.round(eventsPerSecond)} events/s`);
            if (options.profile === 'freshness') await child.startProfile();
            const run = await measureFreshness({
              runtime: child,
              bus,
              client: documentClient,
              floorTable: 'bench-freshness-floor',
              eventsPerSecond,
              probes: options.freshnessProbes,
              seed: options.seed,
            });
            if (options.profile === 'freshness') await child.stopProfile(profilePath);
            await child.drain();
            const peakRssBytes = await child.peakRssBytes();
            report.freshness = { ...run, peakRssBytes };
            report.memory.freshnessPeakRssBytes = peakRssBytes;
          } finally {
            bus.destroy();
            await stop(child);
          }
        }

        if (has('snapshot')) {
          // The runtime's default delivery concurrency, and the raw floor at the same concurrency.
          const concurrency = 8;
          await createFreshTable(client, 'bench-snapshot');
          await createFreshTable(client, 'bench-snapshot-raw');
          const child = await runtime('bench-snapshot', concurrency);
          try {
            log(`snapshot: importing ${options.snapshotResources} observed resources`);
            report.snapshot = await measureSnapshotImport(child, documentClient, {
              resources: options.snapshotResources,
              seed: options.seed + 500,
              rawTable: 'bench-snapshot-raw',
              concurrency,
              dynamodbPid: dynamo?.pid,
            });
          } finally {
            await stop(child);
          }
        }

        if (has('query')) {
          const child = await runtime('bench-query');
          try {
            if (options.profile === 'query') await child.startProfile();
            const sizes = await runQueryBenchmark({
              endpoint: dynamodbEndpoint,
              client,
              tableName: 'bench-query',
              runtime: child,
              sizes: options.sizes,
              seed: options.seed,
              iterations: options.queryIterations,
              limit: options.pageLimit,
              deepPage: options.deepPage,
              log: (line) => log(line),
            });
            if (options.profile === 'query') await child.stopProfile(profilePath);
            const peakRssBytes = await child.peakRssBytes();
            report.query = {
              seeding: SEEDING_NOTE,
              pageLimit: options.pageLimit,
              iterations: options.queryIterations,
              sizes,
              peakRssBytes,
            };
            report.memory.queryPeakRssBytes = peakRssBytes;
            report.notes.push(SEEDING_NOTE);
          } finally {
            await stop(child);
          }
        }
      } finally {
        client.destroy();
      }
    }
  } finally {
    await Promise.all([...children].map((child) => child.stop()));
    await dynamo?.stop();
    process.removeListener('SIGINT', stopOnSignal);
  }

  if (options.profile) {
    if (existsSync(profilePath)) {
      const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as CpuProfile;
      report.profile = {
        section: options.profile,
        file: relative(ROOT, profilePath),
        summary: summarizeCpuProfile(profile, ROOT),
      };
    } else {
      report.notes.push(`no CPU profile was written for ${options.profile}`);
    }
  }

  report.machine.loadAverageAtEnd = loadAverageNow();
  report.headlines = headlinesOf(report);
  report.furthestFromFloor = furthestFromFloor(report.headlines);
  report.durationSeconds = Math.round((performance.now() - started) / 100) / 10;
  const out = resolve(ROOT, options.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${formatReport(report)}\nJSON: ${options.out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
