// Compiles an EventBridge event pattern, once, into a matcher with EventBridge's semantics (Event
// Ruler's, the engine EventBridge runs): nested objects and dotted keys name the same flattened
// field; `$or` expands into one sub-pattern per combination of branches; each sub-pattern's fields
// are tried in sorted order, taking values consistently from one element of each event array.
// Compiling checks the whole pattern and refuses what EventBridge refuses, with its reason.
import { EVENT_PATTERN_LIMITS } from './event-pattern-limits';
import { isPlainObject } from './event-pattern';
import { compileFieldMatcher } from './field-matcher';
import type { FieldMatcher } from './field-matcher';
import { consistent, flattenEvent, mergeMemberships, pathFilter } from './flatten-event';
import type { FlatEvent, FlatValue, Membership, PathFilter } from './flatten-event';
import { InvalidEventPatternException } from './invalid-event-pattern';

export { InvalidEventPatternException, InvalidPatternError } from './invalid-event-pattern';

export type Test<T> = (value: T) => boolean;

interface PatternField {
  readonly path: string;
  readonly matcher: FieldMatcher;
}

export interface CompiledEventPattern {
  /** The fields each alternative needs, sorted by path; an event matches when one alternative does. */
  readonly subPatterns: readonly (readonly PatternField[])[];
  /** The event paths the pattern reads, to flatten only those. */
  readonly paths: PathFilter;
  matches(event: unknown): boolean;
  /** Matching against an event already flattened (with at least this pattern's paths). */
  matchesFlat(event: FlatEvent): boolean;
}

/**
 * Checks the whole pattern and returns its matcher; throws InvalidEventPatternException (with
 * EventBridge's reason) for the first problem.
 * @example
 * compileEventPattern({ source: ['aws.s3'], detail: { errorCode: [{ exists: false }] } }).matches(event)
 */
export function compileEventPattern(pattern: unknown): CompiledEventPattern {
  if (!isPlainObject(pattern)) throw new InvalidEventPatternException('Filter is not an object', '');
  const branches = parseObject(pattern, '', [new Map()], false);
  // Event Ruler walks a sub-pattern's fields in sorted order, which decides how absence meets arrays.
  const subPatterns = branches.map((branch) =>
    [...branch.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, matcher]) => ({ path, matcher })),
  );
  // Without arrays order is moot: the pattern's own order (source first, as a rule is usually
  // written) rejects most events on the first field.
  const asWritten = branches.map((branch) =>
    [...branch.entries()].map(([path, matcher]) => ({ path, matcher })),
  );
  const paths = pathFilter(subPatterns.flatMap((fields) => fields.map((field) => field.path)));
  const matchesFlat = (event: FlatEvent) =>
    event.crossesArrays
      ? subPatterns.some((fields) => matchFields(fields, event.values, 0, []))
      : asWritten.some((fields) => fields.every((field) => matchesWithoutArrays(field, event.values)));
  return { subPatterns, paths, matchesFlat, matches: (event) => matchesFlat(flattenEvent(event, paths)) };
}

/** The compiled pattern as a plain test of an event. */
export function compilePattern(pattern: unknown): Test<unknown> {
  const compiled = compileEventPattern(pattern);
  return (event) => compiled.matches(event);
}

type Branch = Map<string, FieldMatcher>;
type FlatValues = FlatEvent['values'];

const NO_VALUES: readonly FlatValue[] = [];

/** Field names Event Ruler keeps for operators: inside `$or` they would be ambiguous, so refused. */
// prettier-ignore
const RESERVED_IN_OR = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric',
  'cidr', '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case', 'date-after',
  'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range', 'ip-address-in-range',
  'ip-address-not-in-range',
]);

/**
 * Adds an object's fields to every branch so far; a `$or` replaces the branches with their product
 * by its alternatives. A later definition of the same path overrides an earlier one, as in Ruler.
 */
function parseObject(
  object: Record<string, unknown>,
  prefix: string,
  branches: Branch[],
  insideOr: boolean,
): Branch[] {
  const keys = Object.keys(object);
  if (keys.length === 0) throw new InvalidEventPatternException('Empty objects are not allowed', prefix);
  for (const key of keys) {
    const value = object[key];
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (key === '$or') {
      branches = parseOr(value, prefix, branches);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key))
      throw new InvalidEventPatternException(
        `${key} is Ruler reserved fieldName which cannot be used inside $or.`,
        path,
      );
    if (isPlainObject(value)) {
      branches = parseObject(value, path, branches, insideOr);
    } else if (Array.isArray(value)) {
      const matcher = compileFieldMatcher(value, path);
      for (const branch of branches) branch.set(path, matcher);
    } else {
      throw new InvalidEventPatternException(`"${key}" must be an object or an array`, path);
    }
  }
  return branches;
}

function parseOr(alternatives: unknown, prefix: string, branches: Branch[]): Branch[] {
  const where = prefix === '' ? '$or' : `${prefix}.$or`;
  if (!Array.isArray(alternatives))
    throw new InvalidEventPatternException('It must be an Array followed with $or.', where);
  const expanded: Branch[] = [];
  alternatives.forEach((alternative: unknown, index) => {
    if (!isPlainObject(alternative))
      throw new InvalidEventPatternException(
        'Only JSON object is allowed in array of $or relationship.',
        `${where}[${index}]`,
      );
    const copies = branches.map((branch) => new Map(branch));
    expanded.push(...parseObject(alternative, prefix, copies, true));
    if (expanded.length > EVENT_PATTERN_LIMITS.subPatterns)
      throw new InvalidEventPatternException(
        `The $or branches combine into more than ${EVENT_PATTERN_LIMITS.subPatterns} sub-patterns, ` +
          'the most this local matcher expands (a guard of ours: EventBridge documents no such number)',
        where,
      );
  });
  if (alternatives.length < 2)
    throw new InvalidEventPatternException('There must have at least 2 Objects in $or relationship.', where);
  return expanded;
}

/** One field of an event with no array on its paths: any of its values (a dotted key may add one). */
function matchesWithoutArrays({ path, matcher }: PatternField, event: FlatValues): boolean {
  const values = event.get(path);
  if (!values) return matcher.matchesAbsence;
  for (const { value } of values) if (matcher.matches(value)) return true;
  return false;
}

/**
 * Fields in sorted order (Event Ruler's): each takes one value consistent with the array elements
 * already chosen. `{"exists": false}` holds when no such value is there: a value in another element
 * of an array already chosen from does not count.
 */
function matchFields(
  fields: readonly PatternField[],
  event: FlatValues,
  index: number,
  membership: Membership,
): boolean {
  if (index === fields.length) return true;
  const { path, matcher } = fields[index];
  let present = false;
  for (const candidate of event.get(path) ?? NO_VALUES) {
    if (!consistent(candidate.membership, membership)) continue;
    present = true;
    if (
      matcher.matches(candidate.value) &&
      matchFields(fields, event, index + 1, mergeMemberships(membership, candidate.membership))
    )
      return true;
  }
  return matcher.matchesAbsence && !present && matchFields(fields, event, index + 1, membership);
}
