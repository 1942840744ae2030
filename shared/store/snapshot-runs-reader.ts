// Reads the recorded snapshot runs (`GET /snapshots`), newest first, from their one partition.
// Run item (shared/store/snapshot-runs.ts writes it): pk `SNAPSHOTS`, sk `<listedAt>#<runId>`.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SNAPSHOT_RUNS_PK } from './index-items';
import type { Item } from './index-items';
import type { Page, PageRequest } from './index-store';
import { readPartitionNewestFirst } from './partition-page';
import { TABLE_KEYS } from './table-definition';
import { ForeignPageKeyError } from './change-feed-reader';

/** One snapshot run: what it listed and what the index did with it. */
export interface SnapshotRun {
  id: string;
  /** What was listed: e.g. `config`, `resource-explorer`, `cloudformation`, `tagging`, `cloud-control`. */
  source: string;
  account: string | null;
  region: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** True when the listing was complete for its scope (only then can it infer deletions). */
  complete: boolean;
  observed: number;
  created: number;
  updated: number;
  inferredDeleted: number;
}

export interface SnapshotRunsReader {
  listSnapshotRuns(page: PageRequest): Promise<Page<SnapshotRun>>;
}

export function createSnapshotRunsReader(options: {
  client: DynamoDBDocumentClient;
  tableName: string;
  now?: () => Date;
}): SnapshotRunsReader {
  const now = options.now ?? (() => new Date());
  return {
    async listSnapshotRuns(page) {
      if (page.after && page.after[TABLE_KEYS.partitionKey] !== SNAPSHOT_RUNS_PK)
        throw new ForeignPageKeyError('page key is not a snapshot run key');
      const nowSeconds = Math.floor(now().getTime() / 1000);
      const items: SnapshotRun[] = [];
      let after = page.after;
      // A TTL filter can make a Query return fewer items than asked: read on until full or done.
      do {
        const missing = page.limit - items.length;
        const read = await readPartitionNewestFirst(
          options.client,
          options.tableName,
          SNAPSHOT_RUNS_PK,
          missing,
          after,
          nowSeconds,
        );
        items.push(...read.items.map(runOf));
        after = read.next;
      } while (after && items.length < page.limit);
      return { items, next: after };
    },
  };
}

function runOf(item: Item): SnapshotRun {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const count = (value: unknown) => (typeof value === 'number' ? value : 0);
  return {
    id: String(item.id),
    source: String(item.source),
    account: text(item.account),
    region: text(item.region),
    startedAt: String(item.startedAt),
    finishedAt: text(item.finishedAt),
    complete: item.complete === true,
    observed: count(item.observed),
    created: count(item.created),
    updated: count(item.updated),
    inferredDeleted: count(item.inferredDeleted),
  };
}
