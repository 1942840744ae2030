// Runs the CLI in-process as the bin does, capturing what it writes to stdout and stderr, with the
// environment and terminal width a test chooses.
import { runCli } from '../../shared/cli/run-cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  columns?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export async function cli(argv: string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    write: async (text) => {
      stdout += text;
    },
    note: (text) => {
      stderr += `${text}\n`;
    },
    columns: options.columns ?? Infinity,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}

/** Parses CSV (RFC 4180) into records of fields, for asserting on what the CLI wrote. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (quoted) {
      if (char === '"' && text[at + 1] === '"') {
        field += '"';
        at++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n') {
      record.push(field.replace(/\r$/, ''));
      records.push(record);
      record = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}
