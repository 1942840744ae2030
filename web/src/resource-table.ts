// The table of resources: one row per resource (its shown name linking to the detail view, its stack to
// the stack's filter, its console page and a copy-ARN button), sortable by its column headers. On a
// narrow screen the style sheet turns rows into cards and hides the minor columns.
import type { ResourceRecord } from './api-shapes';
import { consoleLinkOf, isConsoleUrl } from './console-link';
import { element } from './element';
import { formatTime } from './format-time';
import { shortPrincipal } from './principal-name';
import { shownNameOf } from './resource-name';
import { sortResources } from './resource-sort';
import type { SortKey, SortOrder } from './resource-sort';
import { hrefOf } from './view-route';

export interface ResourceTable {
  element: HTMLTableElement;
  /** Shows these rows (all loaded so far), in the current order. */
  show(items: readonly ResourceRecord[]): void;
  sort(order: SortOrder | undefined): void;
}

interface Column {
  label: string;
  sortKey?: SortKey;
  /** Hidden on a narrow screen. */
  minor?: boolean;
}

const COLUMNS: Column[] = [
  { label: 'Name', sortKey: 'name' },
  { label: 'Type', sortKey: 'type' },
  { label: 'Account / region', sortKey: 'account', minor: true },
  { label: 'Stack', sortKey: 'stack', minor: true },
  { label: 'Status', sortKey: 'status' },
  { label: 'Tags', minor: true },
  { label: 'Changed by', sortKey: 'lastChangedBy', minor: true },
  { label: 'Last changed', sortKey: 'lastChanged' },
  { label: 'Links' },
];

export function resourceTable(onSort?: (order: SortOrder | undefined) => void): ResourceTable {
  let order: SortOrder | undefined;
  let items: readonly ResourceRecord[] = [];
  const body = element('tbody');
  const headers = COLUMNS.map((column) => {
    const cell = element('th', {
      className: column.minor ? 'minor' : '',
      attributes: { scope: 'col' },
    });
    if (!column.sortKey) {
      cell.append(column.label);
      return { cell };
    }
    const key = column.sortKey;
    const button = element(
      'button',
      { className: 'sort-button', attributes: { type: 'button', 'data-sort': key } },
      column.label,
    );
    button.addEventListener('click', () => {
      // Click once ascending (newest first for times), again to reverse, a third time for index order.
      const first = key === 'lastChanged';
      let next: SortOrder | undefined;
      if (order?.key !== key) next = { key, descending: first };
      else if (order.descending === first) next = { key, descending: !first };
      table.sort(next);
      onSort?.(next);
    });
    cell.append(button);
    return { cell, key };
  });
  const head = element('thead', {}, element('tr', {}, ...headers.map(({ cell }) => cell)));
  const node = element('table', { className: 'resources' }, head, body);

  const render = () => {
    const shown = order ? sortResources(items, order) : items;
    body.replaceChildren(...shown.map(row));
    for (const { cell, key } of headers) {
      if (!key) continue;
      const sorted = order?.key === key;
      cell.setAttribute('aria-sort', sorted ? (order!.descending ? 'descending' : 'ascending') : 'none');
    }
  };
  const table: ResourceTable = {
    element: node,
    show(next) {
      items = next;
      render();
    },
    sort(next) {
      order = next;
      render();
    },
  };
  render();
  return table;
}

function row(item: ResourceRecord): HTMLTableRowElement {
  const detail = hrefOf({ view: 'resource', id: item.id });
  const shown = shownNameOf(item);
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
  const cell = (label: string, className: string, ...content: (Node | string)[]) =>
    element('td', { className, attributes: { 'data-label': label } }, ...content);
  return element(
    'tr',
    { className: item.status === 'deleted' ? 'deleted' : '' },
    cell(
      'Name',
      'name',
      element(
        'a',
        {
          href: detail,
          className: 'name-link',
          attributes: { title: shown.id ? `${shown.name} (${shown.id})` : shown.name },
        },
        shown.name,
      ),
      ...(shown.id ? [element('span', { className: 'resource-id' }, shown.id)] : []),
    ),
    cell('Type', 'type', item.type),
    cell(
      'Account / region',
      'where minor',
      element('span', { className: 'account' }, item.account),
      element('span', { className: 'region' }, item.region),
    ),
    cell('Stack', 'where minor', stack),
    cell('Status', 'status', statusBadge(item.status)),
    cell('Tags', 'tags minor', tagList(item.tags)),
    cell('Changed by', 'by minor', principalText(item.lastChangedBy)),
    cell('Last changed', 'time', formatTime(item.lastChanged)),
    cell('Links', 'links', ...resourceLinks(item)),
  );
}

/** The console link and the copy button, for the table and the detail view. */
export function resourceLinks(item: ResourceRecord): HTMLElement[] {
  const links: HTMLElement[] = [];
  const link = consoleLinkOf(item);
  if (link && isConsoleUrl(link.url)) {
    const what =
      link.kind === 'resource' ? 'this resource' : link.kind === 'service' ? 'its service' : 'the region';
    const anchor = element(
      'a',
      {
        className: `console-link console-${link.kind}`,
        attributes: {
          target: '_blank',
          rel: 'noopener noreferrer',
          title: `Open ${what} in the AWS console`,
        },
      },
      'Console',
    );
    // Set apart from element()'s in-page-only hrefs: this URL was built above and checked.
    anchor.href = link.url;
    links.push(anchor);
  }
  links.push(copyButton(item.arn ?? item.id, item.arn ? 'Copy ARN' : 'Copy id'));
  return links;
}

function copyButton(value: string, label: string): HTMLButtonElement {
  const button = element(
    'button',
    { className: 'link-button copy', attributes: { type: 'button', title: value, 'data-copy': value } },
    label,
  );
  button.addEventListener('click', () => {
    const done = (text: string) => {
      button.textContent = text;
      setTimeout(() => (button.textContent = label), 2000);
    };
    // The clipboard needs a secure context (https, or the local runtime on 127.0.0.1).
    if (!navigator.clipboard) return done('Copy: not here');
    navigator.clipboard.writeText(value).then(
      () => done('Copied'),
      () => done('Copy refused'),
    );
  });
  return button;
}

export function principalText(principal: string | null | undefined): HTMLElement | string {
  if (!principal) return '—';
  return element(
    'span',
    { className: 'principal', attributes: { title: principal } },
    shortPrincipal(principal),
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
