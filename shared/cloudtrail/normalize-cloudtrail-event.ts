// "AWS API Call via CloudTrail" -> ResourceChanges: through the registry entry of the call, else the
// generic ARN fallback. Failed and read-only calls change nothing; a malformed record is rejected.
import { partitionOfRegion } from '../arn/resource-identity';
import { DETAIL_TYPES } from '../events/event-envelope';
import type { EventEnvelope } from '../events/event-envelope';
import { canonicalEventTime } from '../ingest/event-time';
import { describeSchemaError, mapped, rejected, skipped } from '../ingest/normalization-results';
import type { Normalization } from '../model/normalization';
import type { CallContext } from './call-context';
import { CloudTrailDetailSchema } from './cloudtrail-detail-schema';
import { findCloudTrailMapping } from './cloudtrail-mappings';
import { changesFromMapping } from './changes-from-mapping';
import { genericChanges } from './generic-changes';

/** Names of calls that only read, for records without the `readOnly` flag. */
const READ_ONLY_NAME = /^(Get|List|Describe|Head|Lookup|Search|BatchGet|Query|Scan|Select|Check)[A-Z0-9]/;

function unmapped(reason: string): Normalization {
  return { outcome: 'unmapped', changes: [], stackChanges: [], reason };
}

export function normalizeCloudTrailEvent(event: EventEnvelope): Normalization {
  if (event['detail-type'] !== DETAIL_TYPES.apiCall)
    return rejected(`not a CloudTrail API call event: ${event['detail-type']}`);
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
    account: detail.recipientAccountId ?? event.account,
    region: detail.awsRegion,
    partition: partitionOfRegion(detail.awsRegion),
    eventTime,
    eventId: detail.eventID,
    eventName: detail.eventName,
  };
  const mapping = findCloudTrailMapping(detail.eventSource, detail.eventName);
  if (mapping) {
    const changes = changesFromMapping(mapping, detail, context);
    if (changes.length > 0) return mapped(changes);
    return unmapped(`${call} is mapped, but the record names no resource of an indexed type`);
  }
  if (detail.readOnly === undefined && READ_ONLY_NAME.test(detail.eventName))
    return skipped(`${call} only reads`);
  if (detail.eventType !== undefined && detail.eventType !== 'AwsApiCall')
    return skipped(`${call} is an ${detail.eventType}, not an API call`);
  if (detail.managementEvent === false) return skipped(`${call} is a data event`);
  const generic = genericChanges(detail.eventSource, detail.responseElements, context);
  if (generic.length > 0) return { outcome: 'generic', changes: generic, stackChanges: [] };
  return unmapped(`${call} has no mapping and no ARN of its service in its response`);
}
