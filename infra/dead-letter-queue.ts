// An encrypted SQS dead-letter queue for events that could not be delivered or processed.
import { Duration, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export function createDeadLetterQueue(scope: Construct, id: string): sqs.Queue {
  // SQS-managed keys: EventBridge cannot send to a queue encrypted with the AWS managed KMS key
  // (aws/sqs), and a customer managed key would add a key policy for no gain on event copies.
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself a dead-letter queue (for EventBridge targets and async Lambda invocations).',
  });
  return queue;
}
