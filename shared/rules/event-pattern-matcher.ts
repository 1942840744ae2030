// Decides locally which events a rule takes: the local bus uses it with the very patterns the CDK
// stack deploys. Semantics are EventBridge's (see compile-event-pattern.ts; every operator is tested
// against AWS's documented examples in test/rules/, and optionally against EventBridge itself). No
// maintained npm package implements them (AWS's own, Event Ruler, is Java), hence our own.
// Patterns compile once; an event is flattened once per call, for all the rules it is offered to.
import { compileEventPattern } from './compile-event-pattern';
import type { CompiledEventPattern } from './compile-event-pattern';
import type { EventPattern } from './event-pattern';
import { flattenEvent, mergePathFilters } from './flatten-event';
import type { PathFilter } from './flatten-event';
import type { RuleDefinition } from './rule-definition';
import { RULES } from './rule-patterns';

export {
  InvalidEventPatternException,
  InvalidPatternError,
  compileEventPattern,
  compilePattern,
} from './compile-event-pattern';

const compiled = new WeakMap<EventPattern, CompiledEventPattern>();

function compiledPattern(pattern: EventPattern): CompiledEventPattern {
  let result = compiled.get(pattern);
  if (!result) {
    result = compileEventPattern(pattern);
    compiled.set(pattern, result);
  }
  return result;
}

export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  return compiledPattern(pattern).matches(event);
}

/** Per rule list (treated as immutable, as RULES is): its compiled patterns and the paths they read. */
const ruleSets = new WeakMap<
  readonly RuleDefinition[],
  { patterns: CompiledEventPattern[]; paths: PathFilter }
>();

/** The rules (of RULES unless given) whose pattern matches the event. */
export function rulesMatching(event: unknown, rules: readonly RuleDefinition[] = RULES): RuleDefinition[] {
  let ruleSet = ruleSets.get(rules);
  if (!ruleSet) {
    const patterns = rules.map((rule) => compiledPattern(rule.pattern));
    ruleSet = { patterns, paths: mergePathFilters(patterns.map((pattern) => pattern.paths)) };
    ruleSets.set(rules, ruleSet);
  }
  const { patterns, paths } = ruleSet;
  const flat = flattenEvent(event, paths);
  return rules.filter((_rule, index) => patterns[index].matchesFlat(flat));
}
