// An EventBridge rule whose pattern is the shared JSON pattern, copied verbatim, with one target that
// has a dead-letter queue. Built on the L1 resource because the L2 Rule types a pattern's top-level
// fields as string lists, while our patterns may use operators (`prefix`, `anything-but`, `$or`).
// The invoke permission and the queue policy are granted by the caller with the rule's exact ARN
// (rule-grants.ts).
import { createHash } from 'node:crypto';
import type { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EventPattern } from '../shared/rules/event-pattern';

export type PatternRuleTarget =
  | { kind: 'lambda'; function: lambda.IFunction; maxEventAge: Duration; retryAttempts: number }
  /** Another bus (the central one); `role` must be allowed events:PutEvents on it. */
  | { kind: 'event-bus'; eventBusArn: string; role: iam.IRole };

export interface PatternRuleProps {
  /** Omitted: the account's default bus. */
  eventBus?: events.IEventBus;
  ruleName: string;
  description: string;
  pattern: EventPattern;
  target: PatternRuleTarget;
  deadLetterQueue: sqs.IQueue;
}

/** EventBridge's rule name rule (1-64 of letters, digits, `.`, `-`, `_`). */
const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const MAX_RULE_NAME = 64;

/**
 * `<prefix>-<name>`, shortened with a hash suffix when over 64 characters, so it stays unique, stable
 * and still starts with the prefix (the stack's rules are easy to tell apart in the console).
 */
export function ruleNameFor(prefix: string, name: string): string {
  const full = `${prefix}-${name}`;
  if (full.length <= MAX_RULE_NAME) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_RULE_NAME - hash.length - 1)}-${hash}`;
}

export class PatternRule extends Construct {
  readonly rule: events.CfnRule;
  readonly ruleName: string;

  constructor(scope: Construct, id: string, props: PatternRuleProps) {
    super(scope, id);
    if (!RULE_NAME.test(props.ruleName)) {
      throw new Error(`rule name ${JSON.stringify(props.ruleName)} is not a valid EventBridge rule name`);
    }
    this.ruleName = props.ruleName;
    const { target } = props;
    this.rule = new events.CfnRule(this, 'Rule', {
      name: props.ruleName,
      description: props.description,
      eventBusName: props.eventBus?.eventBusName,
      state: 'ENABLED',
      eventPattern: props.pattern,
      targets: [
        {
          id: 'Target',
          arn: target.kind === 'lambda' ? target.function.functionArn : target.eventBusArn,
          roleArn: target.kind === 'event-bus' ? target.role.roleArn : undefined,
          deadLetterConfig: { arn: props.deadLetterQueue.queueArn },
          retryPolicy:
            target.kind === 'lambda'
              ? {
                  maximumEventAgeInSeconds: target.maxEventAge.toSeconds(),
                  maximumRetryAttempts: target.retryAttempts,
                }
              : undefined,
        },
      ],
    });
  }
}
