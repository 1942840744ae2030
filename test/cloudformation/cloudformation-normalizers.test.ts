// The CloudFormation normalizers' edge cases, through normalizeEvent: what is skipped, what is rejected.
import { readFileSync } from 'node:fs';
import { RESOURCE_STATUS_EFFECTS } from '../../shared/cloudformation/resource-status-effects';
import { normalizeEvent } from '../../shared/ingest/normalize-event';
import { sampleFiles } from '../ingest/sample-events';

const STACK = 'arn:aws:cloudformation:eu-west-1:111122223333:stack/app/0f6f4c10-0000-11ef-9f1b-0a1b2c3d4e5f';

function resourceEvent(detail: Record<string, unknown>, envelope: Record<string, unknown> = {}) {
  return {
    version: '0',
    id: 'evt-1',
    'detail-type': 'CloudFormation Resource Status Change',
    source: 'aws.cloudformation',
    account: '111122223333',
    time: '2024-05-01T10:00:00Z',
    region: 'eu-west-1',
    resources: [STACK],
    detail: {
      'stack-id': STACK,
      'logical-resource-id': 'Assets',
      'physical-resource-id': 'app-assets',
      'status-details': { status: 'CREATE_COMPLETE', 'status-reason': '' },
      'resource-type': 'AWS::S3::Bucket',
      ...detail,
    },
    ...envelope,
  };
}

test('every status the table acts on has a sample event', () => {
  const sampled = new Set(
    sampleFiles('events/cloudformation/resource').map(
      (file) => JSON.parse(readFileSync(file, 'utf8')).detail['status-details'].status as string,
    ),
  );
  const acting = Object.entries(RESOURCE_STATUS_EFFECTS)
    .filter(([, effect]) => effect.kind !== 'skip')
    .map(([status]) => status);
  expect(acting.filter((status) => !sampled.has(status))).toEqual([]);
});

describe('skipped, with a reason', () => {
  test.each([
    [
      'the stack itself',
      { 'physical-resource-id': STACK, 'resource-type': 'AWS::CloudFormation::Stack' },
      /stack itself/,
    ],
    ['a missing physical id', { 'physical-resource-id': undefined }, /no physical id/],
    ['an empty physical id', { 'physical-resource-id': '' }, /no physical id/],
    ['a custom resource', { 'resource-type': 'Custom::Seeder' }, /no AWS resource/],
    ['CDK metadata', { 'resource-type': 'AWS::CDK::Metadata' }, /no AWS resource/],
    ['an unknown status', { 'status-details': { status: 'TELEPORT_COMPLETE' } }, /TELEPORT_COMPLETE/],
    ['an unknown failure', { 'status-details': { status: 'TELEPORT_FAILED' } }, /failed operation/],
    ['a resource-level rollback', { 'status-details': { status: 'ROLLBACK_COMPLETE' } }, /rollback/],
  ])('%s', (_name, detail, reason) => {
    const result = normalizeEvent(resourceEvent(detail));
    expect(result).toMatchObject({ outcome: 'skipped', changes: [], stackChanges: [] });
    expect(result.reason).toMatch(reason);
  });
});

describe('rejected, never thrown', () => {
  test.each([
    ['not an object', 'hello', /not an EventBridge event/],
    ['no detail-type', { id: '1', source: 'aws.cloudformation' }, /detail-type/],
    ['an unknown detail-type', resourceEvent({}, { 'detail-type': 'Something Else' }), /unknown detail-type/],
    ['a foreign source', resourceEvent({}, { source: 'shop.orders' }), /must come from aws.cloudformation/],
    ['a detail without stack-id', resourceEvent({ 'stack-id': undefined }), /detail.stack-id/],
    [
      'a detail that is not an object',
      resourceEvent({}, { detail: 'oops' }),
      /malformed resource status change/,
    ],
    ['a stack-id that is no stack ARN', resourceEvent({ 'stack-id': 'app' }), /not a stack ARN/],
    ['a status of the wrong type', resourceEvent({ 'status-details': { status: 7 } }), /status/],
    ['a time that is no date', resourceEvent({}, { time: 'yesterday' }), /not a date/],
    [
      'a stack status change without status-details',
      {
        ...resourceEvent({}),
        'detail-type': 'CloudFormation Stack Status Change',
        detail: { 'stack-id': STACK },
      },
      /status-details/,
    ],
  ])('%s', (_name, raw, reason) => {
    const result = normalizeEvent(raw);
    expect(result).toMatchObject({ outcome: 'rejected', changes: [], stackChanges: [] });
    expect(result.reason).toMatch(reason);
  });
});

test('event times are made canonical (UTC, whole seconds)', () => {
  const result = normalizeEvent(resourceEvent({}, { time: '2024-05-01T12:00:00.734+02:00' }));
  expect(result.changes[0].eventTime).toBe('2024-05-01T10:00:00Z');
});

test('the partition and region come from the stack ARN', () => {
  const stack =
    'arn:aws-cn:cloudformation:cn-north-1:111122223333:stack/app/0f6f4c10-0000-11ef-9f1b-0a1b2c3d4e5f';
  const result = normalizeEvent(resourceEvent({ 'stack-id': stack }, { region: 'cn-north-1' }));
  expect(result.changes[0]).toMatchObject({
    id: 'arn:aws-cn:s3:::app-assets',
    region: 'cn-north-1',
    stack: { id: stack, name: 'app', logicalId: 'Assets' },
  });
});
