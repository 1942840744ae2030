// Snapshot runs as the index saw them (`GET /snapshots`): one item per run, counted as its
// observations and its end arrive, in any order and any number of times.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ListingCompletion, SnapshotRunRef } from '../model/resource-change';
import { SNAPSHOT_RUNS_PK, snapshotRunSk } from './index-items';

export interface RunCounts {
  /** Observations new to the index (a redelivered batch counts nothing). */
  observed: number;
  created: number;
  updated: number;
  inferredDeleted: number;
}

export class SnapshotRuns {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Adds counts to a run, creating its item on first sight. */
  async count(run: SnapshotRunRef, counts: Partial<RunCounts>): Promise<void> {
    const adds = Object.entries(counts).filter(([, value]) => value !== undefined && value > 0);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = this.identitySets(run, names, values);
    const addParts = adds.map(([field, value], i) => {
      names[`#a${i}`] = field;
      values[`:a${i}`] = value;
      return `#a${i} :a${i}`;
    });
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: SNAPSHOT_RUNS_PK, sk: snapshotRunSk(run.listedAt, run.runId) },
        UpdateExpression: `SET ${sets.join(', ')}${addParts.length > 0 ? ` ADD ${addParts.join(', ')}` : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  /** Records a listing's end: finished, complete or not (and why), what it inferred. */
  async finish(listing: ListingCompletion, inferredDeleted: number): Promise<void> {
    const run: SnapshotRunRef = { ...listing };
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {
      ':finishedAt': listing.finishedAt,
      ':complete': listing.complete,
      ':inferred': inferredDeleted,
      ':types': listing.types,
      ':listed': listing.observed,
    };
    const sets = [
      ...this.identitySets(run, names, values),
      'finishedAt = :finishedAt',
      'complete = :complete',
      'scopeTypes = :types',
      'listedCount = :listed',
    ];
    if (listing.reason) {
      sets.push('reason = :reason');
      values[':reason'] = listing.reason;
    }
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: SNAPSHOT_RUNS_PK, sk: snapshotRunSk(listing.listedAt, listing.runId) },
        UpdateExpression: `SET ${sets.join(', ')} ADD inferredDeleted :inferred`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  private identitySets(run: SnapshotRunRef, names: Record<string, string>, values: Record<string, unknown>) {
    const fields = {
      id: run.runId,
      source: run.listingSource,
      account: run.account,
      region: run.region,
      startedAt: run.startedAt,
      listedAt: run.listedAt,
    };
    return Object.entries(fields).map(([field, value], i) => {
      names[`#i${i}`] = field;
      values[`:i${i}`] = value;
      return `#i${i} = if_not_exists(#i${i}, :i${i})`;
    });
  }
}
