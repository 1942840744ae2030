// The scope item of a (account, region, type): the recent complete listings that covered it, so a
// row created later from older events learns every absence those listings imply.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Item } from './index-items';
import { scopePk } from './index-items';

export interface ScopeListing {
  listedAt: string;
  runId: string;
}

/**
 * Listings kept per scope, newest kept. A resource whose events are older than all of them gets
 * absences for these only: it still ends deleted, at worst with a later deletedAt.
 */
export const MAX_SCOPE_LISTINGS = 50;

export function listingsOfScope(item: Item | undefined): ScopeListing[] {
  const listings = item?.listings;
  if (!Array.isArray(listings)) return [];
  return listings.filter(
    (entry): entry is ScopeListing =>
      typeof entry === 'object' && entry !== null && typeof (entry as ScopeListing).listedAt === 'string',
  );
}

/** Adds a listing to its scope (idempotent), conditioned on the version read, retried on a race. */
export async function recordScopeListing(
  client: DynamoDBDocumentClient,
  tableName: string,
  scope: { account: string; region: string; type: string },
  listing: ScopeListing,
): Promise<void> {
  const key = { pk: scopePk(scope.account, scope.region), sk: scope.type };
  for (let attempt = 0; ; attempt++) {
    const { Item: item } = await client.send(
      new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
    );
    const listings = listingsOfScope(item);
    if (listings.some((entry) => entry.listedAt === listing.listedAt && entry.runId === listing.runId))
      return;
    const next = [...listings, listing]
      .sort((a, b) =>
        a.listedAt < b.listedAt ? -1 : a.listedAt > b.listedAt ? 1 : a.runId < b.runId ? -1 : 1,
      )
      .slice(-MAX_SCOPE_LISTINGS);
    const version = typeof item?.version === 'number' ? item.version : 0;
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...key, version: version + 1, listings: next },
          ...(item
            ? {
                ConditionExpression: 'version = :version',
                ExpressionAttributeValues: { ':version': version },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
      return;
    } catch (error) {
      if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException') || attempt >= 20)
        throw error;
    }
  }
}
