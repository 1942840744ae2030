// Lambda entry point for write API calls recorded by CloudTrail (the inventory-cloudtrail-* rules).
import { createIngestHandler, lazyIngestHandler } from '../shared/ingest/ingest-handler';
import type { IngestConsumer, IngestHandler, IngestHandlerDeps } from '../shared/ingest/ingest-handler';
import { CLOUDTRAIL_CONSUMER_NORMALIZERS } from '../shared/ingest/cloudtrail-consumer-normalizers';
import { SERVICE_NAMES } from '../shared/observability/metric-catalog';

const CONSUMER: IngestConsumer = {
  service: SERVICE_NAMES.cloudtrailIngest,
  normalizers: CLOUDTRAIL_CONSUMER_NORMALIZERS,
};

/** The same handler over a given store: what the local runtime runs in-process. */
export function createCloudTrailIngestHandler(deps: IngestHandlerDeps): IngestHandler {
  return createIngestHandler(CONSUMER, deps);
}

/** Env: TABLE_NAME (required), DYNAMODB_ENDPOINT, TOMBSTONE_RETENTION_DAYS. */
export const handler: IngestHandler = lazyIngestHandler(CONSUMER);
