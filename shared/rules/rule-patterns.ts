// Every EventBridge rule the inventory needs, as data: one for CloudFormation's two detail-types and
// the CloudTrail rules for every covered service's write calls. The CDK stack creates one rule per
// entry and the local bus matches with the same list.
import { coveredEventBridgeSources } from '../cloudtrail/covered-services';
import { DETAIL_TYPES } from '../events/event-envelope';
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

export const RULES: readonly RuleDefinition[] = [
  CLOUDFORMATION_RULE,
  ...buildCloudTrailRules(coveredEventBridgeSources()),
];
