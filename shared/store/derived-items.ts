// What a row change implies beyond the row: tag and word entries (for the byTag / byWord indexes),
// counter moves (for /summary) and a change-feed entry (for /changes and notifications). Pure: the
// writer puts these in the same transaction as the row, so they move exactly when the row does.
import type { ResourceRecord } from '../model/resource-record';
import type { ChangeFeedEntry, ChangeKind } from '../notify/change-notifier';
import {
  RESOURCE_FIELDS,
  boundedKeyPart,
  CHANGE_FEED_RETENTION_DAYS,
  changeFeedPk,
  listShardOf,
  deepEqual,
  resourceTagItem,
  resourceWordItem,
  summaryBucketsOf,
} from './index-items';
import type { Item } from './index-items';
import { TTL_ATTRIBUTE } from './table-definition';

/** A row as stored: its record and its expiry (tombstones expire; derived items expire with it). */
export interface RowImage {
  record: ResourceRecord;
  expiresAt: number | undefined;
}

export type TokensOf = (record: ResourceRecord) => string[];

export interface DerivedItemsDiff {
  /** Entries to write (new or changed). */
  puts: Item[];
  /** Keys of entries the row no longer has. */
  removes: { pk: string; sk: string }[];
}

/** Tag and word entries of a row, by sort key. */
export function derivedItemsOf(image: RowImage | undefined, tokensOf: TokensOf): Map<string, Item> {
  const items = new Map<string, Item>();
  if (!image) return items;
  const { record, expiresAt } = image;
  for (const key of Object.keys(record.tags)) {
    const item = resourceTagItem(record, key, expiresAt);
    items.set(String(item.sk), item);
  }
  const tokens = tokensOf(record);
  for (const token of tokens) {
    const item = resourceWordItem(record, token, tokens, expiresAt);
    items.set(String(item.sk), item);
  }
  return items;
}

export function diffDerivedItems(
  before: RowImage | undefined,
  after: RowImage,
  tokensOf: TokensOf,
): DerivedItemsDiff {
  const old = derivedItemsOf(before, tokensOf);
  const next = derivedItemsOf(after, tokensOf);
  const puts = [...next.values()].filter((item) => !deepEqual(old.get(String(item.sk)), item));
  const removes = [...old.values()]
    .filter((item) => !next.has(String(item.sk)))
    .map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
  return { puts, removes };
}

/** Net counter moves when a row goes from `before` to `after`: +1/-1 per bucket, zeros dropped. */
export function counterMoves(
  before: ResourceRecord | undefined,
  after: ResourceRecord,
): { pk: string; sk: string; delta: number }[] {
  const moves = new Map<string, { pk: string; sk: string; delta: number }>();
  const move = (record: ResourceRecord, delta: number) => {
    for (const bucket of summaryBucketsOf(record)) {
      const key = `${bucket.pk}\u0000${bucket.sk}`;
      const entry = moves.get(key) ?? { ...bucket, delta: 0 };
      entry.delta += delta;
      moves.set(key, entry);
    }
  };
  if (before) move(before, -1);
  move(after, +1);
  return [...moves.values()].filter((entry) => entry.delta !== 0);
}

/** The fields whose change is news; bookkeeping times and the principal follow from them. */
/** Bookkeeping that moves with every change, or follows from the notable fields. */
const BOOKKEEPING_FIELDS: ReadonlySet<keyof ResourceRecord> = new Set([
  'id',
  'firstSeen',
  'lastChanged',
  'lastChangedBy',
  'lastConfirmed',
  'indexedAt',
] as const);
const NOTABLE_FIELDS = RESOURCE_FIELDS.filter((field) => !BOOKKEEPING_FIELDS.has(field));

/**
 * The change-feed entry for a row change, or undefined when nothing notable moved (a duplicate,
 * a stale event, a snapshot that only confirmed the row).
 */
export function changeFeedEntryOf(
  before: ResourceRecord | undefined,
  after: ResourceRecord,
  indexedAt: string,
  version: number,
): ChangeFeedEntry | undefined {
  const fields = (
    before ? NOTABLE_FIELDS.filter((field) => !deepEqual(before[field], after[field])) : [...NOTABLE_FIELDS]
  ).sort();
  if (fields.length === 0) return undefined;
  const change: ChangeKind = !before
    ? 'created'
    : before.status !== after.status
      ? after.status === 'deleted'
        ? 'deleted'
        : 'restored'
      : 'updated';
  const pickFields = (record: ResourceRecord | undefined) =>
    record ? Object.fromEntries(fields.map((field) => [field, record[field]])) : {};
  return {
    indexedAt,
    eventTime: after.lastChanged,
    id: after.id,
    arn: after.arn,
    type: after.type,
    change,
    fields,
    before: pickFields(before),
    after: pickFields(after),
    version,
  };
}

export function changeFeedItem(entry: ChangeFeedEntry): Item {
  return {
    pk: changeFeedPk(entry.indexedAt.slice(0, 10), listShardOf(entry.id)),
    sk: `${entry.indexedAt}#${boundedKeyPart(entry.id)}#${entry.version}`,
    ...entry,
    [TTL_ATTRIBUTE]: Math.floor(Date.parse(entry.indexedAt) / 1000) + CHANGE_FEED_RETENTION_DAYS * 86_400,
  };
}
