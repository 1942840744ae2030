// Reads a paged list route: one page, or with --all every page by following nextCursor.
import { CliError } from './cli-error';
import type { InventoryClient } from './inventory-client';
import type { ApiItem } from './item-columns';

export interface ItemList {
  items: ApiItem[];
  /** More items exist beyond what was read (only without --all). */
  more: boolean;
}

export async function readItems(
  client: InventoryClient,
  path: string,
  query: URLSearchParams,
  all: boolean,
): Promise<ItemList> {
  const items: ApiItem[] = [];
  const pageQuery = new URLSearchParams(query);
  for (;;) {
    const page = await client.getJson(path, pageQuery);
    if (!isPage(page))
      throw new CliError(`/${path} did not answer a page ({items, nextCursor}): is --api the inventory API?`);
    items.push(...page.items);
    if (page.nextCursor === null || page.nextCursor === undefined) return { items, more: false };
    if (!all) return { items, more: true };
    pageQuery.set('cursor', page.nextCursor);
  }
}

function isPage(body: unknown): body is { items: ApiItem[]; nextCursor?: string | null } {
  if (typeof body !== 'object' || body === null) return false;
  const { items, nextCursor } = body as { items?: unknown; nextCursor?: unknown };
  return (
    Array.isArray(items) &&
    items.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item)) &&
    (nextCursor === undefined || nextCursor === null || typeof nextCursor === 'string')
  );
}
