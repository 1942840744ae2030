// The `anything-but` operator: every value present except the excluded ones, with Event Ruler's
// refusals for malformed operands.
import { comparableMicros } from './comparable-number';
import { isPlainObject } from './event-pattern';
import { comparableBound, wildcardTest } from './leaf-test';
import type { LeafTest, Refuse } from './leaf-test';

/**
 * anything-but matches every value present except the excluded ones: a value, a list of strings or
 * of numbers, or `{prefix | suffix | equals-ignore-case | wildcard: string | string[]}`. A string
 * exclusion never excludes a number, null or boolean, and a number exclusion never a string
 * (EventBridge matches `{"anything-but": ["x"]}` against `null`). A missing field matches nothing.
 */
export function compileAnythingBut(operand: unknown, refuse: Refuse): LeafTest {
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
