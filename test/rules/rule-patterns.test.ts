// The rules as data: within EventBridge's documented limits, generated from the registry without
// drift, and (through the local matcher) taking every sample event and nothing they must not take.
import { readFileSync } from 'node:fs';
import { cloudTrailRuleSelectors } from '../../shared/cloudtrail/cloudtrail-mappings';
import { buildCloudTrailRules } from '../../shared/rules/cloudtrail-rules';
import { rulesMatching } from '../../shared/rules/event-pattern-matcher';
import { EVENTBRIDGE_LIMITS, patternSize, ruleSetProblems } from '../../shared/rules/eventbridge-limits';
import { CLOUDFORMATION_RULE, RULES } from '../../shared/rules/rule-patterns';
import type { RuleDefinition } from '../../shared/rules/rule-patterns';
import { repoPath, sampleFiles } from '../ingest/sample-events';

type Event = Record<string, unknown> & { detail: Record<string, unknown> };

function eventsIn(file: string): Event[] {
  const content: Event | Event[] = JSON.parse(readFileSync(file, 'utf8'));
  return Array.isArray(content) ? content : [content];
}

/** The string values a rule's pattern lists for `detail.<field>`. */
function detailValues(rule: RuleDefinition, field: string): string[] {
  const detail: unknown = rule.pattern.detail;
  const values: unknown =
    typeof detail === 'object' && detail !== null && field in detail ? Reflect.get(detail, field) : [];
  return Array.isArray(values) ? values.filter((value): value is string => typeof value === 'string') : [];
}

function eventNamesOf(rule: RuleDefinition): string[] {
  return detailValues(rule, 'eventName');
}

const cloudTrailRules = RULES.filter((rule) => rule.target === 'cloudtrail-ingest');

describe('EventBridge limits', () => {
  test('the rule set has no problem: pattern size, names, descriptions, operators, quotas', () => {
    expect(ruleSetProblems(RULES)).toEqual([]);
  });

  test.each(RULES.map((rule) => [rule.name, rule] as const))(
    '%s is within the pattern size quota',
    (_name, rule) => {
      expect(patternSize(rule.pattern)).toBeLessThanOrEqual(EVENTBRIDGE_LIMITS.patternSize);
    },
  );

  test('names are stable and CloudFormation-safe', () => {
    for (const rule of RULES) expect(rule.name).toMatch(/^inventory-[a-z0-9-]+$/);
    expect(CLOUDFORMATION_RULE.name).toBe('inventory-cloudformation');
    expect(cloudTrailRules.map((rule) => rule.name)).toContain('inventory-cloudtrail-s3');
  });

  test('a service whose calls do not fit one pattern is split into several rules, each within the limit', () => {
    const eventNames = Array.from(
      { length: 300 },
      (_, i) => `CreateSomethingQuiteLong${String(i).padStart(3, '0')}`,
    );
    const rules = buildCloudTrailRules([{ source: 'aws.big', eventSource: 'big.amazonaws.com', eventNames }]);
    expect(rules.length).toBeGreaterThan(1);
    expect(rules.map((rule) => rule.name).slice(0, 3)).toEqual([
      'inventory-cloudtrail-big',
      'inventory-cloudtrail-big-2',
      'inventory-cloudtrail-big-3',
    ]);
    for (const rule of rules)
      expect(patternSize(rule.pattern)).toBeLessThanOrEqual(EVENTBRIDGE_LIMITS.patternSize);
    expect(ruleSetProblems(rules)).toEqual([]);
    expect(rules.flatMap(eventNamesOf).sort()).toEqual([...eventNames].sort());
  });

  test('a call that alone exceeds the limit is refused rather than silently dropped', () => {
    expect(() =>
      buildCloudTrailRules([
        { source: 'aws.x', eventSource: 'x.amazonaws.com', eventNames: ['A'.repeat(3000)] },
      ]),
    ).toThrow(/exceeds/);
  });
});

describe('generated from the registry', () => {
  test('every mapped call is admitted by exactly one rule, for its own service', () => {
    for (const selector of cloudTrailRuleSelectors()) {
      for (const eventName of selector.eventNames) {
        const admitting = cloudTrailRules.filter(
          (rule) =>
            eventNamesOf(rule).includes(eventName) &&
            detailValues(rule, 'eventSource').includes(selector.eventSource),
        );
        expect(admitting.map((rule) => rule.name)).toHaveLength(1);
      }
    }
  });

  test('no rule admits a call the registry does not map', () => {
    const mapped = new Set(
      cloudTrailRuleSelectors().flatMap((s) => s.eventNames.map((n) => `${s.eventSource} ${n}`)),
    );
    for (const rule of cloudTrailRules) {
      const detail = rule.pattern.detail as { eventSource: string[] };
      for (const name of eventNamesOf(rule))
        expect(mapped.has(`${detail.eventSource[0]} ${name}`)).toBe(true);
    }
  });

  test('failed calls are excluded by every CloudTrail pattern, and no read-only call is listed', () => {
    for (const rule of cloudTrailRules) {
      expect(rule.pattern.detail).toMatchObject({ errorCode: [{ exists: false }] });
      for (const name of eventNamesOf(rule))
        expect(name).not.toMatch(/^(Get|List|Describe|Head|Lookup)[A-Z]/);
    }
  });
});

describe('the local matcher takes every sample event, with exactly one rule of the right target', () => {
  const files = [
    ...sampleFiles('events/cloudformation'),
    ...sampleFiles('events/cloudtrail').filter((file) => !file.includes('/negative/')),
    ...sampleFiles('events/scenario'),
  ];
  const targetOf: Record<string, string> = {
    'CloudFormation Stack Status Change': 'cloudformation-ingest',
    'CloudFormation Resource Status Change': 'cloudformation-ingest',
    'AWS API Call via CloudTrail': 'cloudtrail-ingest',
  };

  test('there are samples of every source', () => {
    expect(files.filter((file) => file.includes('/cloudtrail/')).length).toBeGreaterThan(25);
    expect(files.filter((file) => file.includes('/scenario/'))).toHaveLength(1);
  });

  test.each(files.map((file) => [repoPath(file), file]))('%s', (_name, file) => {
    for (const event of eventsIn(file)) {
      const matched = rulesMatching(event);
      expect(matched.map((rule) => rule.target)).toEqual([targetOf[String(event['detail-type'])]]);
    }
  });
});

describe('the local matcher rejects what must not reach a handler', () => {
  const bucketCall = eventsIn(
    sampleFiles('events/cloudtrail/s3').find((file) => file.includes('CreateBucket'))!,
  )[0];

  test.each(sampleFiles('events/cloudtrail/negative').map((file) => [repoPath(file), file]))(
    '%s (failed or read-only)',
    (_name, file) => {
      for (const event of eventsIn(file)) expect(rulesMatching(event)).toEqual([]);
    },
  );

  const variants: [string, Record<string, unknown>][] = [
    ['the mapped call itself (control)', {}],
    [
      'a failed call',
      { detail: { ...bucketCall.detail, errorCode: 'AccessDenied', errorMessage: 'Access Denied' } },
    ],
    ['a read-only call', { detail: { ...bucketCall.detail, eventName: 'GetBucketTagging', readOnly: true } }],
    ['a listing call', { detail: { ...bucketCall.detail, eventName: 'ListBuckets', readOnly: true } }],
    ['a write call nothing maps', { detail: { ...bucketCall.detail, eventName: 'PutBucketLogging' } }],
    ['an S3 call claiming another source', { source: 'aws.sqs' }],
    [
      'a custom application event',
      { source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: { orderId: '1' } },
    ],
    [
      'a CloudFormation detail-type from another source',
      { source: 'shop.fake', 'detail-type': 'CloudFormation Stack Status Change' },
    ],
    [
      'an EC2 state change notification',
      {
        source: 'aws.ec2',
        'detail-type': 'EC2 Instance State-change Notification',
        detail: { state: 'running' },
      },
    ],
    [
      'a call of a service the registry does not know',
      {
        source: 'aws.glue',
        detail: { ...bucketCall.detail, eventSource: 'glue.amazonaws.com', eventName: 'CreateJob' },
      },
    ],
  ];
  test.each(variants)('%s', (name, overrides) => {
    const matched = rulesMatching({ ...bucketCall, ...overrides });
    expect(matched.length).toBe(name.includes('(control)') ? 1 : 0);
  });
});
