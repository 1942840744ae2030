// Reads the change feed items out of a DynamoDB stream batch (the deployed publisher's input):
// only newly inserted `CHANGES#` items are changes; everything else in the table is skipped.
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { CHANGE_FEED_PREFIX, changeFeedEntryOf } from '../store/change-feed-reader';
import type { ChangeFeedEntry } from './change-notifier';

export interface StreamChange {
  /** The record's sequence number: what a partial batch failure reports. */
  sequenceNumber: string;
  change: ChangeFeedEntry;
}

/**
 * The changes of a stream batch, in stream order. A feed item is written once (its key holds the
 * row version), so an INSERT is one change; MODIFY and REMOVE (TTL expiry) announce nothing.
 */
export function streamChanges(records: readonly DynamoDBRecord[]): StreamChange[] {
  const changes: StreamChange[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    if (record.eventName !== 'INSERT' || !image || !sequenceNumber) continue;
    // aws-lambda's AttributeValue and the SDK's describe the same wire shape.
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (typeof item.pk !== 'string' || !item.pk.startsWith(CHANGE_FEED_PREFIX)) continue;
    changes.push({ sequenceNumber, change: changeFeedEntryOf(item) });
  }
  return changes;
}

/** The stream event filter the publisher's event source mapping uses: inserts of feed items only. */
export const CHANGE_STREAM_FILTER = {
  eventName: ['INSERT'],
  dynamodb: { Keys: { pk: { S: [{ prefix: CHANGE_FEED_PREFIX }] } } },
} as const;
