// Seeds an index table directly with BatchWriteItem, in the store's own item layout (rows and tag
// items from index-items.ts). Ingesting 100k resources event by event would take hours on DynamoDB
// Local; for a query benchmark only the items matter, and these are the items the store writes.
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ResourceRecord } from '../shared/model/resource-record';
import { mapWithConcurrency } from '../shared/store/concurrency';
import { resourceRowItem, resourceTagItem } from '../shared/store/index-items';
import type { Item } from '../shared/store/index-items';
import { createTableInput } from '../shared/store/table-definition';

/** BatchWriteItem's limit. */
const BATCH_SIZE = 25;

/** The row and tag items the store would hold for these resources (version 1, no expiry). */
export function itemsOf(records: readonly ResourceRecord[]): Item[] {
  return records.flatMap((record) => [
    resourceRowItem(record, 1, undefined),
    ...Object.keys(record.tags).map((key) => resourceTagItem(record, key, undefined)),
  ]);
}

export async function seedResources(
  client: DynamoDBDocumentClient,
  tableName: string,
  records: readonly ResourceRecord[],
  concurrency = 4,
): Promise<{ items: number; seconds: number }> {
  const started = performance.now();
  const items = itemsOf(records);
  const batches: Item[][] = [];
  for (let at = 0; at < items.length; at += BATCH_SIZE) batches.push(items.slice(at, at + BATCH_SIZE));
  await mapWithConcurrency(batches, concurrency, async (batch) => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0)
        await new Promise((resolveWait) => setTimeout(resolveWait, Math.min(500, 10 * 2 ** attempt)));
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  });
  return { items: items.length, seconds: (performance.now() - started) / 1000 };
}

/** A fresh table of the shared definition (dropped first if a previous run left one). */
export async function createFreshTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  await client.send(new CreateTableCommand(createTableInput(tableName)));
}
