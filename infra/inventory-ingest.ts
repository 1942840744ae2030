// The ingest side: one consumer function per rule target, and one EventBridge rule per shared rule
// definition on the central bus. The account's own events reach that bus as every member account's
// do, through a forwarder on its default bus (inventory-stack.ts), so each consumer is invoked by a
// short list of exact rules (rule-grants.ts).
import { Duration } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SERVICE_NAMES } from '../shared/observability/metric-catalog';
import type { ServiceName } from '../shared/observability/metric-catalog';
import type { RuleDefinition, RuleTarget } from '../shared/rules/rule-definition';
import { createDeadLetterQueue } from './dead-letter-queue';
import { InventoryFunction } from './inventory-function';
import type { InventoryStore } from './inventory-store';
import { pascalCase } from './pascal-case';
import { PatternRule, ruleNameFor } from './pattern-rule';
import { grantRuleInvoke, grantRulesDeadLetter } from './rule-grants';

export type ConsumerName = RuleTarget;

interface ConsumerSpec {
  entry: string;
  serviceName: ServiceName;
  description: string;
}

/** Every rule target, with its handler: a new target in the rule patterns fails type checking here. */
export const CONSUMERS: Record<ConsumerName, ConsumerSpec> = {
  'cloudformation-ingest': {
    entry: 'handlers/cloudformation-ingest.ts',
    serviceName: SERVICE_NAMES.cloudformationIngest,
    description: 'Indexes CloudFormation stack and resource status changes',
  },
  'cloudtrail-ingest': {
    entry: 'handlers/cloudtrail-ingest.ts',
    serviceName: SERVICE_NAMES.cloudtrailIngest,
    description: 'Indexes resources created, changed or deleted by API calls (CloudTrail)',
  },
};

/**
 * What the index store sends: GetItem/Query/BatchGetItem to read rows and history, PutItem and
 * UpdateItem (also inside TransactWriteItems, which IAM checks per item) to write them, DeleteItem
 * for tag items. No Scan, no BatchWriteItem, nothing outside the table and its indexes.
 */
export const INGEST_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

/** EventBridge keeps retrying a failed delivery (throttling, service errors) within these bounds. */
export const TARGET_RETRY = { maxEventAge: Duration.hours(6), retryAttempts: 20 } as const;

export interface Consumer {
  name: ConsumerName;
  serviceName: ServiceName;
  function: InventoryFunction;
  deadLetterQueue: sqs.Queue;
}

export interface RuleOnBus {
  ruleName: string;
  /** Absent for the default bus (its metrics carry only RuleName). */
  eventBusName?: string;
}

export interface InventoryIngestProps {
  store: InventoryStore;
  rules: readonly RuleDefinition[];
  /** The bus the rules are created on. */
  centralBus: events.IEventBus;
  /** Prefix of the rule names, which must be unique per bus and account. */
  ruleNamePrefix: string;
  tombstoneRetentionDays: number;
  logRetention: logs.RetentionDays;
}

export class InventoryIngest extends Construct {
  readonly consumers: Consumer[] = [];
  readonly rules: RuleOnBus[] = [];

  constructor(scope: Construct, id: string, props: InventoryIngestProps) {
    super(scope, id);
    const environment: Record<string, string> = { TABLE_NAME: props.store.table.tableName };
    if (props.tombstoneRetentionDays > 0) {
      environment.TOMBSTONE_RETENTION_DAYS = String(props.tombstoneRetentionDays);
    }

    const byName = new Map<ConsumerName, Consumer>();
    for (const name of consumersUsedBy(props.rules)) {
      const spec = CONSUMERS[name];
      const scopeId = pascalCase(name);
      // One queue per consumer collects both failure kinds: events EventBridge could not deliver and
      // events the function still failed on after Lambda's asynchronous retries.
      const deadLetterQueue = createDeadLetterQueue(this, `${scopeId}DeadLetters`);
      const fn = new InventoryFunction(this, scopeId, {
        entry: spec.entry,
        description: spec.description,
        environment,
        logRetention: props.logRetention,
        timeout: Duration.seconds(30),
        deadLetterQueue,
      });
      props.store.grant(fn.role, ...INGEST_TABLE_ACTIONS);
      const consumer = { name, serviceName: spec.serviceName, function: fn, deadLetterQueue };
      byName.set(name, consumer);
      this.consumers.push(consumer);
    }

    const rulesOf = new Map<ConsumerName, PatternRule[]>();
    for (const definition of props.rules) {
      const consumer = byName.get(definition.target);
      if (consumer === undefined) throw new Error(`no consumer for rule target ${definition.target}`);
      const ruleId = `Central${pascalCase(definition.name)}`;
      const rule = new PatternRule(this, ruleId, {
        eventBus: props.centralBus,
        ruleName: ruleNameFor(props.ruleNamePrefix, definition.name),
        description: definition.description,
        pattern: definition.pattern,
        deadLetterQueue: consumer.deadLetterQueue,
        target: {
          kind: 'lambda',
          function: consumer.function.function,
          maxEventAge: TARGET_RETRY.maxEventAge,
          retryAttempts: TARGET_RETRY.retryAttempts,
        },
      });
      grantRuleInvoke(this, `${ruleId}Invoke`, consumer.function.function, rule);
      rulesOf.set(consumer.name, [...(rulesOf.get(consumer.name) ?? []), rule]);
      this.rules.push({ ruleName: rule.ruleName, eventBusName: props.centralBus.eventBusName });
    }
    for (const consumer of this.consumers) {
      grantRulesDeadLetter(consumer.deadLetterQueue, rulesOf.get(consumer.name) ?? []);
    }
  }
}

function consumersUsedBy(rules: readonly RuleDefinition[]): ConsumerName[] {
  return [...new Set(rules.map((rule) => rule.target))].sort();
}
