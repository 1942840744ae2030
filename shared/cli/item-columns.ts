// The columns each kind of API item shows: a few that fit a terminal for tables, every field (named
// as the API names it) for CSV; resources as the API's own export writes them. Items are read defensively, since the CLI may meet an older API.
import { renderExport } from '../query/resource-export';
import { renderCsv } from './csv-format';
import type { CsvColumn } from './csv-format';
import type { TableColumn } from './table-layout';

/** An item as the API returns it (JSON). */
export type ApiItem = Record<string, unknown>;

export interface ItemColumns {
  table: TableColumn<ApiItem>[];
  /** The CSV document of these items (header row first). */
  csv(items: readonly ApiItem[]): string;
}

export function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function pathOf(item: unknown, ...path: string[]): unknown {
  let value: unknown = item;
  for (const key of path) {
    value = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  }
  return value;
}

/** Tags as `key=value` pairs, sorted by key, separated by `; `. */
export function tagsText(tags: unknown): string {
  if (typeof tags !== 'object' || tags === null) return '';
  return Object.entries(tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${text(value)}`)
    .join('; ');
}

/** A principal object (history) or principal ARN (resource): the ARN, else the invoking service. */
export function principalText(value: unknown): string {
  if (typeof value === 'string') return value;
  const arn = pathOf(value, 'arn');
  if (typeof arn === 'string' && arn) return arn;
  return text(pathOf(value, 'invokedBy'));
}

function cell(
  header: string,
  cut: 'middle' | 'end',
  min: number | undefined,
  ...path: string[]
): TableColumn<ApiItem> {
  return { header, cut, min, shrink: 2, value: (item) => text(pathOf(item, ...path)) };
}

/** Ids and ARNs are long and their ends tell them apart: they shrink first, cut in the middle. */
function idCell(header: string, ...path: string[]): TableColumn<ApiItem> {
  return { ...cell(header, 'middle', 16, ...path), shrink: 0 };
}

/** Names shrink after ids, before everything else. */
function nameCell(header: string, ...path: string[]): TableColumn<ApiItem> {
  return { ...cell(header, 'middle', 12, ...path), shrink: 1 };
}

/** Event times are never cut: a cut time reads as another time. */
function timeCell(header: string, ...path: string[]): TableColumn<ApiItem> {
  return { ...cell(header, 'end', 20, ...path), shrink: 3 };
}

function csv(
  header: string,
  value: (item: ApiItem) => string = (item) => text(item[header]),
): CsvColumn<ApiItem> {
  return { header, value };
}

const listText = (value: unknown) => (Array.isArray(value) ? value.map(text).join(';') : text(value));

export const RESOURCE_COLUMNS: ItemColumns = {
  table: [
    cell('TYPE', 'end', 12, 'type'),
    nameCell('NAME', 'name'),
    cell('ACCOUNT', 'end', 12, 'account'),
    cell('REGION', 'end', 14, 'region'),
    cell('STATUS', 'end', 7, 'status'),
    { ...cell('STACK', 'end', 8, 'stack', 'name'), drop: 2 },
    { ...timeCell('LAST CHANGED', 'lastChanged'), drop: 1 },
    { ...idCell('ID', 'id'), drop: 3 },
  ],
  // Exactly the CSV `export` (the API's format=csv) writes: one definition of the columns.
  csv: (items) => renderExport('csv', items),
};

export const STACK_COLUMNS: ItemColumns = {
  table: [
    nameCell('NAME', 'name'),
    cell('STATUS', 'end', undefined, 'status'),
    cell('STACK STATUS', 'end', 12, 'stackStatus'),
    cell('ACCOUNT', 'end', undefined, 'account'),
    cell('REGION', 'end', undefined, 'region'),
    timeCell('LAST CHANGED', 'lastChanged'),
    { ...cell('REASON', 'end', 8, 'statusReason'), shrink: 0 },
  ],
  csv: (items) =>
    renderCsv(
      ['id', 'name', 'account', 'region', 'status', 'stackStatus', 'statusReason', 'lastChanged'].map(
        (name) => csv(name),
      ),
      items,
    ),
};

/** What one history entry changed, in a few words: name, stack, tags. */
function historyFacts(item: ApiItem): string {
  const facts: string[] = [];
  if (typeof item.name === 'string') facts.push(`name=${item.name}`);
  const stack = pathOf(item, 'stack', 'name');
  if (typeof stack === 'string') facts.push(`stack=${stack}/${text(pathOf(item, 'stack', 'logicalId'))}`);
  else if (item.stack === null) facts.push('stack=detached');
  for (const kind of ['set', 'add'] as const) {
    const tags = tagsText(pathOf(item, 'tags', kind));
    if (tags) facts.push(`tags ${kind}: ${tags}`);
  }
  const removed = pathOf(item, 'tags', 'remove');
  if (Array.isArray(removed) && removed.length > 0)
    facts.push(`tags removed: ${removed.map(text).join(', ')}`);
  return facts.join('; ');
}

export const HISTORY_COLUMNS: ItemColumns = {
  table: [
    timeCell('EVENT TIME', 'eventTime'),
    cell('LIFECYCLE', 'end', undefined, 'lifecycle'),
    cell('SOURCE', 'end', undefined, 'source'),
    cell('SOURCE STATUS', 'end', 8, 'sourceStatus'),
    { header: 'BY', cut: 'middle', min: 12, shrink: 0, value: (item) => principalText(item.principal) },
    { header: 'WHAT', cut: 'end', min: 12, shrink: 1, value: historyFacts },
  ],
  csv: (items) =>
    renderCsv(
      [
        csv('eventId'),
        csv('eventTime'),
        csv('source'),
        csv('action'),
        csv('lifecycle'),
        csv('sourceStatus'),
        csv('principal', (item) => principalText(item.principal)),
        csv('name'),
        csv('stack', (item) => text(pathOf(item, 'stack', 'name'))),
        csv('logicalId', (item) => text(pathOf(item, 'stack', 'logicalId'))),
        csv('tags', (item) =>
          item.tags === null || item.tags === undefined ? '' : JSON.stringify(item.tags),
        ),
      ],
      items,
    ),
};

export const CHANGE_COLUMNS: ItemColumns = {
  table: [
    timeCell('INDEXED AT', 'indexedAt'),
    cell('CHANGE', 'end', undefined, 'change'),
    cell('TYPE', 'end', 12, 'type'),
    idCell('ID', 'id'),
    { header: 'FIELDS', cut: 'end', min: 8, shrink: 1, value: (item) => listText(item.fields) },
  ],
  csv: (items) =>
    renderCsv(
      [
        csv('indexedAt'),
        csv('eventTime'),
        csv('change'),
        csv('id'),
        csv('arn'),
        csv('type'),
        csv('fields', (item) => listText(item.fields)),
      ],
      items,
    ),
};

/** `get`: one resource as FIELD / VALUE rows. */
export const FIELD_COLUMNS: ItemColumns = {
  table: [cell('FIELD', 'end', undefined, 'field'), idCell('VALUE', 'value')],
  csv: (items) => renderCsv([csv('field'), csv('value')], items),
};

/** The rows `get` shows for a resource: every field, nested ones flattened to text. */
export function fieldRows(item: ApiItem): ApiItem[] {
  return Object.entries(item).map(([name, value]) => ({
    field: name,
    value:
      name === 'tags'
        ? tagsText(value)
        : name === 'stack' && value
          ? `${text(pathOf(value, 'name'))} (${text(pathOf(value, 'logicalId'))}) ${text(pathOf(value, 'id'))}`
          : listText(value),
  }));
}
