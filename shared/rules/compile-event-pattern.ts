// Compiles an EventBridge pattern into a test, with EventBridge's semantics for the operators our
// patterns use: exact values, prefix, suffix, equals-ignore-case, anything-but (values, prefix,
// suffix, equals-ignore-case, wildcard), exists, numeric, wildcard, cidr (IPv4), `$or`, nested
// objects, and arrays in the event (a field matches when any of its values does). Compiling checks
// the whole pattern, so a malformed one fails before any event is matched.
import type { JsonScalar } from './event-pattern';

/** Thrown for a pattern EventBridge would refuse (unknown operator, malformed value list). */
export class InvalidPatternError extends Error {
  override name = 'InvalidPatternError';
}

export type Test<T> = (value: T) => boolean;

/** Checks the whole pattern and returns its test; throws InvalidPatternError for the first problem. */
export function compilePattern(pattern: unknown): Test<unknown> {
  return compileObject(pattern, '');
}

function compileObject(pattern: unknown, path: string): Test<unknown> {
  if (!isPlainObject(pattern)) throw new InvalidPatternError(`${path || 'the pattern'} must be an object`);
  const tests = Object.entries(pattern).map(([field, expected]): Test<unknown> => {
    if (field === '$or') {
      if (!Array.isArray(expected) || expected.length < 2)
        throw new InvalidPatternError(`${path}$or must list at least two sub-patterns`);
      const branches = expected.map((branch, index) => compileObject(branch, `${path}$or[${index}].`));
      return (node) => branches.some((branch) => branch(node));
    }
    const fieldPath = `${path}${field}`;
    const test = Array.isArray(expected)
      ? compileField(expected, fieldPath)
      : isPlainObject(expected)
        ? compileNested(expected, `${fieldPath}.`)
        : undefined;
    if (!test) throw new InvalidPatternError(`${fieldPath} must be a list of values or a nested pattern`);
    return (node) => test(isPlainObject(node) ? node[field] : undefined);
  });
  return (node) => tests.every((test) => test(node));
}

/** A nested pattern matches an event object, or any object of an event array. */
function compileNested(pattern: Record<string, unknown>, path: string): Test<unknown> {
  const test = compileObject(pattern, path);
  return (value) => {
    const candidates = Array.isArray(value) ? value.flat(Infinity).filter(isPlainObject) : [value];
    return candidates.length === 0 ? test(undefined) : candidates.some(test);
  };
}

function compileField(matchers: readonly unknown[], path: string): Test<unknown> {
  if (matchers.length === 0) throw new InvalidPatternError(`${path} lists no values`);
  const tests = matchers.map((matcher) => compileMatcher(matcher, path));
  return (value) => {
    const leaves = leafValues(value);
    return tests.some((test) => test(leaves));
  };
}

/** The scalar values of an event field: arrays are flattened; objects are not leaves. */
function leafValues(value: unknown): JsonScalar[] {
  if (Array.isArray(value)) return value.flatMap(leafValues);
  return isScalar(value) ? [value] : [];
}

function compileMatcher(matcher: unknown, path: string): Test<JsonScalar[]> {
  if (isScalar(matcher)) return (leaves) => leaves.includes(matcher);
  if (!isPlainObject(matcher))
    throw new InvalidPatternError(`${path}: values are scalars or operator objects`);
  const [operator, operand] = singleEntry(matcher, path);
  switch (operator) {
    case 'exists':
      if (typeof operand !== 'boolean') throw new InvalidPatternError(`${path}: exists takes true or false`);
      // Exists looks at leaves only: a field holding an object "does not exist" (as in EventBridge).
      return (leaves) => operand === leaves.length > 0;
    case 'anything-but': {
      const excluded = compileExclusion(operand, path);
      // A missing field matches no anything-but; an array matches when one of its values is not excluded.
      return (leaves) => leaves.some((leaf) => !excluded(leaf));
    }
    case 'numeric': {
      const test = compileNumeric(operand, path);
      return (leaves) => leaves.some((leaf) => typeof leaf === 'number' && test(leaf));
    }
    default: {
      const test = compileStringOperator(operator, operand, path);
      return (leaves) => leaves.some((leaf) => typeof leaf === 'string' && test(leaf));
    }
  }
}

/** prefix and suffix (each optionally ignoring case), equals-ignore-case, wildcard, cidr. */
function compileStringOperator(operator: string, operand: unknown, path: string): Test<string> {
  switch (operator) {
    case 'prefix':
    case 'suffix': {
      const { text, ignoreCase } = affixOperand(operand, `${path}: ${operator}`);
      const fold = (value: string) => (ignoreCase ? value.toLowerCase() : value);
      const affix = fold(text);
      return operator === 'prefix'
        ? (value) => fold(value).startsWith(affix)
        : (value) => fold(value).endsWith(affix);
    }
    case 'equals-ignore-case': {
      const lower = stringOperand(operand, `${path}: equals-ignore-case`).toLowerCase();
      return (value) => value.toLowerCase() === lower;
    }
    case 'wildcard': {
      const regex = wildcardRegex(stringOperand(operand, `${path}: wildcard`));
      return (value) => regex.test(value);
    }
    case 'cidr':
      return ipv4CidrTest(stringOperand(operand, `${path}: cidr`), path);
    default:
      throw new InvalidPatternError(`${path}: unsupported operator ${operator}`);
  }
}

function affixOperand(operand: unknown, where: string): { text: string; ignoreCase: boolean } {
  if (typeof operand === 'string') return { text: operand, ignoreCase: false };
  if (isPlainObject(operand)) {
    const [operator, inner] = singleEntry(operand, where);
    if (operator === 'equals-ignore-case' && typeof inner === 'string')
      return { text: inner, ignoreCase: true };
  }
  throw new InvalidPatternError(`${where} takes a string or {"equals-ignore-case": string}`);
}

/** The values anything-but excludes: literals, a list of them, or one string operator. */
function compileExclusion(operand: unknown, path: string): Test<JsonScalar> {
  const where = `${path}: anything-but`;
  if (Array.isArray(operand)) {
    const values = new Set<unknown>(operand);
    const types = new Set(operand.map((item) => typeof item));
    if (types.size !== 1 || !(types.has('string') || types.has('number')))
      throw new InvalidPatternError(`${where} lists only strings or only numbers`);
    return (leaf) => values.has(leaf);
  }
  if (typeof operand === 'string' || typeof operand === 'number') return (leaf) => leaf === operand;
  if (!isPlainObject(operand)) throw new InvalidPatternError(`${where} takes a value, a list or an operator`);
  const [operator, inner] = singleEntry(operand, where);
  let excludesString: Test<string>;
  if (operator === 'equals-ignore-case' && Array.isArray(inner)) {
    if (inner.length === 0 || !inner.every((item) => typeof item === 'string'))
      throw new InvalidPatternError(`${where} equals-ignore-case lists strings`);
    const lowered = inner.map((item: string) => item.toLowerCase());
    excludesString = (value) => lowered.includes(value.toLowerCase());
  } else if (['prefix', 'suffix', 'equals-ignore-case', 'wildcard'].includes(operator)) {
    excludesString = compileStringOperator(operator, inner, where);
  } else {
    throw new InvalidPatternError(`${where} does not take ${operator}`);
  }
  // String operators only ever accept strings, so anything-but of one never matches another type.
  return (leaf) => typeof leaf !== 'string' || excludesString(leaf);
}

const NUMERIC_COMPARISONS: Record<string, (value: number, bound: number) => boolean> = {
  '=': (value, bound) => value === bound,
  '<': (value, bound) => value < bound,
  '<=': (value, bound) => value <= bound,
  '>': (value, bound) => value > bound,
  '>=': (value, bound) => value >= bound,
};

function compileNumeric(operand: unknown, path: string): Test<number> {
  const malformed = () =>
    new InvalidPatternError(`${path}: numeric takes one or two [operator, number] pairs`);
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0 || operand.length > 4)
    throw malformed();
  const tests: Test<number>[] = [];
  for (let i = 0; i < operand.length; i += 2) {
    const compare = NUMERIC_COMPARISONS[String(operand[i])];
    const bound: unknown = operand[i + 1];
    if (!compare || typeof bound !== 'number') throw malformed();
    tests.push((value) => compare(value, bound));
  }
  return (value) => tests.every((test) => test(value));
}

/** `*` matches any run of characters; `\*` is a literal star and `\\` a literal backslash. */
function wildcardRegex(wildcard: string): RegExp {
  if (wildcard.includes('**'))
    throw new InvalidPatternError('consecutive wildcard characters are not allowed');
  let source = '';
  for (let i = 0; i < wildcard.length; i++) {
    const char = wildcard[i];
    const next = wildcard[i + 1];
    if (char === '\\' && (next === '*' || next === '\\')) {
      source += escapeRegex(next);
      i++;
    } else {
      source += char === '*' ? '.*' : escapeRegex(char);
    }
  }
  return new RegExp(`^${source}$`, 's');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function ipv4CidrTest(cidr: string, path: string): Test<string> {
  const [address, bitsText] = cidr.split('/');
  const base = ipv4ToNumber(address);
  const bits = Number(bitsText);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32)
    throw new InvalidPatternError(`${path}: cidr supports IPv4 blocks only, got ${cidr}`);
  const size = 2 ** (32 - bits);
  const start = Math.floor(base / size) * size;
  return (value) => {
    const ip = ipv4ToNumber(value);
    return ip !== undefined && ip >= start && ip < start + size;
  };
}

function ipv4ToNumber(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255))
    return undefined;
  return parts.reduce((total, part) => total * 256 + Number(part), 0);
}

function singleEntry(operator: Record<string, unknown>, where: string): [string, unknown] {
  const entries = Object.entries(operator);
  if (entries.length !== 1) throw new InvalidPatternError(`${where}: an operator object has exactly one key`);
  return entries[0];
}

function stringOperand(operand: unknown, where: string): string {
  if (typeof operand !== 'string') throw new InvalidPatternError(`${where} takes a string`);
  return operand;
}

function isScalar(value: unknown): value is JsonScalar {
  return (
    value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
