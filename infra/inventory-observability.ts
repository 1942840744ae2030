// The operator's view: a dashboard (the metric catalog's graphs, then Lambda, DynamoDB, EventBridge,
// dead-letter queues and API Gateway) and alarms on what needs a person, sent to one SNS topic.
import { Duration } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC_LIST, METRIC_NAMESPACE } from '../shared/observability/metric-catalog';
import { TABLE_DEFINITION } from '../shared/store/table-definition';
import { catalogWidgets, dimensionSetsOf } from './catalog-widgets';
import type { RuleOnBus } from './inventory-ingest';

const PERIOD = Duration.minutes(5);

export interface ObservedFunction {
  /** Short label, e.g. the service name. */
  label: string;
  function: lambda.IFunction;
}

export interface ObservedQueue {
  label: string;
  queue: sqs.IQueue;
}

export interface InventoryObservabilityProps {
  functions: readonly ObservedFunction[];
  deadLetterQueues: readonly ObservedQueue[];
  rules: readonly RuleOnBus[];
  table: dynamodb.ITable;
  apiStage: apigwv2.IHttpStage;
  alarmEmail?: string;
}

export class InventoryObservability extends Construct {
  readonly topic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: InventoryObservabilityProps) {
    super(scope, id);
    this.topic = createAlarmTopic(this);
    if (props.alarmEmail !== undefined) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }
    const action = new cloudwatchActions.SnsAction(this.topic);

    for (const { label, queue } of props.deadLetterQueues) {
      this.addAlarm(`${label}DeadLetters`, action, {
        metric: queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: PERIOD }),
        alarmDescription:
          `Events ${label} could not process are waiting in its dead-letter queue. Read one message ` +
          '(the original event; its attributes or the function logs tell why), fix the cause, then ' +
          're-send the events (npm run replay) and purge the queue.',
      });
    }
    for (const { label, function: fn } of props.functions) {
      this.addAlarm(`${label}Errors`, action, {
        metric: fn.metricErrors({ statistic: 'Sum', period: PERIOD }),
        alarmDescription:
          `${label} threw. Ingest events are retried and then dead-lettered; query requests got a 5xx. ` +
          'See the function log group for the error.',
      });
      this.addAlarm(`${label}Throttles`, action, {
        metric: fn.metricThrottles({ statistic: 'Sum', period: PERIOD }),
        alarmDescription:
          `${label} was throttled: the account's Lambda concurrency is exhausted. Events are retried; ` +
          'raise the concurrency quota or find the function using it up.',
      });
    }

    for (const metric of METRIC_LIST) {
      if (metric.alarm === undefined) continue;
      this.addAlarm(`${metric.name}Alarm`, action, {
        metric: catalogMetricSum(metric.name, dimensionSetsOf(metric)),
        alarmDescription: metric.alarm.description,
      });
    }

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(6),
      widgets: [
        [
          new cloudwatch.TextWidget({
            markdown: '# Resource inventory: handler metrics (catalog)',
            width: 24,
            height: 1,
          }),
        ],
        ...rowsOf(catalogWidgets(), 3),
        [
          new cloudwatch.TextWidget({
            markdown: '# Lambda, DynamoDB, EventBridge, queues, API',
            width: 24,
            height: 1,
          }),
        ],
        ...rowsOf(props.functions.map(functionWidget), 3),
        ...rowsOf(
          [
            tableThrottleWidget(props.table),
            ...rulesWidgets(props.rules),
            deadLetterWidget(props.deadLetterQueues),
            apiWidget(props.apiStage),
          ],
          3,
        ),
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 })],
      ],
    });
  }

  private addAlarm(id: string, action: cloudwatch.IAlarmAction, props: AlarmSpec): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric: props.metric,
      alarmDescription: props.alarmDescription,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}

interface AlarmSpec {
  metric: cloudwatch.IMetric;
  alarmDescription: string;
}

/** A catalog metric summed over every dimension set it is emitted with (SUM ignores absent series). */
function catalogMetricSum(metricName: string, dimensionSets: Record<string, string>[]): cloudwatch.IMetric {
  const usingMetrics = Object.fromEntries(
    dimensionSets.map((dimensionsMap, index) => [
      `m${index}`,
      new cloudwatch.Metric({
        namespace: METRIC_NAMESPACE,
        metricName,
        dimensionsMap,
        statistic: 'Sum',
        period: PERIOD,
      }),
    ]),
  );
  return new cloudwatch.MathExpression({
    expression: `SUM([${Object.keys(usingMetrics).join(', ')}])`,
    usingMetrics,
    label: `${metricName} (all services)`,
    period: PERIOD,
  });
}

/**
 * Encrypted with a customer managed key because CloudWatch alarms cannot publish to a topic under
 * the AWS managed SNS key (its policy cannot be changed to let CloudWatch use it).
 */
function createAlarmTopic(scope: Construct): sns.Topic {
  const key = new kms.Key(scope, 'AlarmTopicKey', {
    description: 'Encrypts the resource inventory alarm topic',
    enableKeyRotation: true,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarms',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
    }),
  );
  return new sns.Topic(scope, 'AlarmTopic', {
    displayName: 'Resource inventory alarms',
    masterKey: key,
    enforceSSL: true,
  });
}

function rowsOf(widgets: cloudwatch.IWidget[], perRow: number): cloudwatch.IWidget[][] {
  const rows: cloudwatch.IWidget[][] = [];
  for (let start = 0; start < widgets.length; start += perRow)
    rows.push(widgets.slice(start, start + perRow));
  return rows;
}

function functionWidget({ label, function: fn }: ObservedFunction): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({
    title: `Lambda ${label}`,
    width: 8,
    height: 6,
    left: [
      fn.metricInvocations({ statistic: 'Sum', period: PERIOD, label: 'invocations' }),
      fn.metricErrors({ statistic: 'Sum', period: PERIOD, label: 'errors' }),
      fn.metricThrottles({ statistic: 'Sum', period: PERIOD, label: 'throttles' }),
    ],
    right: [
      fn.metricDuration({ statistic: 'p50', period: PERIOD, label: 'duration p50' }),
      fn.metricDuration({ statistic: 'p99', period: PERIOD, label: 'duration p99' }),
    ],
  });
}

function tableThrottleWidget(table: dynamodb.ITable): cloudwatch.GraphWidget {
  const throttle = (metricName: string, index?: string): cloudwatch.Metric =>
    new cloudwatch.Metric({
      namespace: 'AWS/DynamoDB',
      metricName,
      dimensionsMap:
        index === undefined
          ? { TableName: table.tableName }
          : { TableName: table.tableName, GlobalSecondaryIndexName: index },
      statistic: 'Sum',
      period: PERIOD,
      label: index === undefined ? `table ${metricName}` : `${index} ${metricName}`,
    });
  return new cloudwatch.GraphWidget({
    title: 'DynamoDB throttle events',
    width: 8,
    height: 6,
    left: [
      throttle('ReadThrottleEvents'),
      throttle('WriteThrottleEvents'),
      ...TABLE_DEFINITION.indexes.map((index) => throttle('WriteThrottleEvents', index.name)),
      ...TABLE_DEFINITION.indexes.map((index) => throttle('ReadThrottleEvents', index.name)),
    ],
  });
}

/** Rules on the default bus report RuleName only; rules on a custom bus also EventBusName. */
function rulesWidgets(rules: readonly RuleOnBus[]): cloudwatch.GraphWidget[] {
  const byBus = new Map<string | undefined, RuleOnBus[]>();
  for (const rule of rules) byBus.set(rule.eventBusName, [...(byBus.get(rule.eventBusName) ?? []), rule]);
  return [...byBus.entries()].map(
    ([eventBusName, busRules]) =>
      new cloudwatch.GraphWidget({
        title: `Rule FailedInvocations (${eventBusName === undefined ? 'default bus' : 'central bus'})`,
        width: 8,
        height: 6,
        left: busRules.map(
          (rule) =>
            new cloudwatch.Metric({
              namespace: 'AWS/Events',
              metricName: 'FailedInvocations',
              dimensionsMap:
                eventBusName === undefined
                  ? { RuleName: rule.ruleName }
                  : { EventBusName: eventBusName, RuleName: rule.ruleName },
              statistic: 'Sum',
              period: PERIOD,
              label: rule.ruleName,
            }),
        ),
      }),
  );
}

function deadLetterWidget(queues: readonly ObservedQueue[]): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({
    title: 'Dead-letter queue depth',
    width: 8,
    height: 6,
    left: queues.map(({ label, queue }) =>
      queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: PERIOD, label }),
    ),
  });
}

function apiWidget(stage: apigwv2.IHttpStage): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({
    title: 'HTTP API',
    width: 8,
    height: 6,
    left: [
      stage.metricCount({ statistic: 'Sum', period: PERIOD, label: 'requests' }),
      stage.metricClientError({ statistic: 'Sum', period: PERIOD, label: '4xx' }),
      stage.metricServerError({ statistic: 'Sum', period: PERIOD, label: '5xx' }),
    ],
    right: [stage.metricLatency({ statistic: 'p99', period: PERIOD, label: 'latency p99' })],
  });
}
