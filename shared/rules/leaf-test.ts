// What a field's matchers test: one scalar value of the event, and how a matcher refuses its operand.
import { toComparable } from './comparable-number';
import type { JsonScalar } from './event-pattern';
import { compileWildcard } from './wildcard-pattern';

/** A value of the event at a pattern's field: JSON scalars (objects and arrays are not leaves). */
export type Leaf = JsonScalar;
export type LeafTest = (leaf: Leaf) => boolean;

/** Throws InvalidEventPatternException with EventBridge's reason, at the operator being compiled. */
export type Refuse = (reason: string) => never;

/** String operators never match a number, a boolean or null. */
export function stringTest(test: (value: string) => boolean): LeafTest {
  return (leaf) => typeof leaf === 'string' && test(leaf);
}

export function wildcardTest(wildcard: string, refuse: Refuse): (value: string) => boolean {
  const compiled = compileWildcard(wildcard);
  if ('reason' in compiled) return refuse(compiled.reason);
  return (value) => compiled.regex.test(value);
}

/** A number operand as EventBridge compares it (millionths), or its refusal. */
export function comparableBound(value: number, refuse: Refuse): number {
  const comparable = toComparable(value);
  return 'micros' in comparable ? comparable.micros : refuse(comparable.reason);
}
