// One EventBridge rule as data: the CDK stack creates one rule per definition, the local bus matches
// with the same patterns.
import type { EventPattern } from './event-pattern';

export type RuleTarget = 'cloudformation-ingest' | 'cloudtrail-ingest';

export interface RuleDefinition {
  /** Stable and CloudFormation-safe: the CDK derives construct ids and rule names from it. */
  name: string;
  description: string;
  pattern: EventPattern;
  target: RuleTarget;
}
