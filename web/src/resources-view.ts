// The resources view: the API's filters as a form (kept in the URL hash), counts of what is loaded as
// bar charts, and the paged table.
import type { ApiClient } from './api-client';
import type { ResourceRecord } from './api-shapes';
import { barChart, countBy } from './bar-chart';
import { element } from './element';
import { resourceList } from './resource-list';
import { navigate } from './navigate';
import { hrefOf } from './view-route';

const TEXT_FILTERS = [
  { name: 'name', label: 'Name prefix', example: 'shop-' },
  { name: 'type', label: 'Type', example: 'AWS::S3::Bucket' },
  { name: 'service', label: 'Service', example: 's3' },
  { name: 'account', label: 'Account', example: '111122223333' },
  { name: 'region', label: 'Region', example: 'eu-west-1' },
  { name: 'stack', label: 'Stack', example: 'name or ARN' },
] as const;
const STATUSES = ['active', 'deleted', 'all'];
const PAGE_SIZES = ['25', '50', '100', '250'];
export const DEFAULT_PAGE_SIZE = '50';
const TAG_PREFIX = 'tag.';

export function resourcesView(api: ApiClient, query: URLSearchParams, signal: AbortSignal): HTMLElement {
  const apiQuery = new URLSearchParams(query);
  if (!apiQuery.has('limit')) apiQuery.set('limit', DEFAULT_PAGE_SIZE);
  const charts = element('div', { className: 'charts' });
  const form = filterForm(query);
  const filtered = [...query.keys()].some((name) => name !== 'limit');
  const list = resourceList({
    api,
    path: 'resources',
    query: apiQuery,
    signal,
    emptyMessage: filtered
      ? 'No resources match these filters.'
      : 'The inventory is empty: no resources yet.',
    onLoaded: (items) => charts.replaceChildren(...chartsOf(items)),
    onFailure: (failure) => {
      if (failure.kind === 'http' && failure.parameter) markInvalid(form, failure.parameter);
    },
  });
  return element('div', { className: 'resources-view' }, element('h2', {}, 'Resources'), form, charts, list);
}

function chartsOf(items: readonly ResourceRecord[]): HTMLElement[] {
  if (items.length === 0) return [];
  const noun = items.length === 1 ? 'resource' : 'resources';
  return [
    barChart(
      `By type (${items.length} ${noun} loaded)`,
      countBy(items, (item) => item.type),
    ),
    barChart(
      `By account / region (${items.length} ${noun} loaded)`,
      countBy(items, (item) => `${item.account} / ${item.region}`),
    ),
  ];
}

function filterForm(query: URLSearchParams): HTMLFormElement {
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

  const form = element(
    'form',
    { className: 'filters', attributes: { role: 'search' } },
    ...inputs.map(({ field }) => field),
    labelled('Tags (key=value, …)', tags),
    labelled('Status', status),
    labelled('Page size', limit),
    element(
      'div',
      { className: 'actions' },
      element('button', { attributes: { type: 'submit' } }, 'Apply'),
      element('a', { href: hrefOf({ view: 'resources', query: new URLSearchParams() }) }, 'Clear'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
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
