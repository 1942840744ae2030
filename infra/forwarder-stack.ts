// The stack for member accounts: the inventory's rule patterns on the account's default bus, each
// forwarding matching events to the central bus of the inventory account. The central bus ARN is a
// parameter, so one synthesized template serves every account (CloudFormation StackSets included).
import { CfnOutput, CfnParameter, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { RuleDefinition } from '../shared/rules/rule-definition';
import { createDeadLetterQueue } from './dead-letter-queue';
import { DEFAULT_CONFIG } from './inventory-config';
import { InventorySnapshot } from './inventory-snapshot';
import { pascalCase } from './pascal-case';
import { PatternRule, ruleNameFor } from './pattern-rule';
import { grantRulesDeadLetter, ruleArnsLike } from './rule-grants';

export interface ForwarderStackProps extends StackProps {
  rules: readonly RuleDefinition[];
  /** Default value of the CentralEventBusArn parameter. */
  centralEventBusArn?: string;
  /** When the snapshot function lists this account and region (default: daily). */
  snapshotSchedule?: string;
  logRetention?: logs.RetentionDays;
}

export class ForwarderStack extends Stack {
  readonly centralEventBusArn: CfnParameter;
  readonly snapshot: InventorySnapshot;

  constructor(scope: Construct, id: string, props: ForwarderStackProps) {
    super(scope, id, props);
    this.centralEventBusArn = new CfnParameter(this, 'CentralEventBusArn', {
      type: 'String',
      description: "The inventory stack's CentralEventBusArn output",
      allowedPattern: '^arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/[A-Za-z0-9._\\-/]+$',
      default: props.centralEventBusArn,
    });
    const busArn = this.centralEventBusArn.valueAsString;

    const role = new iam.Role(this, 'ForwardRole', {
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com'),
      description: 'Lets the inventory forwarding rules put events on the central bus',
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [busArn] }),
    );
    const deadLetterQueue = createDeadLetterQueue(this, 'ForwardDeadLetters');

    for (const definition of props.rules) {
      new PatternRule(this, pascalCase(definition.name), {
        ruleName: ruleNameFor(this.stackName, definition.name),
        description: `Forwards to the inventory: ${definition.description}`.slice(0, 512),
        pattern: definition.pattern,
        deadLetterQueue,
        target: { kind: 'event-bus', eventBusArn: busArn, role },
      });
    }
    grantRulesDeadLetter(deadLetterQueue, [ruleArnsLike(this, this.stackName)]);

    // No topic here: the alarm shows in the member account's console; the central account watches
    // its own dead-letter queues and the dashboard.
    new cloudwatch.Alarm(this, 'ForwardDeadLettersAlarm', {
      metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' }),
      alarmDescription:
        'Events could not be forwarded to the central inventory bus (its policy may not admit this ' +
        'account, or the bus ARN is wrong). Fix the cause, then re-send the queued events.',
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: deadLetterQueue.queueUrl });

    // The member account lists itself and puts the observations on the central bus (its policy admits
    // this account), so the central account needs no role in here.
    this.snapshot = new InventorySnapshot(this, 'Snapshot', {
      eventBusArn: busArn,
      schedule: props.snapshotSchedule ?? DEFAULT_CONFIG.snapshotSchedule,
      logRetention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    });
  }
}
