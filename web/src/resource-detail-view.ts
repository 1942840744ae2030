// One resource: its fields, its tags and its history timeline (newest first, paged like the lists).
import type { ApiClient } from './api-client';
import { HISTORY_PAGE, RESOURCE } from './api-shapes';
import type { HistoryEntry, ResourceRecord } from './api-shapes';
import { element } from './element';
import type { Child } from './element';
import { errorNotice } from './error-notice';
import { formatTime } from './format-time';
import { shownNameOf } from './resource-name';
import { principalText, resourceLinks, statusBadge, tagList } from './resource-table';
import { snapshotEffects } from './snapshot-effects';
import type { SnapshotEffect } from './snapshot-effects';
import { hrefOf } from './view-route';

const HISTORY_PAGE_SIZE = '50';
/** Lifecycles with their own colour in the timeline. */
const LIFECYCLES = new Set(['create', 'observe', 'update', 'tag', 'detach', 'delete', 'absent']);

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
    .then((resource) =>
      summary.replaceChildren(...describeResource(resource).filter((node) => node !== null)),
    )
    .catch((error: unknown) => {
      if (!signal.aborted) summary.replaceChildren(errorNotice('this resource', error));
    })
    .finally(() => summary.setAttribute('aria-busy', 'false'));
  return view;
}

function describeResource(resource: ResourceRecord): (HTMLElement | null)[] {
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
    ['Created by', principalText(resource.createdBy)],
    ['Last changed by', principalText(resource.lastChangedBy)],
    [
      'Last confirmed',
      resource.lastConfirmed
        ? element('span', { className: 'confirmed' }, formatTime(resource.lastConfirmed), ' by a snapshot')
        : element('span', { className: 'hint' }, 'never seen by a snapshot'),
    ],
    ['Sources', (resource.sources ?? []).join(', ') || '—'],
    ['Tags', tagList(resource.tags)],
    ['Links', ...resourceLinks(resource)],
  ];
  const shown = shownNameOf(resource);
  return [
    element('h2', { className: 'resource-name' }, shown.name),
    shown.id ? element('p', { className: 'resource-id' }, shown.id) : null,
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
  const entries: HistoryEntry[] = [];
  const load = async () => {
    more.disabled = true;
    problems.replaceChildren();
    try {
      const query = new URLSearchParams({ limit: HISTORY_PAGE_SIZE });
      if (cursor) query.set('cursor', cursor);
      const page = await api.get(path, HISTORY_PAGE, query, signal);
      cursor = page.nextCursor;
      entries.push(...page.items);
      // What a snapshot did can be told only against everything before it: once all is loaded.
      const effects = cursor === null ? snapshotEffects(entries) : new Map<number, SnapshotEffect>();
      list.replaceChildren(
        ...entries.map((entry, at) => historyItem(entry, effects.get(at), cursor === null)),
      );
      if (entries.length === 0 && cursor === null)
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

function historyItem(
  entry: HistoryEntry,
  effect: SnapshotEffect | undefined,
  complete: boolean,
): HTMLLIElement {
  const facts: Child[] = [];
  if (entry.principal) {
    const who = entry.principal.arn ?? entry.principal.invokedBy;
    if (who) facts.push(fact('by', principalText(who)));
    if (entry.principal.arn && entry.principal.invokedBy) facts.push(fact('via', entry.principal.invokedBy));
    if (entry.principal.sourceIPAddress) facts.push(fact('from', entry.principal.sourceIPAddress));
    if (entry.principal.userAgent) facts.push(fact('agent', entry.principal.userAgent));
  }
  if (entry.name !== null) facts.push(fact('name', entry.name));
  if (entry.stack) facts.push(fact('stack', `${entry.stack.name} / ${entry.stack.logicalId}`));
  if (entry.stack === null) facts.push(fact('stack', 'detached'));
  if (entry.tags?.set) facts.push(fact('tags set', tagList(entry.tags.set)));
  if (entry.tags?.add) facts.push(fact('tags added', tagList(entry.tags.add)));
  if (entry.tags?.remove?.length) facts.push(fact('tags removed', entry.tags.remove.join(', ')));
  const snapshot = entry.source === 'snapshot';
  const classes = [
    'event',
    `lifecycle-${LIFECYCLES.has(entry.lifecycle) ? entry.lifecycle : 'other'}`,
    snapshot ? `snapshot snapshot-${effect?.kind ?? 'unknown'}` : '',
  ];
  return element(
    'li',
    { className: classes.join(' ').trim() },
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
    snapshot ? snapshotNote(entry, effect, complete) : null,
    facts.length > 0 ? element('dl', { className: 'event-facts' }, ...facts) : null,
  );
}

/** What a snapshot observation did to the row, said in words. */
function snapshotNote(
  entry: HistoryEntry,
  effect: SnapshotEffect | undefined,
  complete: boolean,
): HTMLElement {
  const absent = entry.action === 'delete';
  let text: string;
  if (!effect)
    text = complete
      ? 'Snapshot observation.'
      : 'Snapshot observation: load the whole history to see what it changed.';
  else if (effect.kind === 'found')
    text = 'Snapshot found it: it existed before any event about it reached the index.';
  else if (effect.kind === 'confirmed')
    text = absent ? 'Snapshot confirmed it is gone.' : 'Snapshot confirmed it: nothing to correct.';
  else
    text = `Snapshot corrected the row: ${effect.fields.join(', ')}${absent ? ' (absent from a complete listing)' : ''}.`;
  return element('p', { className: 'snapshot-note' }, text);
}

function fact(label: string, value: Child): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(element('dt', {}, label), element('dd', {}, value));
  return fragment;
}
