// What the index infers from a complete listing: every active row of a covered type in the listing's
// account and region that the listing did not see, and that nothing newer touched, is absent at the
// listing's time. Rows created later by older events learn it from the scope item the listing leaves.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { orderKey } from '../model/change-order';
import type { ListingCompletion } from '../model/resource-change';
import type { ResourceState } from '../model/resource-state';
import { STATE_ATTRIBUTE, boundedKeyPart, resourceFromItem } from './index-items';
import { recordScopeListing } from './listing-scope';
import type { Item } from './index-items';
import { absenceChange } from './resource-writer';
import type { ResourceWriter } from './resource-writer';
import { INDEXES } from './table-definition';

export class ListingReconciler {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly writer: ResourceWriter,
  ) {}

  /** Applies a listing's end; returns how many rows it found absent. Partial listings infer nothing. */
  async apply(listing: ListingCompletion): Promise<number> {
    if (!listing.complete || listing.types.length === 0) return 0;
    // The scope first: a row created from here on by older events reads it and ends absent too.
    for (const type of listing.types)
      await recordScopeListing(
        this.client,
        this.tableName,
        { account: listing.account, region: listing.region, type },
        listing,
      );
    this.writer.forgetScopes();
    const absentOrder = orderKey({
      eventTime: listing.listedAt,
      lifecycle: 'absent',
      eventId: listing.runId,
      seq: 0,
    });
    const types = new Set(listing.types);
    let inferred = 0;
    for await (const row of this.rowsOf(listing.account, listing.region)) {
      const record = resourceFromItem(row);
      if (!types.has(record.type)) continue;
      // Seen by this listing (or a newer one), or deleted before it: the absence changes nothing.
      if (record.lastConfirmed !== null && record.lastConfirmed >= listing.listedAt) continue;
      if (record.deletedAt !== null && record.deletedAt <= listing.listedAt) continue;
      const stateText = row[STATE_ATTRIBUTE];
      const state = typeof stateText === 'string' ? (JSON.parse(stateText) as ResourceState) : undefined;
      // A row some change newer than the listing keeps alive is out of its reach: no noise in history.
      if (state?.lastUpsert !== undefined && state.lastUpsert > absentOrder) continue;
      const result = await this.writer.write([absenceChange(record, listing.listedAt, listing.runId)]);
      if (result.rowWritten && result.record.status === 'deleted' && record.status === 'active') inferred++;
    }
    return inferred;
  }

  /** Every row (active and tombstone) of an account and region: a tombstone may get an earlier deletedAt. */
  private async *rowsOf(account: string, region: string): AsyncGenerator<Item> {
    const index = INDEXES.byAccountRegion;
    let after: Record<string, unknown> | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': index.partitionKey },
          ExpressionAttributeValues: {
            ':pk': boundedKeyPart(`${account}#${region}`, 1536),
          },
          ExclusiveStartKey: after,
        }),
      );
      yield* result.Items ?? [];
      after = result.LastEvaluatedKey;
    } while (after);
  }
}
