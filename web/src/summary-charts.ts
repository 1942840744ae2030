// Counts of the whole index from `GET /summary` (not of the rows loaded): by type, by account (named
// where the organization's accounts are known: "Production — 111122223333"), by region, each bar a
// link to the list filtered by it.
import { accountLabel } from '../../shared/model/organization-account';
import type { ApiClient } from './api-client';
import { SUMMARY } from './api-shapes';
import type { InventorySummary } from './api-shapes';
import { barChart } from './bar-chart';
import { element } from './element';
import { errorNotice } from './error-notice';
import { hrefOf } from './view-route';

const STATUSES = new Set(['active', 'deleted', 'all']);

export function summaryCharts(api: ApiClient, status: string | null, signal: AbortSignal): HTMLElement {
  const shown = status && STATUSES.has(status) ? status : 'active';
  const section = element('section', {
    className: 'summary',
    attributes: { 'aria-busy': 'true', 'aria-label': 'Counts of the whole inventory' },
  });
  api
    .get('summary', SUMMARY, new URLSearchParams({ status: shown }), signal)
    .then((summary) => section.replaceChildren(...render(summary)))
    .catch((error: unknown) => {
      if (!signal.aborted) section.replaceChildren(errorNotice('the counts', error));
    })
    .finally(() => section.setAttribute('aria-busy', 'false'));
  return section;
}

function render(summary: InventorySummary): HTMLElement[] {
  const noun = summary.total === 1 ? 'resource' : 'resources';
  const which = summary.status === 'all' ? '' : `${summary.status} `;
  const heading = element(
    'p',
    { className: 'summary-total' },
    `Whole inventory: ${summary.total} ${which}${noun}`,
  );
  if (summary.total === 0) return [heading];
  const linkTo = (name: string) => (value: string) => {
    const query = new URLSearchParams({ [name]: value });
    if (summary.status !== 'active') query.set('status', summary.status);
    return hrefOf({ view: 'resources', query });
  };
  return [
    heading,
    element(
      'div',
      { className: 'charts' },
      barChart('By type', countsOf(summary.byType), linkTo('type')),
      barChart('By account', countsOf(summary.byAccount), linkTo('account'), (account) =>
        accountLabel(account, summary.accountNames ?? {}),
      ),
      barChart('By region', countsOf(summary.byRegion), linkTo('region')),
    ),
  ];
}

function countsOf(counts: Readonly<Record<string, number>>): Map<string, number> {
  return new Map(Object.entries(counts).filter(([, count]) => count > 0));
}
