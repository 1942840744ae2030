// A small horizontal bar chart of counts, drawn with plain elements: labels are text nodes and each
// bar's width is set through the CSSOM (allowed by a CSP without 'unsafe-inline', unlike style attributes).
import { element } from './element';

const SHOWN = 8;

export function barChart(title: string, counts: ReadonlyMap<string, number>): HTMLElement {
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const rows = sorted.slice(0, SHOWN);
  const rest = sorted.slice(SHOWN);
  if (rest.length > 0) rows.push([`${rest.length} more`, rest.reduce((sum, [, count]) => sum + count, 0)]);
  const max = Math.max(1, ...rows.map(([, count]) => count));
  const list = element('ol', { className: 'bars' });
  for (const [label, count] of rows) {
    const bar = element('span', { className: 'bar' });
    bar.style.width = `${Math.max(2, (count / max) * 100)}%`;
    list.append(
      element(
        'li',
        {},
        element('span', { className: 'bar-label', attributes: { title: label } }, label),
        element('span', { className: 'bar-track' }, bar),
        element('span', { className: 'bar-count' }, count),
      ),
    );
  }
  return element('figure', { className: 'chart' }, element('figcaption', {}, title), list);
}

/** Counts of `keyOf` over the items. */
export function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}
