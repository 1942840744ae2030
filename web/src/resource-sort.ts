// Sorting the rows the page has loaded (the API returns index order and has no sort parameter): the
// orders a person asks for, written in the URL hash as `sort=name` or `sort=-lastChanged` (descending).
import type { ResourceRecord } from './api-shapes';
import { shownNameOf } from './resource-name';

interface SortKeyDefinition {
  label: string;
  value(resource: ResourceRecord): string;
}

export const SORT_KEYS = {
  name: { label: 'Name', value: (resource) => shownNameOf(resource).name },
  type: { label: 'Type', value: (resource) => resource.type },
  account: { label: 'Account', value: (resource) => resource.account },
  region: { label: 'Region', value: (resource) => resource.region },
  stack: { label: 'Stack', value: (resource) => resource.stack?.name ?? '' },
  status: { label: 'Status', value: (resource) => resource.status },
  lastChangedBy: { label: 'Changed by', value: (resource) => resource.lastChangedBy ?? '' },
  lastChanged: { label: 'Last changed', value: (resource) => resource.lastChanged },
} as const satisfies Record<string, SortKeyDefinition>;
export type SortKey = keyof typeof SORT_KEYS;

export interface SortOrder {
  key: SortKey;
  descending: boolean;
}

/** The hash parameter holding the order; never sent to the API. */
export const SORT_PARAMETER = 'sort';
export const RECENTLY_CHANGED_FIRST: SortOrder = { key: 'lastChanged', descending: true };

export function readSort(text: string | null): SortOrder | undefined {
  if (!text) return undefined;
  const descending = text.startsWith('-');
  const key = descending ? text.slice(1) : text;
  return isSortKey(key) ? { key, descending } : undefined;
}

export function sortText(order: SortOrder): string {
  return `${order.descending ? '-' : ''}${order.key}`;
}

export function describeSort(order: SortOrder): string {
  if (order.key === 'lastChanged') return order.descending ? 'recently changed first' : 'oldest change first';
  return `${SORT_KEYS[order.key].label.toLowerCase()}, ${order.descending ? 'Z to A' : 'A to Z'}`;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A stable sort: equal keys keep the API's order. Empty values go last either way. */
export function sortResources(items: readonly ResourceRecord[], order: SortOrder): ResourceRecord[] {
  const { value } = SORT_KEYS[order.key];
  const direction = order.descending ? -1 : 1;
  return items
    .map((item, at) => ({ item, at, key: value(item) }))
    .sort((a, b) => {
      if (a.key === '' || b.key === '') return (a.key === '' ? 1 : 0) - (b.key === '' ? 1 : 0) || a.at - b.at;
      return direction * collator.compare(a.key, b.key) || a.at - b.at;
    })
    .map(({ item }) => item);
}

function isSortKey(key: string): key is SortKey {
  return Object.hasOwn(SORT_KEYS, key);
}
