// The price of sharding the every-resource listing (byKind, LIST_SHARDS shards merged in order)
// against one Query of the same page on a single partition, the cost an unsharded listing would pay:
// the shard Queries raw (like for like), and the store's whole listing beside them.
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
  /** First page of `status=active` through the store (shard queries, merge, cursor): the API's cost. */
  storeMs: LatencySummary;
  /** The same shard Queries sent raw, in parallel, each for a page: what sharding asks of DynamoDB. */
  shardedMs: LatencySummary;
  /** One Query for a page on one partition: what an unsharded listing would ask. */
  unshardedMs: LatencySummary;
  /** Items the shard Queries read for one page, against the page. */
  itemsRead: { sharded: number; unsharded: number };
  /** shardedMs.p50 / unshardedMs.p50. */
  ratio: number | null;
}

export async function measureShardedListing(
  store: IndexStore,
  raw: DynamoDBClient,
  options: { tableName: string; limit: number; iterations: number },
): Promise<ShardedListingResult> {
  const storeTimes: number[] = [];
  const sharded: number[] = [];
  const unsharded: number[] = [];
  const itemsRead = { sharded: 0, unsharded: 0 };
  const index = INDEXES.byKind;
  const query = (shard: number) =>
    raw.send(
      new QueryCommand({
        TableName: options.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk AND begins_with(#lk, :active)',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#lk': index.sortKey },
        ExpressionAttributeValues: {
          ':pk': { S: shardedKey(RESOURCE_KIND, shard) },
          ':active': { S: 'active#' },
        },
        Limit: options.limit,
      }),
    );
  for (let i = 0; i < options.iterations; i++) {
    // Interleaved, so load on the machine falls on all three alike.
    let started = performance.now();
    await store.listResources({ status: 'active' }, { limit: options.limit });
    storeTimes.push(performance.now() - started);
    started = performance.now();
    const pages = await Promise.all(Array.from({ length: LIST_SHARDS }, (_, shard) => query(shard)));
    const merged = pages
      .flatMap((page) => page.Items ?? [])
      .map((item) => item[index.sortKey]?.S ?? '')
      .sort()
      .slice(0, options.limit);
    sharded.push(performance.now() - started);
    if (merged.length === 0) throw new Error('the sharded listing bench found no active rows');
    itemsRead.sharded = pages.reduce((sum, page) => sum + (page.Count ?? 0), 0);
    started = performance.now();
    const single = await query(i % LIST_SHARDS);
    unsharded.push(performance.now() - started);
    itemsRead.unsharded = single.Count ?? 0;
  }
  const shardedMs = summarizeLatencies(sharded);
  const unshardedMs = summarizeLatencies(unsharded);
  return {
    shards: LIST_SHARDS,
    pageLimit: options.limit,
    storeMs: summarizeLatencies(storeTimes),
    shardedMs,
    unshardedMs,
    itemsRead,
    ratio: ratioTo(shardedMs.p50, unshardedMs.p50),
  };
}
