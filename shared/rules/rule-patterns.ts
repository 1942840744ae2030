// Every EventBridge rule the inventory needs, as data: one for CloudFormation's two detail-types and
// the CloudTrail rules for every covered service's write calls. The CDK stack creates one rule per
// entry and the local bus matches with the same list.
import { coveredEventBridgeSources } from '../cloudtrail/covered-services';
import { DETAIL_TYPES } from '../events/event-envelope';
import { SNAPSHOT_EVENT_SOURCE } from '../snapshot/snapshot-event-schema';
import { buildCloudTrailRules } from './cloudtrail-rules';
import type { RuleDefinition } from './rule-definition';

export type { RuleDefinition } from './rule-definition';

/**
 * Every status of both detail-types goes to the handler: stack rows show in-progress statuses too,
 * and which resource statuses change nothing is the normalizer's decision, kept in one place.
 */
export const CLOUDFORMATION_RULE: RuleDefinition = {
  name: 'inventory-cloudformation',
  description: 'CloudFormation stack and resource status changes',
  pattern: {
    source: ['aws.cloudformation'],
    'detail-type': [DETAIL_TYPES.stackStatus, DETAIL_TYPES.resourceStatus],
  },
  target: 'cloudformation-ingest',
};

/**
 * Observations from a listing (`npm run snapshot`, the snapshot function). They go to the
 * CloudFormation consumer: the ingest handler normalizes every detail-type through one entry point,
 * and a listing's events are few and large, so they need no function of their own.
 */
export const SNAPSHOT_RULE: RuleDefinition = {
  name: 'inventory-snapshot',
  description: 'Resource Inventory Snapshot observations and listing ends',
  pattern: {
    source: [SNAPSHOT_EVENT_SOURCE],
    'detail-type': [DETAIL_TYPES.snapshot],
  },
  target: 'cloudformation-ingest',
};

export const RULES: readonly RuleDefinition[] = [
  CLOUDFORMATION_RULE,
  SNAPSHOT_RULE,
  ...buildCloudTrailRules(coveredEventBridgeSources()),
];
