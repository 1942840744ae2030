// The `numeric` operator: comparisons and ranges of JSON numbers, in millionths within ±5e9, with
// Event Ruler's refusals for malformed operands.
import { comparableMicros } from './comparable-number';
import { comparableBound } from './leaf-test';
import type { LeafTest, Refuse } from './leaf-test';

/** Numeric operators match only numbers EventBridge can compare; any other value never. */
export function compileNumeric(operand: unknown, refuse: Refuse): LeafTest {
  const test = compileComparison(operand, refuse);
  return (leaf) => {
    if (typeof leaf !== 'number') return false;
    const micros = comparableMicros(leaf);
    return micros !== undefined && test(micros);
  };
}

const NUMERIC_OPERATORS = ['=', '<', '<=', '>', '>='];

/**
 * `["=", n]`, `["<" | "<=", n]`, `[">" | ">=", n]`, or a range `[">" | ">=", low, "<" | "<=", high]`
 * with low < high; bounds within ±5e9 and six decimals. Compared in millionths, as EventBridge does.
 */
function compileComparison(operand: unknown, refuse: Refuse): (micros: number) => boolean {
  if (!Array.isArray(operand)) return refuse('Value of numeric must be an array.');
  const terms: unknown[] = operand;
  const describe = (term: unknown) => (term === undefined ? ']' : JSON.stringify(term).replace(/^"|"$/g, ''));
  const bound = (operator: string, term: unknown): number =>
    typeof term === 'number'
      ? comparableBound(term, refuse)
      : refuse(`Value of ${operator === '=' ? 'equals' : operator} must be numeric`);
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
