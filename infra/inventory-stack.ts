// The inventory in one deployable stack: store, central bus, ingest, query API and observability,
// configured by InventoryConfig (CDK context). Environment-agnostic: synthesizes without an account.
import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SERVICE_NAMES } from '../shared/observability/metric-catalog';
import type { RuleDefinition } from '../shared/rules/rule-definition';
import { CentralEventBus } from './central-event-bus';
import { addForwarder } from './forwarder-stack';
import type { Forwarder } from './forwarder-stack';
import { InventoryChangeBus } from './inventory-change-bus';
import type { InventoryConfig } from './inventory-config';
import { InventoryIngest } from './inventory-ingest';
import { InventoryObservability } from './inventory-observability';
import { InventoryQueryApi } from './inventory-query-api';
import { InventorySignIn } from './inventory-sign-in';
import { InventorySnapshot } from './inventory-snapshot';
import { InventoryStore } from './inventory-store';
import { InventoryTrail } from './inventory-trail';

export interface InventoryStackProps extends StackProps {
  config: InventoryConfig;
  rules: readonly RuleDefinition[];
}

export class InventoryStack extends Stack {
  readonly store: InventoryStore;
  readonly centralBus: CentralEventBus;
  readonly ingest: InventoryIngest;
  /** This account's own events, forwarded from its default bus to the central bus like a member's. */
  readonly ownEvents: Forwarder;
  readonly queryApi: InventoryQueryApi;
  readonly snapshot: InventorySnapshot;
  readonly changeBus: InventoryChangeBus;
  readonly observability: InventoryObservability;
  readonly trail?: InventoryTrail;
  readonly signIn?: InventorySignIn;

  constructor(scope: Construct, id: string, props: InventoryStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRetention = retentionDaysOf(config.logRetentionDays);

    this.store = new InventoryStore(this, 'Store');
    this.centralBus = new CentralEventBus(this, 'CentralBus', {
      eventBusName: `${this.stackName}-central`,
      sourceAccounts: config.sourceAccounts,
      organizationId: config.organizationId,
    });
    if (config.createTrail) {
      this.trail = new InventoryTrail(this, 'Trail', { logRetentionDays: config.trailLogRetentionDays });
    }
    this.ingest = new InventoryIngest(this, 'Ingest', {
      store: this.store,
      rules: props.rules,
      centralBus: this.centralBus.bus,
      ruleNamePrefix: this.stackName,
      tombstoneRetentionDays: config.tombstoneRetentionDays,
      logRetention,
    });
    // A prefix of its own: the names differ from the rules the default bus carried before, so an
    // update can create these before it deletes those.
    this.ownEvents = addForwarder(new Construct(this, 'OwnEvents'), {
      rules: props.rules,
      centralEventBusArn: this.centralBus.bus.eventBusArn,
      ruleNamePrefix: `${this.stackName}-own`,
    });
    this.queryApi = new InventoryQueryApi(this, 'Query', {
      store: this.store,
      logRetention,
      rateLimit: config.apiRateLimit,
      burstLimit: config.apiBurstLimit,
    });
    if (config.signIn) {
      this.signIn = new InventorySignIn(this, 'SignIn', {
        queryFunction: this.queryApi.function.function,
        logRetention,
        rateLimit: config.apiRateLimit,
        burstLimit: config.apiBurstLimit,
        domainPrefix: config.signInDomainPrefix,
        extraCallbackUrls: config.signInCallbackUrls,
        mfa: config.signInMfa,
        adminEmail: config.signInAdminEmail,
      });
    }
    // The central account lists itself too, straight onto its central bus.
    this.snapshot = new InventorySnapshot(this, 'Snapshot', {
      eventBusArn: this.centralBus.bus.eventBusArn,
      schedule: config.snapshotSchedule,
      logRetention,
    });
    this.changeBus = new InventoryChangeBus(this, 'Changes', {
      table: this.store.table,
      eventBusName: `${this.stackName}-changes`,
      logRetention,
    });
    this.observability = new InventoryObservability(this, 'Observability', {
      functions: [
        ...this.ingest.consumers.map((consumer) => ({
          label: consumer.serviceName,
          function: consumer.function.function,
        })),
        { label: SERVICE_NAMES.queryApi, function: this.queryApi.function.function },
        { label: SERVICE_NAMES.snapshot, function: this.snapshot.function.function },
        { label: SERVICE_NAMES.changePublisher, function: this.changeBus.publisher.function },
      ],
      deadLetterQueues: [
        ...this.ingest.consumers.map((consumer) => ({
          label: consumer.serviceName,
          queue: consumer.deadLetterQueue,
        })),
        { label: 'own-events-forwarding', queue: this.ownEvents.deadLetterQueue },
        { label: SERVICE_NAMES.changePublisher, queue: this.changeBus.deadLetterQueue },
      ],
      rules: [...this.ownEvents.rules.map((rule) => ({ ruleName: rule.ruleName })), ...this.ingest.rules],
      table: this.store.table,
      apiStage: this.queryApi.stage,
      alarmEmail: config.alarmEmail,
    });

    this.snapshot.notify(new cloudwatchActions.SnsAction(this.observability.topic));

    new CfnOutput(this, 'ApiUrl', {
      value: this.queryApi.stage.url,
      description: 'Query API (SigV4, service execute-api)',
    });
    if (this.signIn) {
      new CfnOutput(this, 'PageUrl', {
        value: this.signIn.pageUrl,
        description: 'The inventory page: open it in a browser and sign in (Cognito managed login)',
      });
      new CfnOutput(this, 'SignInUrl', {
        value: this.signIn.signInUrl,
        description: 'The managed login page for the inventory page (the page sends you there by itself)',
      });
      new CfnOutput(this, 'UserPoolId', {
        value: this.signIn.userPool.userPoolId,
        description:
          'Invite people: aws cognito-idp admin-create-user --user-pool-id <this> --username <e-mail>',
      });
    }
    new CfnOutput(this, 'TableName', { value: this.store.table.tableName });
    new CfnOutput(this, 'CentralEventBusArn', {
      value: this.centralBus.bus.eventBusArn,
      description: 'Give this to the forwarder stack in member accounts (parameter CentralEventBusArn)',
    });
    new CfnOutput(this, 'ChangeEventBusName', {
      value: this.changeBus.bus.eventBusName,
      description:
        'Subscribe to Inventory Resource Changed events (source resource-inventory) with rules on this bus',
    });
    new CfnOutput(this, 'ChangeEventBusArn', { value: this.changeBus.bus.eventBusArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.observability.topic.topicArn });
    new CfnOutput(this, 'DashboardName', { value: this.observability.dashboard.dashboardName });
  }
}

export function retentionDaysOf(days: number): logs.RetentionDays {
  const match = Object.values(logs.RetentionDays).find(
    (value): value is logs.RetentionDays => value === days,
  );
  if (match === undefined) throw new Error(`${days} is not a CloudWatch Logs retention`);
  return match;
}
