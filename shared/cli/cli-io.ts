// What a command needs of the world: where output goes, how wide the terminal is, the environment.
// The bin passes the process's; tests pass their own and read what was written.

export interface CliIo {
  /** Resolves once the text is accepted (back-pressure for long exports). */
  write(text: string): Promise<void>;
  /** Progress and hints: never mixed into what scripts parse. */
  note(text: string): void;
  /** Terminal width for tables; Infinity when output goes to a file or pipe. */
  columns: number;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): CliIo {
  const out = process.stdout;
  const columns = out.isTTY ? out.columns : Number(process.env.COLUMNS) || Infinity;
  return {
    write: (text) =>
      new Promise((resolve, reject) => {
        out.write(text, (error) => (error ? reject(error) : resolve()));
      }),
    note: (text) => {
      process.stderr.write(`${text}\n`);
    },
    columns,
    env: process.env,
    cwd: process.cwd(),
  };
}
