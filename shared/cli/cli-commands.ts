// The CLI's commands as a table: name, arguments, accepted options, help text and what each does
// with the API. Adding a command is adding an entry; `--help` and option checks read the same entry.
import { CliError, usageError } from './cli-error';
import type { CliIo } from './cli-io';
import { exportFormat, outputFormat, resourceFilters } from './cli-options';
import type { CliOptions, OptionName } from './cli-options';
import { exportResources } from './export-command';
import type { InventoryClient } from './inventory-client';
import {
  CHANGE_COLUMNS,
  FIELD_COLUMNS,
  HISTORY_COLUMNS,
  RESOURCE_COLUMNS,
  STACK_COLUMNS,
  fieldRows,
} from './item-columns';
import type { ApiItem, ItemColumns } from './item-columns';
import { writeItems } from './item-output';
import { readItems } from './item-pages';
import { asSummary, writeSummary } from './summary-output';

export interface CommandContext {
  client: InventoryClient;
  options: CliOptions;
  /** The command's arguments (after its name). */
  args: string[];
  io: CliIo;
}

export interface CliCommand {
  name: string;
  /** Arguments as help shows them, e.g. `ID`. */
  usage: string;
  summary: string;
  /** Lines of examples for `--help`. */
  examples: string[];
  options: readonly OptionName[];
  /** Positional arguments: [min, max]. */
  args: [number, number];
  run(context: CommandContext): Promise<void>;
}

const CONNECTION: OptionName[] = ['api', 'profile', 'signing-region', 'sign', 'help'];
const RESOURCE_FILTERS: OptionName[] = [
  'type',
  'service',
  'account',
  'region',
  'stack',
  'status',
  'tag',
  'name',
  'query',
];
const PAGING: OptionName[] = ['limit', 'all'];

export const CLI_COMMANDS: readonly CliCommand[] = [
  {
    name: 'list',
    usage: '',
    summary: 'List resources, filtered (GET /resources)',
    examples: [
      'resource-inventory list --type AWS::S3::Bucket --tag team=data',
      'resource-inventory list -q orders --status all --all --output json',
    ],
    options: [...CONNECTION, 'output', ...RESOURCE_FILTERS, ...PAGING],
    args: [0, 0],
    run: async ({ client, options, io }) => {
      const query = withLimit(resourceFilters(options), options);
      await listed(
        io,
        options,
        RESOURCE_COLUMNS,
        await readItems(client, 'resources', query, !!options.all),
        'No resources match.',
      );
    },
  },
  {
    name: 'get',
    usage: 'ID',
    summary: 'One resource by ARN or canonical id (GET /resources/{id})',
    examples: ['resource-inventory get arn:aws:s3:::shop-prod-assets-7k2m9q --output json'],
    options: [...CONNECTION, 'output'],
    args: [1, 1],
    run: async ({ client, options, args, io }) => {
      const item = await client.getJson(`resources/${encodeURIComponent(args[0])}`, new URLSearchParams());
      if (!isItem(item)) throw new CliError('/resources/{id} did not answer a resource object');
      const format = outputFormat(options);
      if (format === 'json') return io.write(`${JSON.stringify(item, null, 2)}\n`);
      if (format === 'csv') return writeItems(io, format, RESOURCE_COLUMNS, [item], '');
      return writeItems(io, format, FIELD_COLUMNS, fieldRows(item), '');
    },
  },
  {
    name: 'history',
    usage: 'ID',
    summary: "A resource's recorded changes, newest first (GET /resources/{id}/history)",
    examples: ['resource-inventory history arn:aws:s3:::shop-prod-assets-7k2m9q --all'],
    options: [...CONNECTION, 'output', ...PAGING],
    args: [1, 1],
    run: async ({ client, options, args, io }) => {
      const query = withLimit(new URLSearchParams(), options);
      const list = await readItems(
        client,
        `resources/${encodeURIComponent(args[0])}/history`,
        query,
        !!options.all,
      );
      await listed(io, options, HISTORY_COLUMNS, list, 'No recorded changes.');
    },
  },
  {
    name: 'stacks',
    usage: '[STACK]',
    summary: "List stacks (GET /stacks), or one stack's resources (GET /stacks/{stack}/resources)",
    examples: [
      'resource-inventory stacks --status all',
      'resource-inventory stacks shop-prod --type AWS::SQS::Queue',
    ],
    options: [
      ...CONNECTION,
      'output',
      'type',
      'service',
      'account',
      'region',
      'status',
      'tag',
      'name',
      ...PAGING,
    ],
    args: [0, 1],
    run: async ({ client, options, args, io }) => {
      if (args.length === 0) {
        for (const filter of ['type', 'service', 'account', 'region', 'tag'] as const) {
          if (options[filter] !== undefined)
            throw usageError(
              `--${filter} filters a stack's resources: name the stack (stacks STACK --${filter} ...)`,
            );
        }
        const query = new URLSearchParams();
        if (options.status) query.set('status', options.status);
        if (options.name) query.set('name', options.name);
        const list = await readItems(client, 'stacks', withLimit(query, options), !!options.all);
        return listed(io, options, STACK_COLUMNS, list, 'No stacks with this status.');
      }
      const query = withLimit(resourceFilters(options), options);
      const list = await readItems(
        client,
        `stacks/${encodeURIComponent(args[0])}/resources`,
        query,
        !!options.all,
      );
      await listed(io, options, RESOURCE_COLUMNS, list, 'No resources recorded for this stack.');
    },
  },
  {
    name: 'summary',
    usage: '',
    summary: 'Counts of the whole index by type, service, account and region (GET /summary)',
    examples: ['resource-inventory summary', 'resource-inventory summary --status deleted --output csv'],
    options: [...CONNECTION, 'output', 'status'],
    args: [0, 0],
    run: async ({ client, options, io }) => {
      const query = new URLSearchParams();
      if (options.status) query.set('status', options.status);
      await writeSummary(io, outputFormat(options), asSummary(await client.getJson('summary', query)));
    },
  },
  {
    name: 'changes',
    usage: '',
    summary: "The index's own changes, newest first (GET /changes)",
    examples: ['resource-inventory changes --limit 20', 'resource-inventory changes --all --output json'],
    options: [...CONNECTION, 'output', ...PAGING],
    args: [0, 0],
    run: async ({ client, options, io }) => {
      const list = await readItems(
        client,
        'changes',
        withLimit(new URLSearchParams(), options),
        !!options.all,
      );
      await listed(io, options, CHANGE_COLUMNS, list, 'No changes recorded.');
    },
  },
  {
    name: 'export',
    usage: '',
    summary:
      'Every resource the filters select, as CSV or NDJSON, through all pages (GET /resources?format=)',
    examples: [
      'resource-inventory export > inventory.csv',
      'resource-inventory export --output ndjson --status all --type AWS::IAM::Role > roles.ndjson',
    ],
    options: [...CONNECTION, 'output', ...RESOURCE_FILTERS, 'limit'],
    args: [0, 0],
    run: async ({ client, options, io }) => {
      const filters = resourceFilters(options);
      if (options.limit) filters.set('limit', options.limit);
      const rows = await exportResources(client, io, exportFormat(options), filters);
      io.note(`exported ${rows} resources`);
    },
  },
];

function withLimit(query: URLSearchParams, options: CliOptions): URLSearchParams {
  if (options.limit) query.set('limit', options.limit);
  return query;
}

async function listed(
  io: CliIo,
  options: CliOptions,
  columns: ItemColumns,
  list: { items: ApiItem[]; more: boolean },
  empty: string,
): Promise<void> {
  await writeItems(io, outputFormat(options), columns, list.items, empty);
  if (list.more)
    io.note(`${list.items.length} shown; more on the next pages: add --all (or a larger --limit).`);
}

function isItem(body: unknown): body is ApiItem {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}
