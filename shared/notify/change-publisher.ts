// The deployed publisher: DynamoDB stream batches of change feed inserts in, `Inventory Resource
// Changed` events out. A failure reports the first unpublished record, so Lambda retries from there.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { SERVICE_NAMES } from '../observability/metric-catalog';
import { createTelemetry } from '../observability/telemetry';
import type { Telemetry } from '../observability/telemetry';
import type { ChangeNotifier } from './change-notifier';
import { streamChanges } from './change-stream-records';
import { createEventBridgeChangeNotifier } from './eventbridge-change-notifier';

export type ChangePublisherHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

/** Changes per PutEvents call: EventBridge's own limit. */
const CHANGES_PER_CALL = 10;

/**
 * Publishes in stream order. Delivery is at least once: a retried batch may publish a change again,
 * so subscribers that must not act twice key on the detail's `id` and `version`.
 */
export function createChangePublisher(
  notifier: ChangeNotifier,
  telemetry: Telemetry,
): ChangePublisherHandler {
  return async (event) => {
    const changes = streamChanges(event.Records);
    let published = 0;
    try {
      for (let start = 0; start < changes.length; start += CHANGES_PER_CALL) {
        const chunk = changes.slice(start, start + CHANGES_PER_CALL);
        try {
          await notifier.notify(chunk.map(({ change }) => change));
        } catch (error) {
          telemetry.logger.error('publishing changes failed; the batch is retried from this record', {
            error,
            sequenceNumber: chunk[0].sequenceNumber,
            unpublished: changes.length - start,
          });
          return { batchItemFailures: [{ itemIdentifier: chunk[0].sequenceNumber }] };
        }
        published += chunk.length;
      }
      return { batchItemFailures: [] };
    } finally {
      telemetry.record('changesPublished', published);
      telemetry.flush();
    }
  };
}

/** The Lambda's set-up: CHANGE_BUS_NAME (required), the bus the events go to. */
export function createChangePublisherFromEnv(env: NodeJS.ProcessEnv): ChangePublisherHandler {
  const eventBusName = env.CHANGE_BUS_NAME;
  if (!eventBusName) throw new Error('CHANGE_BUS_NAME is not set: the publisher needs the change bus name');
  const notifier = createEventBridgeChangeNotifier({ client: new EventBridgeClient({}), eventBusName });
  return createChangePublisher(notifier, createTelemetry(SERVICE_NAMES.changePublisher));
}
