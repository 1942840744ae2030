// The one set-up both ingest Lambdas share: environment -> index store, telemetry per service, and
// the error contract (bad events are reported and counted; store failures throw so the platform
// retries). Handlers in handlers/ only name their service and the detail-types they normalize.
import type { Context } from 'aws-lambda';
import type { ServiceName } from '../observability/metric-catalog';
import { createTelemetry } from '../observability/telemetry';
import type { Telemetry } from '../observability/telemetry';
import { createDocumentClient, createDynamoDbClient } from '../store/dynamodb-client';
import { IndexStore } from '../store/index-store';
import type { Normalizers } from './event-admission';
import { ingestEvents } from './ingest-events';
import type { IngestReport } from './ingest-events';

export interface IngestHandlerDeps {
  store: IndexStore;
  /** Defaults to Powertools Logger and Metrics for the handler's service. */
  telemetry?: Telemetry;
  now?: () => Date;
}

/** One EventBridge event in (EventBridge invokes a rule's Lambda target with one event). */
export type IngestHandler = (event: unknown, context?: Context) => Promise<IngestReport>;

/** A consumer: its service name (telemetry) and the detail-types it normalizes. */
export interface IngestConsumer {
  service: ServiceName;
  normalizers: Normalizers;
}

export function createIngestHandler(consumer: IngestConsumer, deps: IngestHandlerDeps): IngestHandler {
  const telemetry = deps.telemetry ?? createTelemetry(consumer.service);
  return async (event, context) => {
    if (context) telemetry.logger.addContext(context);
    try {
      return await ingestEvents([event], {
        store: deps.store,
        telemetry,
        now: deps.now,
        normalizers: consumer.normalizers,
      });
    } finally {
      telemetry.flush();
    }
  };
}

/**
 * The deployed handler: built on its first invocation from the environment (TABLE_NAME required;
 * DYNAMODB_ENDPOINT and TOMBSTONE_RETENTION_DAYS optional), then reused while the Lambda is warm.
 */
export function lazyIngestHandler(
  consumer: IngestConsumer,
  env: NodeJS.ProcessEnv = process.env,
): IngestHandler {
  let built: IngestHandler | undefined;
  return async (event, context) => {
    built ??= createIngestHandler(consumer, { store: indexStoreFromEnv(env) });
    return built(event, context);
  };
}

export function indexStoreFromEnv(env: NodeJS.ProcessEnv): IndexStore {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set: the ingest handler needs the index table name');
  const retention = env.TOMBSTONE_RETENTION_DAYS;
  const tombstoneRetentionDays = retention === undefined || retention === '' ? undefined : Number(retention);
  if (
    tombstoneRetentionDays !== undefined &&
    !(Number.isInteger(tombstoneRetentionDays) && tombstoneRetentionDays > 0)
  )
    throw new Error(`TOMBSTONE_RETENTION_DAYS must be a positive whole number of days, not ${retention}`);
  const client = createDynamoDbClient({ endpoint: env.DYNAMODB_ENDPOINT || undefined });
  return new IndexStore({ client: createDocumentClient(client), tableName, tombstoneRetentionDays });
}
