// Forwarding an account's events to the inventory: the inventory's rule patterns on the account's
// default bus, each sending matching events to the central bus. `addForwarder` adds what every account
// runs (the inventory account too); `addMemberAccount` adds it with the snapshot function, which
// `ForwarderStack` deploys by hand in one account (the bus ARN a parameter) and organization-enrolment.ts
// to every account by StackSet.
import { CfnOutput, CfnParameter, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { RuleDefinition } from '../shared/rules/rule-definition';
import { createDeadLetterQueue } from './dead-letter-queue';
import { DEFAULT_CONFIG } from './inventory-config';
import { InventorySnapshot } from './inventory-snapshot';
import { pascalCase } from './pascal-case';
import { PatternRule, ruleNameFor } from './pattern-rule';
import { grantRulesDeadLetter } from './rule-grants';

/** The central bus ARN's shape, for the template parameter and the context option alike. */
export const EVENT_BUS_ARN_PATTERN =
  '^arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/[A-Za-z0-9._\\-/]+$';

export interface ForwarderProps {
  rules: readonly RuleDefinition[];
  centralEventBusArn: string;
  /** Prefix of the rule names, unique per account and region on the default bus. */
  ruleNamePrefix: string;
}

export interface Forwarder {
  deadLetterQueue: sqs.Queue;
  rules: PatternRule[];
}

/**
 * One forwarding rule per shared rule definition, a role to put on the central bus, a dead-letter
 * queue, added straight into `scope` (no construct level of its own: the member stack's logical ids
 * stay what they were before the inventory account ran it too).
 */
export function addForwarder(scope: Construct, props: ForwarderProps): Forwarder {
  const role = new iam.Role(scope, 'ForwardRole', {
    assumedBy: new iam.ServicePrincipal('events.amazonaws.com'),
    description: 'Lets the inventory forwarding rules put events on the central bus',
  });
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [props.centralEventBusArn] }),
  );
  const deadLetterQueue = createDeadLetterQueue(scope, 'ForwardDeadLetters');
  const rules = props.rules.map(
    (definition) =>
      new PatternRule(scope, pascalCase(definition.name), {
        ruleName: ruleNameFor(props.ruleNamePrefix, definition.name),
        description: `Forwards to the inventory: ${definition.description}`.slice(0, 512),
        pattern: definition.pattern,
        deadLetterQueue,
        target: { kind: 'event-bus', eventBusArn: props.centralEventBusArn, role },
      }),
  );
  grantRulesDeadLetter(deadLetterQueue, rules);
  return { deadLetterQueue, rules };
}

/** The central bus ARN as a template parameter, so one template serves every account. */
export function centralEventBusParameter(scope: Construct, defaultValue?: string): CfnParameter {
  return new CfnParameter(scope, 'CentralEventBusArn', {
    type: 'String',
    description: "The inventory stack's CentralEventBusArn output",
    allowedPattern: EVENT_BUS_ARN_PATTERN,
    default: defaultValue,
  });
}

/**
 * No topic in a member account: the alarm shows in its console; the inventory account watches its
 * own dead-letter queues and the dashboard.
 */
export function forwardDeadLettersAlarm(scope: Construct, queue: sqs.IQueue): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, 'ForwardDeadLettersAlarm', {
    metric: queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' }),
    alarmDescription:
      'Events could not be forwarded to the central inventory bus (its policy may not admit this ' +
      'account, or the bus ARN is wrong). Fix the cause, then re-send the queued events.',
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
}

export interface MemberAccountProps extends ForwarderProps {
  /** When the snapshot function lists the account and region (context snapshotSchedule). */
  snapshotSchedule: string;
  logRetention: logs.RetentionDays;
}

export interface MemberAccount {
  forwarder: Forwarder;
  snapshot: InventorySnapshot;
}

/**
 * What every member account and region runs, deployed by hand (ForwarderStack) or by the
 * organization StackSet alike: the forwarder with its alarm, and the snapshot function. The member
 * lists itself and puts the observations on the central bus (whose policy admits it), so the
 * central account needs no role in here.
 */
export function addMemberAccount(scope: Construct, props: MemberAccountProps): MemberAccount {
  const forwarder = addForwarder(scope, props);
  forwardDeadLettersAlarm(scope, forwarder.deadLetterQueue);
  const snapshot = new InventorySnapshot(scope, 'Snapshot', {
    eventBusArn: props.centralEventBusArn,
    schedule: props.snapshotSchedule,
    logRetention: props.logRetention,
  });
  return { forwarder, snapshot };
}

export interface ForwarderStackProps extends StackProps {
  rules: readonly RuleDefinition[];
  /** Default value of the CentralEventBusArn parameter. */
  centralEventBusArn?: string;
  /** When the snapshot function lists this account and region (default: daily). */
  snapshotSchedule?: string;
  logRetention?: logs.RetentionDays;
}

/** The forwarder for one member account and region, deployed by hand (`cdk deploy`). */
export class ForwarderStack extends Stack {
  readonly centralEventBusArn: CfnParameter;
  readonly forwarder: Forwarder;
  readonly snapshot: InventorySnapshot;

  constructor(scope: Construct, id: string, props: ForwarderStackProps) {
    super(scope, id, props);
    this.centralEventBusArn = centralEventBusParameter(this, props.centralEventBusArn);
    const member = addMemberAccount(this, {
      rules: props.rules,
      centralEventBusArn: this.centralEventBusArn.valueAsString,
      ruleNamePrefix: this.stackName,
      snapshotSchedule: props.snapshotSchedule ?? DEFAULT_CONFIG.snapshotSchedule,
      logRetention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    });
    this.forwarder = member.forwarder;
    this.snapshot = member.snapshot;
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.forwarder.deadLetterQueue.queueUrl });
  }
}
