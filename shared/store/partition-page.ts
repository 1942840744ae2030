// Reads one item collection (one partition key of the table) a page at a time, newest sort key
// first, leaving out items whose TTL has passed but that DynamoDB has not removed yet.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Item } from './index-items';
import type { PageKey } from './index-store';
import { TABLE_KEYS, TTL_ATTRIBUTE } from './table-definition';

export interface PartitionPage {
  items: Item[];
  /** DynamoDB's LastEvaluatedKey: present while the partition may hold more. */
  next?: PageKey;
}

/** At most `limit` live items of partition `pk` after `after`, newest sort key first. One Query. */
export async function readPartitionNewestFirst(
  client: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  limit: number,
  after: PageKey | undefined,
  nowEpochSeconds: number,
): Promise<PartitionPage> {
  const result = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: '#pk = :pk',
      FilterExpression: 'attribute_not_exists(#ttl) OR #ttl > :now',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: { ':pk': pk, ':now': nowEpochSeconds },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: after,
    }),
  );
  return { items: result.Items ?? [], next: result.LastEvaluatedKey };
}

/** The table key of an item, as DynamoDB would return it in LastEvaluatedKey. */
export function tableKeyOf(item: Item): PageKey {
  return {
    [TABLE_KEYS.partitionKey]: item[TABLE_KEYS.partitionKey],
    [TABLE_KEYS.sortKey]: item[TABLE_KEYS.sortKey],
  };
}
