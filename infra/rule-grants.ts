// What the rules of one stack may do, granted rule by rule with each rule's exact ARN: a rule named
// like ours elsewhere (another bus, another stack, anyone allowed to create rules) cannot invoke the
// consumers or fill their dead-letter queues. Sizes stay within the limits because each consumer
// serves only the central bus's rules (the account's own events reach it through its forwarder): a
// Lambda function policy (20 KB) takes one statement per rule, an SQS queue policy (8,192 bytes, 20
// statements) one statement listing the rules.
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { PatternRule } from './pattern-rule';

const EVENTS_PRINCIPAL = 'events.amazonaws.com';

/**
 * Lets one rule invoke the function. SourceArn pins the account too (CDK's own Lambda targets set no
 * SourceAccount either, which not every service populates).
 */
export function grantRuleInvoke(scope: Construct, id: string, fn: lambda.IFunction, rule: PatternRule): void {
  new lambda.CfnPermission(scope, id, {
    action: 'lambda:InvokeFunction',
    functionName: fn.functionArn,
    principal: EVENTS_PRINCIPAL,
    sourceArn: rule.rule.attrArn,
  });
}

/** Lets exactly these rules send undeliverable events to the queue. */
export function grantRulesDeadLetter(queue: sqs.IQueue, rules: readonly PatternRule[]): void {
  queue.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowRuleDeadLetters',
      principals: [new iam.ServicePrincipal(EVENTS_PRINCIPAL)],
      actions: ['sqs:SendMessage'],
      resources: [queue.queueArn],
      conditions: { ArnEquals: { 'aws:SourceArn': rules.map((rule) => rule.rule.attrArn) } },
    }),
  );
}
