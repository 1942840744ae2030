// The CloudTrail mapping registry: one data entry per (eventSource, eventName) the index understands,
// and the EventBridge selectors generated from it, so a mapping and its rule can never drift apart.
// Adding a service means adding entries (in mappings/) and one sample event per entry (events/cloudtrail/).
import type { CloudTrailMapping } from './cloudtrail-mapping';
import { COMPUTE_MAPPINGS } from './mappings/compute-mappings';
import { INTEGRATION_MAPPINGS } from './mappings/integration-mappings';
import { MANAGEMENT_MAPPINGS } from './mappings/management-mappings';
import { NETWORK_MAPPINGS } from './mappings/network-mappings';
import { SECURITY_MAPPINGS } from './mappings/security-mappings';
import { STORAGE_MAPPINGS } from './mappings/storage-mappings';

export type { CloudTrailEffect, CloudTrailMapping, ResourceTypeRule, TagSource } from './cloudtrail-mapping';

export const CLOUDTRAIL_MAPPINGS: readonly CloudTrailMapping[] = [
  ...STORAGE_MAPPINGS,
  ...COMPUTE_MAPPINGS,
  ...NETWORK_MAPPINGS,
  ...SECURITY_MAPPINGS,
  ...INTEGRATION_MAPPINGS,
  ...MANAGEMENT_MAPPINGS,
];

const BY_CALL = new Map(
  CLOUDTRAIL_MAPPINGS.map((mapping) => [callKey(mapping.eventSource, mapping.eventName), mapping]),
);

function callKey(eventSource: string, eventName: string): string {
  return `${eventSource} ${eventName}`;
}

export function findCloudTrailMapping(eventSource: string, eventName: string): CloudTrailMapping | undefined {
  return BY_CALL.get(callKey(eventSource, eventName));
}

/** Event sources whose EventBridge `source` is not `aws.` + the event source's first label. */
const EVENTBRIDGE_SOURCE_OF: Record<string, string> = {
  'monitoring.amazonaws.com': 'aws.cloudwatch',
};

/** The EventBridge `source` of the events CloudTrail records of `eventSource` arrive as. */
export function eventBridgeSourceOf(eventSource: string): string {
  return EVENTBRIDGE_SOURCE_OF[eventSource] ?? `aws.${eventSource.replace(/\.amazonaws\.com$/, '')}`;
}

export interface CloudTrailRuleSelector {
  /** EventBridge `source`, e.g. `aws.s3`. */
  source: string;
  /** `detail.eventSource`, e.g. `s3.amazonaws.com`. */
  eventSource: string;
  /** `detail.eventName` values the registry maps, sorted. */
  eventNames: string[];
}

/**
 * For each service, the calls the registry maps: what the CloudTrail rules must admit. The rules admit
 * only these calls, so the generic fallback (unmapped write calls with ARNs in their response) only
 * ever sees what a rule lets through: in the deployed stack it covers mapped calls whose entry finds
 * no identifier, and it covers everything in replayed CloudTrail logs (`npm run replay`) and in any
 * wider rule an operator adds. Admitting every write call of every service would not fit EventBridge's
 * pattern size limits and would invoke the consumer for noise; see docs/mappings.md.
 */
export function cloudTrailRuleSelectors(): CloudTrailRuleSelector[] {
  const byEventSource = new Map<string, Set<string>>();
  for (const mapping of CLOUDTRAIL_MAPPINGS) {
    const names = byEventSource.get(mapping.eventSource) ?? new Set<string>();
    names.add(mapping.eventName);
    byEventSource.set(mapping.eventSource, names);
  }
  return [...byEventSource.entries()]
    .map(([eventSource, names]) => ({
      source: eventBridgeSourceOf(eventSource),
      eventSource,
      eventNames: [...names].sort(),
    }))
    .sort((a, b) => a.source.localeCompare(b.source));
}
