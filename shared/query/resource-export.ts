// A page of resources as CSV or JSON Lines (`format=csv|ndjson` on /resources), for spreadsheets
// and scripts. The CSV columns are data, so the OpenAPI document lists exactly what is written.
import type { PageFormat } from './query-parameters';

type ShapedItem = Record<string, unknown>;

export interface ExportColumn {
  name: string;
  description: string;
  value(item: ShapedItem): unknown;
}

const field = (name: string, description: string): ExportColumn => ({
  name,
  description,
  value: (item) => item[name],
});
const stackField = (name: 'id' | 'name' | 'logicalId', description: string): ExportColumn => ({
  name: `stack${name[0].toUpperCase()}${name.slice(1)}`,
  description,
  value: (item) => (isRecord(item.stack) ? item.stack[name] : null),
});

/** One row per resource, one column per item field; the stack spread over three columns. */
export const CSV_COLUMNS: readonly ExportColumn[] = [
  field('id', 'Canonical id.'),
  field('arn', 'ARN (empty when none).'),
  field('type', 'CloudFormation type.'),
  field('service', 'Service.'),
  field('account', 'Account id.'),
  field('region', 'Region.'),
  field('name', 'Name.'),
  field('status', 'active or deleted.'),
  stackField('name', 'Stack name (empty when in no stack).'),
  stackField('id', 'Stack ARN.'),
  stackField('logicalId', 'Logical id in the stack.'),
  {
    name: 'tags',
    description: 'The tags as one JSON object (keys sorted), e.g. {"env":"prod","team":"data"}.',
    value: (item) => (isRecord(item.tags) ? JSON.stringify(sortedObject(item.tags)) : '{}'),
  },
  field('firstSeen', 'ISO 8601.'),
  field('lastChanged', 'ISO 8601.'),
  field('deletedAt', 'ISO 8601 (empty while active).'),
  {
    name: 'sources',
    description: 'Source names separated by spaces.',
    value: (item) => (Array.isArray(item.sources) ? item.sources.join(' ') : ''),
  },
  field('createdBy', 'Principal ARN or AWS service (empty when unknown).'),
  field('lastChangedBy', 'Principal ARN or AWS service (empty when unknown).'),
  field('lastConfirmed', 'ISO 8601 (empty when no snapshot saw it).'),
  field('indexedAt', 'ISO 8601, wall clock.'),
];

export const EXPORT_CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8; header=present',
  ndjson: 'application/x-ndjson; charset=utf-8',
} as const satisfies Record<Exclude<PageFormat, 'json'>, string>;

/** How the CSV is written, for the OpenAPI document. */
export const CSV_RULES =
  "RFC 4180: comma-separated, CRLF line ends, a field holding a comma, quote, CR or LF is quoted with quotes doubled; null is an empty field. Every page starts with the header row (drop it from the pages after the first when joining pages). A cell that would start with =, +, -, @, tab or CR gets a leading apostrophe, so a spreadsheet shows it as text instead of running it as a formula (OWASP's advice against CSV injection); use ndjson for exact values.";

/** The page's items in `format` (csv or ndjson). */
export function renderExport(format: Exclude<PageFormat, 'json'>, items: readonly ShapedItem[]): string {
  if (format === 'ndjson') return items.map((item) => `${JSON.stringify(item)}\n`).join('');
  const lines = [CSV_COLUMNS.map((column) => csvField(column.name))];
  for (const item of items) lines.push(CSV_COLUMNS.map((column) => csvField(cellText(column.value(item)))));
  return lines.map((cells) => `${cells.join(',')}\r\n`).join('');
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function sortedObject(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, value[key]]),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
