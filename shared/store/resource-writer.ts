// The write path of resources: a change merges into the row's stored state (never re-reading
// history), and the history item, the row and everything derived from it go in one transaction,
// conditioned on the row's version. One request per change in the usual case: the row's state comes
// from a write-through cache (a stale entry only makes the condition fail and the row be read again).
import {
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecordedChange } from '../model/change-order';
import type { ResourceChange } from '../model/resource-change';
import type { ResourceRecord } from '../model/resource-record';
import { mergeChanges, recordOfState } from '../model/resource-state';
import type { ResourceState } from '../model/resource-state';
import { backoff } from './backoff';
import {
  changeFeedEntryOf,
  changeFeedItem,
  counterMoves,
  derivedItemsOf,
  diffDerivedItems,
} from './derived-items';
import type { RowImage, TokensOf } from './derived-items';
import type { ChangeFeedEntry } from '../notify/change-notifier';
import {
  HISTORY_PREFIX,
  ROW_SORT_KEY,
  STATE_ATTRIBUTE,
  TAG_PREFIX,
  WORD_PREFIX,
  expiryOf,
  historySortKey,
  resourceFromItem,
  resourcePk,
  resourceRowItem,
  scopePk,
} from './index-items';
import type { Item } from './index-items';
import { RETURN_CONSUMED_CAPACITY, reportConsumedCapacity } from './consumed-capacity';
import { RowCache } from './row-cache';
import { listingsOfScope } from './listing-scope';
import type { ScopeListing } from './listing-scope';
import { TTL_ATTRIBUTE } from './table-definition';

/** DynamoDB's limit on the actions of one transaction. */
const MAX_TRANSACTION_ACTIONS = 100;
/** How long a listing scope read stays fresh for new rows. */
const SCOPE_CACHE_MS = 10_000;

export interface ResourceWriteResult {
  /** Changes new to history. */
  recorded: number;
  /** Changes already in history (a redelivered event). */
  duplicates: number;
  /** True when the row (its state) was written. */
  rowWritten: boolean;
  /** True when the row did not exist before. */
  rowCreated: boolean;
  /** The change-feed entry, when something notable moved. */
  change?: ChangeFeedEntry;
  conflictsRetried: number;
  /** The record after the write (or as it stands, when nothing changed). */
  record: ResourceRecord;
}

export interface ResourceWriterOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  retentionDays: number | undefined;
  now: () => Date;
  tokensOf: TokensOf;
  maxConflictRetries: number;
  cacheSize?: number;
}

interface StoredRow {
  version: number;
  state: ResourceState;
  image: RowImage;
  /** A row whose tag/word entries were too many for its transaction and may lag behind it. */
  derivedPending: boolean;
}

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

export class ResourceWriter {
  private readonly cache: RowCache<StoredRow>;
  private readonly scopes = new RowCache<{ readAt: number; version?: number; listings: ScopeListing[] }>(
    10_000,
  );
  /** How often a resource missing from the cache really was new: below one half, read before writing. */
  private newOnMissRate = 1;

  constructor(private readonly options: ResourceWriterOptions) {
    this.cache = new RowCache(options.cacheSize ?? 20_000);
  }

  /** Merges one resource's changes (one event's, usually one) into its row. Idempotent. */
  async write(changes: readonly RecordedChange[]): Promise<ResourceWriteResult> {
    const pk = resourcePk(changes[0].id);
    let pending = [...changes];
    let scopeAbsences: RecordedChange[] | undefined;
    let scopeCheck: ScopeCheck | undefined;
    let duplicates = 0;
    let conflictsRetried = 0;
    let current = this.cache.get(pk);
    let known = current !== undefined;
    if (!known && this.newOnMissRate < 0.5) {
      current = await this.readRow(pk);
      known = true;
    }

    for (let attempt = 0; ; attempt++) {
      if (!current && !scopeAbsences) {
        // A new row: complete listings of its scope newer than its changes did not see it (or saw
        // it, and their observations will outrank these absences when they arrive).
        const fresh = mergeChanges(undefined, pending);
        if (fresh)
          ({ absences: scopeAbsences, check: scopeCheck } = await this.scopeOf(
            recordOfState(fresh),
            pending,
          ));
      }
      const toRecord = [...pending, ...(scopeAbsences ?? [])];
      const merged = mergeChanges(current?.state, toRecord);
      if (!merged) throw new Error(`no change to write for ${pk}`);
      const plan = this.plan(pk, current, merged, toRecord, current ? undefined : scopeCheck);
      try {
        if (plan.actions.length > 0) await this.send(plan.actions);
        if (plan.overflow) await this.writeOverflow(pk, plan.version, plan.image);
        if (!known) this.learnNewOnMiss(true);
        if (plan.rowWritten)
          this.cache.set(pk, {
            version: plan.version,
            state: merged,
            image: plan.image,
            derivedPending: false,
          });
        return {
          recorded: pending.length,
          duplicates,
          rowWritten: plan.rowWritten,
          rowCreated: plan.rowWritten && current === undefined,
          change: plan.change,
          conflictsRetried,
          record: plan.image.record,
        };
      } catch (error) {
        const codes = isLockTimeout(error) ? ['TransactionConflict'] : cancellationCodes(error);
        if (!codes || attempt >= this.options.maxConflictRetries) throw error;
        // History items that already exist: those changes were merged into the row with them, atomically.
        const seen = new Set(
          toRecord.filter((_, i) => codes[plan.historyActions[i]] === 'ConditionalCheckFailed'),
        );
        duplicates += pending.filter((change) => seen.has(change)).length;
        pending = pending.filter((change) => !seen.has(change));
        if (scopeAbsences) scopeAbsences = scopeAbsences.filter((absence) => !seen.has(absence));
        const rowStale = plan.rowAction !== undefined && codes[plan.rowAction] === 'ConditionalCheckFailed';
        const racing = codes.includes('TransactionConflict');
        if (
          plan.scopeAction !== undefined &&
          codes[plan.scopeAction] === 'ConditionalCheckFailed' &&
          scopeCheck
        ) {
          // A listing of the scope landed since it was read: its absence may apply to this new row.
          this.scopes.delete(scopeCheck.cacheKey);
          scopeAbsences = undefined;
          scopeCheck = undefined;
          conflictsRetried++;
        }
        if (rowStale || racing) {
          if (!known) this.learnNewOnMiss(false);
          conflictsRetried++;
          if (racing) await backoff(attempt);
          current = await this.readRow(pk);
          known = true;
        }
        if (pending.length === 0) {
          // Every change was a redelivery: the row already holds them (and the absence, if any).
          const record = (current ?? (await this.readRow(pk)))?.image.record ?? recordOfState(merged);
          return { recorded: 0, duplicates, rowWritten: false, rowCreated: false, conflictsRetried, record };
        }
      }
    }
  }

  /** The transaction for a merged state: history items, and when the state moved, row and derived items. */
  private plan(
    pk: string,
    current: StoredRow | undefined,
    merged: ResourceState,
    changes: RecordedChange[],
    scopeCheck?: ScopeCheck,
  ) {
    const { tableName } = this.options;
    const actions: TransactItem[] = [];
    const historyActions: number[] = [];
    // A new row's absences come from its scope as read: the row lands only if no listing of the
    // scope landed since, or the listing's row query (which ran before this row existed) and this
    // write would both miss the absence.
    let scopeAction: number | undefined;
    if (scopeCheck) {
      scopeAction = actions.length;
      actions.push({
        ConditionCheck: {
          TableName: tableName,
          Key: scopeCheck.key,
          ...(scopeCheck.version === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: '#version = :version',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':version': scopeCheck.version },
              }),
        },
      });
    }
    for (const change of changes) {
      historyActions.push(actions.length);
      actions.push({
        Put: {
          TableName: tableName,
          Item: { pk, sk: historySortKey(change), change: withoutUndefined(change) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    const stateMoved = !current || JSON.stringify(current.state) !== JSON.stringify(merged);
    if (current && !stateMoved) {
      // An old change the row already outranks: only its history item is new.
      return {
        actions,
        historyActions,
        scopeAction,
        version: current.version,
        image: current.image,
        rowWritten: false,
      };
    }
    const record = recordOfState(merged);
    const expiresAt = expiryOf(record.deletedAt, this.options.retentionDays);
    const version = (current?.version ?? 0) + 1;
    const image: RowImage = { record, expiresAt };
    const indexedAt = this.options.now().toISOString();
    const before = current?.image;
    const rowItem: Item = {
      ...resourceRowItem({ ...record, indexedAt }, version, expiresAt),
      [STATE_ATTRIBUTE]: JSON.stringify(merged),
    };
    const rowAction = actions.length;
    actions.push({ Put: { TableName: tableName, Item: rowItem, ...versionCondition(current) } });

    for (const move of counterMoves(before?.record, record))
      actions.push({
        Update: {
          TableName: tableName,
          Key: { pk: move.pk, sk: move.sk },
          UpdateExpression: 'ADD #count :delta',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':delta': move.delta },
        },
      });
    const change = changeFeedEntryOf(before?.record, record, indexedAt, version);
    if (change) actions.push({ Put: { TableName: tableName, Item: changeFeedItem(change) } });

    const derived = diffDerivedItems(before, image, this.options.tokensOf);
    const derivedActions: TransactItem[] = [
      ...derived.puts.map((item) => ({ Put: { TableName: tableName, Item: item } })),
      ...derived.removes.map((key) => ({ Delete: { TableName: tableName, Key: key } })),
    ];
    const overflow =
      actions.length + derivedActions.length > MAX_TRANSACTION_ACTIONS || current?.derivedPending === true;
    if (overflow) {
      // Too many entries for one transaction (a 50-by-50 tag swap): the row goes first, marked, and
      // the entries follow in batches; a writer that finds the mark resynchronises them all.
      rowItem.derivedPending = true;
    } else {
      actions.push(...derivedActions);
    }
    return {
      actions,
      historyActions,
      scopeAction,
      rowAction,
      version,
      image,
      rowWritten: true,
      change,
      overflow,
    };
  }

  private async send(actions: TransactItem[]): Promise<void> {
    const output = await this.options.client.send(
      new TransactWriteCommand({ TransactItems: actions, ...RETURN_CONSUMED_CAPACITY }),
    );
    reportConsumedCapacity('TransactWriteItems', output);
  }

  /** Makes the row's tag and word entries exactly its image's, then clears the row's mark. */
  private async writeOverflow(pk: string, version: number, image: RowImage): Promise<void> {
    const { client, tableName } = this.options;
    const wanted = derivedItemsOf(image, this.options.tokensOf);
    const existing = await this.derivedKeysOf(pk);
    const requests = [
      ...[...wanted.values()].map((item) => ({ PutRequest: { Item: item } })),
      ...[...existing].filter((sk) => !wanted.has(sk)).map((sk) => ({ DeleteRequest: { Key: { pk, sk } } })),
    ];
    for (let start = 0; start < requests.length; start += 25) {
      let batch = requests.slice(start, start + 25);
      for (let attempt = 0; batch.length > 0; attempt++) {
        const result = await client.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: batch }, ...RETURN_CONSUMED_CAPACITY }),
        );
        reportConsumedCapacity('BatchWriteItem', result);
        batch = (result.UnprocessedItems?.[tableName] ?? []) as typeof batch;
        if (batch.length > 0 && attempt >= 8)
          throw new Error(`DynamoDB left ${batch.length} index entries of ${pk} unprocessed after 8 retries`);
        if (batch.length > 0) await backoff(attempt);
      }
    }
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk, sk: ROW_SORT_KEY },
          UpdateExpression: 'REMOVE derivedPending',
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':version': version },
        }),
      );
    } catch (error) {
      // A newer writer already moved the row on; it resynchronises the entries itself.
      if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
    }
  }

  private async derivedKeysOf(pk: string): Promise<Set<string>> {
    const keys = new Set<string>();
    for (const prefix of [TAG_PREFIX, WORD_PREFIX]) {
      let after: Record<string, unknown> | undefined;
      do {
        const result = await this.options.client.send(
          new QueryCommand({
            TableName: this.options.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
            ProjectionExpression: 'sk',
            ConsistentRead: true,
            ExclusiveStartKey: after,
          }),
        );
        for (const item of result.Items ?? []) keys.add(String(item.sk));
        after = result.LastEvaluatedKey;
      } while (after);
    }
    return keys;
  }

  /** The row as stored, with its merge state (rebuilt from history for rows written before states). */
  private async readRow(pk: string): Promise<StoredRow | undefined> {
    const result = await this.options.client.send(
      new GetCommand({
        TableName: this.options.tableName,
        Key: { pk, sk: ROW_SORT_KEY },
        ConsistentRead: true,
      }),
    );
    const item = result.Item;
    if (!item) {
      this.cache.delete(pk);
      return undefined;
    }
    const stateText = item[STATE_ATTRIBUTE];
    const state =
      typeof stateText === 'string'
        ? (JSON.parse(stateText) as ResourceState)
        : mergeChanges(undefined, await this.readHistory(pk));
    if (!state) throw new Error(`row ${pk} has neither a state nor a history`);
    const expiresAt = item[TTL_ATTRIBUTE];
    const stored: StoredRow = {
      version: Number(item.version),
      state,
      image: {
        record: withoutIndexedAt(resourceFromItem(item)),
        expiresAt: typeof expiresAt === 'number' ? expiresAt : undefined,
      },
      derivedPending: item.derivedPending === true,
    };
    this.cache.set(pk, stored);
    return stored;
  }

  private async readHistory(pk: string): Promise<RecordedChange[]> {
    const history: RecordedChange[] = [];
    let after: Record<string, unknown> | undefined;
    do {
      const result = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': HISTORY_PREFIX },
          ConsistentRead: true,
          ExclusiveStartKey: after,
        }),
      );
      for (const item of result.Items ?? []) history.push(item.change as RecordedChange);
      after = result.LastEvaluatedKey;
    } while (after);
    return history;
  }

  /**
   * The absences the complete listings of a scope newer than these changes imply for a resource they
   * did not see, and the scope version they were read at. Scopes are read through a short-lived
   * cache: one read per account, region and type every few seconds, not one per new resource; the
   * write's condition on the version catches a listing that landed since (then the scope is read
   * again).
   */
  private async scopeOf(
    record: ResourceRecord,
    changes: RecordedChange[],
  ): Promise<{ absences: RecordedChange[]; check: ScopeCheck }> {
    const key = { pk: scopePk(record.account, record.region), sk: record.type };
    const cacheKey = `${key.pk}\u0000${key.sk}`;
    const nowMs = Date.now();
    let scope = this.scopes.get(cacheKey);
    if (!scope || scope.readAt + SCOPE_CACHE_MS < nowMs) {
      const result = await this.options.client.send(
        new GetCommand({
          TableName: this.options.tableName,
          Key: key,
          ConsistentRead: true,
          ...RETURN_CONSUMED_CAPACITY,
        }),
      );
      reportConsumedCapacity('GetItem', result);
      const version = result.Item === undefined ? undefined : Number(result.Item.version ?? 0);
      scope = { readAt: nowMs, version, listings: listingsOfScope(result.Item) };
      this.scopes.set(cacheKey, scope);
    }
    const earliest = earliestTime(changes);
    return {
      absences: scope.listings
        .filter((listing) => listing.listedAt > earliest)
        .map((listing) => absenceChange(record, listing.listedAt, listing.runId)),
      check: { key, cacheKey, version: scope.version },
    };
  }

  /** Drops cached scopes: a listing was just applied through this writer. */
  forgetScopes(): void {
    this.scopes.clear();
  }

  private learnNewOnMiss(wasNew: boolean): void {
    this.newOnMissRate = this.newOnMissRate * 0.9 + (wasNew ? 0.1 : 0);
  }
}

/** The scope item a new row's absences were read from, and the version they were read at. */
interface ScopeCheck {
  key: { pk: string; sk: string };
  cacheKey: string;
  /** Undefined: the scope had no item (no complete listing yet). */
  version?: number;
}

/** "Not in a complete listing of its scope at `listedAt`": a delete that moves status only. */
export function absenceChange(
  record: Pick<ResourceRecord, 'id' | 'type' | 'account' | 'region'>,
  listedAt: string,
  runId: string,
): RecordedChange {
  return {
    id: record.id,
    arn: null,
    type: record.type,
    account: record.account,
    region: record.region,
    action: 'delete',
    lifecycle: 'absent',
    eventTime: listedAt,
    eventId: runId,
    source: 'snapshot',
    seq: 0,
  };
}

function earliestTime(changes: readonly ResourceChange[]): string {
  return changes.reduce(
    (earliest, change) => (change.eventTime < earliest ? change.eventTime : earliest),
    changes[0].eventTime,
  );
}

/**
 * DynamoDB Local serialises transactions with item locks and answers a long wait with an internal
 * error ("too long waiting for a lock"); DynamoDB answers the same race with TransactionConflict.
 */
function isLockTimeout(error: unknown): boolean {
  return (
    error instanceof Error && error.name === 'InternalServerError' && /waiting for a lock/.test(error.message)
  );
}

function versionCondition(current: StoredRow | undefined) {
  return current
    ? {
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: { ':version': current.version },
      }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
}

/** The codes of a cancelled transaction, one per action; undefined for any other error. */
export function cancellationCodes(error: unknown): (string | undefined)[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return (reasons ?? []).map((reason) => reason.Code);
}

function withoutIndexedAt(record: ResourceRecord): ResourceRecord {
  const copy = { ...record };
  delete copy.indexedAt;
  return copy;
}

function withoutUndefined<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
