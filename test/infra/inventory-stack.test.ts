// What the synthesized templates mean: rules and their delivery guarantees, the API's authorization,
// the table's protection, least privilege, the dashboard and alarms, cdk-nag, CloudFormation limits.
// The app is synthesized once (see synthesized-inventory.ts) and every test reads that result.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { TABLE_DEFINITION, TTL_ATTRIBUTE } from '../../shared/store/table-definition';
import { DIMENSION_VALUES, METRIC_LIST, METRIC_NAMESPACE } from '../../shared/observability/metric-catalog';
import { RULES } from '../../shared/rules/rule-patterns';
import { ENROLMENT_STACK_NAME, FORWARDER_STACK_NAME, INVENTORY_STACK_NAME } from '../../infra/inventory-app';
import { INGEST_TABLE_ACTIONS, TARGET_RETRY } from '../../infra/inventory-ingest';
import { QUERY_TABLE_ACTIONS } from '../../infra/inventory-query-api';
import { ruleNameFor } from '../../infra/pattern-rule';
import { CLOUDFORMATION_LIMITS, danglingReferences, limitProblems } from './template-limits';
import { TEST_CONTEXT, removeSynthesized, synthesizeInventory } from './synthesized-inventory';
import type { CfnTemplate } from './synthesized-inventory';

const synthesized = synthesizeInventory();
const { inventory: inventoryStack } = synthesized;
const inventoryTemplate = templateOf(INVENTORY_STACK_NAME);
const forwarderTemplate = templateOf(FORWARDER_STACK_NAME);
const inventory = Template.fromJSON(inventoryTemplate);
const forwarder = Template.fromJSON(forwarderTemplate);

afterAll(() => removeSynthesized());
console.info(`app synthesized, functions bundled, in ${synthesized.synthMillis} ms`);

function templateOf(stackName: string): CfnTemplate {
  const entry = synthesized.templates.get(stackName);
  if (entry === undefined) throw new Error(`no template for ${stackName}`);
  return entry.template;
}

type Resource = CfnTemplate['Resources'][string];

function resourcesOf(template: CfnTemplate, type: string): [string, Resource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

function props(resource: Resource): Record<string, unknown> {
  return resource.Properties ?? {};
}

/** The logical id a `{Ref}` / `{Fn::GetAtt}` names. */
function referencedId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if ('Ref' in value && typeof value.Ref === 'string') return value.Ref;
  if ('Fn::GetAtt' in value && Array.isArray(value['Fn::GetAtt'])) return String(value['Fn::GetAtt'][0]);
  return undefined;
}

function logicalIdOf(stack: typeof inventoryStack, construct: { node: { defaultChild?: unknown } }): string {
  const child = construct.node.defaultChild;
  if (!(child instanceof Object) || !('logicalId' in child)) throw new Error('not a CFN resource owner');
  return String(stack.resolve(child.logicalId));
}

/** Every action granted by the IAM policies attached to a role (by logical id). */
function actionsOfRole(template: CfnTemplate, roleId: string): { action: string; resource: unknown }[] {
  const granted: { action: string; resource: unknown }[] = [];
  for (const [, policy] of resourcesOf(template, 'AWS::IAM::Policy')) {
    const roles = props(policy).Roles;
    if (!Array.isArray(roles) || !roles.some((role) => referencedId(role) === roleId)) continue;
    const document = props(policy).PolicyDocument as {
      Statement: { Action: string | string[]; Resource: unknown }[];
    };
    for (const statement of document.Statement) {
      for (const action of [statement.Action].flat()) granted.push({ action, resource: statement.Resource });
    }
  }
  const role = template.Resources[roleId];
  expect(props(role).ManagedPolicyArns ?? []).toEqual([]);
  expect(props(role).Policies ?? []).toEqual([]);
  return granted;
}

describe('EventBridge rules', () => {
  const rules = resourcesOf(inventoryTemplate, 'AWS::Events::Rule');
  const onDefaultBus = rules.filter(([, rule]) => props(rule).EventBusName === undefined);
  const onCentralBus = rules.filter(([, rule]) => props(rule).EventBusName !== undefined);
  const centralBusId = logicalIdOf(inventoryStack, synthesized.inventory.centralBus.bus);

  test('one rule per shared definition on the default bus and on the central bus, with the same pattern', () => {
    expect(RULES.length).toBeGreaterThan(1);
    for (const busRules of [onDefaultBus, onCentralBus]) {
      expect(busRules).toHaveLength(RULES.length);
      const patterns = busRules.map(([, rule]) => props(rule).EventPattern);
      for (const definition of RULES) {
        expect(patterns).toContainEqual(JSON.parse(JSON.stringify(definition.pattern)));
      }
    }
  });

  test('central bus rules target the function the definition names; default bus rules forward to the central bus', () => {
    const consumers = new Map(
      synthesized.inventory.ingest.consumers.map((consumer) => [
        consumer.name,
        logicalIdOf(inventoryStack, consumer.function.function),
      ]),
    );
    for (const definition of RULES) {
      const [central] = onCentralBus.filter(
        ([, rule]) => props(rule).Name === ruleNameFor(INVENTORY_STACK_NAME, definition.name),
      );
      expect(props(central[1]).EventPattern).toEqual(JSON.parse(JSON.stringify(definition.pattern)));
      const targets = props(central[1]).Targets as { Arn: unknown }[];
      expect(targets).toHaveLength(1);
      expect(referencedId(targets[0].Arn)).toBe(consumers.get(definition.target));

      const own = onDefaultBus.filter(
        ([, rule]) => props(rule).Name === ruleNameFor(`${INVENTORY_STACK_NAME}-own`, definition.name),
      );
      expect(own).toHaveLength(1);
      const [forward] = props(own[0][1]).Targets as { Arn: unknown }[];
      expect(referencedId(forward.Arn)).toBe(centralBusId);
    }
  });

  test('every target has an encrypted SQS dead-letter queue that enforces TLS; Lambda targets a retry policy', () => {
    for (const [, rule] of rules) {
      for (const target of props(rule).Targets as Record<string, unknown>[]) {
        if (props(rule).EventBusName !== undefined) {
          expect(target.RetryPolicy).toEqual({
            MaximumEventAgeInSeconds: TARGET_RETRY.maxEventAge.toSeconds(),
            MaximumRetryAttempts: TARGET_RETRY.retryAttempts,
          });
        }
        const queueId = referencedId((target.DeadLetterConfig as { Arn: unknown }).Arn);
        const queue = inventoryTemplate.Resources[queueId ?? ''];
        expect(queue?.Type).toBe('AWS::SQS::Queue');
        expect(props(queue).SqsManagedSseEnabled).toBe(true);
        inventory.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: queueId }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({
                Effect: 'Deny',
                Action: 'sqs:*',
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              }),
              Match.objectLike({
                Effect: 'Allow',
                Action: 'sqs:SendMessage',
                Principal: { Service: 'events.amazonaws.com' },
                Condition: { ArnEquals: { 'aws:SourceArn': Match.anyValue() } },
              }),
            ]),
          },
        });
      }
    }
  });

  test('each consumer may be invoked by exactly the central bus rules that target it, named by exact ARN', () => {
    for (const consumer of synthesized.inventory.ingest.consumers) {
      const functionId = logicalIdOf(inventoryStack, consumer.function.function);
      const permissions = resourcesOf(inventoryTemplate, 'AWS::Lambda::Permission').filter(
        ([, permission]) => referencedId(props(permission).FunctionName) === functionId,
      );
      const targeting = onCentralBus
        .filter(([, rule]) =>
          (props(rule).Targets as { Arn: unknown }[]).some(
            (target) => referencedId(target.Arn) === functionId,
          ),
        )
        .map(([ruleId]) => ruleId);
      expect(permissions.map(([, permission]) => props(permission).Principal)).toEqual(
        targeting.map(() => 'events.amazonaws.com'),
      );
      expect(permissions.map(([, permission]) => props(permission).SourceArn)).toEqual(
        targeting.map((ruleId) => ({ 'Fn::GetAtt': [ruleId, 'Arn'] })),
      );
      // Lambda keeps one statement per permission in a 20 KB function policy. A statement is about
      // 250 bytes plus its function ARN (at most 140) and rule ARN (at most 140 with the bus name).
      expect(permissions.length * (250 + 140 + 140)).toBeLessThan(20 * 1024);
      const queuePolicies = resourcesOf(inventoryTemplate, 'AWS::SQS::QueuePolicy').filter(([, policy]) =>
        (props(policy).Queues as unknown[]).some(
          (queue) => referencedId(queue) === logicalIdOf(inventoryStack, consumer.deadLetterQueue),
        ),
      );
      const statements = queuePolicies.flatMap(
        ([, policy]) => (props(policy).PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
      );
      const allow = statements.find((statement) => statement.Action === 'sqs:SendMessage');
      expect(allow?.Condition).toEqual({
        ArnEquals: { 'aws:SourceArn': targeting.map((ruleId) => ({ 'Fn::GetAtt': [ruleId, 'Arn'] })) },
      });
      // SQS policies are capped at 8,192 bytes: a rule ARN is at most 140.
      expect(targeting.length * 145).toBeLessThan(8192 - 1024);
    }
    for (const [, rule] of rules) {
      expect(String(props(rule).Name)).toMatch(/^[.\-_A-Za-z0-9]{1,64}$/);
      expect(JSON.stringify(props(rule).EventPattern).length).toBeLessThanOrEqual(2048);
    }
    expect(JSON.stringify(inventoryTemplate)).not.toMatch(/rule\/[^"]*\*/);
  });

  test('the central bus admits the configured accounts and the organization, nobody else', () => {
    const statements = resourcesOf(inventoryTemplate, 'AWS::Events::EventBusPolicy').map(
      ([, policy]) => props(policy).Statement as Record<string, unknown>,
    );
    expect(statements).toHaveLength(2);
    const accounts = statements.find((statement) => statement.Condition === undefined);
    expect(JSON.stringify(accounts?.Principal)).toContain('111111111111');
    expect(JSON.stringify(accounts?.Principal)).toContain('222222222222');
    const organization = statements.find((statement) => statement.Condition !== undefined);
    expect(organization?.Condition).toEqual({
      StringEquals: { 'aws:PrincipalOrgID': TEST_CONTEXT.organizationId },
    });
    for (const statement of statements) expect(statement.Action).toBe('events:PutEvents');
  });

  test('the forwarder stack forwards the same patterns from the default bus to the central bus', () => {
    const forwarded = resourcesOf(forwarderTemplate, 'AWS::Events::Rule');
    expect(forwarded).toHaveLength(RULES.length);
    expect(JSON.stringify(forwarderTemplate)).not.toMatch(/rule\/[^"]*\*/);
    expect(forwarded.map(([, rule]) => props(rule).EventPattern)).toEqual(
      expect.arrayContaining(RULES.map((definition) => JSON.parse(JSON.stringify(definition.pattern)))),
    );
    // The forwarding role (the snapshot function and its schedule have their own).
    const roles = resourcesOf(forwarderTemplate, 'AWS::IAM::Role').filter(([, role]) =>
      JSON.stringify(props(role).AssumeRolePolicyDocument).includes('events.amazonaws.com'),
    );
    expect(roles).toHaveLength(1);
    for (const [, rule] of forwarded) {
      expect(props(rule).EventBusName).toBeUndefined();
      const [target] = props(rule).Targets as Record<string, unknown>[];
      expect(target.Arn).toEqual({ Ref: 'CentralEventBusArn' });
      expect(referencedId(target.RoleArn)).toBe(roles[0][0]);
      const queueId = referencedId((target.DeadLetterConfig as { Arn: unknown }).Arn);
      expect(forwarderTemplate.Resources[queueId ?? '']?.Type).toBe('AWS::SQS::Queue');
    }
    expect(actionsOfRole(forwarderTemplate, roles[0][0])).toEqual([
      { action: 'events:PutEvents', resource: { Ref: 'CentralEventBusArn' } },
    ]);
    forwarder.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
    });
  });
});

describe('query API', () => {
  test('every route requires IAM authorization and goes to the query function', () => {
    // The page's own API (sign-in) is tested in inventory-sign-in.test.ts; this is the programs' one.
    const programApi = logicalIdOf(inventoryStack, synthesized.inventory.queryApi.api);
    const ofProgramApi = ([, resource]: [string, Resource]) =>
      referencedId(props(resource).ApiId) === programApi;
    const routes = resourcesOf(inventoryTemplate, 'AWS::ApiGatewayV2::Route').filter(ofProgramApi);
    expect(routes.map(([, route]) => props(route).RouteKey).sort()).toEqual(['ANY /', 'ANY /{proxy+}']);
    for (const [, route] of routes) expect(props(route).AuthorizationType).toBe('AWS_IAM');
    expect(
      resourcesOf(inventoryTemplate, 'AWS::ApiGatewayV2::Integration').filter(ofProgramApi),
    ).toHaveLength(1);
    inventory.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
  });

  test('the default stage is throttled and writes access logs to a log group with a retention', () => {
    inventory.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
    const [[, stage]] = resourcesOf(inventoryTemplate, 'AWS::ApiGatewayV2::Stage');
    const logGroupId = referencedId(
      (props(stage).AccessLogSettings as { DestinationArn: unknown }).DestinationArn,
    );
    expect(props(inventoryTemplate.Resources[logGroupId ?? '']).RetentionInDays).toBe(60);
  });

  test('the query role can only read the table: no write, no scan', () => {
    const roleId = logicalIdOf(inventoryStack, synthesized.inventory.queryApi.function.role);
    const actions = actionsOfRole(inventoryTemplate, roleId).map(({ action }) => action);
    for (const write of [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ]) {
      expect(actions).not.toContain(write);
    }
    const dynamodbActions = actions.filter((action) => action.startsWith('dynamodb:'));
    expect(new Set(dynamodbActions)).toEqual(new Set(QUERY_TABLE_ACTIONS));
    expect(actions.filter((action) => !action.startsWith('dynamodb:')).sort()).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
  });

  test('page cursors are signed with a generated secret that is not in the template', () => {
    const queryFunction = logicalIdOf(inventoryStack, synthesized.inventory.queryApi.function.function);
    const environment = props(inventoryTemplate.Resources[queryFunction]).Environment as {
      Variables: Record<string, unknown>;
    };
    expect(JSON.stringify(environment.Variables.CURSOR_SECRET)).toContain('{{resolve:secretsmanager:');
    inventory.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.anyValue(),
    });
  });
});

describe('consumers', () => {
  test('each consumer writes only the table (no scan, no batch write) and sends only to its own queue', () => {
    for (const consumer of synthesized.inventory.ingest.consumers) {
      const roleId = logicalIdOf(inventoryStack, consumer.function.role);
      const queueId = logicalIdOf(inventoryStack, consumer.deadLetterQueue);
      const tableId = logicalIdOf(inventoryStack, synthesized.inventory.store.table);
      const granted = actionsOfRole(inventoryTemplate, roleId);
      const dynamodb = granted.filter(({ action }) => action.startsWith('dynamodb:'));
      expect(new Set(dynamodb.map(({ action }) => action))).toEqual(new Set(INGEST_TABLE_ACTIONS));
      for (const { resource } of dynamodb) expect(JSON.stringify(resource)).toContain(tableId);
      const sqs = granted.filter(({ action }) => action.startsWith('sqs:'));
      expect(sqs.map(({ action }) => action)).toEqual(['sqs:SendMessage']);
      expect(referencedId(sqs[0].resource)).toBe(queueId);
      const others = granted
        .filter(({ action }) => !/^(dynamodb|sqs):/.test(action))
        .map(({ action }) => action);
      expect(others.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    }
  });

  test('consumers get the table and tombstone retention; failed async invocations go to the queue', () => {
    for (const consumer of synthesized.inventory.ingest.consumers) {
      const resource = inventoryTemplate.Resources[logicalIdOf(inventoryStack, consumer.function.function)];
      const variables = (props(resource).Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables.TABLE_NAME).toEqual({
        Ref: logicalIdOf(inventoryStack, synthesized.inventory.store.table),
      });
      expect(variables.TOMBSTONE_RETENTION_DAYS).toBe(TEST_CONTEXT.tombstoneRetentionDays);
      const config = props(resource).DeadLetterConfig as { TargetArn: unknown };
      expect(referencedId(config.TargetArn)).toBe(logicalIdOf(inventoryStack, consumer.deadLetterQueue));
    }
  });

  test('every function is arm64, a current Node.js runtime, with its own log group with a retention', () => {
    const functions = resourcesOf(inventoryTemplate, 'AWS::Lambda::Function');
    // Two ingest consumers, the query API, the change publisher and the snapshot function.
    expect(functions).toHaveLength(5);
    for (const [, fn] of functions) {
      expect(props(fn).Architectures).toEqual(['arm64']);
      expect(props(fn).Runtime).toBe('nodejs24.x');
      const logGroupId = referencedId((props(fn).LoggingConfig as { LogGroup: unknown }).LogGroup);
      expect(inventoryTemplate.Resources[logGroupId ?? '']?.Type).toBe('AWS::Logs::LogGroup');
      expect(props(inventoryTemplate.Resources[logGroupId ?? '']).RetentionInDays).toBe(60);
    }
  });

  test('each function is bundled by the local esbuild, minified, with a source map', () => {
    for (const [, fn] of resourcesOf(inventoryTemplate, 'AWS::Lambda::Function')) {
      const assetPath = (fn.Metadata as Record<string, string> | undefined)?.['aws:asset:path'];
      expect(assetPath).toBeDefined();
      const bundle = path.join(synthesized.outdir, assetPath!);
      const code = fs.readFileSync(path.join(bundle, 'index.js'), 'utf8');
      expect(fs.existsSync(path.join(bundle, 'index.js.map'))).toBe(true);
      // Minified code runs to long lines; the generated tables keep a JSON row a line (keyed-rows.ts).
      const codeLines = code.split('\n').filter((line) => !/^\[".*\]$/.test(line));
      expect(codeLines.join('\n').length / codeLines.length).toBeGreaterThan(1000);
      expect(code.length).toBeLessThan(5 * 1024 * 1024);
    }
  });
});

describe('table', () => {
  test('on demand, point-in-time recovery, encrypted, TTL, retained on delete', () => {
    inventory.resourceCountIs('AWS::DynamoDB::Table', 1);
    inventory.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });

  test('keys and indexes are those of the shared table definition', () => {
    const [[, table]] = resourcesOf(inventoryTemplate, 'AWS::DynamoDB::Table');
    expect(props(table).KeySchema).toEqual([
      { AttributeName: TABLE_DEFINITION.keys.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_DEFINITION.keys.sortKey, KeyType: 'RANGE' },
    ]);
    const indexes = props(table).GlobalSecondaryIndexes as Record<string, unknown>[];
    expect(indexes.map((index) => index.IndexName).sort()).toEqual(
      TABLE_DEFINITION.indexes.map((index) => index.name).sort(),
    );
    for (const definition of TABLE_DEFINITION.indexes) {
      expect(indexes).toContainEqual({
        IndexName: definition.name,
        KeySchema: [
          { AttributeName: definition.partitionKey, KeyType: 'HASH' },
          { AttributeName: definition.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: definition.projection },
      });
    }
  });
});

test("the forwarder's snapshot function logs as long as logRetentionDays says", () => {
  const groups = resourcesOf(forwarderTemplate, 'AWS::Logs::LogGroup');
  expect(groups.map(([, group]) => props(group).RetentionInDays)).toEqual([60]);
});

describe('observability', () => {
  /** The dashboard body with CloudFormation tokens replaced by placeholders, parsed. */
  function dashboardBody(): { widgets: { properties: { metrics?: unknown[][] } }[] } {
    const [[, dashboard]] = resourcesOf(inventoryTemplate, 'AWS::CloudWatch::Dashboard');
    const body = props(dashboard).DashboardBody as { 'Fn::Join': [string, unknown[]] };
    const text = body['Fn::Join'][1]
      .map((part) => (typeof part === 'string' ? part : `<${referencedId(part) ?? 'token'}>`))
      .join('');
    return JSON.parse(text);
  }
  const metricLines = dashboardBody().widgets.flatMap((widget) => widget.properties.metrics ?? []);

  function hasMetric(namespace: string, metricName: string, dimensions: Record<string, string>): boolean {
    return metricLines.some((line) => {
      if (line[0] !== namespace || line[1] !== metricName) return false;
      const pairs = line.slice(2).filter((entry) => typeof entry === 'string');
      const shown: Record<string, unknown> = {};
      for (let index = 0; index + 1 < pairs.length; index += 2)
        shown[String(pairs[index])] = pairs[index + 1];
      return (
        JSON.stringify(Object.entries(shown).sort()) === JSON.stringify(Object.entries(dimensions).sort())
      );
    });
  }

  test('every catalog metric is on the dashboard, for every service and dimension value it is emitted with', () => {
    for (const metric of METRIC_LIST) {
      let expected: Record<string, string>[] = metric.services.map((service) => ({ service }));
      for (const dimension of metric.dimensions) {
        expected = expected.flatMap((set) =>
          DIMENSION_VALUES[dimension].map((value) => ({ ...set, [dimension]: value })),
        );
      }
      for (const dimensions of expected) {
        expect({
          metric: metric.name,
          dimensions,
          shown: hasMetric(METRIC_NAMESPACE, metric.name, dimensions),
        }).toEqual({
          metric: metric.name,
          dimensions,
          shown: true,
        });
      }
    }
  });

  test('the dashboard stays within CloudWatch quotas (500 widgets, 500 metrics a graph, 2500 in all)', () => {
    const { widgets } = dashboardBody();
    expect(widgets.length).toBeLessThanOrEqual(500);
    for (const widget of widgets) expect((widget.properties.metrics ?? []).length).toBeLessThanOrEqual(500);
    expect(metricLines.length).toBeLessThanOrEqual(2500);
  });

  test('the dashboard shows Lambda, DynamoDB, EventBridge, queue and API health', () => {
    for (const [functionId] of resourcesOf(inventoryTemplate, 'AWS::Lambda::Function')) {
      for (const name of ['Errors', 'Throttles', 'Duration', 'Invocations']) {
        expect(hasMetric('AWS/Lambda', name, { FunctionName: `<${functionId}>` })).toBe(true);
      }
    }
    const tableId = logicalIdOf(inventoryStack, synthesized.inventory.store.table);
    expect(hasMetric('AWS/DynamoDB', 'ReadThrottleEvents', { TableName: `<${tableId}>` })).toBe(true);
    expect(hasMetric('AWS/DynamoDB', 'WriteThrottleEvents', { TableName: `<${tableId}>` })).toBe(true);
    const busId = logicalIdOf(inventoryStack, synthesized.inventory.centralBus.bus);
    for (const rule of synthesized.inventory.ingest.rules) {
      const dimensions: Record<string, string> =
        rule.eventBusName === undefined
          ? { RuleName: rule.ruleName }
          : { EventBusName: `<${busId}>`, RuleName: rule.ruleName };
      expect(hasMetric('AWS/Events', 'FailedInvocations', dimensions)).toBe(true);
    }
    for (const consumer of synthesized.inventory.ingest.consumers) {
      const queueId = logicalIdOf(inventoryStack, consumer.deadLetterQueue);
      expect(hasMetric('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: `<${queueId}>` })).toBe(
        true,
      );
    }
  });

  const alarms = resourcesOf(inventoryTemplate, 'AWS::CloudWatch::Alarm').map(([, alarm]) => props(alarm));
  const topicId = logicalIdOf(inventoryStack, synthesized.inventory.observability.topic);

  function alarmOn(namespace: string, metricName: string, dimensionRef: string) {
    return alarms.find(
      (alarm) =>
        alarm.Namespace === namespace &&
        alarm.MetricName === metricName &&
        JSON.stringify(alarm.Dimensions).includes(`"${dimensionRef}"`),
    );
  }

  test('an alarm on each dead-letter queue, and on each function’s errors and throttles, notifies the topic', () => {
    const expectations: [string, string, string][] = [
      ...[
        ...synthesized.inventory.ingest.consumers.map((consumer) => consumer.deadLetterQueue),
        synthesized.inventory.ownEvents.deadLetterQueue,
      ].map((queue): [string, string, string] => [
        'AWS/SQS',
        'ApproximateNumberOfMessagesVisible',
        logicalIdOf(inventoryStack, queue),
      ]),
      [
        'AWS/SQS',
        'ApproximateNumberOfMessagesVisible',
        logicalIdOf(inventoryStack, synthesized.inventory.changeBus.deadLetterQueue),
      ],
      ...resourcesOf(inventoryTemplate, 'AWS::Lambda::Function').flatMap(
        ([functionId]): [string, string, string][] => [
          ['AWS/Lambda', 'Errors', functionId],
          ['AWS/Lambda', 'Throttles', functionId],
        ],
      ),
    ];
    // Dead letters: two ingest queues, the own-events queue and the change publisher's; functions:
    // two ingest consumers, the query API, the change publisher and the snapshot function.
    expect(expectations).toHaveLength(4 + 5 * 2);
    for (const [namespace, metricName, id] of expectations) {
      const alarm = alarmOn(namespace, metricName, id);
      expect({ namespace, metricName, id, found: alarm !== undefined }).toEqual({
        namespace,
        metricName,
        id,
        found: true,
      });
      expect(alarm?.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm?.Threshold).toBe(1);
      expect(typeof alarm?.AlarmDescription).toBe('string');
    }
  });

  test('a catalog metric with an alarm spec (ForeignEvents) alarms on its sum over every emitting service', () => {
    const withAlarm = METRIC_LIST.filter((metric) => metric.alarm !== undefined);
    expect(withAlarm.map((metric) => metric.name)).toContain('ForeignEvents');
    for (const metric of withAlarm) {
      const alarm = alarms.find((candidate) => candidate.AlarmDescription === metric.alarm?.description);
      expect(alarm?.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm?.Threshold).toBe(1);
      const queries = alarm?.Metrics as {
        Id: string;
        Expression?: string;
        MetricStat?: { Metric: unknown };
      }[];
      const series = queries.filter((query) => query.MetricStat !== undefined);
      expect(series.map((query) => query.MetricStat?.Metric)).toEqual(
        metric.services.map((service) => ({
          Namespace: METRIC_NAMESPACE,
          MetricName: metric.name,
          Dimensions: [{ Name: 'service', Value: service }],
        })),
      );
      expect(queries.find((query) => query.Expression)?.Expression).toBe(
        `SUM([${series.map((query) => query.Id).join(', ')}])`,
      );
    }
  });

  test('the alarm topic is encrypted, refuses plain HTTP and e-mails the configured address', () => {
    const topic = inventoryTemplate.Resources[topicId];
    expect(referencedId(props(topic).KmsMasterKeyId)).toBeDefined();
    inventory.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    inventory.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: TEST_CONTEXT.alarmEmail,
      TopicArn: { Ref: topicId },
    });
    inventory.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' } }),
        ]),
      },
    });
  });

  test('the optional trail logs write events of all regions to a private, encrypted, TLS-only bucket', () => {
    inventory.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsMultiRegionTrail: true,
      IsLogging: true,
      EnableLogFileValidation: true,
      EventSelectors: [Match.objectLike({ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true })],
    });
    const buckets = resourcesOf(inventoryTemplate, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(2);
    for (const [, bucket] of buckets) {
      expect(props(bucket).PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(props(bucket).BucketEncryption).toBeDefined();
    }
    expect(buckets.filter(([, bucket]) => props(bucket).LoggingConfiguration !== undefined)).toHaveLength(1);
  });
});

describe('security checks (cdk-nag AwsSolutions)', () => {
  test('no unacknowledged finding in any stack, and every acknowledgement gives a reason', () => {
    const report = synthesized.nag.validateScope(synthesized.app);
    const findings = report.violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`),
    );
    expect(findings).toEqual([]);
    const reasons = [synthesized.inventory, synthesized.forwarder].flatMap((stack) =>
      stack.node
        .findAll()
        .flatMap((construct) => construct.node.metadata)
        .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')
        .flatMap((entry) => Object.values(entry.data as Record<string, string>)),
    );
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(20);
  });
});

describe('CloudFormation limits and references', () => {
  test.each([INVENTORY_STACK_NAME, FORWARDER_STACK_NAME, ENROLMENT_STACK_NAME])(
    '%s fits the limits and every reference resolves',
    (stackName) => {
      const entry = synthesized.templates.get(stackName)!;
      const bytes = fs.statSync(entry.file).size;
      const resources = Object.keys(entry.template.Resources).length;
      // Reported so the headroom is visible in the test output.
      console.info(
        `${stackName}: ${bytes} bytes (${((100 * bytes) / CLOUDFORMATION_LIMITS.templateBodyBytesFromS3).toFixed(1)}% of ` +
          `the S3 limit; ${bytes <= CLOUDFORMATION_LIMITS.templateBodyBytesInRequest ? 'fits' : 'over'} the in-request ` +
          `limit), ${resources} resources`,
      );
      expect(limitProblems(entry.template, bytes)).toEqual([]);
      expect(danglingReferences(entry.template)).toEqual([]);
    },
  );

  test('few, broad CloudTrail rules keep both templates far from their limits as coverage grows', () => {
    // The forwarder template may be given to CloudFormation directly, in the request: as `cdk synth`
    // writes it (pretty-printed, with construct paths) under three quarters of that limit, and its
    // content under half (it was 49 KB with one rule per service; coverage now grows in the rules'
    // source lists, not in their number). The organization's StackSet gets its template by URL.
    const forwarderEntry = synthesized.templates.get(FORWARDER_STACK_NAME)!;
    const forwarder = fs.statSync(forwarderEntry.file).size;
    expect(forwarder).toBeLessThan(CLOUDFORMATION_LIMITS.templateBodyBytesInRequest * 0.75);
    expect(JSON.stringify(forwarderEntry.template).length).toBeLessThan(
      CLOUDFORMATION_LIMITS.templateBodyBytesInRequest / 2,
    );
    const inventory = synthesized.templates.get(INVENTORY_STACK_NAME)!;
    const rules = Object.values(inventory.template.Resources).filter((r) => r.Type === 'AWS::Events::Rule');
    expect(rules.length).toBeLessThanOrEqual(2 * 10);
    expect(Object.keys(inventory.template.Resources).length).toBeLessThan(
      CLOUDFORMATION_LIMITS.resources / 2,
    );
  });

  test('the checks catch what they are for', () => {
    const broken: CfnTemplate = {
      Resources: {
        Queue: { Type: 'AWS::SQS::Queue', DependsOn: 'Missing' },
        Policy: {
          Type: 'AWS::SQS::QueuePolicy',
          Properties: {
            Queues: [{ Ref: 'Queue' }, { Ref: 'Nowhere' }, { Ref: 'AWS::Region' }, { Ref: 'Param' }],
            Arn: { 'Fn::GetAtt': ['Ghost', 'Arn'] },
            Text: { 'Fn::Sub': ['${Queue.Arn}/${Local}/${Absent}/${!Literal}', { Local: 'x' }] },
          },
        },
      },
      Parameters: { Param: { Type: 'String' } },
      Outputs: Object.fromEntries(
        Array.from({ length: 201 }, (_, index) => [`Output${index}`, { Value: 'x' }]),
      ),
    };
    expect(danglingReferences(broken).sort()).toEqual([
      'Queue: DependsOn Missing',
      'Resources.Policy.Properties.Arn: Fn::GetAtt Ghost',
      'Resources.Policy.Properties.Queues[1]: Ref Nowhere',
      'Resources.Policy.Properties.Text: Ref Absent',
    ]);
    expect(limitProblems(broken, 2_000_000)).toEqual(['template is 2000000 bytes', '201 Outputs, over 200']);
  });
});
