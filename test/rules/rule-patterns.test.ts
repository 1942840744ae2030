// The rules as data: within EventBridge's documented limits, generated from the registry without
// drift, and (through the local matcher) taking every sample event and nothing they must not take.
import { readFileSync } from 'node:fs';
import { cloudTrailRuleSelectors } from '../../shared/cloudtrail/cloudtrail-mappings';
import { coveredEventBridgeSources } from '../../shared/cloudtrail/covered-services';
import { buildCloudTrailRules } from '../../shared/rules/cloudtrail-rules';
import { rulesMatching } from '../../shared/rules/event-pattern-matcher';
import { EVENTBRIDGE_LIMITS, patternSize, ruleSetProblems } from '../../shared/rules/eventbridge-limits';
import { CLOUDFORMATION_RULE, RULES } from '../../shared/rules/rule-patterns';
import { repoPath, sampleFiles } from '../ingest/sample-events';

type Event = Record<string, unknown> & { detail: Record<string, unknown> };

function eventsIn(file: string): Event[] {
  const content: Event | Event[] = JSON.parse(readFileSync(file, 'utf8'));
  return Array.isArray(content) ? content : [content];
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
    expect(cloudTrailRules.map((rule) => rule.name)).toContain('inventory-cloudtrail-1');
  });

  test('services that do not fit one pattern are split into several rules, each within the limit', () => {
    const sources = Array.from({ length: 300 }, (_, i) => `aws.service-${String(i).padStart(3, '0')}`);
    const rules = buildCloudTrailRules(sources);
    expect(rules.length).toBeGreaterThan(1);
    expect(rules.map((rule) => rule.name).slice(0, 3)).toEqual([
      'inventory-cloudtrail-1',
      'inventory-cloudtrail-2',
      'inventory-cloudtrail-3',
    ]);
    for (const rule of rules)
      expect(patternSize(rule.pattern)).toBeLessThanOrEqual(EVENTBRIDGE_LIMITS.patternSize);
    expect(ruleSetProblems(rules)).toEqual([]);
    expect(rules.flatMap((rule) => rule.pattern.source as string[]).sort()).toEqual(sources);
  });

  test('a source that alone exceeds the limit is refused rather than silently dropped', () => {
    expect(() => buildCloudTrailRules([`aws.${'a'.repeat(3000)}`])).toThrow(/exceeds/);
  });

  test('few, broad rules: the whole set stays far below the rules-per-bus quota', () => {
    expect(RULES.length).toBeLessThanOrEqual(10);
    expect(RULES.length).toBeLessThan(EVENTBRIDGE_LIMITS.rulesPerBus / 10);
  });
});

describe('covering every write call of the covered services', () => {
  const sources = coveredEventBridgeSources();

  test('every service of the registry and of the type table is admitted by exactly one rule', () => {
    expect(sources.length).toBeGreaterThan(200);
    for (const selector of cloudTrailRuleSelectors()) expect(sources).toContain(selector.source);
    for (const source of sources) {
      const admitting = cloudTrailRules.filter((rule) => (rule.pattern.source as string[]).includes(source));
      expect([source, admitting.length]).toEqual([source, 1]);
    }
  });

  test('every CloudTrail pattern excludes failed calls and admits only writes and service events', () => {
    for (const rule of cloudTrailRules) {
      expect(rule.pattern.detail).toEqual({
        errorCode: [{ exists: false }],
        $or: [{ readOnly: [false] }, { eventType: ['AwsServiceEvent'] }],
      });
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
    'AWS Service Event via CloudTrail': 'cloudtrail-ingest',
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
    [
      // The normalizer decides what an unmapped write call changes (from the IAM data).
      'a write call nothing maps (control)',
      { detail: { ...bucketCall.detail, eventName: 'PutBucketLogging' } },
    ],
    [
      'a service event (control)',
      {
        'detail-type': 'AWS Service Event via CloudTrail',
        detail: { ...bucketCall.detail, eventType: 'AwsServiceEvent', readOnly: undefined },
      },
    ],
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
      'a call of a service no CloudFormation type belongs to',
      {
        source: 'aws.signin',
        detail: { ...bucketCall.detail, eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin' },
      },
    ],
  ];
  test.each(variants)('%s', (name, overrides) => {
    const matched = rulesMatching({ ...bucketCall, ...overrides });
    expect(matched.length).toBe(name.includes('(control)') ? 1 : 0);
  });
});
