// Writes items in the chosen format: a table that fits the terminal, one JSON document (the API's
// items as an array, or the single item), or CSV with every field.
import type { CliIo } from './cli-io';
import type { OutputFormat } from './cli-options';
import type { ApiItem, ItemColumns } from './item-columns';
import { renderTable } from './table-layout';

export async function writeItems(
  io: CliIo,
  format: OutputFormat,
  columns: ItemColumns,
  items: ApiItem[],
  empty: string,
): Promise<void> {
  switch (format) {
    case 'json':
      return io.write(`${JSON.stringify(items, null, 2)}\n`);
    case 'csv':
      return io.write(columns.csv(items));
    case 'table':
      if (items.length === 0) {
        io.note(empty);
        return;
      }
      return io.write(renderTable(columns.table, items, io.columns));
  }
}
