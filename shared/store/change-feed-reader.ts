// Reads the index's own change feed (`GET /changes`), newest first: one day of `indexedAt` at a time,
// walked backwards from today for CHANGE_FEED_RETENTION_DAYS days, each day's LIST_SHARDS partitions
// merged newest first (shard-merge.ts). Feed item: pk `CHANGES#<YYYY-MM-DD>#<shard>`, sk
// `<indexedAt>#<id>#<version>`, the entry's fields, and `expiresAt`. The page key holds each shard's
// position in the day it stands in.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CHANGE_KINDS } from '../notify/change-notifier';
import type { ChangeFeedEntry, ChangeKind } from '../notify/change-notifier';
import { CHANGE_FEED_PREFIX, CHANGE_FEED_RETENTION_DAYS, LIST_SHARDS, changeFeedPk } from './index-items';
import type { Item } from './index-items';
import type { Page, PageKey, PageRequest } from './index-store';
import { readPartitionNewestFirst, tableKeyOf } from './partition-page';
import { pageKeyOfPositions, readShards } from './shard-merge';
import type { ShardPosition } from './shard-merge';
import { TABLE_KEYS } from './table-definition';

export { CHANGE_FEED_PREFIX };

const DAY_MS = 86_400_000;

/** A cursor that names no feed day of the retention window (only a forged one can). */
export class ForeignPageKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForeignPageKeyError';
  }
}

export interface ChangeFeedReader {
  listChanges(page: PageRequest): Promise<Page<ChangeFeedEntry>>;
}

export function createChangeFeedReader(options: {
  client: DynamoDBDocumentClient;
  tableName: string;
  now?: () => Date;
}): ChangeFeedReader {
  const now = options.now ?? (() => new Date());
  return {
    async listChanges(page) {
      const today = utcDay(now());
      const oldest = utcDay(new Date(now().getTime() - CHANGE_FEED_RETENTION_DAYS * DAY_MS));
      const nowSeconds = Math.floor(now().getTime() / 1000);
      const start = page.after ? positionsOfKey(page.after) : { day: today, positions: dayStart(today) };
      let { day, positions } = start;
      if (day > today || day < oldest)
        throw new ForeignPageKeyError(`page key names day ${day}, outside the feed`);
      const items: ChangeFeedEntry[] = [];
      for (;;) {
        const missing = page.limit - items.length;
        const merged = await readShards(
          positions,
          (shard, after) =>
            readPartitionNewestFirst(
              options.client,
              options.tableName,
              changeFeedPk(day, shard),
              missing,
              after,
              nowSeconds,
            ),
          (item) => String(item[TABLE_KEYS.sortKey]),
          tableKeyOf,
          'descending',
        );
        const taken = Math.min(missing, merged.entries.length);
        items.push(...merged.entries.slice(0, taken).map(({ item }) => changeFeedEntryOf(item)));
        positions = merged.positionsAfter(taken);
        const moreToday = pageKeyOfPositions(positions) !== undefined;
        if (items.length === page.limit) {
          if (moreToday) return { items, next: { shards: positions } };
          // The day is done: the next page starts at the top of the day before, if any is left.
          return day > oldest ? { items, next: { shards: dayStart(previousDay(day)) } } : { items };
        }
        if (moreToday) continue;
        if (day <= oldest) return { items };
        day = previousDay(day);
        positions = dayStart(day);
      }
    },
  };
}

/**
 * Each shard's position at the top of a day: a key above every item of its partition (`~` sorts
 * after the digits an `indexedAt` starts with), so a newest-first Query started from it reads it all.
 */
function dayStart(day: string): ShardPosition[] {
  return Array.from({ length: LIST_SHARDS }, (_, shard) => ({
    [TABLE_KEYS.partitionKey]: changeFeedPk(day, shard),
    [TABLE_KEYS.sortKey]: '~',
  }));
}

/** The day and the shard positions a page key holds; every open position in the same day. */
function positionsOfKey(key: PageKey): { day: string; positions: ShardPosition[] } {
  const shards = key.shards;
  if (!Array.isArray(shards) || shards.length !== LIST_SHARDS)
    throw new ForeignPageKeyError('page key is not a change feed key');
  const positions = shards as ShardPosition[];
  const days = new Set<string>();
  positions.forEach((position, shard) => {
    if (position === 'end') return;
    const pk = typeof position === 'object' ? position[TABLE_KEYS.partitionKey] : undefined;
    const match = typeof pk === 'string' ? /^CHANGES#(\d{4}-\d{2}-\d{2})#(\d+)$/.exec(pk) : null;
    if (!match || Number(match[2]) !== shard)
      throw new ForeignPageKeyError('page key is not a change feed key');
    days.add(match[1]);
  });
  if (days.size !== 1) throw new ForeignPageKeyError('page key is not a change feed key');
  return { day: [...days][0], positions };
}

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function previousDay(day: string): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS));
}

/** A feed item (from a Query or a stream image) as the entry it stores. */
export function changeFeedEntryOf(item: Item): ChangeFeedEntry {
  const sortKey = String(item[TABLE_KEYS.sortKey]);
  return {
    indexedAt: String(item.indexedAt),
    eventTime: String(item.eventTime),
    id: String(item.id),
    arn: typeof item.arn === 'string' ? item.arn : null,
    type: String(item.type),
    change: changeKindOf(item.change),
    fields: Array.isArray(item.fields) || item.fields instanceof Set ? [...item.fields].map(String) : [],
    before: isObject(item.before) ? item.before : {},
    after: isObject(item.after) ? item.after : {},
    version:
      typeof item.version === 'number' ? item.version : Number(sortKey.slice(sortKey.lastIndexOf('#') + 1)),
  };
}

function changeKindOf(value: unknown): ChangeKind {
  const kind = CHANGE_KINDS.find((candidate) => candidate === value);
  if (!kind) throw new Error(`change feed item has an unknown change kind ${JSON.stringify(value)}`);
  return kind;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Set);
}
