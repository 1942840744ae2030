// The services whose CloudTrail write calls the index reads: every service of the registry, and every
// service a CloudFormation type's ARN names (the type table), since the data-driven path can place
// their resources. The CloudTrail rules admit the successful write calls of exactly these.
import { allArnFormats } from '../arn/arn-formats';
import { CLOUDTRAIL_MAPPINGS, eventBridgeSourceOf } from './cloudtrail-mappings';

/** ARN services whose CloudTrail event source has another name. */
const EVENT_SOURCES_OF_ARN_SERVICE: Readonly<Record<string, readonly string[]>> = {
  cloudwatch: ['monitoring.amazonaws.com'],
  ses: ['ses.amazonaws.com', 'email.amazonaws.com'],
};

/** `cloudwatch` -> `monitoring.amazonaws.com`; most services' event source is their ARN service's. */
export function eventSourcesOfArnService(service: string): readonly string[] {
  return EVENT_SOURCES_OF_ARN_SERVICE[service] ?? [`${service}.amazonaws.com`];
}

/** Every covered event source (`s3.amazonaws.com`), sorted. */
export function coveredEventSources(): string[] {
  const sources = new Set(CLOUDTRAIL_MAPPINGS.map((mapping) => mapping.eventSource));
  for (const format of allArnFormats()) {
    const service = /^arn:[^:]+:([a-z0-9-]+):/.exec(format.arn)?.[1];
    if (service) for (const source of eventSourcesOfArnService(service)) sources.add(source);
  }
  return [...sources].sort();
}

/** The EventBridge `source` of each covered service (`aws.s3`), sorted and distinct. */
export function coveredEventBridgeSources(): string[] {
  return [...new Set(coveredEventSources().map(eventBridgeSourceOf))].sort();
}
