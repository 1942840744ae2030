// The snapshot function of one account and region: lists what exists (CloudFormation stacks,
// Resource Explorer or the Tagging API; in the management account also the organization's accounts)
// on a schedule and once after each deploy that changes it, and puts the observations on the central
// bus. The inventory stack and the forwarder stack (member accounts) both use it, so the central
// account never needs a role in another account.
import { CustomResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { METRICS, METRIC_NAMESPACE, SERVICE_NAMES } from '../shared/observability/metric-catalog';
import { SERVICE_DIMENSION } from './catalog-widgets';
import { InventoryFunction } from './inventory-function';

export interface InventorySnapshotProps {
  /** The central bus's ARN (a parameter in the forwarder stack). */
  eventBusArn: string;
  /** An EventBridge schedule expression: `rate(1 day)`, `cron(0 3 * * ? *)`. */
  schedule: string;
  logRetention: logs.RetentionDays;
}

export class InventorySnapshot extends Construct {
  readonly function: InventoryFunction;
  readonly schedule: scheduler.Schedule;
  readonly failedRunAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: InventorySnapshotProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.function = new InventoryFunction(this, 'Function', {
      entry: 'handlers/snapshot.ts',
      description: 'Lists the resources of this account and region onto the inventory bus',
      environment: { EVENT_BUS_NAME: props.eventBusArn, SNAPSHOT_CONCURRENCY: '4' },
      logRetention: props.logRetention,
      // Listing a large account is paced by the services' rate limits, not by CPU.
      timeout: Duration.minutes(15),
      memorySize: 512,
    });
    // A failed run is not re-run by Lambda: the alarm says so and the next scheduled run lists again.
    this.function.function.configureAsyncInvoke({ retryAttempts: 0 });
    this.grantReads(stack);
    this.function.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [props.eventBusArn] }),
    );

    // EventBridge Scheduler, not a rule: the buses' rules stay exactly the shared patterns.
    const scheduleRole = new iam.Role(this, 'ScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Lets the schedule invoke the inventory snapshot function',
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Runs the inventory snapshot',
      schedule: scheduler.ScheduleExpression.expression(props.schedule),
      target: new schedulerTargets.LambdaInvoke(this.function.function, {
        retryAttempts: 0,
        role: scheduleRole,
      }),
    });
    const cfnFunction = this.function.function.node.defaultChild as lambda.CfnFunction;
    const functionId = stack.resolve(stack.getLogicalId(cfnFunction));
    Validations.of(scheduleRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason: "Invoking the snapshot function's own versions (how CDK grants invoke); no other function.",
    });

    // After a deploy that changes the function (its code asset), CloudFormation invokes it once.
    const trigger = new CustomResource(this, 'AfterDeploy', {
      serviceToken: this.function.function.functionArn,
      resourceType: 'Custom::InventorySnapshot',
      properties: { CodeKey: (stack.resolve(cfnFunction.code) as lambda.CfnFunction.CodeProperty).s3Key },
    });
    trigger.node.addDependency(this.function.role);

    this.failedRunAlarm = new cloudwatch.Alarm(this, 'FailedRunAlarm', {
      metric: new cloudwatch.Metric({
        namespace: METRIC_NAMESPACE,
        metricName: METRICS.snapshotFailures.name,
        dimensionsMap: { [SERVICE_DIMENSION]: SERVICE_NAMES.snapshot },
        statistic: 'Sum',
        period: Duration.hours(1),
      }),
      alarmDescription:
        'A snapshot run could not list everything (a page failed after retries, or the bus refused ' +
        'observations), so the index inferred no absence from it. The snapshot function log names the ' +
        'call and the error; the next scheduled run lists again.',
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /** Sends the failed-run alarm somewhere; without it the alarm shows in the account's console only. */
  notify(action: cloudwatch.IAlarmAction): void {
    this.failedRunAlarm.addAlarmAction(action);
    this.failedRunAlarm.addOkAction(action);
  }

  /** Read-only listing permissions, each scoped as far as its action allows. */
  private grantReads(stack: Stack): void {
    const role = this.function.role;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'cloudformation:ListStacks',
          'resource-explorer-2:GetDefaultView',
          'tag:GetResources',
          // The accounts' names for the summary; Organizations refuses it outside the management account.
          'organizations:ListAccounts',
        ],
        resources: ['*'],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['cloudformation:ListStackResources'],
        resources: [stack.formatArn({ service: 'cloudformation', resource: 'stack', resourceName: '*' })],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['resource-explorer-2:GetView', 'resource-explorer-2:ListResources'],
        resources: [
          stack.formatArn({
            service: 'resource-explorer-2',
            region: '*',
            resource: 'view',
            resourceName: '*',
          }),
        ],
      }),
    );
    for (const acknowledgement of [
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'ListStacks, GetDefaultView, tag:GetResources and organizations:ListAccounts support no resource-level permissions; all four only list (ListAccounts: the names of the accounts the summary counts, answered in the management account only).',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:stack/*]`,
        reason: 'ListStackResources of every stack of this account and region: the snapshot lists them all.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:resource-explorer-2:*:<AWS::AccountId>:view/*]`,
        reason:
          "The region's default view is only known at run time (and the aggregator's may live in another region).",
      },
    ])
      Validations.of(role).acknowledge(acknowledgement);
  }
}
