// Why each hand-written ARN format exists: for every type arn-formats.ts writes by hand, an identifier
// the generated type table (AWS's service spec) would get wrong, or an ARN it could not tell apart.
// If the spec is fixed, the case fails here and the override can go.
import { typeOfArn } from '../../shared/arn/arn-type';
import { HAND_WRITTEN_ARN_FORMATS, formatOfRow } from '../../shared/arn/arn-formats';
import { fallbackId, identityForPhysicalId, typeOfPrefixedId } from '../../shared/arn/resource-identity';
import { allTypeTableRows } from '../../shared/arn/type-table';

const context = { account: '111122223333', region: 'eu-west-1', partition: 'aws' };
const A = '111122223333';
const R = 'eu-west-1';

/** What the type table alone would make of an identifier (the override's absence). */
function specIdentity(type: string, identifier: string): string | undefined {
  const row = allTypeTableRows().find(([rowType]) => rowType === type);
  if (!row) return undefined;
  if (identifier.startsWith('arn:')) return identifier;
  const format = formatOfRow(row);
  const groups =
    format.arnOnly || format.recogniseOnly ? undefined : format.physicalId?.exec(identifier)?.groups;
  if (!groups) return fallbackId(type, identifier, context);
  const values: Record<string, string | undefined> = { ...context, ...groups };
  return format.arn.replace(/\{(\w+)\}/g, (_whole, hole: string) => values[hole] ?? '');
}

const EC2_PREFIX = 'EC2 ids name their type by prefix: CreateTags names resources of many types by id alone';
const LOWER =
  'the service lower-cases these identifiers, so CloudTrail and CloudFormation spellings differ in case';
const IAM_NAME =
  'CloudFormation names IAM resources by name; the spec template needs the path, which the name lacks';
const NO_TEMPLATE = 'the spec has no ARN template for the type';

/** [type, identifier, why]: the override and the spec must disagree on the identifier. */
const CASES: readonly [string, string, string][] = [
  [
    'AWS::DynamoDB::GlobalTable',
    'orders',
    "a global table's Ref is its table name, and each replica is a regional table",
  ],
  ['AWS::RDS::DBInstance', 'Orders-DB', LOWER],
  ['AWS::RDS::DBCluster', 'Reporting', LOWER],
  ['AWS::RDS::DBSubnetGroup', 'Orders-Subnets', LOWER],
  ['AWS::RDS::DBParameterGroup', 'Orders-PG', LOWER],
  ['AWS::RDS::DBClusterParameterGroup', 'Orders-CPG', LOWER],
  ['AWS::ElastiCache::CacheCluster', 'Sessions', LOWER],
  ['AWS::ElastiCache::ReplicationGroup', 'Checkout', LOWER],
  ['AWS::ElastiCache::SubnetGroup', 'Cache-Subnets', LOWER],
  ['AWS::Redshift::Cluster', 'Reports', LOWER],
  [
    'AWS::Lambda::Function',
    `arn:aws:lambda:${R}:${A}:function:checkout:live`,
    'a qualified ARN names the function',
  ],
  ['AWS::Lambda::LayerVersion', `arn:aws:lambda:${R}:${A}:layer:shared:3`, NO_TEMPLATE],
  ['AWS::ECS::Service', `arn:aws:ecs:${R}:${A}:service/shop/web`, NO_TEMPLATE],
  ['AWS::ECS::TaskDefinition', `arn:aws:ecs:${R}:${A}:task-definition/web:7`, NO_TEMPLATE],
  ['AWS::EC2::Instance', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::Volume', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::LaunchTemplate', 'not-an-id', EC2_PREFIX],
  [
    'AWS::EC2::EIP',
    'eipalloc-0a1b2c3d',
    'the spec reads the Ref (the public IP); CloudTrail names the allocation id',
  ],
  ['AWS::EC2::VPC', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::Subnet', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::SecurityGroup', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::InternetGateway', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::EgressOnlyInternetGateway', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::RouteTable', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::NatGateway', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::NetworkInterface', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::NetworkAcl', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::DHCPOptions', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::VPCEndpoint', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::VPCPeeringConnection', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::TransitGateway', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::CustomerGateway', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::VPNGateway', 'not-an-id', EC2_PREFIX],
  ['AWS::EC2::PrefixList', 'not-an-id', EC2_PREFIX],
  [
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    `arn:aws:elasticloadbalancing:${R}:${A}:loadbalancer/app/web/50dc6c495c0c9188`,
    NO_TEMPLATE,
  ],
  [
    'AWS::ElasticLoadBalancingV2::TargetGroup',
    `arn:aws:elasticloadbalancing:${R}:${A}:targetgroup/web/73e2d6bc24d8a067`,
    NO_TEMPLATE,
  ],
  [
    'AWS::ElasticLoadBalancingV2::Listener',
    `arn:aws:elasticloadbalancing:${R}:${A}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`,
    NO_TEMPLATE,
  ],
  [
    'AWS::ElasticLoadBalancingV2::ListenerRule',
    `arn:aws:elasticloadbalancing:${R}:${A}:listener-rule/app/web/50dc/f2f7/9683b2d02a6cabee`,
    NO_TEMPLATE,
  ],
  ['AWS::Route53::HostedZone', '/hostedzone/Z0123456789ABC', 'CloudTrail spells zone ids `/hostedzone/Z...`'],
  [
    'AWS::Route53::HealthCheck',
    '/healthcheck/abcdef01-2345',
    'CloudTrail spells health check ids `/healthcheck/...`',
  ],
  ['AWS::IAM::Role', 'ops', IAM_NAME],
  ['AWS::IAM::User', 'carol', IAM_NAME],
  ['AWS::IAM::Group', 'admins', IAM_NAME],
  ['AWS::IAM::InstanceProfile', 'web', IAM_NAME],
  [
    'AWS::IAM::ManagedPolicy',
    'ops-policy',
    'CloudTrail names a policy by name when it creates it; the spec knows only the ARN',
  ],
  [
    'AWS::KMS::Alias',
    'alias/orders',
    'the Ref is the alias name with its `alias/` prefix; the spec template needs it without',
  ],
  [
    'AWS::SecretsManager::Secret',
    'db-password',
    "a secret's ARN ends in a random suffix: its name builds no ARN",
  ],
  ['AWS::SQS::Queue', `https://sqs.${R}.amazonaws.com/${A}/orders`, 'the Ref is the queue URL'],
  [
    'AWS::SNS::Topic',
    'orders',
    'CloudTrail names a topic by name when it creates it; the spec knows only the ARN',
  ],
  [
    'AWS::StepFunctions::StateMachine',
    'checkout',
    'CloudTrail names a state machine by name; the spec knows only the ARN',
  ],
  [
    'AWS::StepFunctions::Activity',
    'approve',
    'CloudTrail names an activity by name; the spec knows only the ARN',
  ],
  ['AWS::Events::Rule', 'shop-bus|nightly', 'a rule on a custom bus has the bus in its ARN'],
  [
    'AWS::SES::EmailIdentity',
    'example.com',
    "the Ref is the identity itself, which the spec's template does not read",
  ],
  ['AWS::Logs::LogGroup', `arn:aws:logs:${R}:${A}:log-group:/app:*`, 'the Arn attribute ends in `:*`'],
  [
    'AWS::SSM::Parameter',
    '/app/db-url',
    'the ARN of `/app/db-url` is `parameter/app/db-url`, without the leading slash',
  ],
  ['AWS::SNS::Subscription', `arn:aws:sns:${R}:${A}:orders:0b1f1c2d`, NO_TEMPLATE],
];

test('every hand-written type has a case', () => {
  const types = new Set(HAND_WRITTEN_ARN_FORMATS.map((format) => format.type));
  const covered = new Set([...CASES.map(([type]) => type), 'AWS::AppSync::GraphQLApi']);
  expect([...types].filter((type) => !covered.has(type))).toEqual([]);
});

test.each(CASES)('%s %s: the spec alone gets it wrong (%s)', (type, identifier, why) => {
  const override = identityForPhysicalId(type, identifier, context).id;
  const spec = specIdentity(type, identifier);
  if (why === NO_TEMPLATE) {
    expect(spec).toBeUndefined();
    expect(typeOfArn(identifier)).toEqual({ type, known: true });
  } else {
    expect(spec).toBeDefined();
    expect(override).not.toBe(spec);
  }
});

test('EC2 ids tell their type by prefix, as only the hand-written rows declare', () => {
  expect(typeOfPrefixedId('vol-0abc')).toBe('AWS::EC2::Volume');
  expect(typeOfPrefixedId('eipalloc-0abc')).toBe('AWS::EC2::EIP');
  expect(typeOfPrefixedId('ami-0abc')).toBeUndefined();
});

test('AWS::AppSync::GraphQLApi: GraphQL and Event APIs share `apis/<id>`, and GraphQL is the usual one', () => {
  const arn = `arn:aws:appsync:${R}:${A}:apis/abcdefghijklmnopqrstuvwxyz`;
  expect(typeOfArn(arn)).toEqual({ type: 'AWS::AppSync::GraphQLApi', known: true });
  const shared = allTypeTableRows().filter(
    ([, template]) => template.endsWith(':apis/{ApiId}') || template.endsWith(':apis/{GraphQLAPIId}'),
  );
  expect(shared.map(([type]) => type).sort()).toEqual(['AWS::AppSync::Api', 'AWS::AppSync::GraphQLApi']);
});
