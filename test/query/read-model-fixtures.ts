// Writes the items of the store's read models (word items, summary counters, change feed, snapshot
// runs) straight into a test table, in the layout the readers document, for the query-side tests;
// and adds the byWord index to a test table until the table definition carries it.
import { DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ResourceRecord } from '../../shared/model/resource-record';
import type { ChangeFeedEntry } from '../../shared/notify/change-notifier';
import { searchTokens, wordIndexKeys } from '../../shared/search/search-tokens';
import { changeFeedExpiry, changeFeedPk, changeFeedSortKey } from '../../shared/store/change-feed-reader';
import { resourceFromItem } from '../../shared/store/index-items';
import type { Item } from '../../shared/store/index-items';
import { readRows } from '../../shared/store/row-batch-reader';
import { SNAPSHOT_RUNS_PK, snapshotRunSortKey } from '../../shared/store/snapshot-runs-reader';
import type { SnapshotRun } from '../../shared/store/snapshot-runs-reader';
import { summaryPk, summarySortKey } from '../../shared/store/summary-reader';
import { TTL_ATTRIBUTE } from '../../shared/store/table-definition';
import { WORD_INDEX, WORD_ITEM_PREFIX } from '../../shared/store/word-search';
import type { TestTable } from '../support/test-table';

/** Adds the byWord index when the table lacks it (a no-op once table-definition.ts lists it). */
export async function ensureWordIndex(table: TestTable): Promise<void> {
  const described = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
  if (described.Table?.GlobalSecondaryIndexes?.some((index) => index.IndexName === WORD_INDEX.name)) return;
  await table.client.send(
    new UpdateTableCommand({
      TableName: table.tableName,
      AttributeDefinitions: [
        { AttributeName: WORD_INDEX.partitionKey, AttributeType: 'S' },
        { AttributeName: WORD_INDEX.sortKey, AttributeType: 'S' },
      ],
      GlobalSecondaryIndexUpdates: [
        {
          Create: {
            IndexName: WORD_INDEX.name,
            KeySchema: [
              { AttributeName: WORD_INDEX.partitionKey, KeyType: 'HASH' },
              { AttributeName: WORD_INDEX.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: WORD_INDEX.projection },
          },
        },
      ],
    }),
  );
}

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

/** The word items of each row, as the store writes them (the tombstone's TTL included). */
export async function writeWordItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  ids: readonly string[],
): Promise<void> {
  const rows = await readRows(client, tableName, ids);
  const items: Item[] = [];
  for (const row of rows.values()) {
    const record = resourceFromItem(row);
    const tokens = searchTokens(record);
    for (const token of tokens) {
      items.push({
        pk: row.pk,
        sk: `${WORD_ITEM_PREFIX}${token}`,
        ...wordIndexKeys(token, record.id),
        id: record.id,
        tokens,
        [TTL_ATTRIBUTE]: row[TTL_ATTRIBUTE],
      });
    }
  }
  await putItems(client, tableName, items);
}

/** Counter items holding a recount of `records`. */
export function summaryItems(records: readonly ResourceRecord[]): Item[] {
  const counts = new Map<string, number>();
  const add = (pk: string, sk: string) =>
    counts.set(`${pk}\u0000${sk}`, (counts.get(`${pk}\u0000${sk}`) ?? 0) + 1);
  for (const record of records) {
    const pk = summaryPk(record.status);
    add(pk, summarySortKey('total', ''));
    add(pk, summarySortKey('type', record.type));
    add(pk, summarySortKey('service', record.service));
    add(pk, summarySortKey('account', record.account));
    add(pk, summarySortKey('region', record.region));
  }
  return [...counts].map(([key, count]) => {
    const [pk, sk] = key.split('\u0000');
    return { pk, sk, count };
  });
}

export function changeFeedItem(entry: ChangeFeedEntry): Item {
  return {
    pk: changeFeedPk(entry.indexedAt),
    sk: changeFeedSortKey(entry),
    ...entry,
    [TTL_ATTRIBUTE]: changeFeedExpiry(entry.indexedAt),
  };
}

export function snapshotRunItem(run: SnapshotRun): Item {
  return { pk: SNAPSHOT_RUNS_PK, sk: snapshotRunSortKey(run), ...run };
}
