// How rows, history, tag/word entries, counters, change-feed entries, listing scopes and snapshot runs
// are laid out as DynamoDB items. Only the store uses this; everything outside sees records.
import { createHash } from 'node:crypto';
import type { StackChange } from '../model/resource-change';
import type { RecordedChange } from '../model/change-order';
import { orderKey } from '../model/change-order';
import { stackOrderKey } from '../model/resource-fold';
import type { ResourceRecord, StackRecord } from '../model/resource-record';
import { wordIndexKeys } from '../search/search-tokens';
import { TTL_ATTRIBUTE } from './table-definition';

export const ROW_SORT_KEY = 'ROW';
export const HISTORY_PREFIX = 'H#';
export const TAG_PREFIX = 'TAG#';
export const WORD_PREFIX = 'W#';
export const RESOURCE_KIND = 'resource';
export const STACK_KIND = 'stack';
/** The stored merge state (JSON): what a change merges into without reading history. */
export const STATE_ATTRIBUTE = 'st';

/** DynamoDB caps a sort key at 1024 bytes and a partition key at 2048. */
const MAX_SORT_KEY_BYTES = 1024;
/** Key parts longer than this are cut and followed by a digest of the whole (still unique). */
const MAX_KEY_PART_BYTES = 512;

export type Item = Record<string, unknown>;

/**
 * A key part that always fits: short values stay as they are (readable, and equal to what earlier
 * versions wrote); a longer one keeps its first bytes, then `~` and a SHA-256 digest of the whole.
 */
export function boundedKeyPart(value: string, maxBytes = MAX_KEY_PART_BYTES): string {
  if (Buffer.byteLength(value, 'utf8') <= maxBytes) return value;
  const digest = createHash('sha256').update(value).digest('hex');
  return `${truncateUtf8(value, maxBytes - digest.length - 1)}~${digest}`;
}

export const resourcePk = (id: string) => `R#${boundedKeyPart(id)}`;
export const stackPk = (stackId: string) => `S#${boundedKeyPart(stackId)}`;

/** `<status>#<name>#<id>`: status and name prefix become key conditions on every list index. */
export function listKey(status: string, name: string, id: string): string {
  return truncateUtf8(`${status}#${name}#${id}`, MAX_SORT_KEY_BYTES);
}

/** The byTag partition value: a JSON pair, so `=` or `#` inside keys and values cannot collide. */
export const tagIndexKey = (key: string, value: string) => boundedKeyPart(JSON.stringify([key, value]), 1536);

/**
 * Partitions resources of every account share (byKind: every resource; byTag: a tag value; byRegion;
 * byStack: a stack name deployed to every account) are written in this many shards, `<value>#<shard>`
 * with the shard fixed per resource, and read by querying the shards and merging them in list-key
 * order (docs/scale.md: at 1,000 accounts one such partition would take more than DynamoDB's 1,000
 * write units a second).
 */
export const LIST_SHARDS = 4;

export function listShardOf(id: string): number {
  return createHash('sha256').update(id).digest()[1] % LIST_SHARDS;
}

export const shardedKey = (value: string, shard: number) => `${value}#${shard}`;

export function historySortKey(change: RecordedChange): string {
  return `${HISTORY_PREFIX}${orderKey(change)}`;
}

export function stackHistorySortKey(change: StackChange): string {
  return `${HISTORY_PREFIX}${boundedKeyPart(stackOrderKey(change), 900)}`;
}

/** Epoch seconds for DynamoDB TTL: a tombstone expires `retentionDays` after its delete event. */
export function expiryOf(deletedAt: string | null, retentionDays: number | undefined): number | undefined {
  if (deletedAt === null || retentionDays === undefined) return undefined;
  return Math.floor(Date.parse(deletedAt) / 1000) + Math.round(retentionDays * 86_400);
}

export function resourceRowItem(
  record: ResourceRecord,
  version: number,
  expiresAt: number | undefined,
): Item {
  const item: Item = {
    pk: resourcePk(record.id),
    sk: ROW_SORT_KEY,
    version,
    ...record,
    kindKey: shardedKey(RESOURCE_KIND, listShardOf(record.id)),
    listKey: listKey(record.status, record.name, record.id),
    [TTL_ATTRIBUTE]: expiresAt,
  };
  // Index keys must be non-empty strings; an absent attribute simply leaves the row out of that index.
  setIfPresent(item, 'typeKey', record.type);
  setIfPresent(item, 'serviceKey', record.service);
  setIfPresent(item, 'accountKey', record.account);
  const shard = listShardOf(record.id);
  if (record.region) item.regionKey = shardedKey(record.region, shard);
  if (record.account && record.region)
    setIfPresent(item, 'accountRegionKey', `${record.account}#${record.region}`);
  if (record.stack?.name) item.stackKey = shardedKey(record.stack.name, shard);
  return item;
}

export function resourceTagItem(record: ResourceRecord, key: string, expiresAt: number | undefined): Item {
  return {
    pk: resourcePk(record.id),
    sk: tagSortKey(key),
    tagKey: shardedKey(tagIndexKey(key, record.tags[key]), listShardOf(record.id)),
    listKey: listKey(record.status, record.name, record.id),
    [TTL_ATTRIBUTE]: expiresAt,
  };
}

export const tagSortKey = (key: string) => `${TAG_PREFIX}${boundedKeyPart(key)}`;

/** A search word entry (index byWord): partition by the word's first two characters and the resource's
 * list shard, sorted by word. */
export function resourceWordItem(
  record: ResourceRecord,
  token: string,
  tokens: readonly string[],
  expiresAt: number | undefined,
): Item {
  const keys = wordIndexKeys(token, record.id);
  return {
    pk: resourcePk(record.id),
    sk: `${WORD_PREFIX}${boundedKeyPart(token, 256)}`,
    // The busiest two-letter starts take every account's writes: sharded like the listings.
    wordKey: shardedKey(keys.wordKey, listShardOf(record.id)),
    wordSort: truncateUtf8(keys.wordSort, MAX_SORT_KEY_BYTES),
    id: record.id,
    tokens: [...tokens],
    listKey: listKey(record.status, record.name, record.id),
    [TTL_ATTRIBUTE]: expiresAt,
  };
}

export function stackRowItem(record: StackRecord, version: number, expiresAt: number | undefined): Item {
  return {
    pk: stackPk(record.id),
    sk: ROW_SORT_KEY,
    version,
    ...record,
    kindKey: STACK_KIND,
    listKey: listKey(record.status, record.name, record.id),
    [TTL_ATTRIBUTE]: expiresAt,
  };
}

// ---- counters, change feed, listing scopes, snapshot runs --------------------------------------

export const SUMMARY_DIMENSIONS = ['type', 'service', 'account', 'region'] as const;
export const summaryPk = (status: string, shard: number) => `SUMMARY#${status}#${shard}`;

/**
 * The counters are kept in this many partitions (`SUMMARY#<status>#<shard>`, the shard fixed per
 * resource), each holding every counter's share of its resources: every create and delete moves
 * five counters, which in one partition would pass DynamoDB's 1,000 write units a second at 1,000
 * accounts (docs/scale.md), and concurrent transactions on one item conflict. /summary queries the
 * partitions and adds them up.
 */
export const SUMMARY_SHARDS = 8;

/** The counter items one row counts in: `total` and one per dimension, under its status. */
export function summaryBucketsOf(record: ResourceRecord): { pk: string; sk: string }[] {
  const pk = summaryPk(record.status, createHash('sha256').update(record.id).digest()[0] % SUMMARY_SHARDS);
  return [
    { pk, sk: 'total#' },
    ...SUMMARY_DIMENSIONS.map((dimension) => ({
      pk,
      sk: `${dimension}#${boundedKeyPart(record[dimension])}`,
    })),
  ];
}

/** Days a change-feed entry is kept. */
export const CHANGE_FEED_RETENTION_DAYS = 30;
/** The feed partitions' common prefix. */
export const CHANGE_FEED_PREFIX = 'CHANGES#';
/**
 * A day's feed is kept in LIST_SHARDS partitions (the entry's resource picks one): at 1,000 accounts
 * one partition a day would take 833 write units a second, near DynamoDB's 1,000 (docs/scale.md).
 */
export const changeFeedPk = (day: string, shard: number) => `${CHANGE_FEED_PREFIX}${day}#${shard}`;

export const scopePk = (account: string, region: string) =>
  `SCOPE#${boundedKeyPart(account, 64)}#${boundedKeyPart(region, 64)}`;

export const SNAPSHOT_RUNS_PK = 'SNAPSHOTS';
export const snapshotRunSk = (startedAt: string, runId: string) =>
  `${startedAt}#${boundedKeyPart(runId, 256)}`;

// ---- reading items back --------------------------------------------------------------------------

export const RESOURCE_FIELDS = [
  'id',
  'arn',
  'type',
  'service',
  'account',
  'region',
  'name',
  'status',
  'stack',
  'tags',
  'firstSeen',
  'lastChanged',
  'deletedAt',
  'sources',
  'createdBy',
  'lastChangedBy',
  'lastConfirmed',
  'indexedAt',
] as const satisfies readonly (keyof ResourceRecord)[];

const STACK_FIELDS = [
  'id',
  'name',
  'account',
  'region',
  'status',
  'stackStatus',
  'statusReason',
  'firstSeen',
  'lastChanged',
  'deletedAt',
  'indexedAt',
] as const satisfies readonly (keyof StackRecord)[];

export function resourceFromItem(item: Item): ResourceRecord {
  const record = pick(item, RESOURCE_FIELDS) as unknown as ResourceRecord;
  // Rows written before these fields existed read as "no source says".
  record.createdBy ??= null;
  record.lastChangedBy ??= null;
  record.lastConfirmed ??= null;
  return record;
}

export function stackFromItem(item: Item): StackRecord {
  return pick(item, STACK_FIELDS) as unknown as StackRecord;
}

/** The record fields that events decide: equal means the row shows nothing new. */
export function sameResource(a: ResourceRecord, b: ResourceRecord): boolean {
  return RESOURCE_FIELDS.every((field) => field === 'indexedAt' || deepEqual(a[field], b[field]));
}

export function sameStack(a: StackRecord, b: StackRecord): boolean {
  return STACK_FIELDS.every((field) => field === 'indexedAt' || deepEqual(a[field], b[field]));
}

export function isExpired(item: Item, nowEpochSeconds: number): boolean {
  const expiresAt = item[TTL_ATTRIBUTE];
  return typeof expiresAt === 'number' && expiresAt <= nowEpochSeconds;
}

function pick(item: Item, fields: readonly string[]): Item {
  const out: Item = {};
  for (const field of fields) if (item[field] !== undefined) out[field] = item[field];
  return out;
}

function setIfPresent(item: Item, attribute: string, value: string | undefined) {
  if (value) item[attribute] = boundedKeyPart(value, 1536);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a).filter((key) => (a as Item)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Item)[key] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) => deepEqual((a as Item)[key], (b as Item)[key]));
}

export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}
