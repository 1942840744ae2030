// How records, history and tag entries are laid out as DynamoDB items (keys and index attributes).
// Only the index store uses this; everything outside sees ResourceRecord / StackRecord.
import { LIFECYCLE_RANK } from '../model/resource-change';
import type { StackChange } from '../model/resource-change';
import type { RecordedChange } from '../model/resource-fold';
import type { ResourceRecord, StackRecord } from '../model/resource-record';
import { stackStatusRank } from '../model/stack-status';
import { TTL_ATTRIBUTE } from './table-definition';

export const ROW_SORT_KEY = 'ROW';
export const HISTORY_PREFIX = 'H#';
export const TAG_PREFIX = 'TAG#';
export const RESOURCE_KIND = 'resource';
export const STACK_KIND = 'stack';

/** DynamoDB caps a GSI sort key at 1024 bytes. */
const MAX_SORT_KEY_BYTES = 1024;

export type Item = Record<string, unknown>;

export const resourcePk = (id: string) => `R#${id}`;
export const stackPk = (stackId: string) => `S#${stackId}`;

/** `<status>#<name>#<id>`: status and name prefix become key conditions on every list index. */
export function listKey(status: string, name: string, id: string): string {
  return truncateUtf8(`${status}#${name}#${id}`, MAX_SORT_KEY_BYTES);
}

/** The byTag partition value: a JSON pair, so `=` or `#` inside keys and values cannot collide. */
export const tagIndexKey = (key: string, value: string) => JSON.stringify([key, value]);

/** Fixed-width rank keeps history sort keys in the fold's order. */
const pad = (rank: number) => String(rank).padStart(2, '0');

export function historySortKey(change: RecordedChange): string {
  return `${HISTORY_PREFIX}${change.eventTime}#${pad(LIFECYCLE_RANK[change.lifecycle])}#${change.eventId}#${change.seq}`;
}

export function stackHistorySortKey(change: StackChange): string {
  return `${HISTORY_PREFIX}${change.eventTime}#${pad(stackStatusRank(change.stackStatus))}#${change.eventId}`;
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
    kindKey: RESOURCE_KIND,
    listKey: listKey(record.status, record.name, record.id),
    [TTL_ATTRIBUTE]: expiresAt,
  };
  // Index keys must be non-empty strings; an absent attribute simply leaves the row out of that index.
  setIfPresent(item, 'typeKey', record.type);
  setIfPresent(item, 'serviceKey', record.service);
  setIfPresent(item, 'accountKey', record.account);
  setIfPresent(item, 'regionKey', record.region);
  if (record.account && record.region) item.accountRegionKey = `${record.account}#${record.region}`;
  setIfPresent(item, 'stackKey', record.stack?.name);
  return item;
}

export function resourceTagItem(record: ResourceRecord, key: string, expiresAt: number | undefined): Item {
  return {
    pk: resourcePk(record.id),
    sk: `${TAG_PREFIX}${key}`,
    tagKey: tagIndexKey(key, record.tags[key]),
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

const RESOURCE_FIELDS = [
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
  return pick(item, RESOURCE_FIELDS) as unknown as ResourceRecord;
}

export function stackFromItem(item: Item): StackRecord {
  return pick(item, STACK_FIELDS) as unknown as StackRecord;
}

/** The record fields that events decide: equal means the row needs no write. */
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
  if (value) item[attribute] = value;
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

function truncateUtf8(text: string, maxBytes: number): string {
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
