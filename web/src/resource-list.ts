// A paged list of resources from one API route: the first page on creation, further pages with the
// API's cursor behind a "Load more" button, an empty state, and the API's error when a page fails.
import { ApiError } from './api-client';
import type { ApiClient, ApiFailure } from './api-client';
import { RESOURCE_PAGE } from './api-shapes';
import type { ResourceRecord } from './api-shapes';
import { element } from './element';
import { errorNotice } from './error-notice';
import { describeSort } from './resource-sort';
import type { SortOrder } from './resource-sort';
import { resourceTable } from './resource-table';

export interface ResourceListOptions {
  api: ApiClient;
  /** Relative API path: `resources` or `stacks/<encoded>/resources`. */
  path: string;
  /** The API query (filters and limit), without cursor. */
  query: URLSearchParams;
  signal: AbortSignal;
  /** Shown in the empty state. */
  emptyMessage: string;
  /** Called with every item loaded so far, after each page. */
  onLoaded?: (items: readonly ResourceRecord[]) => void;
  /** Called when a page fails with the API's (or the network's) answer. */
  onFailure?: (failure: ApiFailure) => void;
  /** The order of the loaded rows; absent: the API's order. */
  sort?: SortOrder;
  /** Called when a column header changes the order. */
  onSort?: (order: SortOrder | undefined) => void;
}

/** A resource list whose order can also be set from outside (a sort picker). */
export interface ResourceListElement extends HTMLElement {
  resort?: (order: SortOrder | undefined) => void;
}

/** A filter that no index serves may return short, even empty, pages while more may follow. */
const EMPTY_PAGES_FOLLOWED = 10;

export function resourceList(options: ResourceListOptions): ResourceListElement {
  const loaded: ResourceRecord[] = [];
  let order = options.sort;
  const table = resourceTable((next) => {
    order = next;
    showStatus();
    options.onSort?.(next);
  });
  table.sort(order);
  const status = element('p', { className: 'list-status', attributes: { role: 'status' } }, 'Loading…');
  const problems = element('div', { className: 'problems' });
  const more = element('button', { className: 'load-more', attributes: { type: 'button' } }, 'Load more');
  more.hidden = true;
  const container: ResourceListElement = element(
    'section',
    { className: 'resource-list', attributes: { 'aria-busy': 'true' } },
    status,
    element('div', { className: 'table-scroll' }, table.element),
    problems,
    more,
  );
  let cursor: string | null = null;
  let failed = false;
  const showStatus = () => {
    // After a failed first page there is nothing to count: the error says it all.
    status.replaceChildren(
      failed && loaded.length === 0
        ? ''
        : describe(loaded.length, cursor !== null, options.emptyMessage, order),
    );
    status.hidden = failed && loaded.length === 0;
  };
  container.resort = (next) => {
    order = next;
    table.sort(next);
    showStatus();
  };

  const loadPages = async () => {
    more.disabled = true;
    container.setAttribute('aria-busy', 'true');
    problems.replaceChildren();
    let retryable = false;
    failed = false;
    try {
      let requests = 0;
      let added = 0;
      do {
        const query = new URLSearchParams(options.query);
        if (cursor) query.set('cursor', cursor);
        const page = await options.api.get(options.path, RESOURCE_PAGE, query, options.signal);
        cursor = page.nextCursor;
        loaded.push(...page.items);
        table.show(loaded);
        added += page.items.length;
        requests++;
      } while (added === 0 && cursor && requests < EMPTY_PAGES_FOLLOWED);
      options.onLoaded?.(loaded);
    } catch (error) {
      if (options.signal.aborted) return;
      failed = true;
      problems.replaceChildren(errorNotice('resources', error));
      if (error instanceof ApiError) {
        options.onFailure?.(error.failure);
        retryable =
          error.failure.kind === 'unreachable' || error.failure.status >= 500 || error.failure.status === 429;
      }
    } finally {
      more.disabled = false;
      container.setAttribute('aria-busy', 'false');
    }
    // Asking again helps when the network or the server failed, not when the request was refused.
    more.textContent = retryable ? 'Try again' : 'Load more';
    more.hidden = retryable ? false : failed || cursor === null;
    table.element.hidden = loaded.length === 0;
    showStatus();
  };
  more.addEventListener('click', () => void loadPages());
  void loadPages();
  return container;
}

function describe(
  count: number,
  more: boolean,
  emptyMessage: string,
  order: SortOrder | undefined,
): HTMLElement | string {
  if (count === 0 && !more) return element('span', { className: 'empty' }, emptyMessage);
  const noun = count === 1 ? 'resource' : 'resources';
  const loaded = more ? `${count} ${noun} shown; more to load.` : `${count} ${noun}, all loaded.`;
  if (!order) return loaded;
  // Said plainly: the API has no sort, so only what is loaded is in this order.
  return `${loaded} Sorted ${describeSort(order)}${more ? ' among the loaded rows' : ''}.`;
}
