// One ordered listing over a partition written in LIST_SHARDS shards (index-items.ts): each shard is
// read from its own position, the pages are merged in sort order up to the first point where a shard
// may still hold earlier items, and the positions after any prefix of the merge make the cursor.
import { LIST_SHARDS } from './index-items';
import type { Item } from './index-items';
import type { Page, PageKey } from './index-store';

/** Where a sharded listing stands in one shard: not begun, a key, or done. */
export type ShardPosition = 'start' | 'end' | PageKey;

/** The positions a page key holds (`{shards: [...]}`), or every shard at its start. */
export function shardPositionsOf(after: PageKey | undefined): ShardPosition[] {
  const shards = after?.shards;
  if (Array.isArray(shards) && shards.length === LIST_SHARDS) return shards as ShardPosition[];
  return Array.from({ length: LIST_SHARDS }, () => 'start' as const);
}

/** The page key for positions, or undefined when every shard is done. */
export function pageKeyOfPositions(positions: readonly ShardPosition[]): PageKey | undefined {
  return positions.every((position) => position === 'end') ? undefined : { shards: [...positions] };
}

export interface MergedShards {
  /** Every shard's items in order, up to the first point where a shard may still hold earlier ones. */
  entries: { item: Item; shard: number }[];
  /** Items the shard reads returned, merged or not (what a read budget counts). */
  read: number;
  /** Each shard's position once the first `count` entries are taken. */
  positionsAfter(count: number): ShardPosition[];
}

/**
 * `order` gives each item's sort position as a string; `direction` says whether the shards were read
 * ascending (listings, search) or descending (the change feed, newest first).
 */
export async function readShards(
  positions: readonly ShardPosition[],
  readShard: (shard: number, after: PageKey | undefined) => Promise<Page<Item>>,
  order: (item: Item) => string,
  keyOf: (item: Item) => PageKey,
  direction: 'ascending' | 'descending' = 'ascending',
): Promise<MergedShards> {
  const sign = direction === 'ascending' ? 1 : -1;
  const compare = (a: string, b: string) => sign * (a < b ? -1 : a > b ? 1 : 0);
  const pages = await Promise.all(
    positions.map((position, shard) =>
      position === 'end'
        ? Promise.resolve<Page<Item>>({ items: [] })
        : readShard(shard, position === 'start' ? undefined : position),
    ),
  );
  // Items past a shard's last returned key could be preceded by what that shard has not read yet;
  // a shard that returned nothing but may hold more could precede anything.
  const open = pages.filter((shardPage) => shardPage.next !== undefined);
  const blocked = open.some((shardPage) => shardPage.items.length === 0);
  const frontier = open
    .filter((shardPage) => shardPage.items.length > 0)
    .map((shardPage) => order(shardPage.items[shardPage.items.length - 1]))
    .reduce<string | undefined>(
      (first, key) => (first === undefined || compare(key, first) < 0 ? key : first),
      undefined,
    );
  const entries = pages
    .flatMap((shardPage, shard) => shardPage.items.map((item) => ({ item, shard, key: order(item) })))
    .filter((entry) => !blocked && (frontier === undefined || compare(entry.key, frontier) <= 0))
    .sort((a, b) => compare(a.key, b.key))
    .map(({ item, shard }) => ({ item, shard }));
  return {
    entries,
    read: pages.reduce((sum, shardPage) => sum + shardPage.items.length, 0),
    positionsAfter(count) {
      const taken = entries.slice(0, count);
      return positions.map((position, shard) => {
        if (position === 'end') return 'end';
        const mine = taken.filter((entry) => entry.shard === shard);
        const fetched = pages[shard];
        if (mine.length === fetched.items.length) return fetched.next ?? 'end';
        return mine.length > 0 ? keyOf(mine[mine.length - 1].item) : position;
      });
    },
  };
}
