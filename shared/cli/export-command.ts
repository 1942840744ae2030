// `export`: every resource the filters select, streamed page by page as the API formats it
// (`format=csv` or `format=ndjson`, the next cursor in X-Next-Cursor), so a large index never sits in
// memory and the CSV is byte for byte what the API writes (its header once).
import type { CliIo } from './cli-io';
import type { ExportFormat } from './cli-options';
import type { InventoryClient } from './inventory-client';

export const EXPORT_PAGE_SIZE = '1000';
const ACCEPT: Record<ExportFormat, string> = { csv: 'text/csv', ndjson: 'application/x-ndjson' };

export async function exportResources(
  client: InventoryClient,
  io: CliIo,
  format: ExportFormat,
  filters: URLSearchParams,
): Promise<number> {
  const query = new URLSearchParams(filters);
  query.set('format', format);
  if (!query.has('limit')) query.set('limit', EXPORT_PAGE_SIZE);
  let header: string | undefined;
  let rows = 0;
  for (let page = 1; ; page++) {
    const { text, headers } = await client.get('resources', query, ACCEPT[format]);
    let body = text;
    if (format === 'csv') {
      // Each page is a complete CSV document; the header row is written once.
      const end = body.indexOf('\n');
      const first = end < 0 ? body : body.slice(0, end + 1);
      if (header === undefined) header = first;
      else if (first === header) body = body.slice(first.length);
      rows += csvRecords(text) - 1;
    } else {
      rows += countLines(text);
    }
    if (body) await io.write(body);
    const next = headers.get('x-next-cursor');
    if (!next) return rows;
    query.set('cursor', next);
    io.note(`exported ${rows} resources (page ${page}), reading on…`);
  }
}

function countLines(text: string): number {
  return text.split('\n').filter((line) => line.trim() !== '').length;
}

/** Records of a CSV document: line breaks inside a quoted field do not end a record. */
export function csvRecords(text: string): number {
  let quoted = false;
  let open = false;
  let records = 0;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === '\n' && !quoted) {
      if (open) records++;
      open = false;
    } else if (char !== '\r') {
      open = true;
    }
  }
  return records + (open ? 1 : 0);
}
