// The one way a CLI command fails on purpose: a message for a person and the exit code scripts see.
// Anything else thrown is a bug and is reported with its stack.

/** Exit codes: 1 the API refused or failed, 2 the command line is wrong, 3 the API is unreachable. */
export const EXIT_CODES = { api: 1, usage: 2, unreachable: 3 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_CODES.api,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function usageError(message: string): CliError {
  return new CliError(`${message}\nRun with --help for the options.`, EXIT_CODES.usage);
}
