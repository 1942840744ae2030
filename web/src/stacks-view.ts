// The stacks view: CloudFormation stacks by status, each opening onto its resources (loaded when
// opened, from /stacks/{stack}/resources, so the list itself costs one page of stacks).
import type { ApiClient } from './api-client';
import { STACK_PAGE } from './api-shapes';
import type { StackRecord } from './api-shapes';
import { element } from './element';
import { errorNotice } from './error-notice';
import { formatTime } from './format-time';
import { navigate } from './navigate';
import { resourceList } from './resource-list';
import { statusBadge } from './resource-table';
import { hrefOf } from './view-route';

const STATUSES = ['active', 'deleted', 'all'];
const STACK_PAGE_SIZE = '50';
const RESOURCE_PAGE_SIZE = '50';

export function stacksView(api: ApiClient, query: URLSearchParams, signal: AbortSignal): HTMLElement {
  const status = query.get('status') ?? 'all';
  const picker = element(
    'select',
    { attributes: { name: 'status', 'aria-label': 'Stack status' } },
    ...STATUSES.map((value) => element('option', { attributes: { value } }, value)),
  );
  picker.value = STATUSES.includes(status) ? status : 'all';
  picker.addEventListener('change', () =>
    navigate(hrefOf({ view: 'stacks', query: new URLSearchParams({ status: picker.value }) })),
  );

  const list = element('div', { className: 'stacks' });
  const listStatus = element('p', { className: 'list-status', attributes: { role: 'status' } }, 'Loading…');
  const problems = element('div', { className: 'problems' });
  const more = element(
    'button',
    { className: 'load-more', attributes: { type: 'button' } },
    'Load more stacks',
  );
  more.hidden = true;
  let cursor: string | null = null;
  let count = 0;
  const load = async () => {
    more.disabled = true;
    problems.replaceChildren();
    try {
      const apiQuery = new URLSearchParams({ status, limit: query.get('limit') ?? STACK_PAGE_SIZE });
      if (cursor) apiQuery.set('cursor', cursor);
      const page = await api.get('stacks', STACK_PAGE, apiQuery, signal);
      cursor = page.nextCursor;
      count += page.items.length;
      list.append(...page.items.map((stack) => stackPanel(api, stack, signal)));
      listStatus.replaceChildren(
        count === 0 && cursor === null
          ? element('span', { className: 'empty' }, 'No stacks with this status.')
          : `${count} ${count === 1 ? 'stack' : 'stacks'}${cursor === null ? '' : '; more to load'}. Open one to see its resources.`,
      );
    } catch (error) {
      if (signal.aborted) return;
      listStatus.replaceChildren();
      problems.replaceChildren(errorNotice('stacks', error));
    } finally {
      more.disabled = false;
    }
    more.hidden = cursor === null;
  };
  more.addEventListener('click', () => void load());
  void load();
  return element(
    'div',
    { className: 'stacks-view' },
    element('h2', {}, 'Stacks'),
    element('p', { className: 'filters-inline' }, element('label', {}, 'Status ', picker)),
    listStatus,
    list,
    problems,
    more,
  );
}

function stackPanel(api: ApiClient, stack: StackRecord, signal: AbortSignal): HTMLDetailsElement {
  const panel = element(
    'details',
    { className: `stack ${stack.status === 'deleted' ? 'deleted' : ''}` },
    element(
      'summary',
      {},
      element('span', { className: 'stack-name' }, stack.name),
      ' ',
      statusBadge(stack.status),
      ' ',
      element('span', { className: 'stack-status' }, stack.stackStatus),
      element('span', { className: 'stack-where' }, `${stack.account} / ${stack.region}`),
      element('span', { className: 'stack-time' }, 'last changed ', formatTime(stack.lastChanged)),
    ),
  );
  if (stack.statusReason) panel.append(element('p', { className: 'hint' }, stack.statusReason));
  panel.addEventListener('toggle', () => {
    if (!panel.open || panel.dataset.loaded) return;
    panel.dataset.loaded = 'yes';
    panel.append(
      resourceList({
        api,
        path: `stacks/${encodeURIComponent(stack.id)}/resources`,
        query: new URLSearchParams({ status: 'all', limit: RESOURCE_PAGE_SIZE }),
        signal,
        emptyMessage: 'No resources recorded for this stack.',
      }),
    );
  });
  return panel;
}
