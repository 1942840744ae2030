// The table of resources: one row per resource, its name linking to the detail view, its stack to
// the stack's filter; rows are appended as pages arrive.
import type { ResourceRecord } from './api-shapes';
import { element } from './element';
import { formatTime } from './format-time';
import { hrefOf } from './view-route';

export interface ResourceTable {
  element: HTMLTableElement;
  add(items: readonly ResourceRecord[]): void;
}

const COLUMNS = ['Name', 'Type', 'Account', 'Region', 'Stack', 'Status', 'Tags', 'Last changed'];

export function resourceTable(): ResourceTable {
  const body = element('tbody');
  const table = element(
    'table',
    { className: 'resources' },
    element(
      'thead',
      {},
      element('tr', {}, ...COLUMNS.map((name) => element('th', { attributes: { scope: 'col' } }, name))),
    ),
    body,
  );
  return {
    element: table,
    add(items) {
      for (const item of items) body.append(row(item));
    },
  };
}

function row(item: ResourceRecord): HTMLTableRowElement {
  const detail = hrefOf({ view: 'resource', id: item.id });
  const stack = item.stack
    ? element(
        'a',
        {
          href: hrefOf({
            view: 'resources',
            query: new URLSearchParams({ stack: item.stack.id, status: 'all' }),
          }),
        },
        item.stack.name,
      )
    : '—';
  return element(
    'tr',
    { className: item.status === 'deleted' ? 'deleted' : '' },
    element('td', { className: 'name' }, element('a', { href: detail }, item.name)),
    element('td', { className: 'type' }, item.type),
    element('td', { className: 'where' }, item.account),
    element('td', { className: 'where' }, item.region),
    element('td', { className: 'where' }, stack),
    element('td', {}, statusBadge(item.status)),
    element('td', { className: 'tags' }, tagList(item.tags)),
    element('td', { className: 'time' }, formatTime(item.lastChanged)),
  );
}

export function statusBadge(status: string): HTMLElement {
  return element(
    'span',
    { className: `badge status-${status === 'deleted' ? 'deleted' : 'active'}` },
    status,
  );
}

export function tagList(tags: Readonly<Record<string, string>>): HTMLElement | string {
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return '—';
  return element(
    'ul',
    { className: 'tag-list' },
    ...entries.map(([key, value]) =>
      element(
        'li',
        { className: 'tag' },
        element('span', { className: 'tag-key' }, key),
        '=',
        element('span', { className: 'tag-value' }, value),
      ),
    ),
  );
}
