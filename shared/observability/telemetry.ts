// Powertools Logger and Metrics set up once for every handler, and the one way to record a metric
// of the catalog (so nothing emits a name or unit the dashboard does not know).
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS, METRIC_NAMESPACE, DIMENSION_VALUES } from './metric-catalog';
import type { DimensionName, MetricKey, ServiceName } from './metric-catalog';

export interface Telemetry {
  logger: Logger;
  metrics: Metrics;
  /** Adds a catalog metric; dimensioned metrics are emitted as their own EMF blob. */
  record(metric: MetricKey, value: number, dimensions?: Partial<Record<DimensionName, string>>): void;
  /** Emits everything recorded so far (call once at the end of an invocation). */
  flush(): void;
}

export interface TelemetryOptions {
  /**
   * Also hands every EMF document to this sink (the local runtime keeps its metrics from them),
   * whether or not POWERTOOLS_METRICS_DISABLED keeps them off stdout.
   */
  onEmf?: (document: Record<string, unknown>) => void;
}

export function createTelemetry(serviceName: ServiceName, options: TelemetryOptions = {}): Telemetry {
  const logger = new Logger({ serviceName });
  const metrics = new Metrics({ namespace: METRIC_NAMESPACE, serviceName });
  const publish = (store: Metrics) => {
    options.onEmf?.(store.serializeMetrics());
    store.publishStoredMetrics();
  };
  return {
    logger,
    metrics,
    record(metric, value, dimensions = {}) {
      const definition = METRICS[metric];
      if (definition.dimensions.length === 0) {
        metrics.addMetric(definition.name, definition.unit, value);
        return;
      }
      // Its own EMF blob (what `singleMetric()` makes), published here so the sink sees it too.
      const single = new Metrics({ namespace: METRIC_NAMESPACE, serviceName });
      for (const dimension of definition.dimensions) {
        single.addDimension(dimension, closedDimensionValue(dimension, dimensions[dimension]));
      }
      single.addMetric(definition.name, definition.unit, value);
      publish(single);
    },
    flush() {
      // Dimensioned metrics are already out (their own blobs); publishing an empty store only warns.
      if (metrics.hasStoredMetrics()) publish(metrics);
    },
  };
}

/** Values outside the catalog's list fold into its last entry (`other`, `unmatched`). */
function closedDimensionValue(dimension: DimensionName, value: string | undefined): string {
  const allowed: readonly string[] = DIMENSION_VALUES[dimension];
  return value !== undefined && allowed.includes(value) ? value : allowed[allowed.length - 1];
}
