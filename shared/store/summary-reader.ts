// Reads the summary counters the store keeps (`GET /summary`): one Query per status and counter
// partition, whatever the size of the index. Counter item: pk `SUMMARY#<status>#<shard>`, sk
// `<dimension>#<value>`, `count`.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecordStatus } from '../model/resource-record';
import { SUMMARY_SHARDS, summaryPk } from './index-items';
import type { Item } from './index-items';
import type { PageKey, StatusFilter } from './index-store';
import { TABLE_KEYS } from './table-definition';

export interface Summary {
  status: StatusFilter;
  total: number;
  byType: Record<string, number>;
  byService: Record<string, number>;
  byAccount: Record<string, number>;
  byRegion: Record<string, number>;
}

type CountField = 'byType' | 'byService' | 'byAccount' | 'byRegion';
const FIELD_OF = new Map<string, CountField>([
  ['type', 'byType'],
  ['service', 'byService'],
  ['account', 'byAccount'],
  ['region', 'byRegion'],
]);

export interface SummaryReader {
  /** The counts of rows of `status` (`all`: active and deleted added up); zero counts left out. */
  readSummary(status: StatusFilter): Promise<Summary>;
}

export function createSummaryReader(options: {
  client: DynamoDBDocumentClient;
  tableName: string;
}): SummaryReader {
  async function readCounters(status: RecordStatus, shard: number): Promise<Item[]> {
    const items: Item[] = [];
    let after: PageKey | undefined;
    do {
      const result = await options.client.send(
        new QueryCommand({
          TableName: options.tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
          ExpressionAttributeValues: { ':pk': summaryPk(status, shard) },
          ExclusiveStartKey: after,
        }),
      );
      items.push(...(result.Items ?? []));
      after = result.LastEvaluatedKey;
    } while (after);
    return items;
  }

  return {
    async readSummary(status) {
      const statuses: RecordStatus[] = status === 'all' ? ['active', 'deleted'] : [status];
      const partitions = statuses.flatMap((one) =>
        Array.from({ length: SUMMARY_SHARDS }, (_, shard) => readCounters(one, shard)),
      );
      const counters = (await Promise.all(partitions)).flat();
      // Maps, then fromEntries: a value such as `__proto__` stays an ordinary key.
      const counts = new Map<CountField, Map<string, number>>(
        [...FIELD_OF.values()].map((field) => [field, new Map()]),
      );
      let total = 0;
      for (const counter of counters) {
        const sortKey = String(counter[TABLE_KEYS.sortKey]);
        // `<dimension>#<value>`: each counter has a share in every partition, added up here.
        const hash = sortKey.indexOf('#');
        const dimension = sortKey.slice(0, hash);
        const value = sortKey.slice(hash + 1);
        const count = typeof counter.count === 'number' ? counter.count : Number(counter.count);
        if (!Number.isFinite(count)) continue;
        const field = FIELD_OF.get(dimension);
        if (dimension === 'total') total += count;
        else if (field) counts.get(field)?.set(value, (counts.get(field)?.get(value) ?? 0) + count);
      }
      const of = (field: CountField) => withoutZeros(counts.get(field) ?? new Map<string, number>());
      return {
        status,
        total,
        byType: of('byType'),
        byService: of('byService'),
        byAccount: of('byAccount'),
        byRegion: of('byRegion'),
      };
    },
  };
}

/** Sorted by key, zero counts left out (a counter that went back to zero is not deleted). */
function withoutZeros(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries(
    [...counts].filter(([, count]) => count !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}
