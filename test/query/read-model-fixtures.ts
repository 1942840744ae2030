// Items of the store's read models written straight into a test table, in the store's own layout
// (its key functions), for what no event can produce at will: change feed entries on past days and
// snapshot runs with chosen counts.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { changeFeedItem } from '../../shared/store/derived-items';
import { SNAPSHOT_RUNS_PK, snapshotRunSk } from '../../shared/store/index-items';
import type { Item } from '../../shared/store/index-items';
import type { SnapshotRun } from '../../shared/store/snapshot-runs-reader';

export { changeFeedItem };

export async function putItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: Item[],
): Promise<void> {
  for (let start = 0; start < items.length; start += 25) {
    let requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] as typeof requests | undefined) ?? [];
    }
  }
}

/** A finished run as the store records it (keyed by its listing time, here its start). */
export function snapshotRunItem(run: SnapshotRun): Item {
  return { pk: SNAPSHOT_RUNS_PK, sk: snapshotRunSk(run.startedAt, run.id), listedAt: run.startedAt, ...run };
}
