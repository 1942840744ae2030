// Lambda entry point for CloudFormation stack and resource status changes (rule inventory-cloudformation).
import { createIngestHandler, lazyIngestHandler } from '../shared/ingest/ingest-handler';
import type { IngestHandler, IngestHandlerDeps } from '../shared/ingest/ingest-handler';
import { SERVICE_NAMES } from '../shared/observability/metric-catalog';

/** The same handler over a given store: what the local runtime runs in-process. */
export function createCloudFormationIngestHandler(deps: IngestHandlerDeps): IngestHandler {
  return createIngestHandler(SERVICE_NAMES.cloudformationIngest, deps);
}

/** Env: TABLE_NAME (required), DYNAMODB_ENDPOINT, TOMBSTONE_RETENTION_DAYS. */
export const handler: IngestHandler = lazyIngestHandler(SERVICE_NAMES.cloudformationIngest);
