// EventBridge's documented limits on rules, and the check every generated rule must pass.
// Sources: "Amazon EventBridge quotas" (Event pattern size: 2,048 characters by default, adjustable
// to 4,096 on request; Rules: 300 per event bus; rules containing wildcards: 30 per event bus, not
// adjustable) and the PutRule API reference (Name: 1-64 characters of [.-_A-Za-z0-9]; Description:
// at most 512 characters). We hold to the default pattern size so no quota increase is needed.
import type { EventPattern } from './event-pattern';
import type { RuleDefinition } from './rule-definition';
import { InvalidPatternError, compilePattern } from './compile-event-pattern';

export const EVENTBRIDGE_LIMITS = {
  patternSize: 2048,
  rulesPerBus: 300,
  wildcardRulesPerBus: 30,
  ruleNameLength: 64,
  ruleNamePattern: /^[.\-_A-Za-z0-9]+$/,
  descriptionLength: 512,
} as const;

/** The size EventBridge counts: the pattern as compact JSON text. */
export function patternSize(pattern: EventPattern): number {
  return JSON.stringify(pattern).length;
}

export function usesWildcard(pattern: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.some(usesWildcard);
  if (typeof pattern !== 'object' || pattern === null) return false;
  return Object.entries(pattern).some(([key, value]) => key === 'wildcard' || usesWildcard(value));
}

/** Why a rule would be refused or would break a quota; empty when it is fine. */
export function ruleProblems(rule: RuleDefinition): string[] {
  const problems: string[] = [];
  const size = patternSize(rule.pattern);
  if (size > EVENTBRIDGE_LIMITS.patternSize)
    problems.push(`pattern is ${size} characters, over ${EVENTBRIDGE_LIMITS.patternSize}`);
  if (rule.name.length === 0 || rule.name.length > EVENTBRIDGE_LIMITS.ruleNameLength)
    problems.push(`name must have 1-${EVENTBRIDGE_LIMITS.ruleNameLength} characters`);
  if (!EVENTBRIDGE_LIMITS.ruleNamePattern.test(rule.name))
    problems.push('name has characters outside [.-_A-Za-z0-9]');
  if (rule.description.length > EVENTBRIDGE_LIMITS.descriptionLength)
    problems.push(`description is over ${EVENTBRIDGE_LIMITS.descriptionLength} characters`);
  try {
    compilePattern(rule.pattern);
  } catch (error) {
    if (!(error instanceof InvalidPatternError)) throw error;
    problems.push(error.message);
  }
  return problems;
}

/** Problems of a whole rule set: each rule's, plus the per-bus quotas. */
export function ruleSetProblems(rules: readonly RuleDefinition[]): string[] {
  const problems = rules.flatMap((rule) => ruleProblems(rule).map((problem) => `${rule.name}: ${problem}`));
  if (rules.length > EVENTBRIDGE_LIMITS.rulesPerBus) problems.push(`${rules.length} rules, over the quota`);
  const wildcardRules = rules.filter((rule) => usesWildcard(rule.pattern)).length;
  if (wildcardRules > EVENTBRIDGE_LIMITS.wildcardRulesPerBus)
    problems.push(`${wildcardRules} rules use wildcards`);
  const names = rules.map((rule) => rule.name);
  const duplicates = names.filter((name, index) => names.indexOf(name) !== index);
  if (duplicates.length > 0) problems.push(`duplicate rule names: ${duplicates.join(', ')}`);
  return problems;
}
