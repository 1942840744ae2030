// Lambda entry point for write API calls recorded by CloudTrail (the inventory-cloudtrail-* rules).
import { createIngestHandler, lazyIngestHandler } from '../shared/ingest/ingest-handler';
import type { IngestHandler, IngestHandlerDeps } from '../shared/ingest/ingest-handler';
import { SERVICE_NAMES } from '../shared/observability/metric-catalog';

/** The same handler over a given store: what the local runtime runs in-process. */
export function createCloudTrailIngestHandler(deps: IngestHandlerDeps): IngestHandler {
  return createIngestHandler(SERVICE_NAMES.cloudtrailIngest, deps);
}

/** Env: TABLE_NAME (required), DYNAMODB_ENDPOINT, TOMBSTONE_RETENTION_DAYS. */
export const handler: IngestHandler = lazyIngestHandler(SERVICE_NAMES.cloudtrailIngest);
