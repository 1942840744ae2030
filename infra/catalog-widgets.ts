// Dashboard graphs drawn from the metric catalog: one graph per catalog metric, one series per
// service that emits it and per value of its dimensions. CloudWatch identifies a metric by its exact
// dimension set, so every combination the handlers emit must be listed to be drawn.
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { DIMENSION_VALUES, METRIC_LIST, METRIC_NAMESPACE } from '../shared/observability/metric-catalog';
import type { MetricDefinition } from '../shared/observability/metric-catalog';

/** Powertools' dimension naming the emitting handler. */
export const SERVICE_DIMENSION = 'service';

/** Every dimension set one catalog metric is emitted with (service first, then its own dimensions). */
export function dimensionSetsOf(metric: MetricDefinition): Record<string, string>[] {
  let sets: Record<string, string>[] = metric.services.map((service) => ({ [SERVICE_DIMENSION]: service }));
  for (const dimension of metric.dimensions) {
    sets = sets.flatMap((set) =>
      DIMENSION_VALUES[dimension].map((value) => ({ ...set, [dimension]: value })),
    );
  }
  return sets;
}

/** Counts add up over a period; durations are read as a high percentile. */
function statisticOf(metric: MetricDefinition): string {
  return metric.unit === 'Milliseconds' ? 'p99' : 'Sum';
}

export function catalogWidgets(
  metrics: readonly MetricDefinition[] = METRIC_LIST,
  period: Duration = Duration.minutes(5),
): cloudwatch.GraphWidget[] {
  return metrics.map((metric) => {
    const statistic = statisticOf(metric);
    return new cloudwatch.GraphWidget({
      title: `${metric.name} (${statistic})`,
      width: 8,
      height: 6,
      left: dimensionSetsOf(metric).map(
        (dimensionsMap) =>
          new cloudwatch.Metric({
            namespace: METRIC_NAMESPACE,
            metricName: metric.name,
            dimensionsMap,
            statistic,
            period,
            label: Object.values(dimensionsMap).join(' '),
          }),
      ),
    });
  });
}
