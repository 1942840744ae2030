// The one definition of the index table: keys, global secondary indexes and TTL attribute.
// DynamoDB Local (createTableInput) and the CDK stack both build the table from this data.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
  /** ALL everywhere: a page of rows is one Query (tag items are small, rows are read after them). */
  projection: 'ALL' | 'KEYS_ONLY';
}

/**
 * Items (pk / sk):
 * - resource row       `R#<id>` / `ROW`            — the folded state, with the list keys below
 * - resource history   `R#<id>` / `H#<order key>` — one per change (change-order.ts), written once
 * - resource tag       `R#<id>` / `TAG#<key>`      — one per current tag, for the tag index
 * - resource word      `R#<id>` / `W#<word>`       — one per search word, for the word index
 * - stack row          `S#<stackId>` / `ROW`
 * - stack history      `S#<stackId>` / `H#<time>|<rank>|<eventId>`
 * - counters           `SUMMARY#<status>` / `<dimension>#<value>` — rows per status and dimension
 * - change feed        `CHANGES#<day>` / `<indexedAt>#<id>#<version>` — the index's own changes
 * - listing scope      `SCOPE#<account>#<region>` / `<type>` — the newest complete listing's time
 * - snapshot run       `SNAPSHOTS` / `<startedAt>#<runId>`
 * Ids, tag keys and values too long for a key are cut and followed by a digest (index-items.ts).
 *
 * Every list index sorts by `listKey` = `<status>#<name>#<id>`, so a status filter and a name prefix
 * are key conditions (begins_with), never filter expressions, on whichever index serves the query.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;
export const TTL_ATTRIBUTE = 'expiresAt';
export const LIST_SORT_KEY = 'listKey';

export const INDEXES = {
  byType: { name: 'byType', partitionKey: 'typeKey', sortKey: LIST_SORT_KEY, projection: 'ALL' },
  byService: { name: 'byService', partitionKey: 'serviceKey', sortKey: LIST_SORT_KEY, projection: 'ALL' },
  byAccount: { name: 'byAccount', partitionKey: 'accountKey', sortKey: LIST_SORT_KEY, projection: 'ALL' },
  byRegion: { name: 'byRegion', partitionKey: 'regionKey', sortKey: LIST_SORT_KEY, projection: 'ALL' },
  byAccountRegion: {
    name: 'byAccountRegion',
    partitionKey: 'accountRegionKey',
    sortKey: LIST_SORT_KEY,
    projection: 'ALL',
  },
  /** Resources by stack name (a stack id narrows further with a filter on `stack.id`). */
  byStack: { name: 'byStack', partitionKey: 'stackKey', sortKey: LIST_SORT_KEY, projection: 'ALL' },
  /** Every resource row (`resource`) or stack row (`stack`): status-only and name-only listings. */
  byKind: { name: 'byKind', partitionKey: 'kindKey', sortKey: LIST_SORT_KEY, projection: 'ALL' },
  /** Tag items keyed by the JSON pair `[key, value]`; their rows are then read with BatchGetItem. */
  byTag: { name: 'byTag', partitionKey: 'tagKey', sortKey: LIST_SORT_KEY, projection: 'ALL' },
  /** Search word items: the word's first two characters, then `<word>#<id>` (word-prefix search). */
  byWord: { name: 'byWord', partitionKey: 'wordKey', sortKey: 'wordSort', projection: 'ALL' },
} as const satisfies Record<string, IndexDefinition>;

export type IndexName = keyof typeof INDEXES;

export const TABLE_DEFINITION = {
  keys: TABLE_KEYS,
  ttlAttribute: TTL_ATTRIBUTE,
  indexes: Object.values(INDEXES) as IndexDefinition[],
} as const;

/** The CreateTable input for DynamoDB Local (and any DynamoDB reached by endpoint). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyAttributes = new Set<string>([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
  for (const index of TABLE_DEFINITION.indexes) {
    keyAttributes.add(index.partitionKey);
    keyAttributes.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...keyAttributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE_DEFINITION.indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: index.projection },
    })),
  };
}
