// Reads the index's own change feed (`GET /changes`), newest first: one partition per UTC day of
// `indexedAt`, walked backwards from today for CHANGE_FEED_RETENTION_DAYS days. Feed item: pk
// `CHANGES#<YYYY-MM-DD>`, sk `<indexedAt>#<id>#<version>`, the entry's fields, and `expiresAt`.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CHANGE_KINDS } from '../notify/change-notifier';
import type { ChangeFeedEntry, ChangeKind } from '../notify/change-notifier';
import { CHANGE_FEED_RETENTION_DAYS, changeFeedPk } from './index-items';
import type { Item } from './index-items';
import type { Page, PageKey, PageRequest } from './index-store';
import { readPartitionNewestFirst, tableKeyOf } from './partition-page';
import { TABLE_KEYS } from './table-definition';

/** The feed partitions' common prefix (`CHANGES#`), as the writer's key function makes it. */
export const CHANGE_FEED_PREFIX = changeFeedPk('');

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
      let day = page.after ? dayOfKey(page.after) : today;
      if (day > today || day < oldest)
        throw new ForeignPageKeyError(`page key names day ${day}, outside the feed`);
      let after = page.after;
      const items: ChangeFeedEntry[] = [];
      for (;;) {
        const missing = page.limit - items.length;
        const read = await readPartitionNewestFirst(
          options.client,
          options.tableName,
          `${CHANGE_FEED_PREFIX}${day}`,
          missing,
          after,
          nowSeconds,
        );
        const kept = read.items.slice(0, missing);
        items.push(...kept.map(changeFeedEntryOf));
        const moreToday = read.next !== undefined || read.items.length > missing;
        if (items.length === page.limit) {
          if (moreToday) return { items, next: tableKeyOf(kept[kept.length - 1]) };
          // The day is done: the next page starts at the top of the day before, if any is left.
          return day > oldest ? { items, next: dayStartKey(previousDay(day)) } : { items };
        }
        if (moreToday) {
          after = read.next;
          continue;
        }
        if (day <= oldest) return { items };
        day = previousDay(day);
        after = undefined;
      }
    },
  };
}

/**
 * A key above every item of a day's partition (`~` sorts after the digits an `indexedAt` starts
 * with), so a newest-first Query started from it reads the whole day.
 */
function dayStartKey(day: string): PageKey {
  return { [TABLE_KEYS.partitionKey]: `${CHANGE_FEED_PREFIX}${day}`, [TABLE_KEYS.sortKey]: '~' };
}

function dayOfKey(key: PageKey): string {
  const pk = key[TABLE_KEYS.partitionKey];
  const day =
    typeof pk === 'string' && pk.startsWith(CHANGE_FEED_PREFIX) ? pk.slice(CHANGE_FEED_PREFIX.length) : '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new ForeignPageKeyError('page key is not a change feed key');
  return day;
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
