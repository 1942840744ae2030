// Generates the CloudTrail rules from the mapping registry's selectors, so a mapping and the rule that
// delivers its events cannot drift apart. One rule per service (named after it, so names stay
// stable as mappings are added); a service whose call list would exceed the pattern size limit is
// split into several rules (`-2`, `-3`, ...).
import type { CloudTrailRuleSelector } from '../cloudtrail/cloudtrail-mappings';
import { DETAIL_TYPES } from '../events/event-envelope';
import type { EventPattern } from './event-pattern';
import type { RuleDefinition } from './rule-definition';
import { EVENTBRIDGE_LIMITS, patternSize } from './eventbridge-limits';

export function buildCloudTrailRules(
  selectors: readonly CloudTrailRuleSelector[],
  maxPatternSize: number = EVENTBRIDGE_LIMITS.patternSize,
): RuleDefinition[] {
  const rules: RuleDefinition[] = [];
  for (const { source, eventSource, eventNames } of mergeBySource(selectors)) {
    const service = serviceNameOf(eventSource);
    const chunks = chunkEventNames(source, eventSource, eventNames, maxPatternSize);
    chunks.forEach((names, index) => {
      rules.push({
        name: `inventory-cloudtrail-${service}${index === 0 ? '' : `-${index + 1}`}`,
        description: `Successful ${service} write calls the CloudTrail mappings index (${names.length} calls)`,
        pattern: cloudTrailPattern(source, eventSource, names),
        target: 'cloudtrail-ingest',
      });
    });
  }
  return rules;
}

/**
 * Only successful calls (no `errorCode`) of the listed write calls: read-only calls are never
 * listed, so they never reach the handler.
 */
export function cloudTrailPattern(
  source: string,
  eventSource: string,
  eventNames: readonly string[],
): EventPattern {
  return {
    source: [source],
    'detail-type': [DETAIL_TYPES.apiCall],
    detail: {
      eventSource: [eventSource],
      eventName: [...eventNames],
      errorCode: [{ exists: false }],
    },
  };
}

/** One entry per (source, eventSource), names deduplicated and sorted so the output is stable. */
function mergeBySource(selectors: readonly CloudTrailRuleSelector[]): CloudTrailRuleSelector[] {
  const merged = new Map<string, { source: string; eventSource: string; names: Set<string> }>();
  for (const { source, eventSource, eventNames } of selectors) {
    const key = `${source}\u0000${eventSource}`;
    const entry = merged.get(key) ?? { source, eventSource, names: new Set<string>() };
    eventNames.forEach((name) => entry.names.add(name));
    merged.set(key, entry);
  }
  return [...merged.values()]
    .filter((entry) => entry.names.size > 0)
    .sort((a, b) => (a.eventSource < b.eventSource ? -1 : a.eventSource > b.eventSource ? 1 : 0))
    .map(({ source, eventSource, names }) => ({ source, eventSource, eventNames: [...names].sort() }));
}

function chunkEventNames(
  source: string,
  eventSource: string,
  eventNames: readonly string[],
  maxPatternSize: number,
): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const name of eventNames) {
    const candidate = [...current, name];
    if (
      current.length > 0 &&
      patternSize(cloudTrailPattern(source, eventSource, candidate)) > maxPatternSize
    ) {
      chunks.push(current);
      current = [name];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) chunks.push(current);
  const oversized = chunks.find(
    (names) => patternSize(cloudTrailPattern(source, eventSource, names)) > maxPatternSize,
  );
  if (oversized)
    throw new Error(`the rule for ${eventSource} ${oversized[0]} alone exceeds ${maxPatternSize} characters`);
  return chunks;
}

/** `s3.amazonaws.com` -> `s3`, `elasticloadbalancing.amazonaws.com` -> `elasticloadbalancing`. */
function serviceNameOf(eventSource: string): string {
  return eventSource.replace(/\.amazonaws\.com$/, '').replace(/[^A-Za-z0-9]+/g, '-');
}
