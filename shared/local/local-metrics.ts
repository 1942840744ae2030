// The local runtime's stand-in for CloudWatch metrics: keeps the catalog's metrics, per minute and in
// memory, from the EMF documents the handlers' Powertools Metrics produce, and reports them as the
// graphs the deployed dashboard draws (one per catalog metric, one series per dimension set).
import { METRIC_LIST, METRIC_NAMESPACE } from '../observability/metric-catalog';
import type { MetricDefinition } from '../observability/metric-catalog';
import { dimensionSetsOf, graphTitleOf, seriesLabelOf, statisticOf } from '../observability/metric-graphs';
import type { GraphStatistic } from '../observability/metric-graphs';

export const PERIOD_SECONDS = 60;
const MINUTE_MS = PERIOD_SECONDS * 1000;
/** Minutes kept by default: the dashboard's default view is a few hours. */
export const DEFAULT_RETENTION_MINUTES = 180;

export interface MetricPoint {
  /** Start of the minute, ISO 8601. */
  time: string;
  value: number;
}

export interface MetricSeries {
  label: string;
  dimensions: Record<string, string>;
  /** Minutes with data only, oldest first (a count's missing minute is a zero; a duration's a gap). */
  points: MetricPoint[];
}

export interface MetricGraph {
  name: string;
  title: string;
  unit: string;
  statistic: GraphStatistic;
  description: string;
  series: MetricSeries[];
}

export interface LocalMetricsReport {
  namespace: string;
  periodSeconds: number;
  /** The window reported: start of its first minute and end of its last, ISO 8601. */
  from: string;
  to: string;
  graphs: MetricGraph[];
}

export interface LocalMetricsOptions {
  retentionMinutes?: number;
  now?: () => number;
  metrics?: readonly MetricDefinition[];
}

/** EMF as CloudWatch reads it: `_aws.CloudWatchMetrics` directives, values under the metric names. */
interface EmfDirective {
  Namespace: string;
  Dimensions: string[][];
  Metrics: { Name: string }[];
}

export class LocalMetrics {
  /** minute (epoch ms) → series key → the values recorded in that minute. */
  private readonly minutes = new Map<number, Map<string, number[]>>();
  /** Minutes kept: older ones are forgotten as new values arrive. */
  readonly retention: number;
  private readonly now: () => number;
  private readonly catalog: readonly MetricDefinition[];

  constructor(options: LocalMetricsOptions = {}) {
    this.retention = options.retentionMinutes ?? DEFAULT_RETENTION_MINUTES;
    this.now = options.now ?? Date.now;
    this.catalog = options.metrics ?? METRIC_LIST;
  }

  /** One line of a handler's output: EMF lines are recorded, anything else (log lines) is not. */
  recordEmfLine(line: string): number {
    const text = line.trim();
    if (!text.startsWith('{')) return 0;
    try {
      return this.recordEmf(JSON.parse(text));
    } catch (error) {
      if (error instanceof SyntaxError) return 0;
      throw error;
    }
  }

  /**
   * One EMF document: each metric of our namespace is recorded under each of its dimension sets,
   * as CloudWatch does. Returns the number of values recorded (0 for a document that is not EMF).
   */
  recordEmf(document: unknown): number {
    if (!isRecord(document) || !isRecord(document._aws)) return 0;
    const directives = document._aws.CloudWatchMetrics;
    if (!Array.isArray(directives)) return 0;
    const timestamp = Number(document._aws.Timestamp);
    const minute = minuteOf(Number.isFinite(timestamp) ? timestamp : this.now());
    let recorded = 0;
    for (const directive of directives.filter(isDirective)) {
      if (directive.Namespace !== METRIC_NAMESPACE) continue;
      for (const { Name } of directive.Metrics) {
        const values = numbersOf(document[Name]);
        if (values.length === 0) continue;
        for (const names of directive.Dimensions) {
          const dimensions: Record<string, string> = {};
          for (const name of names) {
            const value = document[name];
            if (typeof value === 'string') dimensions[name] = value;
          }
          this.add(minute, seriesKey(Name, dimensions), values);
          recorded += values.length;
        }
      }
    }
    this.forgetBefore(minuteOf(this.now()) - (this.retention - 1) * MINUTE_MS);
    return recorded;
  }

  /** The graphs over the last `minutes` minutes (the current one included). */
  report(minutes = 60): LocalMetricsReport {
    const last = minuteOf(this.now());
    const first = last - (Math.min(minutes, this.retention) - 1) * MINUTE_MS;
    const shown = [...this.minutes.keys()]
      .filter((minute) => minute >= first && minute <= last)
      .sort((a, b) => a - b);
    const graphs = this.catalog.map((metric): MetricGraph => {
      const statistic = statisticOf(metric);
      return {
        name: metric.name,
        title: graphTitleOf(metric),
        unit: metric.unit,
        statistic,
        description: metric.description,
        series: dimensionSetsOf(metric).map((dimensions) => {
          const key = seriesKey(metric.name, dimensions);
          const points: MetricPoint[] = [];
          for (const minute of shown) {
            const values = this.minutes.get(minute)?.get(key);
            if (values && values.length > 0)
              points.push({ time: new Date(minute).toISOString(), value: aggregate(statistic, values) });
          }
          return { label: seriesLabelOf(dimensions), dimensions, points };
        }),
      };
    });
    return {
      namespace: METRIC_NAMESPACE,
      periodSeconds: PERIOD_SECONDS,
      from: new Date(first).toISOString(),
      to: new Date(last + MINUTE_MS).toISOString(),
      graphs,
    };
  }

  private add(minute: number, key: string, values: number[]): void {
    let series = this.minutes.get(minute);
    if (!series) this.minutes.set(minute, (series = new Map()));
    const kept = series.get(key);
    if (kept) kept.push(...values);
    else series.set(key, [...values]);
  }

  private forgetBefore(minute: number): void {
    for (const kept of this.minutes.keys()) if (kept < minute) this.minutes.delete(kept);
  }
}

/** The series a metric with these dimensions belongs to, whatever order the dimensions came in. */
function seriesKey(name: string, dimensions: Readonly<Record<string, string>>): string {
  const sorted = Object.entries(dimensions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([name, sorted]);
}

/** Sum for counts; p99 by nearest rank (CloudWatch's percentiles on raw values come close to it). */
function aggregate(statistic: GraphStatistic, values: readonly number[]): number {
  if (statistic === 'Sum') return values.reduce((sum, value) => sum + value, 0);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(0.99 * sorted.length) - 1)];
}

function minuteOf(epochMs: number): number {
  return Math.floor(epochMs / MINUTE_MS) * MINUTE_MS;
}

/** EMF allows one value or a list of up to 100 per metric. */
function numbersOf(value: unknown): number[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((entry): entry is number => typeof entry === 'number' && Number.isFinite(entry));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDirective(value: unknown): value is EmfDirective {
  return (
    isRecord(value) &&
    typeof value.Namespace === 'string' &&
    Array.isArray(value.Dimensions) &&
    value.Dimensions.every(
      (names) => Array.isArray(names) && names.every((name) => typeof name === 'string'),
    ) &&
    Array.isArray(value.Metrics) &&
    value.Metrics.every((metric) => isRecord(metric) && typeof metric.Name === 'string')
  );
}
