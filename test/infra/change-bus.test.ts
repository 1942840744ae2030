// The deployed change notifications: the table's stream, the publisher's event source (filtered to
// change feed inserts, retried, bisected, dead-lettered), its least-privilege role, the bus, outputs.
import { CHANGE_DETAIL_TYPE, CHANGE_EVENT_SOURCE } from '../../shared/notify/change-event';
import { CHANGE_FEED_PREFIX } from '../../shared/store/change-feed-reader';
import { PUBLISHER_STREAM } from '../../infra/inventory-change-bus';
import { synthesizeInventory } from './synthesized-inventory';
import type { CfnTemplate } from './synthesized-inventory';

let template: CfnTemplate;

beforeAll(() => {
  const synthesized = synthesizeInventory();
  const stackName = synthesized.inventory.stackName;
  const entry = synthesized.templates.get(stackName);
  if (!entry) throw new Error(`no template for ${stackName}`);
  template = entry.template;
});

const resourcesOf = (type: string) =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

function only(type: string, predicate: (properties: Record<string, unknown>) => boolean = () => true) {
  const found = resourcesOf(type).filter(([, resource]) => predicate(resource.Properties ?? {}));
  expect(found).toHaveLength(1);
  return { logicalId: found[0][0], properties: found[0][1].Properties ?? {} };
}

test('the table streams new images', () => {
  const table = only('AWS::DynamoDB::Table');
  expect(table.properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
});

test('the publisher reads only change feed inserts, with retries, bisection, partial failures and a DLQ', () => {
  const mapping = only('AWS::Lambda::EventSourceMapping', (properties) => 'FilterCriteria' in properties);
  const { properties } = mapping;
  expect(properties).toMatchObject({
    StartingPosition: 'TRIM_HORIZON',
    BatchSize: PUBLISHER_STREAM.batchSize,
    BisectBatchOnFunctionError: true,
    MaximumRetryAttempts: PUBLISHER_STREAM.retryAttempts,
    MaximumRecordAgeInSeconds: PUBLISHER_STREAM.maxRecordAge.toSeconds(),
    FunctionResponseTypes: ['ReportBatchItemFailures'],
  });
  const filter = JSON.parse(
    String((properties.FilterCriteria as { Filters: { Pattern: string }[] }).Filters[0].Pattern),
  ) as unknown;
  expect(filter).toEqual({
    eventName: ['INSERT'],
    dynamodb: { Keys: { pk: { S: [{ prefix: CHANGE_FEED_PREFIX }] } } },
  });
  const destination = JSON.stringify(properties.DestinationConfig);
  const queues = resourcesOf('AWS::SQS::Queue').map(([logicalId]) => logicalId);
  const deadLetters = queues.filter((logicalId) => destination.includes(logicalId));
  expect(deadLetters).toHaveLength(1);
  expect(deadLetters[0]).toMatch(/PublisherDeadLetters/);
  expect(JSON.stringify(properties.EventSourceArn)).toContain('StreamArn');
});

test('the change bus exists, and its name and ARN are outputs', () => {
  const bus = only('AWS::Events::EventBus', (properties) => String(properties.Name).endsWith('-changes'));
  const outputs = JSON.stringify(template.Outputs);
  expect(outputs).toContain('ChangeEventBusName');
  expect(outputs).toContain('ChangeEventBusArn');
  expect(JSON.stringify(template.Outputs?.ChangeEventBusArn)).toContain(bus.logicalId);
});

test('the publisher may put events on the change bus only, read the stream, and write nothing else', () => {
  const bus = only('AWS::Events::EventBus', (properties) => String(properties.Name).endsWith('-changes'));
  const fn = only('AWS::Lambda::Function', (properties) =>
    String(JSON.stringify(properties.Environment)).includes('CHANGE_BUS_NAME'),
  );
  const roleRef = JSON.stringify(fn.properties.Role);
  const statements = resourcesOf('AWS::IAM::Policy')
    .filter(([, policy]) =>
      JSON.stringify(policy.Properties?.Roles).includes(
        roleRef.match(/"Fn::GetAtt":\["([^"]+)"/)?.[1] ?? '-',
      ),
    )
    .flatMap(
      ([, policy]) =>
        (policy.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
    );
  const actions = statements.flatMap((statement) => [statement.Action].flat().map(String));
  expect(actions).toContain('events:PutEvents');
  for (const statement of statements.filter((s) => [s.Action].flat().includes('events:PutEvents'))) {
    expect(JSON.stringify(statement.Resource)).toContain(bus.logicalId);
  }
  expect(actions.filter((action) => action.startsWith('dynamodb:')).sort()).toEqual([
    'dynamodb:DescribeStream',
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
    'dynamodb:ListStreams',
  ]);
  expect(
    actions.filter(
      (action) =>
        /^(dynamodb|events):(Put|Update|Delete|BatchWrite)/.test(action) && action !== 'events:PutEvents',
    ),
  ).toEqual([]);
  expect(JSON.stringify(fn.properties.Environment)).toContain(bus.logicalId);
});

test('the events it publishes are the documented ones', () => {
  expect([CHANGE_EVENT_SOURCE, CHANGE_DETAIL_TYPE]).toEqual([
    'resource-inventory',
    'Inventory Resource Changed',
  ]);
});
