// Compiles one field's value list (`"state": ["running", {"prefix": "stop"}]`) into a test of the
// event's leaf values, with EventBridge's semantics and its refusals (Event Ruler's wording, so a
// local refusal names the same problem AWS would). The list is an OR; `{"exists": false}` is kept
// apart because it matches the absence of a value, not a value.
import { compileAnythingBut } from './anything-but-matcher';
import { comparableMicros } from './comparable-number';
import { isPlainObject } from './event-pattern';
import { InvalidEventPatternException } from './invalid-event-pattern';
import { compileCidr, parseIpAddress } from './ip-address';
import type { IpAddress } from './ip-address';
import { stringTest, wildcardTest } from './leaf-test';
import type { Leaf, LeafTest, Refuse } from './leaf-test';
import { compileNumeric } from './numeric-matcher';

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
      return compileNumeric(operand, refuse);
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
