// Lambda entry of the change publisher: the table's stream (change feed inserts only, by the event
// source filter) in, events on the change bus out. Everything but reading the environment is in shared/notify.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { createChangePublisherFromEnv } from '../shared/notify/change-publisher';
import type { ChangePublisherHandler } from '../shared/notify/change-publisher';

let built: ChangePublisherHandler | undefined;

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  built ??= createChangePublisherFromEnv(process.env);
  return built(event);
}
