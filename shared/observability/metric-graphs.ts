// Which graphs the catalog's metrics make, as data: one graph per catalog metric, its statistic, and
// every dimension set it is emitted with. The CDK dashboard and the local "Metrics" view both draw these.
import { DIMENSION_VALUES } from './metric-catalog';
import type { MetricDefinition } from './metric-catalog';

/** Powertools' dimension naming the emitting handler. */
export const SERVICE_DIMENSION = 'service';

export type GraphStatistic = 'Sum' | 'p99';

/** Counts add up over a period; durations are read as a high percentile. */
export function statisticOf(metric: MetricDefinition): GraphStatistic {
  return metric.unit === 'Milliseconds' ? 'p99' : 'Sum';
}

/** The graph's title on the dashboard, e.g. `IngestLag (p99)`. */
export function graphTitleOf(metric: MetricDefinition): string {
  return `${metric.name} (${statisticOf(metric)})`;
}

/**
 * Every dimension set one catalog metric is emitted with (service first, then its own dimensions).
 * CloudWatch identifies a metric by its exact dimension set, so each is a series of its own.
 */
export function dimensionSetsOf(metric: MetricDefinition): Record<string, string>[] {
  let sets: Record<string, string>[] = metric.services.map((service) => ({ [SERVICE_DIMENSION]: service }));
  for (const dimension of metric.dimensions) {
    sets = sets.flatMap((set) =>
      DIMENSION_VALUES[dimension].map((value) => ({ ...set, [dimension]: value })),
    );
  }
  return sets;
}

/** A series' legend label: its dimension values, service first. */
export function seriesLabelOf(dimensions: Readonly<Record<string, string>>): string {
  return Object.values(dimensions).join(' ');
}
