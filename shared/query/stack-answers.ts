// Answer of the stack listing: stacks by status, optionally by name prefix, through the kind index.
import { shapeStack } from './item-fields';
import { PAGE_LIMIT } from './query-parameters';
import type { RouteContext, RouteOutcome, RouteRequest } from './query-route';

export async function answerStackList(
  { query, after }: RouteRequest,
  context: RouteContext,
): Promise<RouteOutcome> {
  const page = await context.store.listStacks(
    { status: query.status, namePrefix: query.name },
    { limit: query.limit ?? PAGE_LIMIT.defaultValue, after },
  );
  return { kind: 'page', items: page.items.map(shapeStack), next: page.next };
}
