// Compiles one field's value list (`"state": ["running", {"prefix": "stop"}]`) into a test of the
// event's leaf values, with EventBridge's semantics and its refusals (Event Ruler's wording, so a
// local refusal names the same problem AWS would). The list is an OR; `{"exists": false}` is kept
// apart because it matches the absence of a value, not a value.
import { toComparable, comparableMicros } from './comparable-number';
import type { JsonScalar } from './event-pattern';
import { InvalidEventPatternException } from './invalid-event-pattern';
import { compileCidr, parseIpAddress } from './ip-address';
import type { IpAddress } from './ip-address';
import { compileWildcard } from './wildcard-pattern';

/** A value of the event at a pattern's field: JSON scalars (objects and arrays are not leaves). */
export type Leaf = JsonScalar;
export type LeafTest = (leaf: Leaf) => boolean;

export interface FieldMatcher {
  /** Whether a value present at the field satisfies one of the listed matchers. */
  readonly matches: LeafTest;
  /** Whether the list holds `{"exists": false}`: the field's absence satisfies it. */
  readonly matchesAbsence: boolean;
}

const ABSENT = Symbol('exists: false');

export function compileFieldMatcher(values: readonly unknown[], path: string): FieldMatcher {
  if (values.length === 0) throw new InvalidEventPatternException('Empty arrays are not allowed', path);
  // Exact strings, booleans and null go in one set: most rule lists are long lists of names.
  const literals = new Set<Leaf>();
  const tests: LeafTest[] = [];
  let matchesAbsence = false;
  values.forEach((value, index) => {
    const where = `${path}[${index}]`;
    if (isPlainObject(value)) {
      const test = compileMatchExpression(value, where);
      if (test === ABSENT) matchesAbsence = true;
      else tests.push(test);
    } else if (typeof value === 'string') {
      const ip = parseIpAddress(value);
      // Event Ruler turns an exact value that is an IP literal into an address match.
      if (ip) tests.push(addressTest(ip));
      else literals.add(value);
    } else if (typeof value === 'number') {
      tests.push(exactNumberTest(value));
    } else if (typeof value === 'boolean' || value === null) {
      literals.add(value);
    } else {
      throw new InvalidEventPatternException(
        'Match value must be String, number, true, false, or null',
        where,
      );
    }
  });
  const matches: LeafTest =
    tests.length === 0
      ? (leaf) => literals.has(leaf)
      : (leaf) => literals.has(leaf) || tests.some((test) => test(leaf));
  return { matches, matchesAbsence };
}

function compileMatchExpression(
  expression: Record<string, unknown>,
  where: string,
): LeafTest | typeof ABSENT {
  const keys = Object.keys(expression);
  if (keys.length === 0) throw new InvalidEventPatternException('Match expression name not found', where);
  const operator = keys[0];
  const operand = expression[operator];
  const refuse = (reason: string): never => {
    throw new InvalidEventPatternException(reason, `${where}.${operator}`);
  };
  const compiled = compileOperator(operator, operand, refuse);
  // Event Ruler reads the first operator whole before it notices a second key.
  if (keys.length > 1)
    refuse(
      operator === 'numeric' || operator === 'anything-but'
        ? 'Too many elements in numeric expression'
        : 'Only one key allowed in match expression',
    );
  return compiled;
}

type Refuse = (reason: string) => never;

function compileOperator(operator: string, operand: unknown, refuse: Refuse): LeafTest | typeof ABSENT {
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return stringTest(affixTest(operator, operand, refuse));
    case 'equals-ignore-case': {
      if (typeof operand !== 'string') return refuse('equals-ignore-case match pattern must be a string');
      const lower = operand.toLowerCase();
      return stringTest((value) => value.toLowerCase() === lower);
    }
    case 'wildcard': {
      if (typeof operand !== 'string') return refuse('wildcard match pattern must be a string');
      return stringTest(wildcardTest(operand, refuse));
    }
    case 'cidr': {
      // Sic: Event Ruler reuses the prefix wording for a cidr that is not a string.
      if (typeof operand !== 'string') return refuse('prefix match pattern must be a string');
      const cidr = compileCidr(operand);
      if ('reason' in cidr) return refuse(cidr.reason);
      return stringTest(cidr.test);
    }
    case 'numeric':
      return numberTest(compileNumeric(operand, refuse));
    case 'exists':
      if (typeof operand !== 'boolean') return refuse('exists match pattern must be either true or false.');
      // Any value counts as existing, null included; objects and empty arrays hold no value.
      return operand ? () => true : ABSENT;
    case 'anything-but':
      return compileAnythingBut(operand, refuse);
    default:
      return refuse(`Unrecognized match type ${operator}`);
  }
}

/** prefix or suffix, given a string or `{"equals-ignore-case": string}`. */
function affixTest(
  operator: 'prefix' | 'suffix',
  operand: unknown,
  refuse: Refuse,
): (value: string) => boolean {
  let affix: string;
  let ignoreCase = false;
  if (typeof operand === 'string') {
    affix = operand;
  } else if (isPlainObject(operand)) {
    const keys = Object.keys(operand);
    const label = operator === 'prefix' ? 'Prefix' : 'Suffix';
    if (keys.length === 0) return refuse(`${label} expression name not found`);
    if (keys[0] !== 'equals-ignore-case') return refuse(`Unsupported ${operator} pattern: ${keys[0]}`);
    const inner = operand[keys[0]];
    if (typeof inner !== 'string') return refuse('equals-ignore-case match pattern must be a string');
    if (keys.length > 1) return refuse('Only one key allowed in match expression');
    affix = inner.toLowerCase();
    ignoreCase = true;
  } else {
    return refuse(`${operator} match pattern must be a string`);
  }
  const fold = ignoreCase ? (value: string) => value.toLowerCase() : (value: string) => value;
  return operator === 'prefix'
    ? (value) => fold(value).startsWith(affix)
    : (value) => fold(value).endsWith(affix);
}

function wildcardTest(wildcard: string, refuse: Refuse): (value: string) => boolean {
  const compiled = compileWildcard(wildcard);
  if ('reason' in compiled) return refuse(compiled.reason);
  return (value) => compiled.regex.test(value);
}

const NUMERIC_OPERATORS = ['=', '<', '<=', '>', '>='];

/**
 * `["=", n]`, `["<" | "<=", n]`, `[">" | ">=", n]`, or a range `[">" | ">=", low, "<" | "<=", high]`
 * with low < high; bounds within ±5e9 and six decimals. Compared in millionths, as EventBridge does.
 */
function compileNumeric(operand: unknown, refuse: Refuse): (micros: number) => boolean {
  if (!Array.isArray(operand)) return refuse('Value of numeric must be an array.');
  const terms: unknown[] = operand;
  const describe = (term: unknown) => (term === undefined ? ']' : JSON.stringify(term).replace(/^"|"$/g, ''));
  const bound = (operator: string, term: unknown): number => {
    if (typeof term !== 'number')
      return refuse(`Value of ${operator === '=' ? 'equals' : operator} must be numeric`);
    const comparable = toComparable(term);
    return 'micros' in comparable ? comparable.micros : refuse(comparable.reason);
  };
  const [first, firstValue, second, secondValue] = terms;
  if (typeof first !== 'string') return refuse(`Invalid member in numeric match: ${describe(first)}`);
  if (!NUMERIC_OPERATORS.includes(first)) return refuse(`Unrecognized numeric range operator: ${first}`);
  const low = bound(first, firstValue);
  if (terms.length === 2) return numericComparison(first, low);
  if (first !== '>' && first !== '>=') return refuse('Too many elements in numeric expression');
  if (typeof second !== 'string') return refuse(`Bad value in numeric range: ${describe(second)}`);
  if (second !== '<' && second !== '<=') return refuse(`Bad numeric range operator: ${second}`);
  const high = bound(second, secondValue);
  if (terms.length > 4) return refuse('Too many terms in numeric range expression');
  if (low >= high) return refuse('Bottom must be less than top');
  const above = numericComparison(first, low);
  const below = numericComparison(second, high);
  return (micros) => above(micros) && below(micros);
}

function numericComparison(operator: string, bound: number): (micros: number) => boolean {
  switch (operator) {
    case '=':
      return (micros) => micros === bound;
    case '<':
      return (micros) => micros < bound;
    case '<=':
      return (micros) => micros <= bound;
    case '>':
      return (micros) => micros > bound;
    default:
      return (micros) => micros >= bound;
  }
}

/**
 * anything-but matches every value present except the excluded ones: a value, a list of strings or
 * of numbers, or `{prefix | suffix | equals-ignore-case | wildcard: string | string[]}`. A string
 * exclusion never excludes a number, null or boolean, and a number exclusion never a string
 * (EventBridge matches `{"anything-but": ["x"]}` against `null`). A missing field matches nothing.
 */
function compileAnythingBut(operand: unknown, refuse: Refuse): LeafTest {
  if (isPlainObject(operand)) return compileAnythingButOperator(operand, refuse);
  if (typeof operand === 'string') return (leaf) => leaf !== operand;
  if (typeof operand === 'number') {
    const excluded = comparableBound(operand, refuse);
    return (leaf) => typeof leaf !== 'number' || comparableMicros(leaf) !== excluded;
  }
  if (!Array.isArray(operand))
    return refuse('Value of anything-but must be an array or single string/number value.');
  const items: unknown[] = operand;
  if (!items.every((item) => typeof item === 'string' || typeof item === 'number'))
    return refuse('Inside anything but list, start|null|boolean is not supported.');
  const strings = items.filter((item): item is string => typeof item === 'string');
  const numbers = items.filter((item): item is number => typeof item === 'number');
  if (strings.length > 0 === numbers.length > 0)
    return refuse(
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    );
  if (strings.length > 0) {
    const excluded = new Set(strings);
    return (leaf) => typeof leaf !== 'string' || !excluded.has(leaf);
  }
  const excluded = new Set(numbers.map((number) => comparableBound(number, refuse)));
  return (leaf) => {
    if (typeof leaf !== 'number') return true;
    const micros = comparableMicros(leaf);
    return micros === undefined || !excluded.has(micros);
  };
}

const ANYTHING_BUT_OPERATORS = ['equals-ignore-case', 'prefix', 'suffix', 'wildcard'] as const;
type AnythingButOperator = (typeof ANYTHING_BUT_OPERATORS)[number];

function compileAnythingButOperator(operand: Record<string, unknown>, refuse: Refuse): LeafTest {
  const keys = Object.keys(operand);
  if (keys.length === 0) return refuse('Anything-But expression name not found');
  const operator = keys[0];
  if (!isAnythingButOperator(operator)) return refuse(`Unsupported anything-but pattern: ${operator}`);
  const inner = operand[operator];
  const values = Array.isArray(inner) ? (inner as unknown[]) : [inner];
  if (!Array.isArray(inner) && typeof inner !== 'string' && typeof inner !== 'number')
    return refuse('Value of anything-but must be an array or single string/number value.');
  const excludes = values.map((value) => exclusionTest(operator, value, refuse));
  if (keys.length > 1) return refuse('Too many elements in numeric expression');
  // Only strings can be excluded by these operators: any other value present matches.
  return (leaf) => typeof leaf !== 'string' || !excludes.some((excluded) => excluded(leaf));
}

function exclusionTest(
  operator: AnythingButOperator,
  value: unknown,
  refuse: Refuse,
): (value: string) => boolean {
  if (typeof value !== 'string')
    return refuse(
      operator === 'equals-ignore-case'
        ? 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.'
        : operator === 'wildcard'
          ? 'wildcard match pattern must be a string'
          : 'prefix/suffix match pattern must be a string',
    );
  switch (operator) {
    case 'equals-ignore-case': {
      const lower = value.toLowerCase();
      return (candidate) => candidate.toLowerCase() === lower;
    }
    case 'wildcard':
      return wildcardTest(value, refuse);
    default:
      if (value === '') return refuse('Null prefix/suffix not allowed');
      return operator === 'prefix'
        ? (candidate) => candidate.startsWith(value)
        : (candidate) => candidate.endsWith(value);
  }
}

function isAnythingButOperator(operator: string): operator is AnythingButOperator {
  return (ANYTHING_BUT_OPERATORS as readonly string[]).includes(operator);
}

function comparableBound(value: number, refuse: Refuse): number {
  const comparable = toComparable(value);
  return 'micros' in comparable ? comparable.micros : refuse(comparable.reason);
}

/** An exact number matches equal numbers (301.8 and 3.018e2 alike), or the very same number. */
function exactNumberTest(expected: number): LeafTest {
  const micros = comparableMicros(expected);
  if (micros === undefined) return (leaf) => leaf === expected;
  return (leaf) => leaf === expected || (typeof leaf === 'number' && comparableMicros(leaf) === micros);
}

function addressTest(address: IpAddress): LeafTest {
  return stringTest((value) => {
    const ip = parseIpAddress(value);
    return ip !== undefined && ip.bytes === address.bytes && ip.value === address.value;
  });
}

function stringTest(test: (value: string) => boolean): LeafTest {
  return (leaf) => typeof leaf === 'string' && test(leaf);
}

function numberTest(test: (micros: number) => boolean): LeafTest {
  return (leaf) => {
    if (typeof leaf !== 'number') return false;
    const micros = comparableMicros(leaf);
    return micros !== undefined && test(micros);
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
