// The registry as data: its size, no call mapped twice, a sample event for every entry, and the
// rule selectors generated from it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { supportedArnTypes } from '../../shared/arn/resource-identity';
import {
  CLOUDTRAIL_MAPPINGS,
  cloudTrailRuleSelectors,
  eventBridgeSourceOf,
  findCloudTrailMapping,
} from '../../shared/cloudtrail/cloudtrail-mappings';
import type { CloudTrailMapping } from '../../shared/cloudtrail/cloudtrail-mappings';

const SAMPLES = path.resolve(__dirname, '../../events/cloudtrail');

function typesOf(mapping: CloudTrailMapping): string[] {
  const rule = mapping.type;
  if (typeof rule === 'string') return [rule];
  if ('byField' in rule) return Object.values(rule.values);
  if ('byArn' in rule) return [rule.fallback];
  return [];
}

const types = new Set(CLOUDTRAIL_MAPPINGS.flatMap(typesOf));
const services = new Set(CLOUDTRAIL_MAPPINGS.map((mapping) => mapping.eventSource));

test('the registry covers at least 30 resource types across at least 16 services', () => {
  expect(types.size).toBeGreaterThanOrEqual(30);
  expect(services.size).toBeGreaterThanOrEqual(16);
});

test('no (eventSource, eventName) is mapped twice', () => {
  const keys = CLOUDTRAIL_MAPPINGS.map((mapping) => `${mapping.eventSource} ${mapping.eventName}`);
  expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
});

test.each(CLOUDTRAIL_MAPPINGS.map((mapping) => [mapping.eventSource, mapping.eventName] as const))(
  '%s %s has a sample event and its expected changes',
  (eventSource, eventName) => {
    const folder = eventSource.replace(/\.amazonaws\.com$/, '');
    const sample = path.join(SAMPLES, folder, `${eventName}.json`);
    expect(fs.existsSync(sample)).toBe(true);
    expect(fs.existsSync(sample.replace(/\.json$/, '.expected.json'))).toBe(true);
    const event = JSON.parse(fs.readFileSync(sample, 'utf8')) as {
      source: string;
      detail: Record<string, unknown>;
    };
    expect(event.detail.eventSource).toBe(eventSource);
    expect(event.detail.eventName).toBe(eventName);
    expect(event.source).toBe(eventBridgeSourceOf(eventSource));
  },
);

test('every type the registry names has an ARN format, so both sources land on one row', () => {
  const withArn = new Set(supportedArnTypes());
  expect([...types].filter((type) => !withArn.has(type))).toEqual([]);
});

test('every tagging entry says where its tags or keys are', () => {
  for (const mapping of CLOUDTRAIL_MAPPINGS) {
    if (mapping.effect === 'tag') expect(mapping.tags ?? mapping.tagsReplace).toBeDefined();
    if (mapping.effect === 'untag') expect(mapping.tagKeys ?? mapping.tagsReplace).toBeDefined();
  }
});

test('lookup by call', () => {
  expect(findCloudTrailMapping('s3.amazonaws.com', 'CreateBucket')?.type).toBe('AWS::S3::Bucket');
  expect(findCloudTrailMapping('s3.amazonaws.com', 'GetObject')).toBeUndefined();
});

describe('rule selectors', () => {
  const selectors = cloudTrailRuleSelectors();

  test('one per service, each naming exactly the mapped calls of that service', () => {
    expect(selectors.map((selector) => selector.eventSource).sort()).toEqual([...services].sort());
    for (const selector of selectors) {
      const mapped = CLOUDTRAIL_MAPPINGS.filter(
        (mapping) => mapping.eventSource === selector.eventSource,
      ).map((mapping) => mapping.eventName);
      expect(selector.eventNames).toEqual([...mapped].sort());
      expect(selector.source).toBe(`aws.${selector.eventSource.replace('.amazonaws.com', '')}`);
    }
  });

  test('EventBridge sources of event sources', () => {
    expect(eventBridgeSourceOf('s3.amazonaws.com')).toBe('aws.s3');
    expect(eventBridgeSourceOf('cognito-idp.amazonaws.com')).toBe('aws.cognito-idp');
    expect(eventBridgeSourceOf('monitoring.amazonaws.com')).toBe('aws.cloudwatch');
  });
});
