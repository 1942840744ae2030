// A small horizontal bar chart of counts, drawn with plain elements: labels are text nodes and each
// bar's width is set through the CSSOM (allowed by a CSP without 'unsafe-inline', unlike style attributes).
import { element } from './element';

const SHOWN = 8;

/**
 * `hrefOf` makes each label a link (to the list filtered by it); `labelOf` shows a key as other text
 * (an account's name beside its id), the link still made of the key.
 */
export function barChart(
  title: string,
  counts: ReadonlyMap<string, number>,
  hrefOf?: (key: string) => string,
  labelOf: (key: string) => string = (key) => key,
): HTMLElement {
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const rows: [string, number, boolean][] = sorted
    .slice(0, SHOWN)
    .map(([label, count]) => [label, count, true]);
  const rest = sorted.slice(SHOWN);
  if (rest.length > 0)
    rows.push([`${rest.length} more`, rest.reduce((sum, [, count]) => sum + count, 0), false]);
  const max = Math.max(1, ...rows.map(([, count]) => count));
  const list = element('ol', { className: 'bars' });
  for (const [key, count, linked] of rows) {
    const bar = element('span', { className: 'bar' });
    bar.style.width = `${Math.max(2, (count / max) * 100)}%`;
    const label = linked ? labelOf(key) : key;
    const text =
      linked && hrefOf
        ? element('a', { className: 'bar-label', href: hrefOf(key), attributes: { title: label } }, label)
        : element('span', { className: 'bar-label', attributes: { title: label } }, label);
    list.append(
      element(
        'li',
        {},
        text,
        element('span', { className: 'bar-track' }, bar),
        element('span', { className: 'bar-count' }, count),
      ),
    );
  }
  return element('figure', { className: 'chart' }, element('figcaption', {}, title), list);
}
