// "CloudFormation Resource Status Change" -> at most one ResourceChange with the resource's stack
// membership. What each status means is the table in resource-status-effects.ts.
import { identityForPhysicalId, resourceRegion } from '../arn/resource-identity';
import type { EventEnvelope } from '../events/event-envelope';
import type { Normalization } from '../model/normalization';
import type { ResourceChange } from '../model/resource-change';
import { canonicalEventTime } from '../ingest/event-time';
import { describeSchemaError, mapped, rejected, skipped } from '../ingest/normalization-results';
import { CLOUDFORMATION_SOURCE, ResourceStatusDetailSchema } from './cloudformation-event-schemas';
import { resourceStatusEffect } from './resource-status-effects';
import { parseStackArn } from './stack-arn';

/**
 * Stack bookkeeping that is no AWS resource of its own: CDK's metadata, wait conditions, and custom
 * resources (their physical id is whatever the provider returned, often a random string).
 */
export function isStackBookkeepingType(type: string): boolean {
  return (
    type === 'AWS::CDK::Metadata' ||
    type === 'AWS::CloudFormation::WaitCondition' ||
    type === 'AWS::CloudFormation::WaitConditionHandle' ||
    type === 'AWS::CloudFormation::CustomResource' ||
    type.startsWith('Custom::')
  );
}

export function normalizeResourceStatusChange(event: EventEnvelope): Normalization {
  if (event.source !== CLOUDFORMATION_SOURCE)
    return rejected(`a resource status change must come from ${CLOUDFORMATION_SOURCE}, not ${event.source}`);
  const parsed = ResourceStatusDetailSchema.safeParse(event.detail);
  if (!parsed.success)
    return rejected(`malformed resource status change: ${describeSchemaError(parsed.error, 'detail')}`);
  const detail = parsed.data;
  const stack = parseStackArn(detail['stack-id']);
  if (!stack) return rejected(`detail.stack-id is not a stack ARN: ${detail['stack-id']}`);
  const eventTime = canonicalEventTime(event.time);
  if (!eventTime) return rejected(`time is not a date: ${event.time}`);

  const status = detail['status-details'].status;
  const type = detail['resource-type'];
  const logicalId = detail['logical-resource-id'];
  const effect = resourceStatusEffect(status);
  if (effect.kind === 'skip') return skipped(`${status} of ${logicalId}: ${effect.reason}`);
  const physicalId = detail['physical-resource-id'] ?? '';
  if (physicalId === '') return skipped(`${status} of ${logicalId}: no physical id, so no resource to index`);
  // The stack itself is tracked by its Stack Status Change events, not as a resource of itself.
  if (physicalId === stack.arn) return skipped(`${status} of the stack itself: tracked as a stack`);
  if (isStackBookkeepingType(type)) return skipped(`${status} of ${logicalId}: ${type} is no AWS resource`);

  const { id, arn } = identityForPhysicalId(type, physicalId, {
    account: stack.account,
    region: stack.region,
    partition: stack.partition,
  });
  const membership = { id: stack.arn, name: stack.stackName, logicalId };
  const change: ResourceChange = {
    id,
    arn,
    type,
    account: stack.account,
    // IAM, CloudFront, Route 53...: the same 'global' region the CloudTrail side gives them.
    region: resourceRegion(type, stack.region),
    action: effect.kind === 'delete' ? 'delete' : 'upsert',
    lifecycle: effect.kind === 'upsert' ? effect.lifecycle : effect.kind,
    eventTime,
    eventId: event.id,
    source: 'cloudformation',
    // DELETE_SKIPPED and an undone import leave the resource outside any stack.
    stack: effect.kind === 'detach' ? null : membership,
    sourceStatus: status,
  };
  return mapped([change]);
}
