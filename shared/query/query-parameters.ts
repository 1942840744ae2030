// Every parameter the query API understands, once: the router validates with these specs and the
// OpenAPI document publishes them. Limits follow DynamoDB's key sizes, so no value a client sends can
// turn into a DynamoDB validation error.
import type { StatusFilter } from '../store/index-store';
import { queryWords } from '../search/search-tokens';
import { enumParameter, integerParameter, textParameter } from './parameter-spec';
import type { ParameterSpec } from './parameter-spec';

export const STATUS_FILTERS = ['active', 'deleted', 'all'] as const satisfies readonly StatusFilter[];
/** Reply formats of a resource page: JSON `{items, nextCursor}`, or the page's items as CSV or JSON Lines. */
export const PAGE_FORMATS = ['json', 'csv', 'ndjson'] as const;
export type PageFormat = (typeof PAGE_FORMATS)[number];

/** The value types the parsed query carries. */
export interface ParameterValues {
  type: string;
  service: string;
  account: string;
  region: string;
  stack: string;
  status: StatusFilter;
  name: string;
  q: string;
  format: PageFormat;
  limit: number;
  cursor: string;
  /** The OAuth 2.0 answer the sign-in sends back to the page (`/?code=...&state=...`), read by the page. */
  code: string;
  state: string;
  error: string;
  error_description: string;
}
export type ParameterName = keyof ParameterValues;

export const PAGE_LIMIT = { minimum: 1, maximum: 1000, defaultValue: 100 } as const;

export const QUERY_PARAMETERS: { [K in ParameterName]: ParameterSpec<ParameterValues[K]> } = {
  type: textParameter({
    description: 'CloudFormation resource type, exactly, e.g. AWS::S3::Bucket',
    maxLength: 256,
  }),
  service: textParameter({
    description: "Service: the type's middle segment in lower case, e.g. s3 for AWS::S3::Bucket",
    maxLength: 64,
    pattern: '^[a-z0-9_-]*$',
    patternHint: 'lower-case letters, digits, - and _',
  }),
  account: textParameter({
    description: 'AWS account id',
    maxLength: 12,
    minLength: 12,
    pattern: '^[0-9]*$',
    patternHint: 'digits only',
  }),
  region: textParameter({
    description: 'AWS region, e.g. eu-west-1',
    maxLength: 32,
    pattern: '^[a-z0-9-]*$',
    patternHint: 'lower-case letters, digits and -',
  }),
  stack: textParameter({
    description:
      'Stack name (every stack of that name, in any account and region) or stack ARN (that one stack)',
    maxLength: 512,
    maxBytes: 1024,
  }),
  status: enumParameter({
    description: 'Which rows: active ones, deleted ones (tombstones, until they expire), or all.',
    values: STATUS_FILTERS,
    defaultValue: 'active',
  }),
  name: textParameter({ description: 'Name prefix (case-sensitive)', maxLength: 200 }),
  q: searchParameter(),
  format: enumParameter({
    description:
      'Reply format: json (`{items, nextCursor}`), csv (a header row, then one row per item) or ndjson (one JSON item per line). For csv and ndjson the next cursor is in the X-Next-Cursor header, absent on the last page.',
    values: PAGE_FORMATS,
    defaultValue: 'json',
  }),
  limit: integerParameter({
    description:
      'Most items in one page. A page may hold fewer while nextCursor is not null (filters that no index serves read a bounded number of items per page).',
    ...PAGE_LIMIT,
  }),
  cursor: textParameter({
    description:
      'The nextCursor of the previous page, unchanged. It only works with the same filters (path and query, limit aside) as the request that returned it',
    // Room for the largest key DynamoDB allows (about 6 kB of key values), signed and base64url-encoded.
    maxLength: 12_288,
    pattern: '^[A-Za-z0-9_-]*$',
    patternHint: 'base64url',
  }),
  code: textParameter({
    description: 'Authorization code from the sign-in (deployed); the page trades it for a token',
    maxLength: 2048,
  }),
  state: textParameter({
    description: 'The state the page sent to the sign-in, returned unchanged',
    maxLength: 1024,
  }),
  error: textParameter({ description: 'Why the sign-in refused (OAuth 2.0 error code)', maxLength: 128 }),
  error_description: textParameter({ description: "The sign-in's explanation of error", maxLength: 1024 }),
};

/** The parameters of an OAuth 2.0 authorization response: the page at / is the sign-in's redirect URI. */
export const SIGN_IN_CALLBACK_PARAMETERS = [
  'code',
  'state',
  'error',
  'error_description',
] as const satisfies readonly ParameterName[];

/**
 * `q`: words, each of which must start a word of the resource's name, id, type or tag values
 * (case-insensitive); checked with the same normalisation the word index is built with.
 */
function searchParameter(): ParameterSpec<string> {
  const text = textParameter({
    description:
      "Search words, case-insensitive: each must start a word of the resource's name, id (the ARN's resource part), type or a tag value; names split at punctuation and camelCase (q=orders finds shop-prod-OrdersQueue). All words must match; one-letter words and `arn`/`aws` are ignored when other words remain",
    maxLength: 200,
  });
  return {
    ...text,
    parse(raw) {
      const parsed = text.parse(raw);
      if (!parsed.ok) return parsed;
      const words = queryWords(raw);
      return words.ok ? parsed : { ok: false, problem: words.problem };
    },
  };
}

export interface PathParameterValues {
  id: string;
  stack: string;
}
export type PathParameterName = keyof PathParameterValues;

export const PATH_PARAMETERS: { [K in PathParameterName]: ParameterSpec<PathParameterValues[K]> } = {
  id: textParameter({
    description:
      'Canonical resource id (the ARN wherever one exists), percent-encoded: every / as %2F and every : as %3A',
    maxLength: 2046,
    // The row key is `R#<id>` and DynamoDB caps a partition key at 2048 bytes.
    maxBytes: 2046,
  }),
  stack: textParameter({
    description: 'Stack name or stack ARN, percent-encoded (every / as %2F)',
    maxLength: 512,
    maxBytes: 1024,
  }),
};

export function isPathParameterName(name: string): name is PathParameterName {
  return Object.hasOwn(PATH_PARAMETERS, name);
}

/**
 * `tag.<Key>=<Value>`: one parameter per tag, all must match. AWS caps tag keys at 128 and values at
 * 256 characters; a value may be empty, as in AWS.
 */
export const TAG_FILTERS = {
  prefix: 'tag.',
  maxCount: 10,
  key: textParameter({ description: 'Tag key', maxLength: 128 }),
  value: textParameter({ description: 'Tag value', maxLength: 256, minLength: 0 }),
} as const;
