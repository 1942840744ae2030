// Every metric the handlers emit, in one place: names, units, dimensions and the services that emit
// them. Handlers record through `recordMetric`; the CDK dashboard and alarms are built from this list.
import { MetricUnit } from '@aws-lambda-powertools/metrics';

type MetricUnitValue = (typeof MetricUnit)[keyof typeof MetricUnit];

export const METRIC_NAMESPACE = 'ResourceInventory';

/** Powertools' `service` dimension: one value per handler. */
export const SERVICE_NAMES = {
  cloudformationIngest: 'ingest-cloudformation',
  cloudtrailIngest: 'ingest-cloudtrail',
  queryApi: 'query-api',
  snapshot: 'snapshot',
  changePublisher: 'change-publisher',
} as const;
export type ServiceName = (typeof SERVICE_NAMES)[keyof typeof SERVICE_NAMES];

const INGEST_SERVICES: ServiceName[] = [SERVICE_NAMES.cloudformationIngest, SERVICE_NAMES.cloudtrailIngest];
const QUERY_SERVICES: ServiceName[] = [SERVICE_NAMES.queryApi];
const SNAPSHOT_SERVICES: ServiceName[] = [SERVICE_NAMES.snapshot];

/**
 * The values a dimension can take. Kept closed so the dashboard can draw every series it needs
 * (CloudWatch metrics are identified by their exact dimension values).
 */
export const DIMENSION_VALUES = {
  DetailType: [
    'CloudFormation Stack Status Change',
    'CloudFormation Resource Status Change',
    'AWS API Call via CloudTrail',
    'Resource Inventory Snapshot',
    'other',
  ],
  Route: [
    'GET /',
    'GET /app.js',
    'GET /app.css',
    'GET /favicon.ico',
    'GET /config.json',
    'GET /resources',
    'GET /resources/{id}',
    'GET /resources/{id}/history',
    'GET /stacks',
    'GET /stacks/{stack}/resources',
    'GET /summary',
    'GET /changes',
    'GET /snapshots',
    'GET /openapi.json',
    'unmatched',
  ],
} as const;
export type DimensionName = keyof typeof DIMENSION_VALUES;

export interface MetricDefinition {
  name: string;
  unit: MetricUnitValue;
  description: string;
  /** Dimensions beyond Powertools' `service`. */
  dimensions: readonly DimensionName[];
  services: readonly ServiceName[];
  /** Set when a person must look whenever the metric is non-zero: the stack builds this alarm. */
  alarm?: MetricAlarm;
}

/** An alarm on a catalog metric's Sum over all its dimension sets, breaching at >= 1 in 5 minutes. */
export interface MetricAlarm {
  /** What it means and what to do, shown in the alarm and its notification. */
  description: string;
}

export const METRICS = {
  eventsReceived: {
    name: 'EventsReceived',
    unit: MetricUnit.Count,
    description: 'Events handed to an ingest handler, by detail-type',
    dimensions: ['DetailType'],
    services: INGEST_SERVICES,
  },
  eventsRejected: {
    name: 'EventsRejected',
    unit: MetricUnit.Count,
    description: 'Events that failed validation (malformed or unknown); logged, not retried',
    dimensions: [],
    services: INGEST_SERVICES,
  },
  foreignEvents: {
    name: 'ForeignEvents',
    unit: MetricUnit.Count,
    description:
      'Events refused for their origin: a source the inventory does not expect, or an envelope account ' +
      'that is not the account of the resources the event describes; logged with both, not retried',
    dimensions: [],
    services: INGEST_SERVICES,
    alarm: {
      description:
        'An event on the inventory bus claimed resources of another account than the one that sent ' +
        'it, or came from an unexpected source: a member account (or a rule in this account) is ' +
        'sending forged or misrouted events. The ingest log line "foreign event refused" names the ' +
        'envelope account, the claimed accounts and the source.',
    },
  },
  foreignChangesDropped: {
    name: 'ForeignChangesDropped',
    unit: MetricUnit.Count,
    description:
      "Changes left out of an admitted event because they name another account's resource (a " +
      'cross-account call): only the owner account writes a row',
    dimensions: [],
    services: INGEST_SERVICES,
  },
  changesApplied: {
    name: 'ChangesApplied',
    unit: MetricUnit.Count,
    description: 'Resource or stack changes recorded in history for the first time',
    dimensions: [],
    services: INGEST_SERVICES,
  },
  duplicatesSkipped: {
    name: 'DuplicateChanges',
    unit: MetricUnit.Count,
    description: 'Changes already in history (redelivered events)',
    dimensions: [],
    services: INGEST_SERVICES,
  },
  staleSkipped: {
    name: 'UnchangedRows',
    unit: MetricUnit.Count,
    description: 'Rows whose fold did not change: stale or duplicate information',
    dimensions: [],
    services: INGEST_SERVICES,
  },
  rowsWritten: {
    name: 'RowsWritten',
    unit: MetricUnit.Count,
    description: 'Resource or stack rows rewritten because their fold changed',
    dimensions: [],
    services: INGEST_SERVICES,
  },
  writeConflicts: {
    name: 'WriteConflicts',
    unit: MetricUnit.Count,
    description: 'Optimistic-concurrency conflicts retried by the store',
    dimensions: [],
    services: INGEST_SERVICES,
  },
  unmappedCalls: {
    name: 'UnmappedCalls',
    unit: MetricUnit.Count,
    description: 'Successful write calls that no CloudTrail mapping (nor the ARN fallback) understood',
    dimensions: [],
    services: [SERVICE_NAMES.cloudtrailIngest],
  },
  genericMappings: {
    name: 'GenericMappings',
    unit: MetricUnit.Count,
    description: 'Changes indexed by the generic ARN fallback rather than a mapping',
    dimensions: [],
    services: [SERVICE_NAMES.cloudtrailIngest],
  },
  ingestLag: {
    name: 'IngestLag',
    unit: MetricUnit.Milliseconds,
    description: 'Write time minus event time',
    dimensions: [],
    services: INGEST_SERVICES,
  },
  requests: {
    name: 'Requests',
    unit: MetricUnit.Count,
    description: 'HTTP requests, by route',
    dimensions: ['Route'],
    services: QUERY_SERVICES,
  },
  requestLatency: {
    name: 'RequestLatency',
    unit: MetricUnit.Milliseconds,
    description: 'Time to answer a request, by route',
    dimensions: ['Route'],
    services: QUERY_SERVICES,
  },
  itemsReturned: {
    name: 'ItemsReturned',
    unit: MetricUnit.Count,
    description: 'Items in a reply, by route',
    dimensions: ['Route'],
    services: QUERY_SERVICES,
  },
  clientErrors: {
    name: 'ClientErrors',
    unit: MetricUnit.Count,
    description: '4xx replies, by route',
    dimensions: ['Route'],
    services: QUERY_SERVICES,
  },
  serverErrors: {
    name: 'ServerErrors',
    unit: MetricUnit.Count,
    description: '5xx replies, by route',
    dimensions: ['Route'],
    services: QUERY_SERVICES,
  },
  snapshotObserved: {
    name: 'SnapshotObserved',
    unit: MetricUnit.Count,
    description:
      'Resources a scheduled snapshot observed (CloudFormation and Resource Explorer or Tagging runs)',
    dimensions: [],
    services: SNAPSHOT_SERVICES,
  },
  snapshotPages: {
    name: 'SnapshotPages',
    unit: MetricUnit.Count,
    description: 'API pages a scheduled snapshot read',
    dimensions: [],
    services: SNAPSHOT_SERVICES,
  },
  snapshotDuration: {
    name: 'SnapshotDuration',
    unit: MetricUnit.Milliseconds,
    description: 'Time a scheduled snapshot took, listing and sending',
    dimensions: [],
    services: SNAPSHOT_SERVICES,
  },
  snapshotFailures: {
    name: 'SnapshotFailures',
    unit: MetricUnit.Count,
    description:
      'Listings a snapshot could not finish, and runs the bus did not fully accept (nothing is inferred from them)',
    dimensions: [],
    services: SNAPSHOT_SERVICES,
  },
  changesPublished: {
    name: 'ChangesPublished',
    unit: MetricUnit.Count,
    description: 'Row changes put on the change bus as Inventory Resource Changed events',
    dimensions: [],
    services: [SERVICE_NAMES.changePublisher],
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof METRICS;
export const METRIC_LIST: readonly MetricDefinition[] = Object.values(METRICS);
