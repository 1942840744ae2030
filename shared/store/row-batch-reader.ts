// Reads resource rows by id with BatchGetItem (100 keys a request), retrying the keys DynamoDB
// leaves unprocessed with a bounded, growing backoff and failing loudly when they stay unprocessed.
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isRedirectItem } from './alias-items';
import { ROW_SORT_KEY, resourcePk } from './index-items';
import type { Item } from './index-items';
import { UnprocessedKeysError } from './index-store';

/** BatchGetItem's own limit on keys per request. */
const KEYS_PER_BATCH = 100;

export interface RowBatchOptions {
  /** Requests per batch before giving up on keys that stay unprocessed (throttling). */
  maxAttempts?: number;
  /** First backoff ceiling in ms; it doubles per attempt, capped at 1 s (full jitter). */
  baseDelayMs?: number;
}

/** The row items of `ids` (a map by id; absent ids have no row). */
export async function readRows(
  client: DynamoDBDocumentClient,
  tableName: string,
  ids: readonly string[],
  options: RowBatchOptions = {},
): Promise<Map<string, Item>> {
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 20;
  const rows = new Map<string, Item>();
  const distinct = [...new Set(ids)];
  for (let start = 0; start < distinct.length; start += KEYS_PER_BATCH) {
    let keys: Item[] = distinct
      .slice(start, start + KEYS_PER_BATCH)
      .map((id) => ({ pk: resourcePk(id), sk: ROW_SORT_KEY }));
    for (let attempt = 1; keys.length > 0; attempt++) {
      // Retryable (its name is DynamoDB's throttling error): the request answers 500, rows are never dropped.
      if (attempt > maxAttempts) throw new UnprocessedKeysError(keys.length, maxAttempts);
      if (attempt > 1) await jitteredDelay(Math.min(1000, baseDelayMs * 2 ** (attempt - 2)));
      const result = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
      );
      // A redirect (alias-items.ts) is no row: index entries a fold has yet to delete may point at it.
      for (const item of result.Responses?.[tableName] ?? [])
        if (!isRedirectItem(item)) rows.set(String(item.id), item);
      keys = (result.UnprocessedKeys?.[tableName]?.Keys as Item[] | undefined) ?? [];
    }
  }
  return rows;
}

function jitteredDelay(ceilingMs: number): Promise<void> {
  return new Promise((resolveWait) => setTimeout(resolveWait, Math.random() * ceilingMs));
}
