// The CloudTrail rules: every successful write call of every covered service, in as few rules as
// EventBridge's pattern size allows. A rule lists services (EventBridge `source`), not calls: which
// calls change a resource is the normalizer's decision (registry entries, then the IAM data), so the
// rules never drift from it and never grow with it. See docs/mappings.md for what the extra
// invocations cost.
import { DETAIL_TYPES } from '../events/event-envelope';
import type { EventPattern } from './event-pattern';
import type { RuleDefinition } from './rule-definition';
import { EVENTBRIDGE_LIMITS, patternSize } from './eventbridge-limits';

/**
 * Successful (`errorCode` absent) calls that are not read-only, and the changes services make on their
 * own (service events carry no reliable `readOnly`), of the listed sources.
 */
export function cloudTrailPattern(sources: readonly string[]): EventPattern {
  return {
    source: [...sources],
    'detail-type': [DETAIL_TYPES.apiCall, DETAIL_TYPES.serviceEvent],
    detail: {
      errorCode: [{ exists: false }],
      $or: [{ readOnly: [false] }, { eventType: ['AwsServiceEvent'] }],
    },
  };
}

/**
 * Rules `inventory-cloudtrail-1`, `-2`, ...: the sources, sorted, packed greedily into patterns within
 * `maxPatternSize` characters.
 */
export function buildCloudTrailRules(
  sources: readonly string[],
  maxPatternSize: number = EVENTBRIDGE_LIMITS.patternSize,
): RuleDefinition[] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const source of [...new Set(sources)].sort()) {
    const candidate = [...current, source];
    if (current.length > 0 && patternSize(cloudTrailPattern(candidate)) > maxPatternSize) {
      chunks.push(current);
      current = [source];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) chunks.push(current);
  const oversized = chunks.find((chunk) => patternSize(cloudTrailPattern(chunk)) > maxPatternSize);
  if (oversized) throw new Error(`the rule for ${oversized[0]} alone exceeds ${maxPatternSize} characters`);
  return chunks.map((chunk, index) => ({
    name: `inventory-cloudtrail-${index + 1}`,
    description: `Successful write calls of ${chunk.length} services (${chunk[0]} to ${chunk[chunk.length - 1]})`,
    pattern: cloudTrailPattern(chunk),
    target: 'cloudtrail-ingest',
  }));
}
