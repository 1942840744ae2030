// The benchmark's report: the JSON written to bench/results/latest.json, the headline figures as
// ratios against their raw floors, and the table printed at the end of a run.
import type { BenchOptions } from './bench-options';
import type { ColdStartRun } from './cold-start';
import type { ProfileSummary } from './cpu-profile-summary';
import type { EventKind } from './event-mix';
import type { FreshnessRun } from './freshness';
import type { IngestRun } from './ingest-throughput';
import type { ChangeCost } from './change-cost';
import type { HistoryGrowthPoint } from './history-growth';
import type { MachineInfo } from './machine-info';
import type { QuerySizeResult } from './query-benchmark';
import { ratioTo } from './latency-summary';
import type { RawWriteFloor } from './raw-write-floor';
import type { SnapshotImportRun } from './snapshot-import';

export const REPORT_SCHEMA_VERSION = 1;

export interface IngestLevel extends IngestRun {
  raw: RawWriteFloor;
  /** Raw PutItem/s over events/s: how many plain writes fit in the time one event takes. */
  ratio: number | null;
  peakRssBytes: number;
}

export interface BenchReport {
  schemaVersion: number;
  generatedAt: string;
  durationSeconds: number;
  mode: 'quick' | 'default';
  options: Omit<BenchOptions, 'help' | 'out'>;
  machine: MachineInfo;
  notes: string[];
  ingest?: {
    mix: Record<EventKind, number>;
    senders: number;
    levels: IngestLevel[];
    /** Write cost of one resource's change against its history length. */
    historyGrowth?: HistoryGrowthPoint[];
    /** Dollars per million changes at on-demand prices, from the highest level's capacity per event. */
    costPerMillionChanges?: ChangeCost;
  };
  freshness?: FreshnessRun & { peakRssBytes: number };
  query?: {
    seeding: string;
    pageLimit: number;
    iterations: number;
    sizes: QuerySizeResult[];
    peakRssBytes: number;
  };
  coldStart?: ColdStartRun;
  snapshot?: SnapshotImportRun;
  memory: {
    /** RSS of a runtime just started (tsx included, as `npm start` runs it). */
    startRssBytes?: number;
    ingestPeakRssBytes?: number;
    freshnessPeakRssBytes?: number;
    queryPeakRssBytes?: number;
  };
  headlines: Headline[];
  furthestFromFloor?: Headline;
  profile?: { section: string; file: string; summary: ProfileSummary };
}

/** One figure beside its floor. `ratio` > 1 means slower (or fewer per second) than the floor. */
export interface Headline {
  figure: string;
  measured: string;
  floor: string;
  ratio: number | null;
}

export function headlinesOf(
  report: Pick<BenchReport, 'ingest' | 'freshness' | 'query' | 'coldStart' | 'snapshot'>,
): Headline[] {
  const rows: Headline[] = [];
  for (const level of report.ingest?.levels ?? []) {
    rows.push({
      figure: `ingest events/s @${level.concurrency}`,
      measured: `${level.eventsPerSecond}/s`,
      floor: `${level.raw.putItemPerSecond} PutItem/s`,
      ratio: level.ratio,
    });
  }
  const freshness = report.freshness;
  if (freshness) {
    rows.push({
      figure: 'freshness p50',
      measured: ms(freshness.visibleMs.p50),
      floor: `${ms(freshness.floorMs.p50)} Put+Get`,
      ratio: freshness.ratioP50,
    });
    rows.push({
      figure: 'freshness p99',
      measured: ms(freshness.visibleMs.p99),
      floor: `${ms(freshness.floorMs.p99)} Put+Get`,
      ratio: freshness.ratioP99,
    });
  }
  for (const size of report.query?.sizes ?? []) {
    for (const scenario of size.scenarios) {
      rows.push({
        figure: `query ${compact(size.resources)} ${scenario.name} p50`,
        measured: ms(scenario.api.p50),
        floor: `${ms(scenario.raw.p50)} ${scenario.rawRequests.join('+')}`,
        ratio: scenario.ratioP50,
      });
    }
    const sharded = size.shardedListing;
    if (sharded)
      rows.push({
        figure: `query ${compact(size.resources)} status-only, ${sharded.shards} shard Queries merged p50`,
        measured: `${ms(sharded.shardedMs.p50)} (${sharded.itemsRead.sharded} items read)`,
        floor: `${ms(sharded.unshardedMs.p50)} one Query, one partition (${sharded.itemsRead.unsharded})`,
        ratio: sharded.ratio,
      });
    if (sharded)
      rows.push({
        figure: `query ${compact(size.resources)} status-only through the store p50`,
        measured: ms(sharded.storeMs.p50),
        floor: `${ms(sharded.unshardedMs.p50)} one Query, one partition`,
        ratio: ratioTo(sharded.storeMs.p50, sharded.unshardedMs.p50),
      });
  }
  if (report.snapshot) {
    rows.push({
      figure: `snapshot import resources/s @${report.snapshot.raw.concurrency}`,
      measured: `${report.snapshot.resourcesPerSecond}/s`,
      floor: `${report.snapshot.raw.putItemPerSecond} PutItem/s`,
      ratio: report.snapshot.ratio,
    });
  }
  for (const bundle of report.coldStart?.bundles ?? []) {
    rows.push({
      figure: `cold start ${bundle.name} load p50`,
      measured: `${ms(bundle.loadMs.p50)} (${kb(bundle.bytes)})`,
      floor: `${ms(report.coldStart!.floor.loadMs.p50)} (${kb(report.coldStart!.floor.bytes)})`,
      ratio: bundle.ratioP50,
    });
  }
  return rows;
}

export function furthestFromFloor(headlines: readonly Headline[]): Headline | undefined {
  return headlines.reduce<Headline | undefined>(
    (worst, row) => (row.ratio !== null && (worst?.ratio == null || row.ratio > worst.ratio) ? row : worst),
    undefined,
  );
}

/** The printed report: headlines, then each section's detail. */
export function formatReport(report: BenchReport): string {
  const out: string[] = [];
  const m = report.machine;
  out.push(
    `resource-inventory benchmark (${report.mode}, seed ${report.options.seed}) — ${m.cpus} × ${m.cpuModel}, ` +
      `${Math.round(m.memoryBytes / 2 ** 30)} GiB, Node ${m.node}, ${m.dynamodbLocal.build}, ` +
      `load ${m.loadAverageAtStart}${m.loadAverageAtEnd === undefined ? '' : ` -> ${m.loadAverageAtEnd}`}`,
    '',
    table(
      ['figure', 'measured', 'floor (raw DynamoDB Local)', 'x floor'],
      report.headlines.map((row) => [
        row.figure,
        row.measured,
        row.floor,
        row.ratio === null ? '-' : `${row.ratio}`,
      ]),
    ),
  );
  if (report.furthestFromFloor)
    out.push(
      '',
      `Furthest from its floor: ${report.furthestFromFloor.figure} (${report.furthestFromFloor.ratio} x).`,
    );
  if (report.ingest) {
    out.push('', 'Ingest (PutEvents -> bus -> handler -> DynamoDB Local; fresh table per level)');
    out.push(
      table(
        [
          'concurrency',
          'events',
          'events/s',
          'DDB req/event',
          'WCU/RCU per event',
          'DDB req p50',
          'raw PutItem/s',
          'raw UpdateItem/s',
          'raw PutItem p50',
          'CPU ms/event',
          'CPU ms/PutItem',
          'peak RSS',
        ],
        report.ingest.levels.map((level) => [
          `${level.concurrency}`,
          `${level.events}`,
          `${level.eventsPerSecond}`,
          `${level.dynamodbRequestsPerEvent}`,
          `${level.capacityPerEvent.write}/${level.capacityPerEvent.read}`,
          ms(level.dynamodbLatencyMs.p50),
          `${level.raw.putItemPerSecond}`,
          `${level.raw.updateItemPerSecond}`,
          ms(level.raw.putItemMs.p50),
          cpuSplit(level.cpuMsPerEvent, ['runtime', 'dynamodbLocal']),
          cpuSplit(level.raw.cpuMsPerPutItem, ['bench', 'dynamodbLocal']),
          mb(level.peakRssBytes),
        ]),
      ),
    );
    const mix = Object.entries(report.ingest.mix)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ');
    out.push(`mix: ${mix}`);
    out.push(
      'DDB req p50: DynamoDB request latency as the runtime saw it; CPU ms: Node client (runtime or bench) + DynamoDB Local.',
    );
    const growth = report.ingest.historyGrowth;
    if (growth && growth.length > 0) {
      out.push('', 'History growth (one resource, its next changes after N prior ones, through the store)');
      out.push(
        table(
          ['prior changes', 'events/s', 'DDB req/event', 'WCU/RCU per event', 'p50', 'p99'],
          growth.map((point) => [
            `${point.historyLength}`,
            `${point.eventsPerSecond}`,
            `${point.dynamodbRequestsPerEvent}`,
            `${point.capacityPerEvent.write}/${point.capacityPerEvent.read}`,
            ms(point.latencyMs.p50),
            ms(point.latencyMs.p99),
          ]),
        ),
      );
      const first = growth[0].latencyMs.p50;
      const last = growth[growth.length - 1].latencyMs.p50;
      out.push(
        `p50 at ${growth[growth.length - 1].historyLength} prior changes: ${first > 0 ? (last / first).toFixed(2) : '-'} x the first.`,
      );
    }
    const cost = report.ingest.costPerMillionChanges;
    if (cost)
      out.push(
        '',
        `Cost of a million changes at on-demand prices: $${cost.total} (DynamoDB $${cost.dynamodb}, Lambda $${cost.lambda}, ` +
          `EventBridge $${cost.eventBridge}); AWS Config: $${cost.awsConfigPerMillion} per million configuration items.`,
      );
  }
  if (report.freshness) {
    const f = report.freshness;
    out.push(
      '',
      `Freshness (PutEvents accepted -> GET /resources/{id} 200) under ${f.backgroundSentPerSecond} events/s: ` +
        `p50 ${ms(f.visibleMs.p50)}, p99 ${ms(f.visibleMs.p99)} (${f.probes} probes; one GET takes p50 ${ms(f.pollMs.p50)}); ` +
        `floor PutItem+GetItem p50 ${ms(f.floorMs.p50)}, p99 ${ms(f.floorMs.p99)}. ` +
        `The runtime made ${f.dynamodbRequestsPerEvent} DynamoDB requests per event at p50 ${ms(f.dynamodbLatencyMs.p50)} each.`,
    );
  }
  if (report.query) {
    out.push(
      '',
      `Query (limit ${report.query.pageLimit}, ${report.query.iterations} requests each). ${report.query.seeding}`,
    );
    for (const size of report.query.sizes) {
      out.push(`${size.resources} resources (${size.items} items, seeded in ${size.seedSeconds} s)`);
      out.push(
        table(
          [
            'listing',
            'page',
            'items',
            'API p50',
            'API p99',
            'raw p50',
            'raw p99',
            'x p50',
            'x p99',
            'store req',
            'read/item',
          ],
          size.scenarios.map((s) => [
            s.name,
            `${s.page}`,
            `${s.itemsReturned}`,
            ms(s.api.p50),
            ms(s.api.p99),
            ms(s.raw.p50),
            ms(s.raw.p99),
            `${s.ratioP50 ?? '-'}`,
            `${s.ratioP99 ?? '-'}`,
            `${s.storeRequestNames.length}`,
            `${s.itemsReadPerItemReturned ?? '-'}${s.samePage ? '' : ' (page mismatch!)'}`,
          ]),
        ),
      );
    }
  }
  if (report.coldStart) {
    const c = report.coldStart;
    out.push(
      '',
      `Cold start (esbuild ${c.esbuild.target} ${c.esbuild.format}, minify, source map; median of ${c.spawns} spawns)`,
    );
    out.push(
      table(
        ['bundle', 'size', 'load p50', 'process p50', 'x floor'],
        [c.floor, ...c.bundles].map((b) => [
          b.name,
          kb(b.bytes),
          ms(b.loadMs.p50),
          ms(b.processMs.p50),
          `${b.ratioP50 ?? '-'}`,
        ]),
      ),
    );
  }
  const memory = report.memory;
  out.push(
    '',
    `Peak RSS of the runtime process: ingest ${mb(memory.ingestPeakRssBytes)}, freshness ${mb(memory.freshnessPeakRssBytes)}, ` +
      `query ${mb(memory.queryPeakRssBytes)} (just started: ${mb(memory.startRssBytes)})`,
  );
  if (report.profile) {
    out.push(
      '',
      `CPU profile of the ${report.profile.section} runtime (${report.profile.summary.busyMs} ms busy):`,
    );
    out.push(
      table(
        ['area', 'self ms', 'share'],
        report.profile.summary.byArea.slice(0, 8).map((e) => [e.name, `${e.selfMs}`, pct(e.share)]),
      ),
    );
    out.push(
      table(
        ['function', 'self ms', 'share'],
        report.profile.summary.topFunctions.slice(0, 10).map((e) => [e.name, `${e.selfMs}`, pct(e.share)]),
      ),
    );
  }
  for (const note of report.notes) out.push(`note: ${note}`);
  out.push('', `${report.durationSeconds} s in all.`);
  return out.join('\n');
}

/** Left-aligned text columns, right-aligned numbers, two spaces apart. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const numeric = header.map(
    (_, column) => rows.length > 0 && rows.every((row) => /^[-\d.,x ]+$/.test(row[column] ?? '')),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function ms(value: number): string {
  return Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms` : '-';
}

function kb(bytes: number): string {
  return `${Math.round(bytes / 1024)} KiB`;
}

function mb(bytes: number | undefined): string {
  return bytes === undefined ? '-' : `${Math.round(bytes / 2 ** 20)} MiB`;
}

/** `a+b` CPU milliseconds of the named processes (client first, DynamoDB Local second). */
function cpuSplit(cpu: Record<string, number>, names: [string, string]): string {
  const [a, b] = names.map((name) => cpu[name]);
  return a === undefined || b === undefined ? '-' : `${a}+${b}`;
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function compact(count: number): string {
  return count >= 1_000_000 ? `${count / 1_000_000}M` : count >= 1_000 ? `${count / 1_000}k` : `${count}`;
}
