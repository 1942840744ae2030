// "AWS API Call via CloudTrail" and "AWS Service Event via CloudTrail" -> ResourceChanges: through the
// registry entry of the call, else the generic fallback. Failed and read-only calls change nothing; a
// malformed record is rejected. Every change carries the principal that made the call.
import { partitionOfRegion } from '../arn/resource-identity';
import { DETAIL_TYPES } from '../events/event-envelope';
import type { EventEnvelope } from '../events/event-envelope';
import { canonicalEventTime } from '../ingest/event-time';
import { describeSchemaError, mapped, rejected, skipped } from '../ingest/normalization-results';
import type { Normalization } from '../model/normalization';
import type { Principal } from '../model/resource-change';
import type { CallContext } from './call-context';
import { CloudTrailDetailSchema } from './cloudtrail-detail-schema';
import type { CloudTrailDetail } from './cloudtrail-detail-schema';
import { findCloudTrailMapping } from './cloudtrail-mappings';
import { changesFromMapping } from './changes-from-mapping';
import { genericChanges } from './generic-changes';
import { iamDerivedChanges, iamServiceOf, typesOfIamAction } from './iam-derived-changes';

/** Names of calls that only read, for records without the `readOnly` flag. */
const READ_ONLY_NAME = /^(Get|List|Describe|Head|Lookup|Search|BatchGet|Query|Scan|Select|Check)[A-Z0-9]/;

function unmapped(reason: string): Normalization {
  return { outcome: 'unmapped', changes: [], stackChanges: [], reason };
}

/** Event types the generic fallback reads: calls, and changes services make on their own. */
const CHANGING_EVENT_TYPES = new Set(['AwsApiCall', 'AwsServiceEvent']);

/** Who made the call, as CloudTrail tells it: the session ARN for an assumed role, as given. */
export function principalOf(detail: CloudTrailDetail): Principal {
  const identity = detail.userIdentity;
  return {
    arn: identity?.arn ?? null,
    type: identity?.type ?? null,
    accountId: identity?.accountId ?? null,
    invokedBy: identity?.invokedBy ?? null,
    sourceIPAddress: detail.sourceIPAddress ?? null,
    userAgent: detail.userAgent ?? null,
  };
}

export function normalizeCloudTrailEvent(event: EventEnvelope): Normalization {
  if (event['detail-type'] !== DETAIL_TYPES.apiCall && event['detail-type'] !== DETAIL_TYPES.serviceEvent)
    return rejected(`not a CloudTrail event: ${event['detail-type']}`);
  const parsed = CloudTrailDetailSchema.safeParse(event.detail);
  if (!parsed.success)
    return rejected(`malformed CloudTrail record: ${describeSchemaError(parsed.error, 'detail')}`);
  const detail = parsed.data;
  const call = `${detail.eventSource} ${detail.eventName}`;
  const eventTime = canonicalEventTime(detail.eventTime);
  if (!eventTime) return rejected(`detail.eventTime is not a date: ${detail.eventTime}`);
  if (detail.errorCode) return skipped(`${call} failed (${detail.errorCode})`);
  if (detail.readOnly === true) return skipped(`${call} is read-only`);

  const context: CallContext = {
    account: detail.recipientAccountId ?? detail.userIdentity?.accountId ?? event.account,
    region: detail.awsRegion,
    partition: partitionOfRegion(detail.awsRegion),
    eventTime,
    eventId: detail.eventID,
    eventName: detail.eventName,
    principal: principalOf(detail),
  };
  const mapping = findCloudTrailMapping(detail.eventSource, detail.eventName);
  if (mapping) {
    const changes = changesFromMapping(mapping, detail, context);
    if (changes.length > 0) return mapped(changes);
    return unmapped(`${call} is mapped, but the record names no resource of an indexed type`);
  }
  if (detail.readOnly == null && READ_ONLY_NAME.test(detail.eventName)) return skipped(`${call} only reads`);
  if (detail.eventType != null && !CHANGING_EVENT_TYPES.has(detail.eventType))
    return skipped(`${call} is an ${detail.eventType}, not an API call`);
  if (detail.managementEvent === false) return skipped(`${call} is a data event`);
  const derived = iamDerivedChanges(detail, context);
  if (derived.length > 0) return { outcome: 'generic', changes: derived, stackChanges: [] };
  const generic = genericChanges(detail.eventSource, detail.responseElements, context);
  if (generic.length > 0) return { outcome: 'generic', changes: generic, stackChanges: [] };
  // A service's own bookkeeping (secret version clean-up, shared snapshot copies) is no call to count.
  if (detail.eventType === 'AwsServiceEvent')
    return skipped(`${call} is a service event that names no indexed resource`);
  const types = typesOfIamAction(iamServiceOf(detail.eventSource), detail.eventName);
  if (types.length === 0)
    return unmapped(`${call}: no registry entry, no IAM write action of that name, no ARN of its service`);
  return unmapped(
    `${call}: the record names none of its IAM resource types (${types.slice(0, 3).join(', ')})`,
  );
}
