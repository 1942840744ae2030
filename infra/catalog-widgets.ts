// Dashboard graphs drawn from the metric catalog: one graph per catalog metric, one series per
// service that emits it and per value of its dimensions (the graphs themselves are defined in
// shared/observability/metric-graphs.ts, which the local "Metrics" view draws too).
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { METRIC_LIST, METRIC_NAMESPACE } from '../shared/observability/metric-catalog';
import type { MetricDefinition } from '../shared/observability/metric-catalog';
import {
  dimensionSetsOf,
  graphTitleOf,
  seriesLabelOf,
  statisticOf,
} from '../shared/observability/metric-graphs';

export { dimensionSetsOf, SERVICE_DIMENSION } from '../shared/observability/metric-graphs';

export function catalogWidgets(
  metrics: readonly MetricDefinition[] = METRIC_LIST,
  period: Duration = Duration.minutes(5),
): cloudwatch.GraphWidget[] {
  return metrics.map((metric) => {
    const statistic = statisticOf(metric);
    return new cloudwatch.GraphWidget({
      title: graphTitleOf(metric),
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
            label: seriesLabelOf(dimensionsMap),
          }),
      ),
    });
  });
}
