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
import type { ResourceRecord } from '../model/resource-record';
import { compareOrders, orderKey } from '../model/change-order';
import { mergeChanges, mergeStates, recordOfState } from '../model/resource-state';
import { impliedAliasIds } from '../arn/identity-aliases';
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
import { REDIRECT_ATTRIBUTE, isRedirectItem, redirectItem, redirectOfItem } from './alias-items';
import type { Redirect } from './alias-items';
import { listingsOfScope } from './listing-scope';
import type { ScopeListing } from './listing-scope';
import { TTL_ATTRIBUTE } from './table-definition';

/** DynamoDB's limit on the actions of one transaction. */
const MAX_TRANSACTION_ACTIONS = 100;
/** Redirects followed for one write before giving up (an alias names a canonical id, never another alias). */
const MAX_REDIRECTS = 3;
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

/** What the writer knows of a row key: a row, or a redirect (alias-items.ts). */
type StoredItem = StoredRow | Redirect;

function isRedirect(stored: StoredItem): stored is Redirect {
  return 'redirectTo' in stored;
}

/** A row stored under an alias id, about to be folded into the canonical row. */
interface AliasFold {
  aliasId: string;
  /** The order of the change that claims the alias. */
  claim: string;
  row: StoredRow;
  history: RecordedChange[];
  /** Sort keys of its tag and word entries. */
  derivedKeys: Set<string>;
}

interface AliasPlan {
  /** Redirects to write: where no item is, or replacing an older claim (`replaces`). */
  redirects: Map<string, Redirect & { replaces?: string }>;
  folds: AliasFold[];
}

type BatchWriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

export class ResourceWriter {
  private readonly cache: RowCache<StoredItem>;
  private readonly scopes = new RowCache<{ readAt: number; version?: number; listings: ScopeListing[] }>(
    10_000,
  );
  /** How often a resource missing from the cache really was new: below one half, read before writing. */
  private newOnMissRate = 1;

  constructor(private readonly options: ResourceWriterOptions) {
    this.cache = new RowCache(options.cacheSize ?? 20_000);
  }

  /**
   * Merges one resource's changes (one event's, usually one) into its row. Idempotent. Changes to an
   * alias id go to the row it redirects to; changes naming aliases claim them, folding a row stored
   * under one into this row in the same transaction (alias-items.ts).
   */
  async write(changes: readonly RecordedChange[]): Promise<ResourceWriteResult> {
    let id = changes[0].id;
    let pk = resourcePk(id);
    let pending = [...changes];
    let scopeAbsences: RecordedChange[] | undefined;
    let scopeCheck: ScopeCheck | undefined;
    let duplicates = 0;
    let conflictsRetried = 0;
    let redirects = 0;
    let current = this.cache.get(pk);
    let known = current !== undefined;
    if (!known && this.newOnMissRate < 0.5) {
      current = await this.readRow(pk);
      known = true;
    }

    for (let attempt = 0; ;) {
      if (current && isRedirect(current)) {
        // The id is an alias: its changes are the canonical row's (their order keys do not hold the id).
        if (++redirects > MAX_REDIRECTS) throw new Error(`${pk} redirects more than ${MAX_REDIRECTS} times`);
        if (current.foldPending) await this.finishFold(id, current.redirectTo);
        id = current.redirectTo;
        pk = resourcePk(id);
        pending = pending.map((change) => ({ ...change, id }));
        scopeAbsences = undefined;
        scopeCheck = undefined;
        current = this.cache.get(pk) ?? (await this.readRow(pk));
        known = true;
        continue;
      }
      if (!current && !scopeAbsences) {
        // A new row: complete listings of its scope newer than its changes did not see it (or saw
        // it, and their observations will outrank these absences when they arrive).
        const fresh = mergeChanges(undefined, pending);
        if (fresh) ({ absences: scopeAbsences, check: scopeCheck } = await this.scopeOf(fresh));
      }
      const toRecord = [...pending, ...(scopeAbsences ?? [])];
      const aliases = await this.planAliases(id, toRecord);
      const merged = aliases.folds.reduce<ResourceState | undefined>(
        (state, fold) => state && mergeStates(state, fold.row.state),
        mergeChanges(current?.state, toRecord),
      );
      if (!merged) throw new Error(`no change to write for ${pk}`);
      const plan = this.plan(pk, current, merged, toRecord, aliases, current ? undefined : scopeCheck);
      try {
        if (plan.actions.length > 0) await this.send(plan.actions);
        if (plan.overflow) await this.writeOverflow(pk, plan.version, plan.image);
        for (const [aliasId, redirect] of aliases.redirects) this.cache.set(resourcePk(aliasId), redirect);
        for (const fold of aliases.folds)
          this.cache.set(resourcePk(fold.aliasId), { redirectTo: id, claim: fold.claim, foldPending: false });
        for (const aliasId of plan.foldsPending) await this.finishFold(aliasId, id);
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
        attempt++;
        // History items that already exist: those changes were merged into the row with them, atomically.
        const seen = new Set(
          toRecord.filter((_, i) => codes[plan.historyActions[i]] === 'ConditionalCheckFailed'),
        );
        duplicates += pending.filter((change) => seen.has(change)).length;
        pending = pending.filter((change) => !seen.has(change));
        if (scopeAbsences) scopeAbsences = scopeAbsences.filter((absence) => !seen.has(absence));
        // An alias item moved meanwhile (claimed, or a row written under it): read it again.
        const aliasStale = plan.aliasActions.filter(({ index }) => codes[index] === 'ConditionalCheckFailed');
        for (const { aliasId } of aliasStale) this.cache.delete(resourcePk(aliasId));
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
        if (rowStale || racing || aliasStale.length > 0) {
          if (!known) this.learnNewOnMiss(false);
          conflictsRetried++;
          if (racing) await backoff(attempt);
          current = await this.readRow(pk);
          known = true;
        }
        if (pending.length === 0) {
          // Every change was a redelivery: the row already holds them (and the absence, if any).
          const row = current && !isRedirect(current) ? current : await this.readRow(pk);
          const record = row && !isRedirect(row) ? row.image.record : recordOfState(merged);
          return { recorded: 0, duplicates, rowWritten: false, rowCreated: false, conflictsRetried, record };
        }
      }
    }
  }

  /**
   * What the alias ids the changes name (their `aliases`, and those their ids imply) need: a redirect
   * where none is, or where an older claim points elsewhere; a fold where a row stands.
   */
  private async planAliases(id: string, changes: readonly RecordedChange[]): Promise<AliasPlan> {
    const claims = new Map<string, string>();
    for (const change of changes) {
      const order = orderKey(change);
      for (const aliasId of [...(change.aliases ?? []), ...impliedAliasIds(change.type, change.id)]) {
        const claim = claims.get(aliasId);
        if (aliasId !== id && (claim === undefined || compareOrders(order, claim) > 0))
          claims.set(aliasId, order);
      }
    }
    const plan: AliasPlan = { redirects: new Map(), folds: [] };
    for (const [aliasId, claim] of claims) {
      const aliasPk = resourcePk(aliasId);
      let stored = this.cache.get(aliasPk);
      const settled =
        stored !== undefined &&
        isRedirect(stored) &&
        stored.redirectTo === id &&
        !stored.foldPending &&
        compareOrders(stored.claim, claim) >= 0;
      if (settled) continue;
      stored = await this.readRow(aliasPk);
      if (stored === undefined) {
        plan.redirects.set(aliasId, { redirectTo: id, claim, foldPending: false });
      } else if (isRedirect(stored)) {
        // The newest claim holds the alias (a name reused by a later resource); redirecting is all.
        if (stored.foldPending && stored.redirectTo === id) await this.finishFold(aliasId, id);
        if (compareOrders(claim, stored.claim) > 0)
          plan.redirects.set(aliasId, { redirectTo: id, claim, foldPending: false, replaces: stored.claim });
      } else {
        plan.folds.push({
          aliasId,
          claim,
          row: stored,
          history: await this.readHistory(aliasPk),
          derivedKeys: stored.derivedPending
            ? await this.derivedKeysOf(aliasPk)
            : new Set(derivedItemsOf(stored.image, this.options.tokensOf).keys()),
        });
      }
    }
    return plan;
  }

  /** The transaction for a merged state: history items, and when the state moved, row and derived items. */
  private plan(
    pk: string,
    current: StoredRow | undefined,
    merged: ResourceState,
    changes: RecordedChange[],
    aliases: AliasPlan,
    scopeCheck?: ScopeCheck,
  ) {
    const { tableName } = this.options;
    const actions: TransactItem[] = [];
    const historyActions: number[] = [];
    const aliasActions: { index: number; aliasId: string }[] = [];
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
    for (const [aliasId, redirect] of aliases.redirects) {
      aliasActions.push({ index: actions.length, aliasId });
      actions.push({
        Put: {
          TableName: tableName,
          Item: redirectItem(aliasId, redirect),
          ...(redirect.replaces === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'claim = :claim',
                ExpressionAttributeValues: { ':claim': redirect.replaces },
              }),
        },
      });
    }
    const stateMoved =
      !current || aliases.folds.length > 0 || JSON.stringify(current.state) !== JSON.stringify(merged);
    if (current && !stateMoved) {
      // An old change the row already outranks: only its history item (and a claim) is new. Still
      // checked against the row's version: a fold may have just moved this row's history elsewhere.
      const rowAction = actions.length;
      actions.push({
        ConditionCheck: {
          TableName: tableName,
          Key: { pk, sk: ROW_SORT_KEY },
          ...versionCondition(current),
        },
      });
      return {
        actions,
        historyActions,
        aliasActions,
        scopeAction,
        rowAction,
        version: current.version,
        image: current.image,
        rowWritten: false,
        foldsPending: [],
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

    const folded = aliases.folds.map((fold) => fold.row.image.record);
    for (const move of counterMoves(before?.record, record, folded))
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
    const recordedKeys = new Set(changes.map(historySortKey));
    const foldMoves = aliases.folds.flatMap((fold) => this.foldMoves(fold, merged.id, recordedKeys));
    // Too many entries for one transaction (a 50-by-50 tag swap, a long folded history): the row and
    // the redirects go first, marked, and the entries follow in batches; a writer that finds a mark
    // ends the job.
    const overflow =
      actions.length + aliases.folds.length + derivedActions.length + foldMoves.length >
        MAX_TRANSACTION_ACTIONS || current?.derivedPending === true;
    // Each folded row becomes a redirect, conditioned on the version its state was read at.
    for (const fold of aliases.folds) {
      aliasActions.push({ index: actions.length, aliasId: fold.aliasId });
      actions.push(this.foldRedirect(fold, merged.id, overflow));
    }
    if (overflow) rowItem.derivedPending = true;
    else actions.push(...derivedActions, ...foldMoves);
    const foldsPending = overflow ? aliases.folds.map((fold) => fold.aliasId) : [];
    return {
      actions,
      historyActions,
      aliasActions,
      scopeAction,
      rowAction,
      version,
      image,
      rowWritten: true,
      change,
      overflow,
      foldsPending,
    };
  }

  /** The redirect that replaces a folded row, if the row is still at the version that was read. */
  private foldRedirect(fold: AliasFold, target: string, foldPending: boolean): TransactItem {
    return {
      Put: {
        TableName: this.options.tableName,
        Item: redirectItem(fold.aliasId, { redirectTo: target, claim: fold.claim, foldPending }),
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: { ':version': fold.row.version },
      },
    };
  }

  /**
   * A folded row's history copied to the canonical row (its order keys unchanged, so a redelivery of
   * one of its events is still a duplicate there) and everything else of it deleted.
   */
  private foldMoves(fold: AliasFold, target: string, recordedKeys: ReadonlySet<string>): TransactItem[] {
    const { tableName } = this.options;
    const aliasPk = resourcePk(fold.aliasId);
    return [
      ...fold.history
        .filter((change) => !recordedKeys.has(historySortKey(change)))
        .map((change) => ({ Put: { TableName: tableName, Item: historyItem(target, change) } })),
      ...fold.history.map((change) => ({
        Delete: { TableName: tableName, Key: { pk: aliasPk, sk: historySortKey(change) } },
      })),
      ...[...fold.derivedKeys].map((sk) => ({ Delete: { TableName: tableName, Key: { pk: aliasPk, sk } } })),
    ];
  }

  /**
   * Ends a fold left to batches: copies the alias row's remaining history to the canonical row,
   * deletes it and the alias's index entries, then clears the mark. Idempotent (a crash midway leaves
   * the mark, and the next writer to meet it runs this again).
   */
  private async finishFold(aliasId: string, target: string): Promise<void> {
    const aliasPk = resourcePk(aliasId);
    const history = await this.readHistory(aliasPk);
    await this.batchWrite(
      aliasPk,
      history.map((change) => ({ PutRequest: { Item: historyItem(target, change) } })),
    );
    const stale = [...history.map(historySortKey), ...(await this.derivedKeysOf(aliasPk))];
    await this.batchWrite(
      aliasPk,
      stale.map((sk) => ({ DeleteRequest: { Key: { pk: aliasPk, sk } } })),
    );
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: { pk: aliasPk, sk: ROW_SORT_KEY },
          UpdateExpression: 'REMOVE foldPending',
          ConditionExpression: '#to = :to',
          ExpressionAttributeNames: { '#to': REDIRECT_ATTRIBUTE },
          ExpressionAttributeValues: { ':to': target },
        }),
      );
    } catch (error) {
      // The alias was claimed by a newer resource meanwhile: the mark went with the old redirect.
      if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
    }
    this.cache.delete(aliasPk);
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
    await this.batchWrite(pk, [
      ...[...wanted.values()].map((item) => ({ PutRequest: { Item: item } })),
      ...[...existing].filter((sk) => !wanted.has(sk)).map((sk) => ({ DeleteRequest: { Key: { pk, sk } } })),
    ]);
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

  /** Writes requests in batches of 25, retrying what DynamoDB leaves unprocessed. */
  private async batchWrite(pk: string, requests: BatchWriteRequest[]): Promise<void> {
    const { client, tableName } = this.options;
    for (let start = 0; start < requests.length; start += 25) {
      let batch = requests.slice(start, start + 25);
      for (let attempt = 0; batch.length > 0; attempt++) {
        const result = await client.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: batch }, ...RETURN_CONSUMED_CAPACITY }),
        );
        reportConsumedCapacity('BatchWriteItem', result);
        batch = (result.UnprocessedItems?.[tableName] ?? []) as typeof batch;
        if (batch.length > 0 && attempt >= 8)
          throw new Error(`DynamoDB left ${batch.length} items of ${pk} unprocessed after 8 retries`);
        if (batch.length > 0) await backoff(attempt);
      }
    }
  }

  private async derivedKeysOf(pk: string): Promise<Set<string>> {
    const keys = new Set<string>();
    for (const prefix of [TAG_PREFIX, WORD_PREFIX])
      for await (const item of this.itemsUnder(pk, prefix, 'sk')) keys.add(String(item.sk));
    return keys;
  }

  /** Every item of the resource's collection whose sort key starts with `prefix`, read consistently. */
  private async *itemsUnder(pk: string, prefix: string, projection?: string): AsyncGenerator<Item> {
    let after: Record<string, unknown> | undefined;
    do {
      const result = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
          ProjectionExpression: projection,
          ConsistentRead: true,
          ExclusiveStartKey: after,
        }),
      );
      yield* result.Items ?? [];
      after = result.LastEvaluatedKey;
    } while (after);
  }

  /**
   * The row as stored, with its merge state (rebuilt from history for rows written before states), or
   * the redirect stored under an alias id.
   */
  private async readRow(pk: string): Promise<StoredItem | undefined> {
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
    if (isRedirectItem(item)) {
      const redirect = redirectOfItem(item);
      this.cache.set(pk, redirect);
      return redirect;
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
    for await (const item of this.itemsUnder(pk, HISTORY_PREFIX)) history.push(item.change as RecordedChange);
    return history;
  }

  /**
   * The absences the complete listings of a scope imply for a new resource they did not see, those
   * that move its state (none older than its newest upsert: the reconciler skips the same ones on
   * rows that exist, so a listing means the same whichever arrives first), and the scope version
   * they were read at. Scopes are read through a short-lived cache: one read per account, region and
   * type every few seconds, not one per new resource; the write's condition on the version catches
   * a listing that landed since (then the scope is read again).
   */
  private async scopeOf(state: ResourceState): Promise<{ absences: RecordedChange[]; check: ScopeCheck }> {
    const record = recordOfState(state);
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
    const { lastUpsert } = state;
    return {
      absences: scope.listings
        .map((listing) => absenceChange(record, listing.listedAt, listing.runId))
        .filter((absence) => lastUpsert === undefined || compareOrders(orderKey(absence), lastUpsert) > 0),
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

/** A history item of `target`: a change recorded under an alias id, now the canonical row's. */
function historyItem(target: string, change: RecordedChange): Item {
  return {
    pk: resourcePk(target),
    sk: historySortKey(change),
    change: withoutUndefined({ ...change, id: target }),
  };
}

function withoutIndexedAt(record: ResourceRecord): ResourceRecord {
  const copy = { ...record };
  delete copy.indexedAt;
  return copy;
}

function withoutUndefined<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
