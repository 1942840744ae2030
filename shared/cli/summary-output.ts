// `summary`: the API's counts of the whole index (GET /summary), as tables per dimension (accounts
// named where the API knows their names), one JSON document, or CSV rows of (dimension, key, count).
import { accountLabel } from '../model/organization-account';
import { CliError } from './cli-error';
import type { CliIo } from './cli-io';
import type { OutputFormat } from './cli-options';
import { renderCsv } from './csv-format';
import { renderTable } from './table-layout';

export const SUMMARY_DIMENSIONS = [
  ['byType', 'TYPE'],
  ['byService', 'SERVICE'],
  ['byAccount', 'ACCOUNT'],
  ['byRegion', 'REGION'],
] as const;

export interface Summary {
  status: string;
  total: number;
  byType: Record<string, number>;
  byService: Record<string, number>;
  byAccount: Record<string, number>;
  byRegion: Record<string, number>;
  /** Names of the counted accounts the index knows; absent from an API older than the field. */
  accountNames?: Record<string, string>;
}

export function asSummary(body: unknown): Summary {
  const value = body as Partial<Summary> | null;
  const counts = (counts: unknown) =>
    typeof counts === 'object' &&
    counts !== null &&
    Object.values(counts).every((n) => typeof n === 'number');
  const names = (names: unknown) =>
    typeof names === 'object' &&
    names !== null &&
    Object.values(names).every((name) => typeof name === 'string');
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof value.total !== 'number' ||
    !SUMMARY_DIMENSIONS.every(([key]) => counts(value[key])) ||
    !(value.accountNames === undefined || names(value.accountNames))
  ) {
    throw new CliError('/summary did not answer {status, total, byType, byService, byAccount, byRegion}');
  }
  return value as Summary;
}

interface CountRow {
  dimension: string;
  key: string;
  count: number;
}

/** Largest count first, then by key, as a reader scans for what dominates. */
function rowsOf(summary: Summary): CountRow[] {
  return SUMMARY_DIMENSIONS.flatMap(([dimension]) =>
    Object.entries(summary[dimension])
      .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
      .map(([key, count]) => ({ dimension, key, count })),
  );
}

export async function writeSummary(io: CliIo, format: OutputFormat, summary: Summary): Promise<void> {
  if (format === 'json') return io.write(`${JSON.stringify(summary, null, 2)}\n`);
  const rows = rowsOf(summary);
  if (format === 'csv') {
    const total = { dimension: 'total', key: summary.status, count: summary.total };
    return io.write(
      renderCsv(
        [
          { header: 'dimension', value: (row: CountRow) => row.dimension },
          { header: 'key', value: (row: CountRow) => row.key },
          { header: 'count', value: (row: CountRow) => String(row.count) },
        ],
        [total, ...rows],
      ),
    );
  }
  const sections = [`${summary.total} ${summary.status} resources\n`];
  // "Production — 111122223333": the name where the API knows it, the id always (what --account takes).
  const labelOf = (row: CountRow) =>
    row.dimension === 'byAccount' ? accountLabel(row.key, summary.accountNames ?? {}) : row.key;
  for (const [dimension, header] of SUMMARY_DIMENSIONS) {
    const dimensionRows = rows.filter((row) => row.dimension === dimension);
    if (dimensionRows.length === 0) continue;
    sections.push(
      renderTable(
        [
          { header, cut: 'middle', min: 12, value: labelOf },
          { header: 'COUNT', cut: 'end', value: (row: CountRow) => String(row.count) },
        ],
        dimensionRows,
        io.columns,
      ),
    );
  }
  return io.write(sections.join('\n'));
}
