// The snapshot function in both stacks: what it may do (list, read-only, and put on the central bus),
// when it runs (the schedule from context, and once after a deploy), how a failed run is seen, and
// that the member accounts' forwarder template stays small.
import { FORWARDER_STACK_NAME, INVENTORY_STACK_NAME } from '../../infra/inventory-app';
import { DEFAULT_CONFIG, readInventoryConfig } from '../../infra/inventory-config';
import { METRICS, METRIC_NAMESPACE } from '../../shared/observability/metric-catalog';
import { CLOUDFORMATION_LIMITS } from './template-limits';
import { removeSynthesized, synthesizeInventory } from './synthesized-inventory';
import type { CfnTemplate } from './synthesized-inventory';

const synthesized = synthesizeInventory();
afterAll(() => removeSynthesized());

type Resource = CfnTemplate['Resources'][string];

function templateOf(stackName: string): { file: string; template: CfnTemplate } {
  const entry = synthesized.templates.get(stackName);
  if (!entry) throw new Error(`no template for ${stackName}`);
  return entry;
}

function only(
  template: CfnTemplate,
  type: string,
  match: (resource: Resource) => boolean = () => true,
): [string, Resource] {
  const found = Object.entries(template.Resources).filter(
    ([, resource]) => resource.Type === type && match(resource),
  );
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

const isSnapshotFunction = (resource: Resource) =>
  String(resource.Properties?.Description ?? '').startsWith('Lists the resources of this account and region');

/** Every statement of the policies attached to a role, flattened to action -> resources. */
function grants(template: CfnTemplate, roleId: string): Map<string, unknown[]> {
  const granted = new Map<string, unknown[]>();
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const roles = (resource.Properties?.Roles ?? []) as { Ref?: string }[];
    if (!roles.some((role) => role.Ref === roleId)) continue;
    const statements = (resource.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] })
      .Statement;
    for (const statement of statements) {
      const actions = [statement.Action].flat() as string[];
      const resources = [statement.Resource].flat();
      for (const action of actions) granted.set(action, [...(granted.get(action) ?? []), ...resources]);
    }
  }
  return granted;
}

describe.each([
  [INVENTORY_STACK_NAME, { 'Fn::GetAtt': [expect.stringMatching(/^CentralBus/), 'Arn'] }],
  [FORWARDER_STACK_NAME, { Ref: 'CentralEventBusArn' }],
])('%s', (stackName, busArn) => {
  const { template } = templateOf(stackName);
  const [functionId, fn] = only(template, 'AWS::Lambda::Function', isSnapshotFunction);
  const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];

  test('the function puts on the central bus, its code an asset (not inline), with time to list', () => {
    expect(fn.Properties?.Environment).toEqual({
      Variables: expect.objectContaining({ EVENT_BUS_NAME: busArn }),
    });
    expect(fn.Properties?.Code).toEqual({
      S3Bucket: expect.anything(),
      S3Key: expect.stringMatching(/\.zip$/),
    });
    expect(fn.Properties?.Timeout).toBe(900);
  });

  test('its role only lists (read-only, no content read) and puts events on the central bus', () => {
    const granted = grants(template, roleId);
    const actions = [...granted.keys()].filter((action) => !action.startsWith('logs:')).sort();
    expect(actions).toEqual([
      'cloudformation:ListStackResources',
      'cloudformation:ListStacks',
      'events:PutEvents',
      'organizations:ListAccounts',
      'resource-explorer-2:GetDefaultView',
      'resource-explorer-2:GetView',
      'resource-explorer-2:ListResources',
      'tag:GetResources',
    ]);
    expect(granted.get('events:PutEvents')).toEqual([busArn]);
    // ListAccounts has no resource-level permission: '*', acknowledged to cdk-nag with the reason.
    expect(granted.get('organizations:ListAccounts')).toEqual(['*']);
    expect(JSON.stringify(granted.get('cloudformation:ListStackResources'))).toContain(':stack/*');
  });

  test('it runs on the configured schedule (default daily), without Lambda re-running a failed run', () => {
    const [, schedule] = only(template, 'AWS::Scheduler::Schedule');
    expect(schedule.Properties?.ScheduleExpression).toBe(DEFAULT_CONFIG.snapshotSchedule);
    expect(schedule.Properties?.Target).toMatchObject({
      Arn: { 'Fn::GetAtt': [functionId, 'Arn'] },
      RetryPolicy: { MaximumRetryAttempts: 0 },
    });
    const [, invokeConfig] = only(
      template,
      'AWS::Lambda::EventInvokeConfig',
      (resource) => (resource.Properties?.FunctionName as { Ref?: string }).Ref === functionId,
    );
    expect(invokeConfig.Properties?.MaximumRetryAttempts).toBe(0);
  });

  test('a deploy that changes the function runs it once (a custom resource it answers itself)', () => {
    const [, trigger] = only(template, 'Custom::InventorySnapshot');
    expect(trigger.Properties?.ServiceToken).toEqual({ 'Fn::GetAtt': [functionId, 'Arn'] });
    // The code's asset key is a property: new code, new property values, one more run.
    expect(trigger.Properties?.CodeKey).toEqual((fn.Properties?.Code as { S3Key: string }).S3Key);
  });

  test('an alarm goes off when a run fails', () => {
    const [, alarm] = only(
      template,
      'AWS::CloudWatch::Alarm',
      (resource) => resource.Properties?.MetricName === METRICS.snapshotFailures.name,
    );
    expect(alarm.Properties).toMatchObject({
      Namespace: METRIC_NAMESPACE,
      Dimensions: [{ Name: 'service', Value: 'snapshot' }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    // The inventory stack sends it to its alarm topic; a member account sees it in its console.
    if (stackName === INVENTORY_STACK_NAME) expect(alarm.Properties?.AlarmActions).toHaveLength(1);
    else expect(alarm.Properties?.AlarmActions).toBeUndefined();
  });
});

test('the forwarder template, minified, stays far under the 51,200 bytes of a direct upload', () => {
  // `cdk deploy` sends the indented file through S3 (1 MB); a console upload can send it minified.
  const { template } = templateOf(FORWARDER_STACK_NAME);
  expect(Buffer.byteLength(JSON.stringify(template))).toBeLessThan(
    CLOUDFORMATION_LIMITS.templateBodyBytesInRequest * 0.75,
  );
});

test('snapshotSchedule takes an EventBridge rate or cron expression, and names itself when wrong', () => {
  const config = (value: string) =>
    readInventoryConfig((key) => (key === 'snapshotSchedule' ? value : undefined));
  expect(config('cron(0 3 * * ? *)').snapshotSchedule).toBe('cron(0 3 * * ? *)');
  expect(config('rate(6 hours)').snapshotSchedule).toBe('rate(6 hours)');
  expect(() => config('daily')).toThrow(
    /context snapshotSchedule must be an EventBridge schedule expression/,
  );
});
