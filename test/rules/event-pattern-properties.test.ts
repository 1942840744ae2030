// Invariants of the matcher over the whole case table: the order a pattern is written in never
// changes a verdict (EventBridge reads fields in sorted order; the matcher takes a shortcut in the
// written order when no array is involved), and wrapping event values in one-element arrays never
// does either (arrays are crushed), which also sends every case down the array-aware path.
import fc from 'fast-check';
import { compileEventPattern } from '../../shared/rules/compile-event-pattern';
import { PATTERN_CASES } from './event-pattern-cases';
import type { MatchCase } from './event-pattern-cases';

const matchCases = PATTERN_CASES.filter((c): c is MatchCase => c.kind === 'match');

/** The same JSON with every object's keys in an order chosen by `order` (a list of sort keys). */
function reorder(value: unknown, order: readonly number[], depth = 0): unknown {
  if (Array.isArray(value)) return value.map((item) => reorder(item, order, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(
    ([key, child], index) =>
      [order[(index + depth) % order.length], key, reorder(child, order, depth + 1)] as const,
  );
  entries.sort((a, b) => a[0] - b[0]);
  return Object.fromEntries(entries.map(([, key, child]) => [key, child]));
}

/** Every scalar value of the event wrapped in a one-element array. */
function wrapScalars(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(wrapScalars);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, wrapScalars(child)]));
  return value === undefined ? value : [value];
}

test("the order of a pattern's keys never changes a verdict", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...matchCases),
      fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 }),
      (c, order) => compileEventPattern(reorder(c.pattern, order)).matches(c.event) === c.matches,
    ),
    { numRuns: 500 },
  );
});

test('one-element arrays around event values never change a verdict', () => {
  for (const c of matchCases) {
    expect([c.source, c.name, compileEventPattern(c.pattern).matches(wrapScalars(c.event))]).toEqual([
      c.source,
      c.name,
      c.matches,
    ]);
  }
});
