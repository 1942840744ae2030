// Reads the word index (`q=` on /resources): a Query per shard of `byWord` for the longest query
// word, merged in word order (shard-merge.ts), then the rows of the hits with BatchGetItem, every
// other word and filter checked on what was read.
// Reads stay in proportion to the page: at most READ_BUDGET_PER_ITEM word items per item asked for.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ResourceRecord } from '../model/resource-record';
import { matchesResourceFilter } from '../search/resource-filter-match';
import { searchTokens, wordIndexKeys } from '../search/search-tokens';
import { isExpired, resourceFromItem, shardedKey } from './index-items';
import type { Item } from './index-items';
import type { Page, PageKey, PageRequest, ResourceFilter } from './index-store';
import { pageKeyOfPositions, readShards, shardPositionsOf } from './shard-merge';
import { readRows } from './row-batch-reader';
import type { RowBatchOptions } from './row-batch-reader';
import { INDEXES } from './table-definition';

/** The word index (items written by the store: see resourceWordItem in index-items.ts). */
const WORD_INDEX = INDEXES.byWord;

/** Word items read per item asked for before a short page is returned (with a cursor). */
const READ_BUDGET_PER_ITEM = 5;

export interface WordSearchOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  now?: () => Date;
  batch?: RowBatchOptions;
}

export interface WordSearch {
  /**
   * Resources with a token starting with every word (`words` as queryWords returns them, longest
   * first), passing `filter`, in word index order (token, then id). Each resource appears once.
   */
  searchResources(
    words: readonly string[],
    filter: ResourceFilter,
    page: PageRequest,
  ): Promise<Page<ResourceRecord>>;
}

export function createWordSearch(options: WordSearchOptions): WordSearch {
  const now = options.now ?? (() => new Date());
  return {
    async searchResources(words, filter, page) {
      const [lead, ...others] = words;
      if (lead === undefined) return { items: [] };
      const nowSeconds = Math.floor(now().getTime() / 1000);
      const budget = page.limit * READ_BUDGET_PER_ITEM;
      const items: ResourceRecord[] = [];
      const seen = new Set<string>();
      const wordKey = wordIndexKeys(lead, '').wordKey;
      let positions = shardPositionsOf(page.after);
      let evaluated = 0;
      do {
        const missing = page.limit - items.length;
        const limit =
          evaluated === 0 ? missing : readsFor(missing, items.length / evaluated, budget - evaluated);
        // A resource's word items all live in its shard, so the first-hit rule holds in each shard.
        const merged = await readShards(
          positions,
          async (shard, after) => {
            const result = await options.client.send(
              new QueryCommand({
                TableName: options.tableName,
                IndexName: WORD_INDEX.name,
                KeyConditionExpression: '#wordKey = :wordKey AND begins_with(#wordSort, :word)',
                ExpressionAttributeNames: {
                  '#wordKey': WORD_INDEX.partitionKey,
                  '#wordSort': WORD_INDEX.sortKey,
                },
                ExpressionAttributeValues: { ':wordKey': shardedKey(wordKey, shard), ':word': lead },
                Limit: limit,
                ExclusiveStartKey: after,
              }),
            );
            return { items: result.Items ?? [], next: result.LastEvaluatedKey };
          },
          (hit) => `${String(hit[WORD_INDEX.sortKey])}\u0000${String(hit.pk)}`,
          wordIndexKeyOf,
        );
        evaluated += merged.read;
        const hits = merged.entries.map(({ item }) => item);
        const candidates = hits.filter(
          (hit) =>
            !isExpired(hit, nowSeconds) &&
            isFirstHitOfResource(hit, lead) &&
            hasEveryWord(tokensOf(hit), others),
        );
        const rows = await readRows(
          options.client,
          options.tableName,
          candidates.map((hit) => String(hit.id)),
          options.batch,
        );
        for (const [position, hit] of hits.entries()) {
          const row = candidates.includes(hit) ? rows.get(String(hit.id)) : undefined;
          if (!row || isExpired(row, nowSeconds) || seen.has(String(hit.id))) continue;
          const record = resourceFromItem(row);
          // The row is the truth: a word item may lag a rename or retag by one write.
          if (!matchesResourceFilter(record, filter) || !hasEveryWord(searchTokens(record), words)) continue;
          seen.add(record.id);
          items.push(record);
          if (items.length === page.limit)
            return { items, next: pageKeyOfPositions(merged.positionsAfter(position + 1)) };
        }
        positions = merged.positionsAfter(hits.length);
      } while (pageKeyOfPositions(positions) && evaluated < budget);
      return { items, next: pageKeyOfPositions(positions) };
    },
  };
}

/** The token a word item stands for: its sort key's part before the id. */
function tokenOf(hit: Item): string {
  const wordSort = String(hit[WORD_INDEX.sortKey]);
  const hash = wordSort.indexOf('#');
  return hash === -1 ? wordSort : wordSort.slice(0, hash);
}

function tokensOf(hit: Item): string[] {
  const tokens = hit.tokens;
  if (Array.isArray(tokens)) return tokens.map(String);
  if (tokens instanceof Set) return [...tokens].map(String);
  return [tokenOf(hit)];
}

/**
 * A resource with tokens `orders` and `order-2`... has one word item per token the lead word
 * prefixes; only the one with the smallest such token counts, so the resource is listed once.
 */
function isFirstHitOfResource(hit: Item, lead: string): boolean {
  const token = tokenOf(hit);
  return tokensOf(hit).every((other) => !other.startsWith(lead) || other >= token);
}

function hasEveryWord(tokens: readonly string[], words: readonly string[]): boolean {
  return words.every((word) => tokens.some((token) => token.startsWith(word)));
}

function wordIndexKeyOf(hit: Item): PageKey {
  return {
    pk: hit.pk,
    sk: hit.sk,
    [WORD_INDEX.partitionKey]: hit[WORD_INDEX.partitionKey],
    [WORD_INDEX.sortKey]: hit[WORD_INDEX.sortKey],
  };
}

/** Items to read for `missing` matches at `matchRate` (25 % slack), at least `missing`, at most `left`. */
function readsFor(missing: number, matchRate: number, left: number): number {
  const needed = Math.ceil((missing / Math.max(matchRate, 1 / READ_BUDGET_PER_ITEM)) * 1.25);
  return Math.max(missing, Math.min(needed, left));
}
