// The local matcher against EventBridge's pattern language: every case of the shared table (built
// from the User Guide's examples and Event Ruler's), then what only the local side can show.
import {
  InvalidEventPatternException,
  InvalidPatternError,
  compileEventPattern,
  compilePattern,
  matchesPattern,
  rulesMatching,
} from '../../shared/rules/event-pattern-matcher';
import type { EventPattern } from '../../shared/rules/event-pattern';
import type { RuleDefinition } from '../../shared/rules/rule-definition';
import { PATTERN_CASES, awsEvent } from './event-pattern-cases';
import type { InvalidCase, MatchCase } from './event-pattern-cases';

const matchCases = PATTERN_CASES.filter((c): c is MatchCase => c.kind === 'match');
const invalidCases = PATTERN_CASES.filter((c): c is InvalidCase => c.kind === 'invalid');

describe('the case table', () => {
  test('covers every operator with matches, non-matches and refusals', () => {
    const operators = [
      'prefix', 'suffix', 'equals-ignore-case', 'wildcard', 'anything-but', 'numeric', 'cidr', 'exists', '$or',
    ]; // prettier-ignore
    for (const operator of operators) {
      const uses = (c: { pattern: unknown }) => JSON.stringify(c.pattern).includes(`"${operator}"`);
      expect([operator, matchCases.some((c) => uses(c) && c.matches)]).toEqual([operator, true]);
      expect([operator, matchCases.some((c) => uses(c) && !c.matches)]).toEqual([operator, true]);
      expect([operator, invalidCases.some(uses)]).toEqual([operator, true]);
    }
  });

  test('names are unique within their source, so a parity failure points at one case', () => {
    const keys = PATTERN_CASES.map((c) => `${c.source}: ${c.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe.each([...new Set(matchCases.map((c) => c.source))])('%s', (source) => {
  test.each(matchCases.filter((c) => c.source === source).map((c) => [c.name, c] as const))(
    '%s',
    (_name, { pattern, event, matches }) => {
      expect(compileEventPattern(pattern).matches(event)).toBe(matches);
    },
  );
});

describe.each([...new Set(invalidCases.map((c) => c.source))])('%s refuses', (source) => {
  test.each(invalidCases.filter((c) => c.source === source).map((c) => [c.name, c] as const))(
    '%s',
    (_name, { pattern, reason }) => {
      let error: unknown;
      try {
        compileEventPattern(pattern);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(InvalidEventPatternException);
      const refusal = error as InvalidEventPatternException;
      expect(refusal.name).toBe('InvalidEventPatternException');
      expect(refusal.reason).toBe(reason);
      expect(refusal.message.startsWith(`Event pattern is not valid. Reason: ${reason}`)).toBe(true);
    },
  );
});

describe('refusals name where the problem is', () => {
  test.each([
    [
      { detail: { state: [] } },
      'Event pattern is not valid. Reason: Empty arrays are not allowed at detail.state',
    ],
    [
      { detail: { state: ['a', { prefix: 5 }] } },
      'Event pattern is not valid. Reason: prefix match pattern must be a string at detail.state[1].prefix',
    ],
    [
      { detail: { $or: [{ a: ['x'] }] } },
      'Event pattern is not valid. Reason: There must have at least 2 Objects in $or relationship. at detail.$or',
    ],
  ])('%j', (pattern, message) => {
    expect(() => compileEventPattern(pattern)).toThrow(message);
  });

  test('the former error name still catches refusals', () => {
    expect(() => compilePattern({ source: [] })).toThrow(InvalidPatternError);
  });
});

describe('$or expansion is bounded', () => {
  test('a pattern whose $or branches combine past the guard is refused, saying whose limit it is', () => {
    // Ten nested pairs of branches: 2^10 = 1,024 sub-patterns, then one more pair makes 2,048.
    const pair = (depth: number): Record<string, unknown> =>
      depth === 0
        ? { leaf: ['x'] }
        : { $or: [{ [`a${depth}`]: ['1'] }, { [`b${depth}`]: ['1'] }], [`n${depth}`]: pair(depth - 1) };
    expect(compileEventPattern(pair(10)).subPatterns).toHaveLength(1024);
    expect(() => compileEventPattern(pair(11))).toThrow(
      /more than 1024 sub-patterns.*EventBridge documents no such number/,
    );
  });
});

describe('events the table cannot send to AWS', () => {
  test('a non-object event matches nothing but absences', () => {
    expect(matchesPattern({ source: ['aws.ec2'] }, 'not an event')).toBe(false);
    expect(matchesPattern({ detail: { errorCode: [{ exists: false }] } }, null)).toBe(true);
  });

  test('values that are not JSON are not values', () => {
    const event = { detail: { missing: undefined, fn: () => 1 } };
    expect(matchesPattern({ detail: { missing: [{ exists: false }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { fn: [{ exists: true }] } }, event)).toBe(false);
  });
});

describe('rulesMatching', () => {
  const rules: RuleDefinition[] = matchCases.map((c, index) => ({
    name: `case-${index}`,
    description: c.name,
    pattern: c.pattern as EventPattern,
    target: 'cloudtrail-ingest',
  }));

  test('reading an event once for all rules gives each rule its own verdict', () => {
    for (const c of matchCases) {
      const expected = rules.filter((rule) => matchesPattern(rule.pattern, c.event)).map((rule) => rule.name);
      expect(rulesMatching(c.event, rules).map((rule) => rule.name)).toEqual(expected);
    }
    // And the table's own verdicts are among them.
    matchCases.forEach((c, index) => {
      expect(rulesMatching(c.event, rules).some((rule) => rule.name === `case-${index}`)).toBe(c.matches);
    });
  });

  test('compiles each pattern once, however many events it sees', () => {
    const pattern: EventPattern = { source: ['aws.ec2'] };
    const event = awsEvent({});
    expect(matchesPattern(pattern, event)).toBe(true);
    // Mutating the pattern after its first use does not change the compiled matcher.
    (pattern as Record<string, unknown>).source = ['aws.s3'];
    expect(matchesPattern(pattern, event)).toBe(true);
  });
});
