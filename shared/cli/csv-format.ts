// CSV (RFC 4180) for scripts and spreadsheets: a header row, CRLF line ends, and a field quoted when
// it holds a comma, a quote or a line break.

export interface CsvColumn<T> {
  header: string;
  value(row: T): string;
}

export function renderCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((column) => csvField(column.header))];
  for (const row of rows) lines.push(columns.map((column) => csvField(column.value(row))));
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
