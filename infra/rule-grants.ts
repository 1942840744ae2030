// What the rules of one stack may do, granted once per rule name prefix rather than once per rule:
// Lambda function policies (20 KB) and SQS queue policies (20 statements) cannot take a statement for
// each of the dozens of rules the CloudTrail mappings generate. Rule names are explicit and start with
// the prefix (ruleNameFor), so `<prefix>-*` matches exactly this stack's rules on that bus.
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

const EVENTS_PRINCIPAL = 'events.amazonaws.com';

/** The ARN pattern of the rules named `<prefix>-*` on a bus (the default bus when omitted). */
export function ruleArnsLike(scope: Construct, prefix: string, eventBus?: events.IEventBus): string {
  const ruleName = `${prefix}-*`;
  return Stack.of(scope).formatArn({
    service: 'events',
    resource: 'rule',
    resourceName: eventBus === undefined ? ruleName : `${eventBus.eventBusName}/${ruleName}`,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

/**
 * Lets the matching rules invoke the function. Lambda compares SourceArn with StringLike, so the
 * wildcard works; SourceArn already pins the account (CDK's own Lambda targets set no SourceAccount
 * either, which not every service populates).
 */
export function grantRulesInvoke(scope: Construct, id: string, fn: lambda.IFunction, ruleArns: string): void {
  new lambda.CfnPermission(scope, id, {
    action: 'lambda:InvokeFunction',
    functionName: fn.functionArn,
    principal: EVENTS_PRINCIPAL,
    sourceArn: ruleArns,
  });
}

/** Lets the matching rules send undeliverable events to the queue. */
export function grantRulesDeadLetter(queue: sqs.IQueue, ruleArns: readonly string[]): void {
  queue.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowRuleDeadLetters',
      principals: [new iam.ServicePrincipal(EVENTS_PRINCIPAL)],
      actions: ['sqs:SendMessage'],
      resources: [queue.queueArn],
      conditions: { ArnLike: { 'aws:SourceArn': [...ruleArns] } },
    }),
  );
}
