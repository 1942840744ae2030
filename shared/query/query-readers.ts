// The read models beside the resource rows that the query routes serve: word search, summary
// counters, the change feed and snapshot runs. Built once per handler over the same table.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createChangeFeedReader } from '../store/change-feed-reader';
import type { ChangeFeedReader } from '../store/change-feed-reader';
import { createSnapshotRunsReader } from '../store/snapshot-runs-reader';
import type { SnapshotRunsReader } from '../store/snapshot-runs-reader';
import { createSummaryReader } from '../store/summary-reader';
import type { SummaryReader } from '../store/summary-reader';
import { createWordSearch } from '../store/word-search';
import type { WordSearch } from '../store/word-search';

export interface QueryReaders {
  search: WordSearch;
  summary: SummaryReader;
  changes: ChangeFeedReader;
  snapshots: SnapshotRunsReader;
}

/**
 * @example
 * const readers = createQueryReaders({ client: documentClient, tableName });
 * createQueryApiHandler({ store, readers });
 */
export function createQueryReaders(options: {
  client: DynamoDBDocumentClient;
  tableName: string;
  now?: () => Date;
}): QueryReaders {
  return {
    search: createWordSearch(options),
    summary: createSummaryReader(options),
    changes: createChangeFeedReader(options),
    snapshots: createSnapshotRunsReader(options),
  };
}
