// What every reader of a listing format is: recognised by the shape of a parsed document, validated
// with zod, read into pages of observations per (account, region). Errors name the file and the field.
import { safeParse } from 'zod/mini';
import type { core } from 'zod/mini';
import type { ListingSource, Observation } from '../snapshot-event-schema';

export type SnapshotFormat =
  | 'config-snapshot'
  | 'config-history'
  | 'config-discovered'
  | 'config-select'
  | 'resource-explorer'
  | 'tagging'
  | 'cloudformation-stacks'
  | 'cloudformation-stack-resources'
  | 'cloudcontrol'
  | 'organizations-accounts';

/** What one file says about one account and region (a file listing several gives several pages). */
export interface SnapshotPage {
  format: SnapshotFormat;
  source: ListingSource;
  account: string;
  /** The region rows show (`global` for IAM, CloudFront, Route 53). */
  region: string;
  observations: Observation[];
  /** When the page's content was true. */
  listedAt: string;
  /**
   * `content`: from times in the file, the newest record (pages of one listing take the newest);
   * `file`: the file's modification time, the format carries none (pages take the oldest: the start).
   */
  timeFrom: 'content' | 'file';
  /** Types this page lists completely in its account and region; empty for formats that prove no absence. */
  completeTypes: string[];
  /** Types the source says it did not record: never complete, whatever another page says. */
  unrecordedTypes: string[];
  /** Resources whose type no source table knows, by the type made up for them. */
  unknownTypes: Record<string, number>;
  /** Entries that became no observation, by reason (deleted per the source, no physical id...). */
  skipped: Record<string, number>;
}

export interface ReaderContext {
  file: string;
  /** --account / --region: for formats that do not carry them. */
  account?: string;
  region?: string;
  /** Stack ARNs by name, from --stack and describe-stacks outputs read in the same run. */
  stacks: ReadonlyMap<string, string>;
  /** --stack: the stack a list-stack-resources output belongs to (name or ARN). */
  stack?: string;
  /** The file's modification time, for formats without times. */
  fileTime: string;
}

export interface SnapshotReader {
  format: SnapshotFormat;
  /** One line for errors and --help: the command whose output it reads. */
  describes: string;
  recognise(document: unknown): boolean;
  read(document: unknown, context: ReaderContext): SnapshotPage[];
}

/** A malformed input: the file, the field (a dotted path) and what is wrong with it. */
export class SnapshotInputError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${field}: ${problem}`);
    this.name = 'SnapshotInputError';
  }
}

/** The document validated by `schema`, or a SnapshotInputError naming the first bad field. */
export function parseDocument<S extends core.$ZodType>(
  schema: S,
  document: unknown,
  file: string,
): core.output<S> {
  // zod/mini's parse runs classic and mini schemas alike: the readers the snapshot function bundles
  // are written with zod/mini (its cold start), the CLI-only ones with classic zod.
  const parsed = safeParse(schema, document);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join('.') || '(document)';
  throw new SnapshotInputError(file, field, issue.message);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `document[key]` is an array whose first element (if any) is an object with `fields`. */
export function hasArrayOf(document: unknown, key: string, fields: readonly string[] = []): boolean {
  if (!isObject(document)) return false;
  const list = document[key];
  if (!Array.isArray(list)) return false;
  const first: unknown = list[0];
  return first === undefined || (isObject(first) && fields.every((field) => field in first));
}

/** The canonical second-granularity form of the newest of `times`, or undefined when there is none. */
export function newestTime(times: Iterable<string | undefined>): string | undefined {
  let newest: number | undefined;
  for (const time of times) {
    if (time === undefined) continue;
    const millis = Date.parse(time);
    if (!Number.isNaN(millis) && (newest === undefined || millis > newest)) newest = millis;
  }
  return newest === undefined ? undefined : new Date(newest).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Account and region for a format that carries neither: the flags, else an error naming the field. */
export function scopeFromFlags(context: ReaderContext, what: string): { account: string; region: string } {
  if (context.account === undefined)
    throw new SnapshotInputError(
      context.file,
      'account',
      `${what} does not name its account: pass --account`,
    );
  if (context.region === undefined)
    throw new SnapshotInputError(context.file, 'region', `${what} does not name its region: pass --region`);
  return { account: context.account, region: context.region };
}

/** Builds the pages of a file, one per (account, region), counting as it goes. */
export class PageBuilder {
  private readonly pages = new Map<string, SnapshotPage>();

  constructor(
    private readonly template: Pick<SnapshotPage, 'format' | 'source' | 'timeFrom'>,
    private readonly listedAt: (page: SnapshotPage) => string,
  ) {}

  page(account: string, region: string): SnapshotPage {
    const key = `${account}|${region}`;
    let page = this.pages.get(key);
    if (!page) {
      page = {
        ...this.template,
        account,
        region,
        observations: [],
        listedAt: '',
        completeTypes: [],
        unrecordedTypes: [],
        unknownTypes: {},
        skipped: {},
      };
      this.pages.set(key, page);
    }
    return page;
  }

  add(observation: Observation, known = true): void {
    const page = this.page(observation.account, observation.region);
    page.observations.push(observation);
    if (!known) page.unknownTypes[observation.type] = (page.unknownTypes[observation.type] ?? 0) + 1;
  }

  skip(account: string, region: string, reason: string): void {
    const page = this.page(account, region);
    page.skipped[reason] = (page.skipped[reason] ?? 0) + 1;
  }

  build(): SnapshotPage[] {
    return [...this.pages.values()].map((page) => ({ ...page, listedAt: this.listedAt(page) }));
  }
}
