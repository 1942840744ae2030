// One dashboard graph as an SVG line chart, built node by node (no markup strings): a line per series
// over the report's window, minute by minute, with a legend giving each series' total or peak. Colours
// come from the style sheet (classes), since the page's CSP allows no inline style.
import type { MetricGraph, MetricSeries } from './api-shapes';
import { element } from './element';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 320;
const HEIGHT = 120;
const LEFT = 44;
const BOTTOM = 16;
const COLOURS = 8;

export interface Window {
  from: number;
  to: number;
  periodMs: number;
}

export function lineChart(graph: MetricGraph, window: Window): HTMLElement {
  const counts = graph.statistic === 'Sum';
  const drawn = graph.series.filter((series) => series.points.length > 0);
  const quiet = graph.series.length - drawn.length;
  const figure = element(
    'figure',
    { className: 'metric-graph', attributes: { 'data-metric': graph.name } },
    element(
      'figcaption',
      {},
      element('span', { className: 'metric-title' }, graph.title),
      element('span', { className: 'metric-description' }, graph.description),
    ),
  );
  if (drawn.length === 0) {
    figure.append(element('p', { className: 'metric-empty' }, 'No data in this window.'));
    return figure;
  }
  const minutes = Math.max(1, Math.round((window.to - window.from) / window.periodMs));
  const lines = drawn.map((series) => pointsOf(series, window, minutes, counts));
  const max = niceMax(Math.max(...lines.flat().map(([, value]) => value)));
  const x = (minute: number) => LEFT + ((WIDTH - LEFT - 4) * (minute + 0.5)) / minutes;
  const y = (value: number) => 4 + (HEIGHT - BOTTOM - 4) * (1 - value / max);

  const svg = svgNode('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-label': `${graph.title}: ${drawn.map((series) => `${series.label} ${summaryOf(series, counts)}`).join('; ')}`,
  });
  for (const value of [0, max / 2, max]) {
    svg.append(
      svgNode('line', { class: 'grid', x1: LEFT, x2: WIDTH - 4, y1: y(value), y2: y(value) }),
      svgText(formatValue(value, graph.unit), {
        class: 'axis',
        x: LEFT - 4,
        y: y(value) + 3,
        'text-anchor': 'end',
      }),
    );
  }
  svg.append(
    svgText(clock(window.from), { class: 'axis', x: LEFT, y: HEIGHT - 3 }),
    svgText(clock(window.to), { class: 'axis', x: WIDTH - 4, y: HEIGHT - 3, 'text-anchor': 'end' }),
  );
  lines.forEach((points, at) => {
    const colour = `series-${at % COLOURS}`;
    // A run of consecutive minutes is one line; a gap (no data for a duration) breaks it.
    for (const run of runs(points))
      svg.append(
        run.length === 1
          ? svgNode('circle', { class: `dot ${colour}`, cx: x(run[0][0]), cy: y(run[0][1]), r: 2.5 })
          : svgNode('polyline', {
              class: `line ${colour}`,
              points: run.map(([minute, value]) => `${x(minute)},${y(value)}`).join(' '),
            }),
      );
  });
  figure.append(
    svg,
    element(
      'ul',
      { className: 'legend' },
      ...drawn.map((series, at) =>
        element(
          'li',
          { attributes: { 'data-series': series.label } },
          element('span', { className: `swatch series-${at % COLOURS}` }),
          element('span', { className: 'series-label' }, series.label),
          ' ',
          element('span', { className: 'series-value' }, summaryOf(series, counts)),
        ),
      ),
    ),
  );
  if (quiet > 0)
    figure.append(
      element(
        'p',
        { className: 'metric-quiet' },
        `${quiet} more ${quiet === 1 ? 'series' : 'series'} without data.`,
      ),
    );
  return figure;
}

/** [minute index, value] for the window: a count's missing minute is zero; a duration's is a gap. */
function pointsOf(
  series: MetricSeries,
  window: Window,
  minutes: number,
  counts: boolean,
): [number, number][] {
  const byMinute = new Map(
    series.points.map((point) => [
      Math.floor((Date.parse(point.time) - window.from) / window.periodMs),
      point.value,
    ]),
  );
  const points: [number, number][] = [];
  for (let minute = 0; minute < minutes; minute++) {
    const value = byMinute.get(minute);
    if (value !== undefined) points.push([minute, value]);
    else if (counts) points.push([minute, 0]);
  }
  return points;
}

function runs(points: [number, number][]): [number, number][][] {
  const result: [number, number][][] = [];
  for (const point of points) {
    const last = result[result.length - 1];
    if (last && last[last.length - 1][0] === point[0] - 1) last.push(point);
    else result.push([point]);
  }
  return result;
}

/** A count's total over the window; a duration's highest minute. */
function summaryOf(series: MetricSeries, counts: boolean): string {
  const values = series.points.map((point) => point.value);
  return counts
    ? `total ${values.reduce((sum, value) => sum + value, 0)}`
    : `peak ${formatValue(Math.max(...values), 'Milliseconds')}`;
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= value) ?? 10;
  return step * magnitude;
}

/** Short enough for the axis: durations in the largest unit that keeps them readable. */
function formatValue(value: number, unit: string): string {
  const round = (number: number) => (number >= 100 ? Math.round(number) : Math.round(number * 10) / 10);
  if (unit !== 'Milliseconds') return value >= 10_000 ? `${round(value / 1000)}k` : String(round(value));
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  const [size, name] = units.find(([size]) => value >= size) ?? [1, 'ms'];
  return `${round(value / size)} ${name}`;
}

function clock(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 16);
}

function svgNode(tag: string, attributes: Record<string, string | number>): Element {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

function svgText(text: string, attributes: Record<string, string | number>): Element {
  const node = svgNode('text', attributes);
  node.textContent = text;
  return node;
}
