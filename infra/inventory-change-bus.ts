// Change notifications, deployed: the table's stream feeds a publisher function (inserts of change
// feed items only, by an event source filter) that puts `Inventory Resource Changed` events on a bus
// of their own, which users subscribe to with ordinary EventBridge rules.
import { Duration, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CHANGE_STREAM_FILTER } from '../shared/notify/change-stream-records';
import { createDeadLetterQueue } from './dead-letter-queue';
import { InventoryFunction } from './inventory-function';

/** How the publisher reads the stream: small batches, bisected and retried, then dead-lettered. */
export const PUBLISHER_STREAM = {
  batchSize: 50,
  maxBatchingWindow: Duration.seconds(1),
  retryAttempts: 20,
  maxRecordAge: Duration.hours(24),
} as const;

export interface InventoryChangeBusProps {
  /** The index table, with a stream whose view includes new images. */
  table: dynamodb.ITable;
  eventBusName: string;
  logRetention: logs.RetentionDays;
}

export class InventoryChangeBus extends Construct {
  readonly bus: events.EventBus;
  readonly publisher: InventoryFunction;
  /** Holds the stream positions of batches that still failed after every retry. */
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: InventoryChangeBusProps) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', {
      eventBusName: props.eventBusName,
      description: 'Resource inventory: Inventory Resource Changed events, one per real row change',
    });
    this.deadLetterQueue = createDeadLetterQueue(this, 'PublisherDeadLetters');
    this.publisher = new InventoryFunction(this, 'Publisher', {
      entry: 'handlers/change-publisher.ts',
      description: 'Publishes the index changes (table stream) on the change bus',
      environment: { CHANGE_BUS_NAME: this.bus.eventBusName },
      logRetention: props.logRetention,
      timeout: Duration.seconds(30),
    });
    // PutEvents on this bus only.
    this.bus.grantPutEventsTo(this.publisher.role);
    this.publisher.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        ...PUBLISHER_STREAM,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [lambda.FilterCriteria.filter(CHANGE_STREAM_FILTER)],
      }),
    );
    Validations.of(this.publisher.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams, which the stream event source grants, has no resource-level permissions; ' +
        "the stream's own actions are granted on this table's stream ARN only.",
    });
  }
}
