// Decides locally which events a rule takes: the local bus uses it with the very patterns the CDK
// stack deploys. Semantics are EventBridge's (see compile-event-pattern.ts; every operator is tested
// in test/rules/event-pattern-matcher.test.ts). No maintained npm package implements them (AWS's own,
// event-ruler, is Java), hence our own.
import { compilePattern } from './compile-event-pattern';
import type { Test } from './compile-event-pattern';
import type { EventPattern } from './event-pattern';
import type { RuleDefinition } from './rule-definition';
import { RULES } from './rule-patterns';

export { InvalidPatternError, compilePattern } from './compile-event-pattern';

const compiled = new WeakMap<EventPattern, Test<unknown>>();

export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  let test = compiled.get(pattern);
  if (!test) {
    test = compilePattern(pattern);
    compiled.set(pattern, test);
  }
  return test(event);
}

/** The rules (of RULES unless given) whose pattern matches the event. */
export function rulesMatching(event: unknown, rules: readonly RuleDefinition[] = RULES): RuleDefinition[] {
  return rules.filter((rule) => matchesPattern(rule.pattern, event));
}
