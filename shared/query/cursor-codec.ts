// Opaque page cursors: base64url of an HMAC-SHA256 tag and a small JSON payload holding the store's
// page key and a hash of the filters that made it. A cursor is only accepted back with a valid tag,
// for the same filters, and with a key shaped like one of the table's keys, so nothing a client
// forges reaches DynamoDB as a malformed ExclusiveStartKey.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { PageKey } from '../store/index-store';
import { LIST_SHARDS } from '../store/index-items';
import { INDEXES, TABLE_KEYS } from '../store/table-definition';

/**
 * Used when CURSOR_SECRET is not set, so local runs need no configuration. Anyone who reads this
 * source can then forge cursors (which still only page through the query they were made for);
 * deployments should set CURSOR_SECRET.
 */
export const DEFAULT_CURSOR_SECRET = 'resource-inventory/cursor/not-secret-set-CURSOR_SECRET';

const TAG_BYTES = 32;
const PAYLOAD_VERSION = 1;
/** DynamoDB's limits on key attribute values, in bytes of UTF-8. */
const MAX_PARTITION_BYTES = 2048;
const MAX_SORT_BYTES = 1024;

export type CursorReading = { ok: true; key: PageKey } | { ok: false; reason: 'malformed' | 'foreign' };

export interface CursorCodec {
  encode(key: PageKey, binding: string): string;
  decode(cursor: string, binding: string): CursorReading;
}

export function createCursorCodec(secret: string = DEFAULT_CURSOR_SECRET): CursorCodec {
  const tagOf = (payload: Buffer) => createHmac('sha256', secret).update(payload).digest();
  return {
    encode(key, binding) {
      const payload = Buffer.from(JSON.stringify({ v: PAYLOAD_VERSION, f: binding, k: key }), 'utf8');
      return Buffer.concat([tagOf(payload), payload]).toString('base64url');
    },
    decode(cursor, binding) {
      if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return { ok: false, reason: 'malformed' };
      const bytes = Buffer.from(cursor, 'base64url');
      if (bytes.length <= TAG_BYTES) return { ok: false, reason: 'malformed' };
      const payload = bytes.subarray(TAG_BYTES);
      if (!timingSafeEqual(bytes.subarray(0, TAG_BYTES), tagOf(payload)))
        return { ok: false, reason: 'malformed' };
      const decoded = parseJson(payload.toString('utf8'));
      if (!isRecord(decoded) || decoded.v !== PAYLOAD_VERSION || typeof decoded.f !== 'string')
        return { ok: false, reason: 'malformed' };
      if (decoded.f !== binding) return { ok: false, reason: 'foreign' };
      return isTableKey(decoded.k) || isShardedKey(decoded.k)
        ? { ok: true, key: decoded.k }
        : { ok: false, reason: 'malformed' };
    },
  };
}

/**
 * A short hash of what a page depends on (route and every filter, defaults applied, limit and cursor
 * left out): a cursor carries it and is refused under any other filters.
 */
export function filterBinding(filters: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(filters)).digest('base64url').slice(0, 22);
}

/** JSON with object keys sorted at every level, so equal filters always hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The attribute sets a page key can have: the table's own key, or it plus one index's key. */
const KEY_SHAPES: { names: string[]; partitionNames: Set<string> }[] = [
  {
    names: [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey],
    partitionNames: new Set([TABLE_KEYS.partitionKey]),
  },
  ...Object.values(INDEXES).map((index) => ({
    names: [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, index.partitionKey, index.sortKey],
    partitionNames: new Set<string>([TABLE_KEYS.partitionKey, index.partitionKey]),
  })),
];

/** A sharded listing's position: one entry per shard, each `start`, `end` or a table key. */
function isShardedKey(value: unknown): value is PageKey {
  if (!isRecord(value) || Object.keys(value).length !== 1 || !Array.isArray(value.shards)) return false;
  return (
    value.shards.length === LIST_SHARDS &&
    value.shards.every((shard: unknown) => shard === 'start' || shard === 'end' || isTableKey(shard))
  );
}

function isTableKey(value: unknown): value is PageKey {
  if (!isRecord(value)) return false;
  const names = Object.keys(value).sort();
  const shape = KEY_SHAPES.find(
    (candidate) =>
      candidate.names.length === names.length &&
      [...candidate.names].sort().every((name, i) => name === names[i]),
  );
  if (!shape) return false;
  return names.every((name) => {
    const attribute = value[name];
    const limit = shape.partitionNames.has(name) ? MAX_PARTITION_BYTES : MAX_SORT_BYTES;
    return (
      typeof attribute === 'string' && attribute.length > 0 && Buffer.byteLength(attribute, 'utf8') <= limit
    );
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
