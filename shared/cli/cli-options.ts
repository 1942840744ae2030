// The command line, parsed with node:util parseArgs (no dependency needed for flat options): one
// option table for every command, and each command says which of them it accepts.
import { parseArgs } from 'node:util';
import { usageError } from './cli-error';

export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Every option, with what `--help` says of it; `-q` and `-h` are the only short forms. */
export const OPTION_SPECS = {
  api: {
    type: 'string',
    value: 'URL',
    help: 'the inventory API (default: the running `npm start`, else http://127.0.0.1:3000)',
  },
  output: {
    type: 'string',
    value: 'FORMAT',
    help: 'table (default), json or csv; export: csv (default) or ndjson',
  },
  type: { type: 'string', value: 'TYPE', help: 'CloudFormation type, e.g. AWS::S3::Bucket' },
  service: { type: 'string', value: 'NAME', help: 'service, e.g. s3' },
  account: { type: 'string', value: 'ID', help: 'account id' },
  region: {
    type: 'string',
    value: 'REGION',
    help: 'resources in this region (global for IAM, CloudFront, Route 53)',
  },
  stack: { type: 'string', value: 'NAME|ARN', help: 'resources of this stack' },
  status: { type: 'string', value: 'STATUS', help: 'active (default), deleted or all' },
  tag: {
    type: 'string',
    multiple: true,
    value: 'KEY=VALUE',
    help: 'resources with this tag; repeat for several',
  },
  name: { type: 'string', value: 'PREFIX', help: 'name prefix' },
  query: {
    type: 'string',
    short: 'q',
    value: 'WORDS',
    help: 'search words (name, id, type, tag values; all must match)',
  },
  limit: { type: 'string', value: 'N', help: 'items per page, 1 to 1000 (default 100)' },
  all: { type: 'boolean', help: 'follow nextCursor through every page' },
  profile: {
    type: 'string',
    value: 'NAME',
    help: 'AWS profile for signing (default: the standard credential chain)',
  },
  'signing-region': {
    type: 'string',
    value: 'REGION',
    help: 'region to sign for (default: from the API URL, else AWS_REGION)',
  },
  sign: { type: 'boolean', help: 'sign requests with SigV4 even to a loopback URL' },
  help: { type: 'boolean', short: 'h', help: 'show help' },
} as const;

export type OptionName = keyof typeof OPTION_SPECS;

export interface CliOptions {
  api?: string;
  output?: string;
  type?: string;
  service?: string;
  account?: string;
  region?: string;
  stack?: string;
  status?: string;
  tag?: string[];
  name?: string;
  query?: string;
  limit?: string;
  all?: boolean;
  profile?: string;
  'signing-region'?: string;
  sign?: boolean;
  help?: boolean;
}

export interface ParsedCommandLine {
  command?: string;
  positionals: string[];
  options: CliOptions;
}

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        Object.entries(OPTION_SPECS).map(([name, spec]) => [
          name,
          {
            type: spec.type,
            ...('short' in spec ? { short: spec.short } : {}),
            ...('multiple' in spec ? { multiple: true } : {}),
          },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
  const [command, ...positionals] = parsed.positionals;
  return { command, positionals, options: parsed.values as CliOptions };
}

/** Refuses options the command has no use for, so a typo'd command line never silently does less. */
export function checkAllowed(command: string, options: CliOptions, allowed: readonly OptionName[]): void {
  for (const name of Object.keys(options) as OptionName[]) {
    if (options[name] !== undefined && !allowed.includes(name)) {
      throw usageError(`--${name} is not an option of \`${command}\``);
    }
  }
}

export function outputFormat(options: CliOptions): OutputFormat {
  const value = options.output ?? 'table';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(value)) {
    throw usageError(`--output must be one of ${OUTPUT_FORMATS.join(', ')}; got '${value}'`);
  }
  return value as OutputFormat;
}

export function exportFormat(options: CliOptions): ExportFormat {
  const value = options.output ?? 'csv';
  if (!(EXPORT_FORMATS as readonly string[]).includes(value)) {
    throw usageError(`export --output must be one of ${EXPORT_FORMATS.join(', ')}; got '${value}'`);
  }
  return value as ExportFormat;
}

/** The API's resource filters from the options (`tag.<Key>=<Value>` for each --tag). */
export function resourceFilters(options: CliOptions): URLSearchParams {
  const query = new URLSearchParams();
  const direct: [keyof CliOptions, string][] = [
    ['type', 'type'],
    ['service', 'service'],
    ['account', 'account'],
    ['region', 'region'],
    ['stack', 'stack'],
    ['status', 'status'],
    ['name', 'name'],
    ['query', 'q'],
  ];
  for (const [option, parameter] of direct) {
    const value = options[option];
    if (typeof value === 'string') query.set(parameter, value);
  }
  for (const tag of options.tag ?? []) {
    const at = tag.indexOf('=');
    if (at <= 0) throw usageError(`--tag must be KEY=VALUE (e.g. --tag team=data); got '${tag}'`);
    query.append(`tag.${tag.slice(0, at)}`, tag.slice(at + 1));
  }
  return query;
}
