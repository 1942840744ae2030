// Reads a request's query string against what its route accepts: unknown, repeated or invalid
// parameters become 400 replies that name the parameter and say what is allowed.
import { errorReply, quoted, shortened } from './api-reply';
import type { ApiReply } from './api-reply';
import { QUERY_PARAMETERS, TAG_FILTERS } from './query-parameters';
import type { ParameterName, ParameterValues } from './query-parameters';

export type ParsedQuery = Partial<ParameterValues> & { tags: Record<string, string> };

export interface AcceptedQuery {
  queryParameters: readonly ParameterName[];
  tagFilters: boolean;
}

export type QueryReading = { ok: true; query: ParsedQuery } | { ok: false; reply: ApiReply };

/**
 * Parses the raw query string rather than API Gateway's `queryStringParameters`, which joins repeated
 * parameters with commas (so `a=1&a=2` and `a=1,2` would look alike). Form encoding: `+` is a space.
 */
export function parseRouteQuery(rawQueryString: string, accepted: AcceptedQuery): QueryReading {
  const values: Partial<ParameterValues> = {};
  // A Map, then fromEntries: a tag key such as `__proto__` stays an ordinary own property.
  const tags = new Map<string, string>();
  const seen = new Set<string>();
  for (const [name, raw] of new URLSearchParams(rawQueryString)) {
    const parameter = shortened(name);
    if (seen.has(name)) return fail('invalid_parameter', `${quoted(name)} may be given only once`, parameter);
    seen.add(name);
    if (accepted.tagFilters && name.startsWith(TAG_FILTERS.prefix)) {
      const problem = readTag(tags, name.slice(TAG_FILTERS.prefix.length), raw);
      if (problem) return fail('invalid_parameter', `${quoted(name)} ${problem}`, parameter);
      continue;
    }
    const known = accepted.queryParameters.find((candidate) => candidate === name);
    if (known === undefined) {
      return fail(
        'unknown_parameter',
        `unknown parameter ${quoted(name)}; ${describeAccepted(accepted)}`,
        parameter,
      );
    }
    const problem = readParameter(values, known, raw);
    if (problem) return fail('invalid_parameter', `${quoted(name)} ${problem}`, parameter);
  }
  for (const name of accepted.queryParameters) applyDefault(values, name);
  return { ok: true, query: { ...values, tags: Object.fromEntries(tags) } };
}

function readParameter<K extends ParameterName>(
  values: Partial<ParameterValues>,
  name: K,
  raw: string,
): string | undefined {
  const parsed = QUERY_PARAMETERS[name].parse(raw);
  if (!parsed.ok) return parsed.problem;
  values[name] = parsed.value;
  return undefined;
}

function applyDefault<K extends ParameterName>(values: Partial<ParameterValues>, name: K): void {
  const fallback = QUERY_PARAMETERS[name].defaultValue;
  if (values[name] === undefined && fallback !== undefined) values[name] = fallback;
}

function readTag(tags: Map<string, string>, key: string, raw: string): string | undefined {
  const keyCheck = TAG_FILTERS.key.parse(key);
  if (!keyCheck.ok) return `names a tag key that ${keyCheck.problem}`;
  const valueCheck = TAG_FILTERS.value.parse(raw);
  if (!valueCheck.ok) return `value ${valueCheck.problem}`;
  if (tags.size >= TAG_FILTERS.maxCount) return `is one tag filter too many: at most ${TAG_FILTERS.maxCount}`;
  tags.set(key, raw);
  return undefined;
}

function describeAccepted(accepted: AcceptedQuery): string {
  const names: string[] = [...accepted.queryParameters];
  if (accepted.tagFilters) names.push(`${TAG_FILTERS.prefix}<Key>`);
  return names.length === 0 ? 'this route accepts no parameters' : `this route accepts: ${names.join(', ')}`;
}

function fail(
  code: 'unknown_parameter' | 'invalid_parameter',
  message: string,
  parameter: string,
): QueryReading {
  return { ok: false, reply: errorReply(code, message, parameter) };
}
