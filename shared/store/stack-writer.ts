// The write path of stacks: like resources, a status change merges into the stored state (the newest
// status by the stack order wins) and goes with its history item in one conditional transaction.
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StackChange } from '../model/resource-change';
import { mergeStackChange, stackRecordOfState } from '../model/resource-fold';
import type { StackState } from '../model/resource-fold';
import { backoff } from './backoff';
import {
  ROW_SORT_KEY,
  STATE_ATTRIBUTE,
  expiryOf,
  stackHistorySortKey,
  stackPk,
  stackRowItem,
} from './index-items';
import type { Item } from './index-items';
import { cancellationCodes } from './resource-writer';
import { RETURN_CONSUMED_CAPACITY, reportConsumedCapacity } from './consumed-capacity';
import { RowCache } from './row-cache';

export interface StackWriteResult {
  recorded: number;
  duplicates: number;
  rowWritten: boolean;
  conflictsRetried: number;
}

interface StoredStack {
  version: number;
  state: StackState;
}

export class StackWriter {
  private readonly cache = new RowCache<StoredStack | null>(5_000);

  constructor(
    private readonly options: {
      client: DynamoDBDocumentClient;
      tableName: string;
      retentionDays: number | undefined;
      now: () => Date;
      maxConflictRetries: number;
    },
  ) {}

  async write(changes: readonly StackChange[]): Promise<StackWriteResult> {
    const pk = stackPk(changes[0].stackId);
    let pending = [...changes];
    let duplicates = 0;
    let conflictsRetried = 0;
    let current = this.cache.get(pk);
    if (current === undefined) current = await this.read(pk);
    for (let attempt = 0; ; attempt++) {
      let state = current?.state;
      for (const change of pending) state = mergeStackChange(state, change);
      if (!state) throw new Error(`no stack change to write for ${pk}`);
      const moved = !current || JSON.stringify(current.state) !== JSON.stringify(state);
      const version = (current?.version ?? 0) + (moved ? 1 : 0);
      const { tableName } = this.options;
      const actions: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> =
        pending.map((change) => ({
          Put: {
            TableName: tableName,
            Item: { pk, sk: stackHistorySortKey(change), change },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }));
      if (moved) {
        const record = stackRecordOfState(state);
        const item: Item = {
          ...stackRowItem(
            { ...record, indexedAt: this.options.now().toISOString() },
            version,
            expiryOf(record.deletedAt, this.options.retentionDays),
          ),
          [STATE_ATTRIBUTE]: JSON.stringify(state),
        };
        actions.push({
          Put: {
            TableName: tableName,
            Item: item,
            ...(current
              ? {
                  ConditionExpression: 'version = :version',
                  ExpressionAttributeValues: { ':version': current.version },
                }
              : { ConditionExpression: 'attribute_not_exists(pk)' }),
          },
        });
      }
      try {
        const output = await this.options.client.send(
          new TransactWriteCommand({ TransactItems: actions, ...RETURN_CONSUMED_CAPACITY }),
        );
        reportConsumedCapacity('TransactWriteItems', output);
        if (moved) this.cache.set(pk, { version, state });
        return { recorded: pending.length, duplicates, rowWritten: moved, conflictsRetried };
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes || attempt >= this.options.maxConflictRetries) throw error;
        const seen = new Set(pending.filter((_, i) => codes[i] === 'ConditionalCheckFailed'));
        duplicates += seen.size;
        pending = pending.filter((change) => !seen.has(change));
        if (moved && codes[pending.length + seen.size] === 'ConditionalCheckFailed') conflictsRetried++;
        if (codes.includes('TransactionConflict')) await backoff(attempt);
        current = await this.read(pk);
        if (pending.length === 0) return { recorded: 0, duplicates, rowWritten: false, conflictsRetried };
      }
    }
  }

  private async read(pk: string): Promise<StoredStack | null> {
    const result = await this.options.client.send(
      new GetCommand({
        TableName: this.options.tableName,
        Key: { pk, sk: ROW_SORT_KEY },
        ConsistentRead: true,
      }),
    );
    const item = result.Item;
    if (!item) return null;
    const text = item[STATE_ATTRIBUTE];
    const state: StackState =
      typeof text === 'string'
        ? (JSON.parse(text) as StackState)
        : {
            // A row written before states existed: its record holds the newest status.
            latest: {
              stackId: String(item.id),
              stackName: String(item.name),
              account: String(item.account),
              region: String(item.region),
              stackStatus: String(item.stackStatus),
              ...(item.statusReason ? { statusReason: String(item.statusReason) } : {}),
              eventTime: String(item.lastChanged),
              eventId: '',
            },
            latestOrder: '',
            firstSeen: String(item.firstSeen),
          };
    const stored = { version: Number(item.version), state };
    this.cache.set(pk, stored);
    return stored;
  }
}
