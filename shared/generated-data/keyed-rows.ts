// Generated tables ship as text, one JSON row a line, each row keyed by its first value. A handler
// parses a row the first time it asks for its key: V8 scans a string literal far faster than it
// compiles a literal of a thousand arrays, and an event needs a handful of rows, not all of them.
// `npm run bench -- --only coldstart` measures what this saves.

/** The rows of a table text, parsed on demand and kept. */
export class KeyedRows<Row extends [string, ...unknown[]]> {
  private lines: Map<string, string> | undefined;
  private readonly parsed = new Map<string, Row>();

  constructor(private readonly text: string) {}

  /** The keys, in table order. */
  keys(): string[] {
    return [...this.index().keys()];
  }

  get(key: string): Row | undefined {
    let row = this.parsed.get(key);
    if (row === undefined) {
      const line = this.index().get(key);
      if (line === undefined) return undefined;
      row = JSON.parse(line) as Row;
      this.parsed.set(key, row);
    }
    return row;
  }

  /** Every row (the generators, the rule builder and the tests read the whole table). */
  all(): Row[] {
    return this.keys().map((key) => this.get(key) as Row);
  }

  private index(): Map<string, string> {
    if (this.lines === undefined) {
      this.lines = new Map();
      for (const line of this.text.split('\n')) {
        if (line.length === 0) continue;
        // Every line opens with its key, a JSON string without escapes: `["AWS::Lambda::Function",...`.
        const key = line.slice(2, line.indexOf('"', 2));
        this.lines.set(key, line);
      }
    }
    return this.lines;
  }
}

/** A generated module's text: the source named, and each table a template literal of JSON lines. */
export function renderKeyedRowsModule(options: {
  header: string[];
  source: { name: string; value: string };
  tables: { name: string; doc: string; rows: readonly [string, ...unknown[]][] }[];
}): string {
  const escape = (text: string) => text.replace(/[\\`]/g, '\\$&').replace(/\$\{/g, '\\${');
  const parts = [
    ...options.header.map((line) => `// ${line}`),
    '',
    `export const ${options.source.name} = '${options.source.value.replace(/[\\']/g, '\\$&')}';`,
  ];
  for (const table of options.tables) {
    const lines = table.rows.map((row) => escape(JSON.stringify(row)));
    parts.push('', `/** ${table.doc} */`, `export const ${table.name} = \`\n${lines.join('\n')}\n\`;`);
  }
  return `${parts.join('\n')}\n`;
}
