// The resource index on DynamoDB: a facade over the writers (changes merge into rows, with history,
// derived entries, counters and the change feed in one transaction) and the reads of rows, history
// and pages through the table's indexes. No method ever scans: every read is a GetItem, a Query on an
// index that serves it, or a BatchGet.
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { RecordedChange } from '../model/change-order';
import type {
  ListingCompletion,
  ResourceChange,
  SnapshotRunRef,
  StackChange,
} from '../model/resource-change';
import type { HistoryEntry, RecordStatus, ResourceRecord, StackRecord } from '../model/resource-record';
import { recordChanges } from '../model/resource-state';
import type { ChangeFeedEntry, ChangeNotifier } from '../notify/change-notifier';
import { lookupIds } from '../arn/resource-identity';
import { searchTokens } from '../search/search-tokens';
import { backoff } from './backoff';
import { mapWithConcurrency } from './concurrency';
import {
  HISTORY_PREFIX,
  RESOURCE_KIND,
  ROW_SORT_KEY,
  STACK_KIND,
  boundedKeyPart,
  isExpired,
  resourceFromItem,
  resourcePk,
  stackFromItem,
  stackPk,
  shardedKey,
  tagIndexKey,
} from './index-items';
import type { Item } from './index-items';
import { ListingReconciler } from './listing-reconciler';
import { ResourceWriter } from './resource-writer';
import { SnapshotRuns } from './snapshot-runs';
import { StackWriter } from './stack-writer';
import { pageKeyOfPositions, readShards, shardPositionsOf } from './shard-merge';
import { INDEXES, TTL_ATTRIBUTE } from './table-definition';
import type { IndexName } from './table-definition';

export type StatusFilter = RecordStatus | 'all';

export interface ResourceFilter {
  type?: string;
  service?: string;
  account?: string;
  region?: string;
  /** A stack name or a stack id (ARN). */
  stack?: string;
  /** Default `active`. */
  status?: StatusFilter;
  /** Every pair must match. */
  tags?: Record<string, string>;
  namePrefix?: string;
}

/** A DynamoDB key to resume from; opaque outside the store (the query service signs and encodes it). */
export type PageKey = Record<string, unknown>;

export interface PageRequest {
  limit: number;
  after?: PageKey;
}

export interface Page<T> {
  items: T[];
  /** Present exactly while more items may follow. */
  next?: PageKey;
}

export interface ApplyOutcome {
  /** Changes whose event was new to the resource's history. */
  recorded: number;
  /** Changes already in history (a redelivered event). */
  duplicates: number;
  /** Rows written because their fold changed. */
  rowsWritten: number;
  /** Resources whose fold did not change (stale or duplicate information). */
  rowsUnchanged: number;
  /** Optimistic-concurrency conflicts (another writer, or a row this writer had not cached) retried. */
  conflictsRetried: number;
  /** Rows that did not exist before. */
  rowsCreated: number;
  /** Rows whose record changed in a way the change feed reports (created, updated, deleted, restored). */
  rowsChanged: number;
}

export interface IndexStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Days a tombstone (and its history) is kept before DynamoDB TTL removes it; forever when absent. */
  tombstoneRetentionDays?: number;
  /** Resources written in parallel by one applyChanges call. */
  concurrency?: number;
  maxConflictRetries?: number;
  now?: () => Date;
  /** Told of every real row change, after it is written (the local bus; deployed, the table stream). */
  notifier?: ChangeNotifier;
  /** Called when the notifier fails: the index is already written, so this only reports. */
  onNotifyError?: (error: unknown) => void;
}

/** Filtered queries read at most this many index items per requested item before returning a short page. */
const READ_BUDGET_PER_ITEM = 5;
/** BatchGet retries of unprocessed keys (backoff up to 5 s each) before the read fails. */
const MAX_UNPROCESSED_RETRIES = 8;

/** DynamoDB kept refusing some keys of a BatchGet (throttling): retryable, surfaced to the caller. */
export class UnprocessedKeysError extends Error {
  constructor(keys: number, attempts: number) {
    super(`DynamoDB left ${keys} keys unprocessed after ${attempts} retries with growing backoff`);
    this.name = 'ProvisionedThroughputExceededException';
  }
}

export class IndexStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly concurrency: number;
  private readonly now: () => Date;
  private readonly writer: ResourceWriter;
  private readonly stackWriter: StackWriter;
  private readonly reconciler: ListingReconciler;
  private readonly runs: SnapshotRuns;
  private readonly notifier?: ChangeNotifier;
  private readonly onNotifyError: (error: unknown) => void;

  constructor(options: IndexStoreOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.concurrency = options.concurrency ?? 16;
    this.now = options.now ?? (() => new Date());
    const common = {
      client: options.client,
      tableName: options.tableName,
      retentionDays: options.tombstoneRetentionDays,
      now: this.now,
      maxConflictRetries: options.maxConflictRetries ?? 25,
    };
    this.writer = new ResourceWriter({ ...common, tokensOf: searchTokens });
    this.stackWriter = new StackWriter(common);
    this.reconciler = new ListingReconciler(options.client, options.tableName, this.writer);
    this.runs = new SnapshotRuns(options.client, options.tableName);
    this.notifier = options.notifier;
    this.onNotifyError = options.onNotifyError ?? (() => undefined);
  }

  /**
   * Merges each change into its resource's row (history, row and derived entries in one
   * transaction per resource). Idempotent; any order gives the same rows. Observations of a snapshot
   * run (`run`) are counted on the run.
   */
  async applyChanges(changes: readonly ResourceChange[], run?: SnapshotRunRef): Promise<ApplyOutcome> {
    const byResource = new Map<string, RecordedChange[]>();
    const seen = new Set<string>();
    const unique = changes.filter((change) => {
      // The same change twice in one batch is one change (a redelivery that arrived together).
      const fingerprint = JSON.stringify(change);
      if (seen.has(fingerprint)) return false;
      seen.add(fingerprint);
      return true;
    });
    for (const change of recordChanges(unique)) {
      const group = byResource.get(change.id) ?? [];
      group.push(change);
      byResource.set(change.id, group);
    }
    const results = await mapWithConcurrency([...byResource.values()], this.concurrency, (group) =>
      this.writer.write(group),
    );
    const outcome = emptyOutcome();
    const feed: ChangeFeedEntry[] = [];
    for (const result of results) {
      outcome.recorded += result.recorded;
      outcome.duplicates += result.duplicates;
      outcome.conflictsRetried += result.conflictsRetried;
      if (result.rowWritten) outcome.rowsWritten++;
      else outcome.rowsUnchanged++;
      if (result.rowCreated) outcome.rowsCreated++;
      if (result.change) {
        outcome.rowsChanged++;
        feed.push(result.change);
      }
    }
    if (run)
      await this.runs.count(run, {
        observed: outcome.recorded,
        created: outcome.rowsCreated,
        updated: results.filter((result) => result.change && !result.rowCreated).length,
      });
    await this.announce(feed);
    return outcome;
  }

  async applyStackChanges(changes: readonly StackChange[]): Promise<ApplyOutcome> {
    const byStack = new Map<string, StackChange[]>();
    for (const change of changes)
      byStack.set(change.stackId, [...(byStack.get(change.stackId) ?? []), change]);
    const results = await mapWithConcurrency([...byStack.values()], this.concurrency, (group) =>
      this.stackWriter.write(group),
    );
    const outcome = emptyOutcome();
    for (const result of results) {
      outcome.recorded += result.recorded;
      outcome.duplicates += result.duplicates;
      outcome.conflictsRetried += result.conflictsRetried;
      if (result.rowWritten) outcome.rowsWritten++;
      else outcome.rowsUnchanged++;
    }
    return outcome;
  }

  /** A snapshot listing's end: records the run, and for a complete listing infers absences. */
  async applyListing(listing: ListingCompletion): Promise<{ inferredDeleted: number }> {
    const inferredDeleted = await this.reconciler.apply(listing);
    await this.runs.finish(listing, inferredDeleted);
    return { inferredDeleted };
  }

  private async announce(feed: ChangeFeedEntry[]): Promise<void> {
    if (!this.notifier || feed.length === 0) return;
    try {
      await this.notifier.notify(feed);
    } catch (error) {
      this.onNotifyError(error);
    }
  }

  /**
   * The row asked for by its id, its ARN, or a fallback id it was indexed under before a source gave
   * its ARN (lookupIds): one GetItem for the usual case, one more per other candidate.
   */
  async getResource(id: string): Promise<ResourceRecord | undefined> {
    const item = await this.findRow(id);
    return item ? resourceFromItem(item) : undefined;
  }

  private async findRow(id: string): Promise<Item | undefined> {
    for (const candidate of lookupIds(id)) {
      const item = await this.getRow(resourcePk(candidate));
      if (item && !isExpired(item, this.nowSeconds())) return item;
    }
    return undefined;
  }

  async getStack(stackId: string): Promise<StackRecord | undefined> {
    const item = await this.getRow(stackPk(stackId));
    return item && !isExpired(item, this.nowSeconds()) ? stackFromItem(item) : undefined;
  }

  /**
   * A resource's history, oldest first unless `newestFirst`. History lives as long as its row: an
   * expired tombstone (or an id never seen) has none, whatever history items remain.
   */
  async getHistory(id: string, page: PageRequest & { newestFirst?: boolean }): Promise<Page<HistoryEntry>> {
    const row = await this.findRow(id);
    if (!row) return { items: [] };
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': row.pk, ':prefix': HISTORY_PREFIX },
        ScanIndexForward: !page.newestFirst,
        Limit: page.limit,
        ExclusiveStartKey: page.after,
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => historyEntryOf(item.change as RecordedChange)),
      next: result.LastEvaluatedKey,
    };
  }

  /** A page of resources, through the index that serves the most selective filter. */
  async listResources(filter: ResourceFilter, page: PageRequest): Promise<Page<ResourceRecord>> {
    const plan = planResourceQuery(filter);
    const result = SHARDED_INDEXES.has(plan.index)
      ? await this.queryShards(plan, page)
      : await this.queryPages(plan, page);
    if (plan.index !== 'byTag') return { items: result.items.map(resourceFromItem), next: result.next };
    // Tag items only point at rows: read the rows, and keep the ones that match the remaining tags.
    const rows = await this.getRows(result.items.map((item) => String(item.pk)));
    const now = this.nowSeconds();
    const items = rows
      .filter((row): row is Item => row !== undefined && !isExpired(row, now))
      .map(resourceFromItem)
      .filter(
        (record) => matchesTags(record, filter.tags) && record.name.startsWith(filter.namePrefix ?? ''),
      );
    return { items, next: result.next };
  }

  /** Stacks by status (default active), optionally by name prefix. */
  async listStacks(
    filter: { status?: StatusFilter; namePrefix?: string },
    page: PageRequest,
  ): Promise<Page<StackRecord>> {
    const plan = listPlan('byKind', STACK_KIND, filter.status ?? 'active', filter.namePrefix);
    const result = await this.queryPages(plan, page);
    return { items: result.items.map(stackFromItem), next: result.next };
  }

  /** Every stack (active or deleted) with exactly this name, in any account or region. */
  async findStacksByName(name: string): Promise<StackRecord[]> {
    const found: StackRecord[] = [];
    // A name whose list-key prefix cannot fit a sort key (1024 bytes) belongs to no stored stack.
    if (Buffer.byteLength(`deleted#${name}#`, 'utf8') > 1024) return found;
    for (const status of ['active', 'deleted'] as const) {
      let after: PageKey | undefined;
      do {
        const page = await this.queryPages(listPlan('byKind', STACK_KIND, status, undefined, `${name}#`), {
          limit: 100,
          after,
        });
        found.push(...page.items.map(stackFromItem));
        after = page.next;
      } while (after);
    }
    return found;
  }

  // ---- reads --------------------------------------------------------------------------------

  private async getRow(pk: string): Promise<Item | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk, sk: ROW_SORT_KEY }, ConsistentRead: true }),
    );
    return result.Item;
  }

  private async getRows(pks: string[]): Promise<(Item | undefined)[]> {
    const found = new Map<string, Item>();
    for (let start = 0; start < pks.length; start += 100) {
      let keys: Item[] = [...new Set(pks.slice(start, start + 100))].map((pk) => ({ pk, sk: ROW_SORT_KEY }));
      for (let attempt = 0; keys.length > 0; attempt++) {
        const result = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }),
        );
        for (const item of result.Responses?.[this.tableName] ?? []) found.set(String(item.pk), item);
        keys = (result.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined) ?? [];
        if (keys.length === 0) break;
        // DynamoDB leaves keys unprocessed when throttled: back off longer each time, then give up.
        if (attempt >= MAX_UNPROCESSED_RETRIES)
          throw new UnprocessedKeysError(keys.length, MAX_UNPROCESSED_RETRIES);
        await backoff(attempt, 5_000);
      }
    }
    return pks.map((pk) => found.get(pk));
  }

  /**
   * Runs a planned query until the page is full, the index is exhausted, or the read budget is
   * spent. A filter drops items after DynamoDB has read them, so asking a filtered query only for
   * the items still missing costs a round trip per few matches; instead each further request asks
   * for as many items as the match rate seen so far says are needed (with some slack, within the
   * budget), and the page is cut at `limit`. `next` is always the key just after the last item
   * handed out, so nothing is skipped or repeated.
   */
  private async queryPages(plan: QueryPlan, page: PageRequest): Promise<Page<Item>> {
    const items: Item[] = [];
    let after = page.after;
    let evaluated = 0;
    const budget = page.limit * READ_BUDGET_PER_ITEM;
    const nowValue = this.nowSeconds();
    do {
      const missing = page.limit - items.length;
      const input: QueryCommandInput = {
        TableName: this.tableName,
        IndexName: INDEXES[plan.index].name,
        KeyConditionExpression: plan.keyCondition,
        FilterExpression: ['(attribute_not_exists(#ttl) OR #ttl > :now)', ...plan.filters].join(' AND '),
        ExpressionAttributeNames: { ...plan.names, '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ...plan.values, ':now': nowValue },
        Limit: evaluated === 0 ? missing : readsFor(missing, items.length / evaluated, budget - evaluated),
        ExclusiveStartKey: after,
      };
      const result = await this.client.send(new QueryCommand(input));
      const found = result.Items ?? [];
      evaluated += result.ScannedCount ?? 0;
      if (found.length > missing) {
        const kept = found.slice(0, missing);
        items.push(...kept);
        return { items, next: indexKeyOf(kept[kept.length - 1], plan.index) };
      }
      items.push(...found);
      after = result.LastEvaluatedKey;
    } while (after && items.length < page.limit && evaluated < budget);
    return { items, next: after };
  }

  /**
   * A page of a sharded listing: each shard is queried for a page and the pages are merged in
   * list-key order (shard-merge.ts), so the order stays global across pages. The cursor holds each
   * shard's position.
   */
  private async queryShards(plan: QueryPlan, page: PageRequest): Promise<Page<Item>> {
    const base = String(plan.values[':pk']);
    const sortKey = INDEXES[plan.index].sortKey;
    const merged = await readShards(
      shardPositionsOf(page.after),
      (shard, after) =>
        this.queryPages(
          { ...plan, values: { ...plan.values, ':pk': shardedKey(base, shard) } },
          {
            limit: page.limit,
            after,
          },
        ),
      (item) => `${String(item[sortKey])}\u0000${String(item.pk)}`,
      (item) => indexKeyOf(item, plan.index),
    );
    const taken = Math.min(page.limit, merged.entries.length);
    return {
      items: merged.entries.slice(0, taken).map(({ item }) => item),
      next: pageKeyOfPositions(merged.positionsAfter(taken)),
    };
  }

  private nowSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }
}

// ---- query planning -------------------------------------------------------------------------

/** Indexes whose partitions are written in LIST_SHARDS shards (index-items.ts). */
const SHARDED_INDEXES: ReadonlySet<IndexName> = new Set(['byKind', 'byTag', 'byRegion', 'byStack']);

interface QueryPlan {
  index: IndexName;
  keyCondition: string;
  filters: string[];
  names: Record<string, string>;
  values: Record<string, unknown>;
}

function listPlan(
  index: IndexName,
  partitionValue: string,
  status: StatusFilter,
  namePrefix: string | undefined,
  nameSuffix = '',
): QueryPlan {
  const definition = INDEXES[index];
  const plan: QueryPlan = {
    index,
    keyCondition: '#pk = :pk',
    filters: [],
    names: { '#pk': definition.partitionKey },
    // Written index keys are bounded the same way (index-items.ts), so long values still meet.
    values: { ':pk': boundedKeyPart(partitionValue, 1536) },
  };
  if (status !== 'all') {
    plan.keyCondition += ' AND begins_with(#lk, :lk)';
    plan.names['#lk'] = definition.sortKey;
    plan.values[':lk'] = `${status}#${namePrefix ?? ''}${nameSuffix}`;
  } else if (namePrefix) {
    plan.filters.push('begins_with(#name, :namePrefix)');
    plan.names['#name'] = 'name';
    plan.values[':namePrefix'] = namePrefix;
  }
  return plan;
}

/** Stack ARNs look like arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>. */
export function stackNameOf(stack: string): string {
  const match = /^arn:[^:]+:cloudformation:[^:]*:[^:]*:stack\/([^/]+)\//.exec(stack);
  return match ? match[1] : stack;
}

/**
 * Picks the index for the filters, most selective first (stack, type, tag, account+region, service,
 * account, region, then every resource); the other filters narrow it with filter expressions.
 */
export function planResourceQuery(filter: ResourceFilter): QueryPlan {
  const status = filter.status ?? 'active';
  const tags = Object.entries(filter.tags ?? {});
  const used = new Set<string>();
  let plan: QueryPlan;
  if (filter.stack) {
    plan = listPlan('byStack', stackNameOf(filter.stack), status, filter.namePrefix);
    used.add('stack');
  } else if (filter.type) {
    plan = listPlan('byType', filter.type, status, filter.namePrefix);
    used.add('type');
  } else if (tags.length > 0 && !filter.service && !filter.account && !filter.region) {
    const [key, value] = tags[0];
    // Tag items carry no name or tags: for status `all` the name prefix, and always the remaining
    // tags, are checked on the rows themselves (listResources).
    return listPlan(
      'byTag',
      tagIndexKey(key, value),
      status,
      status === 'all' ? undefined : filter.namePrefix,
    );
  } else if (filter.account && filter.region) {
    plan = listPlan('byAccountRegion', `${filter.account}#${filter.region}`, status, filter.namePrefix);
    used.add('account').add('region');
  } else if (filter.service) {
    plan = listPlan('byService', filter.service, status, filter.namePrefix);
    used.add('service');
  } else if (filter.account) {
    plan = listPlan('byAccount', filter.account, status, filter.namePrefix);
    used.add('account');
  } else if (filter.region) {
    plan = listPlan('byRegion', filter.region, status, filter.namePrefix);
    used.add('region');
  } else {
    plan = listPlan('byKind', RESOURCE_KIND, status, filter.namePrefix);
  }

  const equals = (attribute: string, value: string | undefined, path = attribute) => {
    if (value === undefined || used.has(attribute)) return;
    const n = Object.keys(plan.values).length;
    plan.filters.push(`#f${n} = :f${n}`);
    plan.names[`#f${n}`] = path;
    plan.values[`:f${n}`] = value;
  };
  equals('type', filter.type);
  equals('service', filter.service);
  equals('account', filter.account);
  equals('region', filter.region);
  if (filter.stack?.startsWith('arn:')) {
    plan.filters.push('#stack.#stackId = :stackId');
    plan.names['#stack'] = 'stack';
    plan.names['#stackId'] = 'id';
    plan.values[':stackId'] = filter.stack;
  }
  tags.forEach(([key, value], position) => {
    plan.filters.push(`#tags.#tag${position} = :tag${position}`);
    plan.names['#tags'] = 'tags';
    plan.names[`#tag${position}`] = key;
    plan.values[`:tag${position}`] = value;
  });
  return plan;
}

// ---- helpers --------------------------------------------------------------------------------

/** Items to read for `missing` matches at `matchRate` (25 % slack), at least `missing`, at most `left`. */
function readsFor(missing: number, matchRate: number, left: number): number {
  const needed = Math.ceil((missing / Math.max(matchRate, 1 / READ_BUDGET_PER_ITEM)) * 1.25);
  return Math.max(missing, Math.min(needed, left));
}

/** The key DynamoDB would return as LastEvaluatedKey had it stopped at `item` on `index`. */
function indexKeyOf(item: Item, index: IndexName): PageKey {
  const { partitionKey, sortKey } = INDEXES[index];
  return { pk: item.pk, sk: item.sk, [partitionKey]: item[partitionKey], [sortKey]: item[sortKey] };
}

function matchesTags(record: ResourceRecord, tags: Record<string, string> | undefined): boolean {
  return Object.entries(tags ?? {}).every(([key, value]) => record.tags[key] === value);
}

function historyEntryOf(change: RecordedChange): HistoryEntry {
  return {
    eventId: change.eventId,
    eventTime: change.eventTime,
    source: change.source,
    action: change.action,
    lifecycle: change.lifecycle,
    sourceStatus: change.sourceStatus ?? null,
    name: change.name ?? null,
    stack: change.stack,
    tags: change.tags ?? null,
    principal: change.principal ?? null,
  };
}

export function emptyOutcome(): ApplyOutcome {
  return {
    recorded: 0,
    duplicates: 0,
    rowsWritten: 0,
    rowsUnchanged: 0,
    conflictsRetried: 0,
    rowsCreated: 0,
    rowsChanged: 0,
  };
}

export function addOutcomes(a: ApplyOutcome, b: ApplyOutcome): ApplyOutcome {
  return {
    recorded: a.recorded + b.recorded,
    duplicates: a.duplicates + b.duplicates,
    rowsWritten: a.rowsWritten + b.rowsWritten,
    rowsUnchanged: a.rowsUnchanged + b.rowsUnchanged,
    conflictsRetried: a.conflictsRetried + b.conflictsRetried,
    rowsCreated: a.rowsCreated + b.rowsCreated,
    rowsChanged: a.rowsChanged + b.rowsChanged,
  };
}
