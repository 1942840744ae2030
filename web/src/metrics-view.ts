// The "Metrics" view: the graphs of the deployed CloudWatch dashboard (one per catalog metric), drawn
// from the local runtime's per-minute metrics (`GET /metrics`, local only), refreshed while shown.
import { ApiError } from './api-client';
import type { ApiClient } from './api-client';
import { METRICS_REPORT } from './api-shapes';
import type { LocalMetricsReport } from './api-shapes';
import { element } from './element';
import { errorNotice } from './error-notice';
import { lineChart } from './line-chart';
import { navigate } from './navigate';
import { hrefOf } from './view-route';

const WINDOWS = ['15', '60', '180'];
const DEFAULT_WINDOW = '60';
const REFRESH_MS = 10_000;

export function metricsView(api: ApiClient, query: URLSearchParams, signal: AbortSignal): HTMLElement {
  const minutes = WINDOWS.includes(query.get('minutes') ?? '') ? query.get('minutes')! : DEFAULT_WINDOW;
  const picker = element(
    'select',
    { attributes: { name: 'minutes', 'aria-label': 'Window' } },
    ...WINDOWS.map((value) => element('option', { attributes: { value } }, `last ${value} minutes`)),
  );
  picker.value = minutes;
  picker.addEventListener('change', () =>
    navigate(hrefOf({ view: 'metrics', query: new URLSearchParams({ minutes: picker.value }) })),
  );
  const status = element('p', { className: 'list-status', attributes: { role: 'status' } }, 'Loading…');
  const graphs = element('div', { className: 'metric-graphs', attributes: { 'aria-busy': 'true' } });
  const problems = element('div', { className: 'problems' });

  let timer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => clearTimeout(timer));
  const load = async () => {
    try {
      const report = await api.get('metrics', METRICS_REPORT, new URLSearchParams({ minutes }), signal);
      problems.replaceChildren();
      graphs.replaceChildren(...render(report));
      status.textContent = `Per minute, ${report.from.slice(11, 16)}–${report.to.slice(11, 16)} UTC; refreshed every ${REFRESH_MS / 1000} s.`;
    } catch (error) {
      if (signal.aborted) return;
      status.textContent = '';
      problems.replaceChildren(notLocal(error) ?? errorNotice('the metrics', error));
    } finally {
      graphs.setAttribute('aria-busy', 'false');
    }
    if (!signal.aborted) timer = setTimeout(() => void load(), REFRESH_MS);
  };
  void load();
  return element(
    'div',
    { className: 'metrics-view' },
    element('h2', {}, 'Metrics'),
    element(
      'p',
      { className: 'hint' },
      'The graphs of the CloudWatch dashboard, from the handlers’ own metrics (EMF) as the local runtime keeps them. Deployed, the same graphs are on the stack’s dashboard.',
    ),
    element('p', { className: 'filters-inline' }, element('label', {}, 'Window ', picker)),
    status,
    problems,
    graphs,
  );
}

function render(report: LocalMetricsReport): HTMLElement[] {
  const window = {
    from: Date.parse(report.from),
    to: Date.parse(report.to),
    periodMs: report.periodSeconds * 1000,
  };
  return report.graphs.map((graph) => lineChart(graph, window));
}

/** A deployed API has no /metrics: say where the graphs are instead of showing a bare 404. */
function notLocal(error: unknown): HTMLElement | undefined {
  if (!(error instanceof ApiError) || error.failure.kind !== 'http' || error.failure.status !== 404)
    return undefined;
  return element(
    'div',
    { className: 'notice', attributes: { role: 'note' } },
    element('strong', {}, 'Metrics are kept by the local runtime only.'),
    element(
      'p',
      {},
      'This API has no /metrics: deployed, the handlers’ metrics go to CloudWatch, and the stack’s dashboard draws these graphs.',
    ),
  );
}
