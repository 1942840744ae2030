// The quotas a rule must fit before PutRule would take it: pattern size (the "Event pattern size"
// quota, 2,048 characters by default), a valid pattern, name and description, wildcard rules per bus.
import {
  EVENTBRIDGE_LIMITS,
  patternSize,
  ruleProblems,
  ruleSetProblems,
} from '../../shared/rules/eventbridge-limits';
import type { EventPattern } from '../../shared/rules/event-pattern';
import type { RuleDefinition } from '../../shared/rules/rule-definition';

const rule = (pattern: unknown, name = 'inventory-test'): RuleDefinition => ({
  name,
  description: 'test rule',
  pattern: pattern as EventPattern,
  target: 'cloudtrail-ingest',
});

/** A valid pattern of exactly `size` characters as compact JSON. */
function patternOfSize(size: number): EventPattern {
  const pattern = { source: [''] };
  return { source: ['x'.repeat(size - patternSize(pattern))] };
}

describe('ruleProblems', () => {
  test('a pattern at the size quota is fine; one character more is reported', () => {
    expect(patternSize(patternOfSize(EVENTBRIDGE_LIMITS.patternSize))).toBe(2048);
    expect(ruleProblems(rule(patternOfSize(2048)))).toEqual([]);
    expect(ruleProblems(rule(patternOfSize(2049)))).toEqual(['pattern is 2049 characters, over 2048']);
  });

  test('a pattern EventBridge refuses is reported with its exception message', () => {
    expect(ruleProblems(rule({ source: [{ numeric: ['<', 10, '>', 0] }] }))).toEqual([
      'Event pattern is not valid. Reason: Too many elements in numeric expression at source[0].numeric',
    ]);
  });

  test('names and descriptions are checked against PutRule', () => {
    expect(ruleProblems(rule({ source: ['a'] }, 'bad name!'))).toEqual([
      'name has characters outside [.-_A-Za-z0-9]',
    ]);
  });
});

describe('ruleSetProblems', () => {
  test('rules using wildcards, anything-but wildcards included, count against the 30 per bus', () => {
    const wildcardRules = Array.from({ length: 31 }, (_, i) =>
      rule(
        i % 2 === 0
          ? { source: [{ wildcard: `a${i}*` }] }
          : { source: [{ 'anything-but': { wildcard: `b${i}*` } }] },
        `inventory-w${i}`,
      ),
    );
    expect(ruleSetProblems(wildcardRules.slice(0, 30))).toEqual([]);
    expect(ruleSetProblems(wildcardRules)).toEqual(['31 rules use wildcards']);
  });
});
