// "Download CSV": pages through the whole filtered view with `format=csv`, following the API's
// `X-Next-Cursor` header, and offers the pages as one file (one header line, every row once).
import type { ApiClient } from './api-client';
import { element } from './element';
import { errorNotice } from './error-notice';

/** The API's largest page: fewest requests for a whole export. */
const EXPORT_PAGE_SIZE = '1000';
const NEXT_CURSOR_HEADER = 'x-next-cursor';
/** A guard against a cursor that never ends (a proxy replaying one page). */
const MAX_PAGES = 10_000;

export function csvDownload(api: ApiClient, query: URLSearchParams, signal: AbortSignal): HTMLElement {
  const button = element(
    'button',
    { className: 'csv-download', attributes: { type: 'button' } },
    'Download CSV',
  );
  const progress = element('span', { className: 'csv-progress', attributes: { role: 'status' } });
  const problems = element('div', { className: 'problems' });
  button.addEventListener('click', () => {
    button.disabled = true;
    problems.replaceChildren();
    exportAll(api, query, signal, (pages) => {
      progress.textContent = `Downloading… ${pages} ${pages === 1 ? 'page' : 'pages'}`;
    })
      .then(({ csv, pages }) => {
        save(csv, fileName(new Date()));
        const rows = countRows(csv);
        progress.textContent = `Downloaded ${rows} ${rows === 1 ? 'row' : 'rows'} (${pages} ${pages === 1 ? 'page' : 'pages'}).`;
      })
      .catch((error: unknown) => {
        if (signal.aborted) return;
        progress.textContent = '';
        problems.replaceChildren(errorNotice('the CSV export', error));
      })
      .finally(() => (button.disabled = false));
  });
  return element('span', { className: 'csv-export' }, button, ' ', progress, problems);
}

async function exportAll(
  api: ApiClient,
  filters: URLSearchParams,
  signal: AbortSignal,
  onPage: (pages: number) => void,
): Promise<{ csv: string; pages: number }> {
  const parts: string[] = [];
  let header: string | undefined;
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query = new URLSearchParams(filters);
    query.set('format', 'csv');
    query.set('limit', EXPORT_PAGE_SIZE);
    if (cursor) query.set('cursor', cursor);
    const reply = await api.getText('resources', query, 'text/csv', signal);
    cursor = reply.headers.get(NEXT_CURSOR_HEADER);
    const [first, rest] = splitHeader(reply.text);
    header ??= first;
    // Every page starts with the same header line; the file keeps the first only.
    if (first !== header) throw new Error(`page ${pages + 1} of the export has another header line`);
    if (rest) parts.push(rest.endsWith('\n') ? rest : `${rest}\n`);
    onPage(++pages);
  } while (cursor && pages < MAX_PAGES);
  if (cursor) throw new Error(`the export did not end after ${MAX_PAGES} pages`);
  return { csv: `${header ?? ''}\n${parts.join('')}`, pages };
}

/** The header line and the rows after it (a header never holds a quoted line break). */
function splitHeader(text: string): [string, string] {
  const end = text.indexOf('\n');
  if (end < 0) return [text.replace(/\r$/, ''), ''];
  return [text.slice(0, end).replace(/\r$/, ''), text.slice(end + 1)];
}

/** Rows after the header, counting line breaks outside quoted fields only. */
export function countRows(csv: string): number {
  let rows = 0;
  let quoted = false;
  for (let at = 0; at < csv.length; at++) {
    const char = csv[at];
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) rows++;
  }
  return Math.max(0, rows - 1);
}

function save(csv: string, name: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = element('a', { attributes: { download: name } });
  // A blob URL this page made, set apart from element()'s in-page-only hrefs.
  link.href = url;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function fileName(now: Date): string {
  return `resources-${now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.csv`;
}
