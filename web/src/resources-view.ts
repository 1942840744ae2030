// The resources view: a search box and the API's filters as a form (kept in the URL hash), counts of
// the whole inventory from /summary, a sort picker, "Download CSV" of the whole filtered view, and the
// paged table.
import type { ApiClient } from './api-client';
import { csvDownload } from './csv-download';
import { element } from './element';
import { resourceList } from './resource-list';
import { describeSort, readSort, RECENTLY_CHANGED_FIRST, SORT_PARAMETER, sortText } from './resource-sort';
import type { SortOrder } from './resource-sort';
import { navigate } from './navigate';
import { summaryCharts } from './summary-charts';
import { hrefOf } from './view-route';

const TEXT_FILTERS = [
  { name: 'name', label: 'Name prefix', example: 'shop-' },
  { name: 'type', label: 'Type', example: 'AWS::S3::Bucket' },
  { name: 'service', label: 'Service', example: 's3' },
  { name: 'account', label: 'Account', example: '111122223333' },
  { name: 'region', label: 'Region', example: 'eu-west-1' },
  { name: 'stack', label: 'Stack', example: 'name or ARN' },
] as const;
const SEARCH = 'q';
const STATUSES = ['active', 'deleted', 'all'];
const PAGE_SIZES = ['25', '50', '100', '250'];
export const DEFAULT_PAGE_SIZE = '50';
const TAG_PREFIX = 'tag.';
/** The orders the picker offers (column headers offer every column). */
const SORT_CHOICES: (SortOrder | undefined)[] = [
  undefined,
  RECENTLY_CHANGED_FIRST,
  { key: 'name', descending: false },
  { key: 'type', descending: false },
  { key: 'lastChangedBy', descending: false },
];

export function resourcesView(api: ApiClient, query: URLSearchParams, signal: AbortSignal): HTMLElement {
  // The hash holds the API's filters and the page's own sort; only the filters go to the API.
  const filters = new URLSearchParams(query);
  filters.delete(SORT_PARAMETER);
  const sort = readSort(query.get(SORT_PARAMETER));
  const apiQuery = new URLSearchParams(filters);
  if (!apiQuery.has('limit')) apiQuery.set('limit', DEFAULT_PAGE_SIZE);
  const exportQuery = new URLSearchParams(filters);
  exportQuery.delete('limit');

  const form = filterForm(filters, sort);
  const filtered = [...filters.keys()].some((name) => name !== 'limit');
  const picker = sortPicker(sort);
  const list = resourceList({
    api,
    path: 'resources',
    query: apiQuery,
    signal,
    sort,
    emptyMessage: filtered
      ? 'No resources match these filters.'
      : 'The inventory is empty: no resources yet.',
    onFailure: (failure) => {
      if (failure.kind === 'http' && failure.parameter) markInvalid(form, failure.parameter);
    },
    onSort: (order) => {
      picker.value = order ? sortText(order) : '';
      keepSort(order);
    },
  });
  picker.addEventListener('change', () => {
    const order = readSort(picker.value);
    list.resort?.(order);
    keepSort(order);
  });
  return element(
    'div',
    { className: 'resources-view' },
    element('h2', {}, 'Resources'),
    form,
    summaryCharts(api, filters.get('status'), signal),
    element(
      'div',
      { className: 'list-tools' },
      element('label', { className: 'sort-picker' }, element('span', {}, 'Order '), picker),
      csvDownload(api, exportQuery, signal),
    ),
    list,
  );
}

/** The order goes into the hash (a shared link keeps it) without reloading the view. */
function keepSort(order: SortOrder | undefined): void {
  const route = readHashQuery();
  if (order) route.set(SORT_PARAMETER, sortText(order));
  else route.delete(SORT_PARAMETER);
  history.replaceState(null, '', hrefOf({ view: 'resources', query: route }));
}

function readHashQuery(): URLSearchParams {
  const at = location.hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : location.hash.slice(at + 1));
}

function sortPicker(current: SortOrder | undefined): HTMLSelectElement {
  const choices = [...SORT_CHOICES];
  if (current && !choices.some((choice) => choice && sortText(choice) === sortText(current)))
    choices.push(current);
  const picker = element(
    'select',
    { attributes: { name: SORT_PARAMETER } },
    ...choices.map((choice) =>
      element(
        'option',
        { attributes: { value: choice ? sortText(choice) : '' } },
        choice ? capitalised(describeSort(choice)) : 'Index order (as the API returns)',
      ),
    ),
  );
  picker.value = current ? sortText(current) : '';
  return picker;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function filterForm(query: URLSearchParams, sort: SortOrder | undefined): HTMLFormElement {
  const search = element('input', {
    className: 'search-input',
    attributes: {
      name: SEARCH,
      type: 'search',
      placeholder: 'Search names, ids, types and tag values',
      'aria-label': 'Search',
      autocomplete: 'off',
    },
  });
  search.value = query.get(SEARCH) ?? '';
  const inputs = TEXT_FILTERS.map((filter) => {
    const input = element('input', {
      attributes: { name: filter.name, type: 'search', placeholder: filter.example, autocomplete: 'off' },
    });
    input.value = query.get(filter.name) ?? '';
    return { name: filter.name, input, field: labelled(filter.label, input) };
  });
  const tags = element('input', {
    attributes: { name: 'tags', type: 'search', placeholder: 'team=data, env=prod', autocomplete: 'off' },
  });
  tags.value = [...query]
    .filter(([name]) => name.startsWith(TAG_PREFIX))
    .map(([name, value]) => `${name.slice(TAG_PREFIX.length)}=${value}`)
    .join(', ');
  const status = select('status', STATUSES, query.get('status') ?? 'active');
  const limit = select('limit', PAGE_SIZES, query.get('limit') ?? DEFAULT_PAGE_SIZE);
  const more = [...query.keys()].some((name) => name !== SEARCH);
  const filters = element(
    'details',
    { className: 'more-filters' },
    element('summary', {}, 'Filters'),
    element(
      'div',
      { className: 'filters' },
      ...inputs.map(({ field }) => field),
      labelled('Tags (key=value, …)', tags),
      labelled('Status', status),
      labelled('Page size', limit),
    ),
  );
  filters.open = more;

  const form = element(
    'form',
    { className: 'search', attributes: { role: 'search' } },
    element(
      'div',
      { className: 'search-row' },
      search,
      element('button', { attributes: { type: 'submit' } }, 'Search'),
      element('a', { href: hrefOf({ view: 'resources', query: new URLSearchParams() }) }, 'Clear'),
    ),
    filters,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (search.value.trim()) next.set(SEARCH, search.value.trim());
    for (const { name, input } of inputs) if (input.value.trim()) next.set(name, input.value.trim());
    // AWS tag keys and values cannot contain commas, so a comma safely separates pairs.
    for (const pair of tags.value.split(',')) {
      const at = pair.indexOf('=');
      if (pair.trim() === '') continue;
      const key = (at < 0 ? pair : pair.slice(0, at)).trim();
      next.set(`${TAG_PREFIX}${key}`, at < 0 ? '' : pair.slice(at + 1).trim());
    }
    if (status.value !== 'active') next.set('status', status.value);
    if (limit.value !== DEFAULT_PAGE_SIZE) next.set('limit', limit.value);
    const order = readSort(readHashQuery().get(SORT_PARAMETER)) ?? sort;
    if (order) next.set(SORT_PARAMETER, sortText(order));
    navigate(hrefOf({ view: 'resources', query: next }));
  });
  return form;
}

/** Marks the field of the parameter the API refused (tag filters share the tags field). */
function markInvalid(form: HTMLFormElement, parameter: string): void {
  const name = parameter.startsWith(TAG_PREFIX) ? 'tags' : parameter;
  form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select').forEach((control) => {
    if (control.name === name) control.setAttribute('aria-invalid', 'true');
  });
  form.querySelector('details')?.setAttribute('open', '');
}

function select(name: string, values: readonly string[], current: string): HTMLSelectElement {
  const options = values.includes(current) ? values : [...values, current];
  const node = element(
    'select',
    { attributes: { name } },
    ...options.map((value) => element('option', { attributes: { value } }, value)),
  );
  node.value = current;
  return node;
}

function labelled(label: string, control: HTMLElement): HTMLLabelElement {
  return element('label', {}, element('span', {}, label), control);
}
