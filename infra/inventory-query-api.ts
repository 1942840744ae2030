// The query API: an HTTP API (IAM authorization on every route, throttled, access-logged) in front of
// the query function, which may only read the table.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { InventoryFunction } from './inventory-function';
import type { InventoryStore } from './inventory-store';

/**
 * Reads only, and no Scan: the API promises every page costs reads in proportion to the page, and
 * IAM enforces it. DescribeTable, writes and batch writes are absent on purpose.
 */
export const QUERY_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;

/**
 * Every request goes to the function, which owns routing: unknown paths get its JSON 404 and wrong
 * methods its 405, exactly as locally. `/{proxy+}` does not match `/`, hence two routes.
 */
export const API_ROUTE_PATHS = ['/', '/{proxy+}'] as const;

export interface InventoryQueryApiProps {
  store: InventoryStore;
  logRetention: logs.RetentionDays;
  rateLimit: number;
  burstLimit: number;
  environment?: Record<string, string>;
}

export class InventoryQueryApi extends Construct {
  readonly function: InventoryFunction;
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly accessLogs: logs.LogGroup;
  readonly cursorSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: InventoryQueryApiProps) {
    super(scope, id);
    // The HMAC key of page cursors, generated at deploy time so it is in no template or repository.
    this.cursorSecret = new secretsmanager.Secret(this, 'CursorSecret', {
      description: 'Resource inventory: HMAC key of the query API page cursors',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A cursor key, not a credential: rotating it only invalidates outstanding page cursors, and the ' +
        'function reads it at deploy time (dynamic reference), so rotation means a redeploy.',
    });
    this.function = new InventoryFunction(this, 'QueryFunction', {
      entry: 'handlers/query-api.ts',
      description: 'Answers the inventory HTTP API',
      environment: {
        TABLE_NAME: props.store.table.tableName,
        // Resolved by CloudFormation at deploy time ({{resolve:secretsmanager:...}}): the value never
        // appears in the template, and the function needs no Secrets Manager permission.
        CURSOR_SECRET: this.cursorSecret.secretValue.unsafeUnwrap(),
        ...props.environment,
      },
      logRetention: props.logRetention,
      timeout: Duration.seconds(10),
      memorySize: 512,
    });
    props.store.grant(this.function.role, ...QUERY_TABLE_ACTIONS);

    this.api = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'Resource inventory query API (SigV4 / IAM)',
      defaultAuthorizer: new HttpIamAuthorizer(),
      // The default stage is declared below, with throttling and access logs.
      createDefaultStage: false,
    });
    const integration = new HttpLambdaIntegration('QueryIntegration', this.function.function, {
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
    });
    for (const routePath of API_ROUTE_PATHS) {
      this.api.addRoutes({ path: routePath, methods: [apigwv2.HttpMethod.ANY], integration });
    }

    const logged = createLoggedStage(this, this.api, props, {
      caller: '$context.identity.userArn',
      callerAccount: '$context.identity.accountId',
    });
    this.stage = logged.stage;
    this.accessLogs = logged.accessLogs;
  }
}

export interface LoggedStageProps {
  logRetention: logs.RetentionDays;
  rateLimit: number;
  burstLimit: number;
}

/**
 * The `$default` stage of an HTTP API, auto-deployed, throttled, with JSON access logs in a log group
 * of its own (`AccessLogs`, `DefaultStage` under `scope`). `who` names the caller fields of the API's
 * authorization (IAM identity or JWT claims).
 */
export function createLoggedStage(
  scope: Construct,
  api: apigwv2.HttpApi,
  props: LoggedStageProps,
  who: Record<string, string>,
): { stage: apigwv2.HttpStage; accessLogs: logs.LogGroup } {
  const accessLogs = new logs.LogGroup(scope, 'AccessLogs', {
    retention: props.logRetention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const stage = new apigwv2.HttpStage(scope, 'DefaultStage', {
    httpApi: api,
    stageName: '$default',
    autoDeploy: true,
    throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
    accessLogSettings: {
      destination: new apigwv2.LogGroupLogDestination(accessLogs),
      format: AccessLogFormat.custom(
        JSON.stringify({
          requestId: '$context.requestId',
          time: '$context.requestTime',
          routeKey: '$context.routeKey',
          path: '$context.path',
          status: '$context.status',
          responseLatency: '$context.responseLatency',
          responseLength: '$context.responseLength',
          ...who,
          sourceIp: '$context.identity.sourceIp',
          userAgent: '$context.identity.userAgent',
          error: '$context.error.message',
          authorizerError: '$context.authorizer.error',
          integrationError: '$context.integrationErrorMessage',
        }),
      ),
    },
  });
  return { stage, accessLogs };
}
