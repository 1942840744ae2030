// The resource index on DynamoDB: applies changes (history items + a row folded from them, written
// with optimistic concurrency) and reads rows, history and pages through the table's indexes.
// No method ever scans: every read is a GetItem, a Query on an index that serves it, or a BatchGet.
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ResourceChange, StackChange } from '../model/resource-change';
import { foldResource, foldStack } from '../model/resource-fold';
import type { RecordedChange } from '../model/resource-fold';
import type { HistoryEntry, RecordStatus, ResourceRecord, StackRecord } from '../model/resource-record';
import { mapWithConcurrency } from './concurrency';
import { isConditionConflict } from './dynamodb-errors';
import {
  HISTORY_PREFIX,
  RESOURCE_KIND,
  ROW_SORT_KEY,
  STACK_KIND,
  TAG_PREFIX,
  expiryOf,
  historySortKey,
  isExpired,
  resourceFromItem,
  resourcePk,
  resourceRowItem,
  resourceTagItem,
  sameResource,
  sameStack,
  stackFromItem,
  stackHistorySortKey,
  stackPk,
  stackRowItem,
  tagIndexKey,
} from './index-items';
import type { Item } from './index-items';
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
  /** Optimistic-concurrency conflicts that were retried. */
  conflictsRetried: number;
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
}

/** Filtered queries read at most this many index items per requested item before returning a short page. */
const READ_BUDGET_PER_ITEM = 5;

export class IndexStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly retentionDays: number | undefined;
  private readonly concurrency: number;
  private readonly maxConflictRetries: number;
  private readonly now: () => Date;

  constructor(options: IndexStoreOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.retentionDays = options.tombstoneRetentionDays;
    this.concurrency = options.concurrency ?? 16;
    this.maxConflictRetries = options.maxConflictRetries ?? 25;
    this.now = options.now ?? (() => new Date());
  }

  /** Records each change in its resource's history and re-folds every touched row. Idempotent. */
  async applyChanges(changes: readonly ResourceChange[]): Promise<ApplyOutcome> {
    const byResource = new Map<string, RecordedChange[]>();
    const seqs = new Map<string, number>();
    const seen = new Set<string>();
    for (const change of changes) {
      // The same change twice in one batch is one change (a redelivery that arrived together).
      const fingerprint = JSON.stringify(change);
      if (seen.has(fingerprint)) continue;
      seen.add(fingerprint);
      // Several different changes of one event to one resource get positions 0, 1, ... in the order given.
      const seqKey = `${change.id}\u0000${change.eventId}`;
      const seq = seqs.get(seqKey) ?? 0;
      seqs.set(seqKey, seq + 1);
      const group = byResource.get(change.id) ?? [];
      group.push({ ...change, seq });
      byResource.set(change.id, group);
    }
    const outcomes = await mapWithConcurrency([...byResource.values()], this.concurrency, (group) =>
      this.applyToResource(group),
    );
    return outcomes.reduce(addOutcomes, emptyOutcome());
  }

  async applyStackChanges(changes: readonly StackChange[]): Promise<ApplyOutcome> {
    const byStack = new Map<string, StackChange[]>();
    for (const change of changes)
      byStack.set(change.stackId, [...(byStack.get(change.stackId) ?? []), change]);
    const outcomes = await mapWithConcurrency([...byStack.values()], this.concurrency, (group) =>
      this.applyToStack(group),
    );
    return outcomes.reduce(addOutcomes, emptyOutcome());
  }

  async getResource(id: string): Promise<ResourceRecord | undefined> {
    const item = await this.getRow(resourcePk(id));
    return item && !isExpired(item, this.nowSeconds()) ? resourceFromItem(item) : undefined;
  }

  async getStack(stackId: string): Promise<StackRecord | undefined> {
    const item = await this.getRow(stackPk(stackId));
    return item && !isExpired(item, this.nowSeconds()) ? stackFromItem(item) : undefined;
  }

  /** A resource's history, oldest first unless `newestFirst`; an expired tombstone has none. */
  async getHistory(id: string, page: PageRequest & { newestFirst?: boolean }): Promise<Page<HistoryEntry>> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        FilterExpression: `attribute_not_exists(#ttl) OR #ttl > :now`,
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':pk': resourcePk(id),
          ':prefix': HISTORY_PREFIX,
          ':now': this.nowSeconds(),
        },
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
    const result = await this.queryPages(plan, page);
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

  // ---- writes -------------------------------------------------------------------------------

  private applyToResource(group: RecordedChange[]): Promise<ApplyOutcome> {
    return this.recordAndRefold({
      pk: resourcePk(group[0].id),
      entries: group.map((change) => ({ sk: historySortKey(change), change })),
      fold: (items) => foldResource(items.map((item) => item.change as RecordedChange)),
      isUnchanged: (current, folded) => sameResource(resourceFromItem(current), folded),
      write: (current, folded) => this.writeResourceRow(current, folded),
    });
  }

  private applyToStack(group: StackChange[]): Promise<ApplyOutcome> {
    return this.recordAndRefold({
      pk: stackPk(group[0].stackId),
      entries: group.map((change) => ({ sk: stackHistorySortKey(change), change })),
      fold: (items) => foldStack(items.map((item) => item.change as StackChange)),
      isUnchanged: (current, folded) => sameStack(stackFromItem(current), folded),
      write: (current, folded) =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: stackRowItem(
              { ...folded, indexedAt: this.now().toISOString() },
              (current ? Number(current.version) : 0) + 1,
              expiryOf(folded.deletedAt, this.retentionDays),
            ),
            ...versionCondition(current),
          }),
        ),
    });
  }

  /**
   * The write path of every folded entity: record each change in history (once), then fold the whole
   * history and write the row conditioned on the version read before the fold; on a lost race, fold
   * again. Even when every change was a duplicate it re-folds: an earlier delivery may have stopped
   * between writing history and writing the row.
   */
  private async recordAndRefold<R extends { deletedAt: string | null }>(spec: {
    pk: string;
    entries: { sk: string; change: object }[];
    fold: (history: Item[]) => R | undefined;
    isUnchanged: (current: Item, folded: R) => boolean;
    write: (current: Item | undefined, folded: R) => Promise<unknown>;
  }): Promise<ApplyOutcome> {
    const outcome = emptyOutcome();
    for (const { sk, change } of spec.entries) {
      const isNew = await this.putHistory(spec.pk, sk, { change: withoutUndefined(change) });
      if (isNew) outcome.recorded++;
      else outcome.duplicates++;
    }
    for (let attempt = 0; ; attempt++) {
      const { row: current, history } = await this.readRowAndHistory(spec.pk);
      const folded = spec.fold(history);
      if (!folded) throw new Error(`history of ${spec.pk} is empty right after it was written`);
      if (current && spec.isUnchanged(current, folded)) {
        // A late event's history item, or an alignment an earlier delivery never finished, must
        // still take the row's expiry, or history and row would expire apart.
        await this.alignHistoryExpiry(history, expiryOf(folded.deletedAt, this.retentionDays));
        outcome.rowsUnchanged++;
        return outcome;
      }
      try {
        await spec.write(current, folded);
        await this.alignHistoryExpiry(history, expiryOf(folded.deletedAt, this.retentionDays));
        outcome.rowsWritten++;
        return outcome;
      } catch (error) {
        if (!isConditionConflict(error) || attempt >= this.maxConflictRetries) throw error;
        outcome.conflictsRetried++;
        await backoff(attempt);
      }
    }
  }

  /** Writes a history item once; false when it was already there (the event was redelivered). */
  private async putHistory(pk: string, sk: string, attributes: Item): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk, sk, ...attributes },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionConflict(error)) return false;
      throw error;
    }
  }

  /**
   * Writes the row conditioned on the version read before the history was read, so a writer that
   * folded a stale history loses the race and folds again. Tag items follow the row in the same
   * transaction whenever they change.
   */
  private async writeResourceRow(current: Item | undefined, folded: ResourceRecord): Promise<void> {
    const version = current ? Number(current.version) : 0;
    const expiresAt = expiryOf(folded.deletedAt, this.retentionDays);
    const record: ResourceRecord = { ...folded, indexedAt: this.now().toISOString() };
    const row = resourceRowItem(record, version + 1, expiresAt);
    const previous = current ? resourceFromItem(current) : undefined;
    const tagItemsChange =
      !previous ||
      previous.status !== record.status ||
      previous.name !== record.name ||
      current?.[TTL_ATTRIBUTE] !== expiresAt ||
      !sameTags(previous.tags, record.tags);
    const hasTagItems = Object.keys(record.tags).length > 0 || Object.keys(previous?.tags ?? {}).length > 0;

    if (!tagItemsChange || !hasTagItems) {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: row, ...versionCondition(current) }),
      );
      return;
    }
    const removedKeys = Object.keys(previous?.tags ?? {}).filter((key) => !(key in record.tags));
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: row, ...versionCondition(current) } },
          ...Object.keys(record.tags).map((key) => ({
            Put: { TableName: this.tableName, Item: resourceTagItem(record, key, expiresAt) },
          })),
          ...removedKeys.map((key) => ({
            Delete: { TableName: this.tableName, Key: { pk: row.pk, sk: `${TAG_PREFIX}${key}` } },
          })),
        ],
      }),
    );
  }

  /** History of a tombstone expires with it; a re-created resource's history is kept again. */
  private async alignHistoryExpiry(history: Item[], expiresAt: number | undefined): Promise<void> {
    const stale = history.filter((item) => item[TTL_ATTRIBUTE] !== expiresAt);
    await mapWithConcurrency(stale, 8, (item) =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: item.pk, sk: item.sk },
          ...(expiresAt === undefined
            ? { UpdateExpression: 'REMOVE #ttl' }
            : { UpdateExpression: 'SET #ttl = :ttl', ExpressionAttributeValues: { ':ttl': expiresAt } }),
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        }),
      ),
    );
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
      while (keys.length > 0) {
        const result = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }),
        );
        for (const item of result.Responses?.[this.tableName] ?? []) found.set(String(item.pk), item);
        keys = (result.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined) ?? [];
        if (keys.length > 0) await backoff(0);
      }
    }
    return pks.map((pk) => found.get(pk));
  }

  /**
   * The row and its whole history in one consistent Query over the item collection (`H#...` sorts
   * before `ROW`, tag items after it). Read backwards, so the row is read before any history item:
   * the same order as a GetItem followed by a Query, which the version condition relies on (a
   * history item written after the row was read can only make the conditional write fail).
   */
  private async readRowAndHistory(pk: string): Promise<{ row: Item | undefined; history: Item[] }> {
    let row: Item | undefined;
    const history: Item[] = [];
    let after: PageKey | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :row',
          ExpressionAttributeValues: { ':pk': pk, ':first': HISTORY_PREFIX, ':row': ROW_SORT_KEY },
          ConsistentRead: true,
          ScanIndexForward: false,
          ExclusiveStartKey: after,
        }),
      );
      for (const item of result.Items ?? []) {
        if (item.sk === ROW_SORT_KEY) row = item;
        else history.push(item);
      }
      after = result.LastEvaluatedKey;
    } while (after);
    return { row, history };
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

  private nowSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }
}

// ---- query planning -------------------------------------------------------------------------

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
    values: { ':pk': partitionValue },
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

function versionCondition(current: Item | undefined) {
  return current
    ? {
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: { ':version': current.version },
      }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
}

function matchesTags(record: ResourceRecord, tags: Record<string, string> | undefined): boolean {
  return Object.entries(tags ?? {}).every(([key, value]) => record.tags[key] === value);
}

function sameTags(a: Record<string, string>, b: Record<string, string>): boolean {
  const aKeys = Object.keys(a);
  return aKeys.length === Object.keys(b).length && aKeys.every((key) => b[key] === a[key]);
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

function withoutUndefined<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function emptyOutcome(): ApplyOutcome {
  return { recorded: 0, duplicates: 0, rowsWritten: 0, rowsUnchanged: 0, conflictsRetried: 0 };
}

export function addOutcomes(a: ApplyOutcome, b: ApplyOutcome): ApplyOutcome {
  return {
    recorded: a.recorded + b.recorded,
    duplicates: a.duplicates + b.duplicates,
    rowsWritten: a.rowsWritten + b.rowsWritten,
    rowsUnchanged: a.rowsUnchanged + b.rowsUnchanged,
    conflictsRetried: a.conflictsRetried + b.conflictsRetried,
  };
}

/** Full-jitter exponential backoff, capped at 1 s. */
function backoff(attempt: number): Promise<void> {
  const cap = Math.min(1000, 10 * 2 ** attempt);
  return new Promise((resolveWait) => setTimeout(resolveWait, Math.random() * cap));
}
