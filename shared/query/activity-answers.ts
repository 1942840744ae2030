// Answers about the index as a whole: its counts (with the names of the accounts counted), its own
// change feed and its snapshot runs. Each is a Query or two on a partition the store keeps for it,
// whatever the index size (the names: a Query per 1,000 accounts of the organization).
import { accountNamesOf } from './account-names';
import { shapeChange, shapeSnapshotRun } from './item-fields';
import { PAGE_LIMIT } from './query-parameters';
import type { RouteContext, RouteOutcome, RouteRequest } from './query-route';

export async function answerSummary({ query }: RouteRequest, context: RouteContext): Promise<RouteOutcome> {
  const summary = await context.readers.summary.readSummary(query.status ?? 'active');
  const accountNames = await accountNamesOf(context.store, Object.keys(summary.byAccount));
  return { kind: 'item', body: { ...summary, accountNames } };
}

export async function answerChanges(
  { query, after }: RouteRequest,
  context: RouteContext,
): Promise<RouteOutcome> {
  const page = await context.readers.changes.listChanges({
    limit: query.limit ?? PAGE_LIMIT.defaultValue,
    after,
  });
  return { kind: 'page', items: page.items.map(shapeChange), next: page.next };
}

export async function answerSnapshotRuns(
  { query, after }: RouteRequest,
  context: RouteContext,
): Promise<RouteOutcome> {
  const page = await context.readers.snapshots.listSnapshotRuns({
    limit: query.limit ?? PAGE_LIMIT.defaultValue,
    after,
  });
  return { kind: 'page', items: page.items.map(shapeSnapshotRun), next: page.next };
}
