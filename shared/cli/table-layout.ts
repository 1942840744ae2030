// Plain-text tables that fit a terminal: every row on one line, columns shrunk (in rank order, widest first)
// down to their minimum when the table is too wide, long ids cut in the middle so both ends stay readable.

export interface TableColumn<T> {
  header: string;
  value(row: T): string;
  /** How a cell too wide for its column is cut: ids and ARNs in the middle, prose at the end. */
  cut: 'middle' | 'end';
  /** Narrowest the column may become (its header's length when absent). */
  min?: number;
  /** Which columns give up width first when the table is too wide: lower ranks first (default 0). */
  shrink?: number;
  /** A column that may be left out when even every column at its minimum is too wide: lower first. */
  drop?: number;
}

const GAP = '  ';
const ELLIPSIS = '…';

/**
 * `width` is the terminal's width; Infinity (output to a file or pipe) never cuts. A table whose
 * columns are all at their minimum and still too wide has its lines cut at the width: never wraps.
 */
export function renderTable<T>(
  allColumns: readonly TableColumn<T>[],
  rows: readonly T[],
  width: number,
): string {
  const columns = columnsThatFit(allColumns, rows, width);
  const cells = rows.map((row) => columns.map((column) => oneLine(column.value(row))));
  const widths = columns.map((column, index) =>
    Math.max(length(column.header), ...cells.map((row) => length(row[index]))),
  );
  const minimums = columns.map((column, index) =>
    Math.min(widths[index], column.min ?? length(column.header)),
  );
  let over = widths.reduce((sum, w) => sum + w, 0) + GAP.length * (columns.length - 1) - width;
  // Columns give up width in the order of their `shrink` rank, the widest of a rank first.
  const ranks = [...new Set(columns.map((column) => column.shrink ?? 0))].sort((a, b) => a - b);
  for (const rank of ranks) {
    while (over > 0) {
      let widest = -1;
      for (let index = 0; index < widths.length; index++) {
        if ((columns[index].shrink ?? 0) !== rank || widths[index] <= minimums[index]) continue;
        if (widest < 0 || widths[index] > widths[widest]) widest = index;
      }
      if (widest < 0) break;
      widths[widest]--;
      over--;
    }
  }
  const line = (values: string[]) =>
    cutLine(
      values
        .map((value, index) => {
          const cut = fit(value, widths[index], columns[index].cut);
          return index === values.length - 1 ? cut : cut.padEnd(widths[index] + (cut.length - length(cut)));
        })
        .join(GAP)
        .trimEnd(),
      width,
    );
  return [line(columns.map((column) => column.header)), ...cells.map(line)].join('\n') + '\n';
}

/** Leaves out droppable columns (lowest `drop` first) until the rest fit at their minimum widths. */
function columnsThatFit<T>(
  columns: readonly TableColumn<T>[],
  rows: readonly T[],
  width: number,
): TableColumn<T>[] {
  const minimum = (column: TableColumn<T>) =>
    Math.min(
      Math.max(length(column.header), ...rows.map((row) => length(oneLine(column.value(row))))),
      column.min ?? length(column.header),
    );
  const kept = [...columns];
  const droppable = columns
    .filter((column) => column.drop !== undefined)
    .sort((a, b) => (a.drop ?? 0) - (b.drop ?? 0));
  const needed = () =>
    kept.reduce((sum, column) => sum + minimum(column), 0) + GAP.length * (kept.length - 1);
  for (const column of droppable) {
    if (needed() <= width) break;
    kept.splice(kept.indexOf(column), 1);
  }
  return kept;
}

/** Cuts `text` to `width` characters, replacing what is left out by one ellipsis. */
export function fit(text: string, width: number, cut: 'middle' | 'end'): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return chars.slice(0, width).join('');
  if (cut === 'end') return chars.slice(0, width - 1).join('') + ELLIPSIS;
  const head = Math.ceil((width - 1) / 2);
  const tail = width - 1 - head;
  return chars.slice(0, head).join('') + ELLIPSIS + (tail > 0 ? chars.slice(-tail).join('') : '');
}

function cutLine(line: string, width: number): string {
  return length(line) <= width ? line : fit(line, width, 'end');
}

/** Control characters (newlines, tabs, escapes) from the index would break the layout or the terminal. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

function length(text: string): number {
  return [...text].length;
}
