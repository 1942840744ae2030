// The words a resource can be found by (`q=` on /resources), and the words of a query, normalised
// the same way: the store writes one word item per token, the search reads them back by prefix.
import type { ResourceRecord } from '../model/resource-record';

/** Longest token kept: a longer word is cut, and so is a query word, so prefixes still meet. */
export const MAX_TOKEN_LENGTH = 64;
/** Most tokens per resource: bounds the word items one row costs. Earlier sources win (name first). */
export const MAX_TOKENS = 32;
/** Shortest word indexed or searched: one letter would match nearly everything. */
export const MIN_TOKEN_LENGTH = 2;
/** Words every ARN or type carries, so finding them finds everything. */
const NOISE_WORDS: ReadonlySet<string> = new Set(['arn', 'aws']);
/** Most words one query may hold; each more word is one more filter on the candidates. */
export const MAX_QUERY_WORDS = 8;

/**
 * Splits text into lower-case words: on every character that is not a letter or digit, and before
 * an upper-case letter that starts a capitalised word (`OrdersTable` -> orders, table; `HTTPServer`
 * -> http, server; `ec2Instance` -> ec2, instance). An upper-case run stays whole (`DynamoDB` ->
 * dynamodb, `sHOP` -> shop), so a query typed in odd case still meets the name's words.
 */
export function words(text: string): string[] {
  return text
    .replace(/(?<=[\p{L}\p{N}])(?=\p{Lu}\p{Ll})/gu, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
    .map((word) => [...word.toLowerCase()].slice(0, MAX_TOKEN_LENGTH).join(''));
}

function isSearchable(word: string): boolean {
  return [...word].length >= MIN_TOKEN_LENGTH && !NOISE_WORDS.has(word);
}

/** The part of an ARN after its fifth colon (`function:my-fn`), or undefined if it is no ARN. */
function arnResourcePart(value: string): string | undefined {
  const parts = value.split(':');
  return parts[0] === 'arn' && parts.length >= 6 ? parts.slice(5).join(':') : undefined;
}

/** An ARN's service and resource part (`sqs shop-orders`): what of it the tokens hold. */
function arnSearchText(value: string): string | undefined {
  const resource = arnResourcePart(value);
  return resource === undefined ? undefined : `${value.split(':')[2]} ${resource}`;
}

/** What an id names: the ARN's resource part, or a fallback id's physical id (`type|account|region|id`). */
function idResourcePart(id: string): string {
  const fromArn = arnResourcePart(id);
  if (fromArn !== undefined) return fromArn;
  const bar = id.lastIndexOf('|');
  return bar === -1 ? id : id.slice(bar + 1);
}

/**
 * The distinct search tokens of a resource, in priority order: name, id (the ARN's resource part),
 * type, service, then tag values (sorted by key, so the same record always yields the same list).
 * At most {@link MAX_TOKENS}, each at most {@link MAX_TOKEN_LENGTH} characters, none shorter than 2,
 * `arn` and `aws` left out.
 *
 * @example
 * searchTokens(bucket) // name shop-prod-assets, tag team=Data
 * // -> ['shop', 'prod', 'assets', 's3', 'bucket', 'data']
 */
export function searchTokens(record: ResourceRecord): string[] {
  const texts = [
    record.name,
    idResourcePart(record.id),
    record.arn === null ? '' : idResourcePart(record.arn),
    record.type,
    // Whole, as ARNs spell it: `dynamodb` although the type splits into dynamo, db.
    record.service,
    ...Object.keys(record.tags)
      .sort()
      .map((key) => record.tags[key]),
  ];
  const tokens = new Set<string>();
  for (const text of texts) {
    for (const word of words(text)) {
      if (tokens.size >= MAX_TOKENS) return [...tokens];
      if (isSearchable(word)) tokens.add(word);
    }
  }
  return [...tokens];
}

export type QueryWords = { ok: true; words: string[] } | { ok: false; problem: string };

/**
 * The words of a search, normalised like {@link searchTokens}: every word must prefix some token of
 * a resource for it to match. A pasted ARN searches by its service and resource part (its account
 * and region are no tokens). A camelCase word splits as names do (`OrdersTable`: orders, table). Words of one letter and `arn`/`aws` are left out when other words remain, since no
 * token holds them; a query left with no word is a problem, as is one with too many.
 * The result is distinct and sorted longest first (the longest word narrows the index read most).
 */
export function queryWords(q: string): QueryWords {
  const text = arnSearchText(q.trim()) ?? q;
  const all = words(text);
  const searchable = [...new Set(all.filter(isSearchable))];
  if (searchable.length === 0) {
    return {
      ok: false,
      problem:
        all.length === 0
          ? 'must hold at least one word of letters or digits'
          : `must hold a word of at least ${MIN_TOKEN_LENGTH} letters or digits other than arn and aws`,
    };
  }
  if (searchable.length > MAX_QUERY_WORDS) {
    return { ok: false, problem: `must hold at most ${MAX_QUERY_WORDS} words` };
  }
  return {
    ok: true,
    words: searchable.sort((a, b) => [...b].length - [...a].length || (a < b ? -1 : a > b ? 1 : 0)),
  };
}

/**
 * The `byWord` index keys of one word item: the partition is the token's first two characters
 * (spreads the words over many partitions yet lets one Query serve every word sharing them), the
 * sort key `<token>#<id>` so `begins_with(wordSort, word)` finds every token the word prefixes.
 */
export function wordIndexKeys(token: string, id: string): { wordKey: string; wordSort: string } {
  return { wordKey: [...token].slice(0, MIN_TOKEN_LENGTH).join(''), wordSort: `${token}#${id}` };
}
