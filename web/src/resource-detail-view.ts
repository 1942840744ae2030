// One resource: its fields, its tags and its history timeline (newest first, paged like the lists).
import type { ApiClient } from './api-client';
import { HISTORY_PAGE, RESOURCE } from './api-shapes';
import type { HistoryEntry, ResourceRecord } from './api-shapes';
import { element } from './element';
import type { Child } from './element';
import { errorNotice } from './error-notice';
import { formatTime } from './format-time';
import { statusBadge, tagList } from './resource-table';
import { hrefOf } from './view-route';

const HISTORY_PAGE_SIZE = '50';
/** Lifecycles with their own colour in the timeline. */
const LIFECYCLES = new Set(['create', 'update', 'tag', 'detach', 'delete']);

export function resourceDetailView(api: ApiClient, id: string, signal: AbortSignal): HTMLElement {
  const path = `resources/${encodeURIComponent(id)}`;
  const summary = element(
    'section',
    { className: 'detail', attributes: { 'aria-busy': 'true' } },
    'Loading…',
  );
  const history = historyTimeline(api, `${path}/history`, signal);
  const view = element(
    'div',
    { className: 'resource-view' },
    element(
      'p',
      { className: 'back' },
      element('a', { href: hrefOf({ view: 'resources', query: new URLSearchParams() }) }, '← All resources'),
    ),
    summary,
    element('h3', {}, 'History'),
    history,
  );
  api
    .get(path, RESOURCE, undefined, signal)
    .then((resource) => summary.replaceChildren(...describeResource(resource)))
    .catch((error: unknown) => {
      if (!signal.aborted) summary.replaceChildren(errorNotice('this resource', error));
    })
    .finally(() => summary.setAttribute('aria-busy', 'false'));
  return view;
}

function describeResource(resource: ResourceRecord): HTMLElement[] {
  const stack = resource.stack
    ? [
        element(
          'a',
          {
            href: hrefOf({
              view: 'resources',
              query: new URLSearchParams({ stack: resource.stack.id, status: 'all' }),
            }),
          },
          resource.stack.name,
        ),
        ` (logical id ${resource.stack.logicalId})`,
      ]
    : ['—'];
  const rows: [string, ...Child[]][] = [
    ['Id', element('code', {}, resource.id)],
    ['ARN', resource.arn ? element('code', {}, resource.arn) : '—'],
    ['Type', resource.type],
    ['Service', resource.service],
    ['Account', resource.account],
    ['Region', resource.region],
    ['Status', statusBadge(resource.status)],
    ['Stack', ...stack],
    ['First seen', formatTime(resource.firstSeen)],
    ['Last changed', formatTime(resource.lastChanged)],
    ['Deleted at', formatTime(resource.deletedAt)],
    ['Sources', (resource.sources ?? []).join(', ') || '—'],
    ['Tags', tagList(resource.tags)],
  ];
  return [
    element('h2', { className: 'resource-name' }, resource.name),
    element(
      'dl',
      { className: 'fields' },
      ...rows.flatMap(([label, ...value]) => [element('dt', {}, label), element('dd', {}, ...value)]),
    ),
  ];
}

function historyTimeline(api: ApiClient, path: string, signal: AbortSignal): HTMLElement {
  const list = element('ol', { className: 'timeline' });
  const problems = element('div', { className: 'problems' });
  const more = element(
    'button',
    { className: 'load-more', attributes: { type: 'button' } },
    'Load more history',
  );
  more.hidden = true;
  const section = element(
    'section',
    { className: 'history', attributes: { 'aria-busy': 'true' } },
    list,
    problems,
    more,
  );
  let cursor: string | null = null;
  let count = 0;
  const load = async () => {
    more.disabled = true;
    problems.replaceChildren();
    try {
      const query = new URLSearchParams({ limit: HISTORY_PAGE_SIZE });
      if (cursor) query.set('cursor', cursor);
      const page = await api.get(path, HISTORY_PAGE, query, signal);
      cursor = page.nextCursor;
      count += page.items.length;
      list.append(...page.items.map(historyItem));
      if (count === 0 && cursor === null)
        problems.replaceChildren(element('p', { className: 'empty' }, 'No recorded changes.'));
    } catch (error) {
      if (signal.aborted) return;
      problems.replaceChildren(errorNotice('the history', error));
    } finally {
      more.disabled = false;
      section.setAttribute('aria-busy', 'false');
    }
    more.hidden = cursor === null;
  };
  more.addEventListener('click', () => void load());
  void load();
  return section;
}

function historyItem(entry: HistoryEntry): HTMLLIElement {
  const facts: Child[] = [];
  if (entry.name !== null) facts.push(fact('name', entry.name));
  if (entry.stack) facts.push(fact('stack', `${entry.stack.name} / ${entry.stack.logicalId}`));
  if (entry.stack === null) facts.push(fact('stack', 'detached'));
  if (entry.tags?.set) facts.push(fact('tags set', tagList(entry.tags.set)));
  if (entry.tags?.add) facts.push(fact('tags added', tagList(entry.tags.add)));
  if (entry.tags?.remove?.length) facts.push(fact('tags removed', entry.tags.remove.join(', ')));
  return element(
    'li',
    { className: `event lifecycle-${LIFECYCLES.has(entry.lifecycle) ? entry.lifecycle : 'other'}` },
    element(
      'div',
      { className: 'event-head' },
      formatTime(entry.eventTime),
      ' ',
      element('span', { className: 'badge' }, entry.lifecycle),
      ' ',
      element('span', { className: 'source' }, entry.source),
      entry.sourceStatus ? element('span', { className: 'source-status' }, ' · ', entry.sourceStatus) : null,
    ),
    facts.length > 0 ? element('dl', { className: 'event-facts' }, ...facts) : null,
  );
}

function fact(label: string, value: Child): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(element('dt', {}, label), element('dd', {}, value));
  return fragment;
}
