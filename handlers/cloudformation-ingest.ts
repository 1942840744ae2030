// Lambda entry point for CloudFormation stack and resource status changes (rule inventory-cloudformation).
import { createIngestHandler, lazyIngestHandler } from '../shared/ingest/ingest-handler';
import type { IngestConsumer, IngestHandler, IngestHandlerDeps } from '../shared/ingest/ingest-handler';
import { CLOUDFORMATION_CONSUMER_NORMALIZERS } from '../shared/ingest/cloudformation-consumer-normalizers';
import { SERVICE_NAMES } from '../shared/observability/metric-catalog';

const CONSUMER: IngestConsumer = {
  service: SERVICE_NAMES.cloudformationIngest,
  normalizers: CLOUDFORMATION_CONSUMER_NORMALIZERS,
};

/** The same handler over a given store: what the local runtime runs in-process. */
export function createCloudFormationIngestHandler(deps: IngestHandlerDeps): IngestHandler {
  return createIngestHandler(CONSUMER, deps);
}

/** Env: TABLE_NAME (required), DYNAMODB_ENDPOINT, TOMBSTONE_RETENTION_DAYS. */
export const handler: IngestHandler = lazyIngestHandler(CONSUMER);
