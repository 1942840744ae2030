// The price of sharding the every-resource listing (byKind, LIST_SHARDS shards merged in order)
// against one Query of the same page on a single partition, the cost an unsharded listing would pay.
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LIST_SHARDS, RESOURCE_KIND, shardedKey } from '../shared/store/index-items';
import type { IndexStore } from '../shared/store/index-store';
import { INDEXES } from '../shared/store/table-definition';
import { ratioTo, summarizeLatencies } from './latency-summary';
import type { LatencySummary } from './latency-summary';

export interface ShardedListingResult {
  shards: number;
  pageLimit: number;
  /** First page of `status=active` through the store: a Query per shard, merged. */
  shardedMs: LatencySummary;
  /** One Query for the same number of items on one partition of the same index. */
  unshardedMs: LatencySummary;
  /** shardedMs.p50 / unshardedMs.p50. */
  ratio: number | null;
}

export async function measureShardedListing(
  store: IndexStore,
  raw: DynamoDBClient,
  options: { tableName: string; limit: number; iterations: number },
): Promise<ShardedListingResult> {
  const sharded: number[] = [];
  const unsharded: number[] = [];
  const index = INDEXES.byKind;
  for (let i = 0; i < options.iterations; i++) {
    // Alternated, so load on the machine falls on both alike.
    let started = performance.now();
    await store.listResources({ status: 'active' }, { limit: options.limit });
    sharded.push(performance.now() - started);
    started = performance.now();
    await raw.send(
      new QueryCommand({
        TableName: options.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk AND begins_with(#lk, :active)',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#lk': index.sortKey },
        ExpressionAttributeValues: {
          ':pk': { S: shardedKey(RESOURCE_KIND, i % LIST_SHARDS) },
          ':active': { S: 'active#' },
        },
        Limit: options.limit,
      }),
    );
    unsharded.push(performance.now() - started);
  }
  const shardedMs = summarizeLatencies(sharded);
  const unshardedMs = summarizeLatencies(unsharded);
  return {
    shards: LIST_SHARDS,
    pageLimit: options.limit,
    shardedMs,
    unshardedMs,
    ratio: ratioTo(shardedMs.p50, unshardedMs.p50),
  };
}
