// Resource type <-> ARN formats, as data: how a CloudFormation physical id (or a CloudTrail identifier)
// becomes the resource's ARN. Most come from the generated type table (AWS's service spec); the
// hand-written rows below replace a type's generated row where the data is wrong or ambiguous
// (test/arn/arn-overrides.test.ts shows why for each). One row per spelling; the first match wins.
import { allTypeTableRows, typeTableRow, typeTableTypes } from './type-table';
import type { TypeTableRow } from './type-table';

/**
 * One way a resource type's identifier reads, and the ARN it stands for.
 *
 * `arn` is a template: `{partition}`, `{region}` and `{account}` come from the event's context unless
 * the identifier's own named groups override them; every other placeholder is a named group of
 * `physicalId` (by default the whole identifier is `{name}`).
 */
export interface ArnFormat {
  type: string;
  arn: string;
  /** How the identifier reads when it is not simply the name; identifiers that do not match fall back. */
  physicalId?: RegExp;
  /**
   * ARNs of this type spelled differently from the canonical one (an IAM path, a Lambda qualifier, a
   * log group's `:*`): the named groups rebuild the canonical ARN, so every spelling lands on one row.
   */
  arnAlias?: RegExp;
  /** The identifier is only ever an ARN (CloudFormation's Ref returns it): the template serves to recognise it. */
  arnOnly?: true;
  /**
   * The template recognises ARNs, but no identifier of the type builds one (the ARN needs a part the
   * physical id does not carry): such identifiers get the fallback id.
   */
  recogniseOnly?: true;
  /** False for a type that shares another type's ARN (a global table's replica is a table): never guessed from an ARN. */
  recognises?: false;
  /** Where the row comes from: the generated type table, or written here by hand. */
  origin?: 'spec';
  /** The service lower-cases these identifiers (RDS, ElastiCache, Redshift), so the id must be too. */
  lowercase?: true;
  /**
   * EC2-style ids (`i-0abc...`): only `<prefix>-<hex>` reads as this type, and the prefix alone tells
   * the type of an id (EC2 CreateTags names resources of many types by id only).
   */
  idPrefix?: string;
}

/**
 * Services whose resources have no region: their ARNs carry an empty region, and the index shows them
 * in the region `global` whatever region reported them (CloudFormation: the stack's region; CloudTrail:
 * us-east-1), so that both sources land on one row with one region.
 */
export const GLOBAL_TYPE_PREFIXES: readonly string[] = ['AWS::IAM::', 'AWS::CloudFront::', 'AWS::Route53::'];

export const GLOBAL_REGION = 'global';

const EC2 = 'arn:{partition}:ec2:{region}:{account}';
const IAM = 'arn:{partition}:iam::{account}';
/** IAM names are unique in an account whatever their path; CloudFormation reports the bare name. */
const iamAlias = (kind: string) =>
  new RegExp(`^arn:(?<partition>[^:]+):iam::(?<account>\\d{12}):${kind}/(?:.*/)?(?<name>[^/]+)$`);

export const HAND_WRITTEN_ARN_FORMATS: readonly ArnFormat[] = [
  // Storage and databases
  // CloudFormation's Ref of a global table is its table name, and the replica in each region is that
  // region's table: the spec's `global-table/` ARN is no ARN DynamoDB uses for it.
  {
    type: 'AWS::DynamoDB::GlobalTable',
    arn: 'arn:{partition}:dynamodb:{region}:{account}:table/{name}',
    recognises: false,
  },
  { type: 'AWS::RDS::DBInstance', arn: 'arn:{partition}:rds:{region}:{account}:db:{name}', lowercase: true },
  {
    type: 'AWS::RDS::DBCluster',
    arn: 'arn:{partition}:rds:{region}:{account}:cluster:{name}',
    lowercase: true,
  },
  {
    type: 'AWS::RDS::DBSubnetGroup',
    arn: 'arn:{partition}:rds:{region}:{account}:subgrp:{name}',
    lowercase: true,
  },
  {
    type: 'AWS::RDS::DBParameterGroup',
    arn: 'arn:{partition}:rds:{region}:{account}:pg:{name}',
    lowercase: true,
  },
  {
    type: 'AWS::RDS::DBClusterParameterGroup',
    arn: 'arn:{partition}:rds:{region}:{account}:cluster-pg:{name}',
    lowercase: true,
  },
  {
    type: 'AWS::ElastiCache::CacheCluster',
    arn: 'arn:{partition}:elasticache:{region}:{account}:cluster:{name}',
    lowercase: true,
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    arn: 'arn:{partition}:elasticache:{region}:{account}:replicationgroup:{name}',
    lowercase: true,
  },
  {
    type: 'AWS::ElastiCache::SubnetGroup',
    arn: 'arn:{partition}:elasticache:{region}:{account}:subnetgroup:{name}',
    lowercase: true,
  },
  {
    type: 'AWS::Redshift::Cluster',
    arn: 'arn:{partition}:redshift:{region}:{account}:cluster:{name}',
    lowercase: true,
  },

  // Compute and containers
  {
    type: 'AWS::Lambda::Function',
    arn: 'arn:{partition}:lambda:{region}:{account}:function:{name}',
    // Lambda accepts a partial ARN (`123456789012:function:name`) and a qualifier (`name:alias`).
    physicalId: /^(?:(?<account>\d{12}):function:)?(?<name>[^:]+)(?::[^:]+)?$/,
    // A qualified ARN (version or alias) names the same function.
    arnAlias:
      /^arn:(?<partition>[^:]+):lambda:(?<region>[^:]+):(?<account>\d{12}):function:(?<name>[^:]+)(?::[^:]+)?$/,
  },
  {
    type: 'AWS::Lambda::LayerVersion',
    arn: 'arn:{partition}:lambda:{region}:{account}:layer:{name}',
    arnOnly: true,
  },
  { type: 'AWS::ECS::Service', arn: 'arn:{partition}:ecs:{region}:{account}:service/{name}', arnOnly: true },
  {
    type: 'AWS::ECS::TaskDefinition',
    arn: 'arn:{partition}:ecs:{region}:{account}:task-definition/{name}',
    arnOnly: true,
  },
  { type: 'AWS::EC2::Instance', arn: `${EC2}:instance/{name}`, idPrefix: 'i' },
  { type: 'AWS::EC2::Volume', arn: `${EC2}:volume/{name}`, idPrefix: 'vol' },
  { type: 'AWS::EC2::LaunchTemplate', arn: `${EC2}:launch-template/{name}`, idPrefix: 'lt' },
  // Only an allocation id names an address; CloudFormation's physical id for an EIP is the public IP,
  // which gets the fallback id (see docs/mappings.md).
  { type: 'AWS::EC2::EIP', arn: `${EC2}:elastic-ip/{name}`, idPrefix: 'eipalloc' },

  // Networking
  { type: 'AWS::EC2::VPC', arn: `${EC2}:vpc/{name}`, idPrefix: 'vpc' },
  { type: 'AWS::EC2::Subnet', arn: `${EC2}:subnet/{name}`, idPrefix: 'subnet' },
  { type: 'AWS::EC2::SecurityGroup', arn: `${EC2}:security-group/{name}`, idPrefix: 'sg' },
  { type: 'AWS::EC2::InternetGateway', arn: `${EC2}:internet-gateway/{name}`, idPrefix: 'igw' },
  {
    type: 'AWS::EC2::EgressOnlyInternetGateway',
    arn: `${EC2}:egress-only-internet-gateway/{name}`,
    idPrefix: 'eigw',
  },
  { type: 'AWS::EC2::RouteTable', arn: `${EC2}:route-table/{name}`, idPrefix: 'rtb' },
  { type: 'AWS::EC2::NatGateway', arn: `${EC2}:natgateway/{name}`, idPrefix: 'nat' },
  { type: 'AWS::EC2::NetworkInterface', arn: `${EC2}:network-interface/{name}`, idPrefix: 'eni' },
  { type: 'AWS::EC2::NetworkAcl', arn: `${EC2}:network-acl/{name}`, idPrefix: 'acl' },
  { type: 'AWS::EC2::DHCPOptions', arn: `${EC2}:dhcp-options/{name}`, idPrefix: 'dopt' },
  { type: 'AWS::EC2::VPCEndpoint', arn: `${EC2}:vpc-endpoint/{name}`, idPrefix: 'vpce' },
  {
    type: 'AWS::EC2::VPCPeeringConnection',
    arn: `${EC2}:vpc-peering-connection/{name}`,
    idPrefix: 'pcx',
  },
  { type: 'AWS::EC2::TransitGateway', arn: `${EC2}:transit-gateway/{name}`, idPrefix: 'tgw' },
  { type: 'AWS::EC2::CustomerGateway', arn: `${EC2}:customer-gateway/{name}`, idPrefix: 'cgw' },
  { type: 'AWS::EC2::VPNGateway', arn: `${EC2}:vpn-gateway/{name}`, idPrefix: 'vgw' },
  { type: 'AWS::EC2::PrefixList', arn: `${EC2}:prefix-list/{name}`, idPrefix: 'pl' },
  {
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    arn: 'arn:{partition}:elasticloadbalancing:{region}:{account}:loadbalancer/{name}',
    arnOnly: true,
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    arn: 'arn:{partition}:elasticloadbalancing:{region}:{account}:targetgroup/{name}',
    arnOnly: true,
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::Listener',
    arn: 'arn:{partition}:elasticloadbalancing:{region}:{account}:listener/{name}',
    arnOnly: true,
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
    arn: 'arn:{partition}:elasticloadbalancing:{region}:{account}:listener-rule/{name}',
    arnOnly: true,
  },
  // Route 53 ARNs carry no account; CloudTrail reports zone ids as `/hostedzone/Z...`.
  {
    type: 'AWS::Route53::HostedZone',
    arn: 'arn:{partition}:route53:::hostedzone/{name}',
    physicalId: /^(?:\/hostedzone\/)?(?<name>[A-Z0-9]+)$/,
  },
  {
    type: 'AWS::Route53::HealthCheck',
    arn: 'arn:{partition}:route53:::healthcheck/{name}',
    physicalId: /^(?:\/healthcheck\/)?(?<name>[0-9a-f-]+)$/,
  },

  // Identity and security (IAM is global: no region in the ARN)
  { type: 'AWS::IAM::Role', arn: `${IAM}:role/{name}`, arnAlias: iamAlias('role') },
  { type: 'AWS::IAM::User', arn: `${IAM}:user/{name}`, arnAlias: iamAlias('user') },
  { type: 'AWS::IAM::Group', arn: `${IAM}:group/{name}`, arnAlias: iamAlias('group') },
  {
    type: 'AWS::IAM::InstanceProfile',
    arn: `${IAM}:instance-profile/{name}`,
    arnAlias: iamAlias('instance-profile'),
  },
  // A managed policy's physical id is its ARN, path included; a bare name is assumed to sit at path `/`.
  { type: 'AWS::IAM::ManagedPolicy', arn: `${IAM}:policy/{name}` },
  {
    type: 'AWS::KMS::Alias',
    arn: 'arn:{partition}:kms:{region}:{account}:{name}',
    physicalId: /^(?<name>alias\/.+)$/,
  },
  {
    type: 'AWS::SecretsManager::Secret',
    arn: 'arn:{partition}:secretsmanager:{region}:{account}:secret:{name}',
    // The ARN ends in a random suffix, so only the ARN itself names a secret.
    arnOnly: true,
  },

  // Messaging and integration
  // GraphQL and Event APIs share `apis/<id>`: an ARN alone cannot tell them, and GraphQL is the usual one.
  {
    type: 'AWS::AppSync::GraphQLApi',
    arn: 'arn:{partition}:appsync:{region}:{account}:apis/{name}',
    arnOnly: true,
  },
  {
    type: 'AWS::SQS::Queue',
    arn: 'arn:{partition}:sqs:{region}:{account}:{name}',
    // The physical id is the queue URL; its path names the owning account and the queue.
    physicalId: /^https?:\/\/[^/]+\/(?<account>\d{12})\/(?<name>[^/?#]+)$/,
  },
  { type: 'AWS::SNS::Topic', arn: 'arn:{partition}:sns:{region}:{account}:{name}' },
  {
    type: 'AWS::SNS::Subscription',
    arn: 'arn:{partition}:sns:{region}:{account}:{topic}:{name}',
    arnOnly: true,
  },
  {
    type: 'AWS::StepFunctions::StateMachine',
    arn: 'arn:{partition}:states:{region}:{account}:stateMachine:{name}',
  },
  { type: 'AWS::StepFunctions::Activity', arn: 'arn:{partition}:states:{region}:{account}:activity:{name}' },
  // A rule on a custom bus has the physical id `bus|rule`; on the default bus just `rule`.
  {
    type: 'AWS::Events::Rule',
    arn: 'arn:{partition}:events:{region}:{account}:rule/{bus}/{name}',
    physicalId: /^(?!default\|)(?<bus>[^|]+)\|(?<name>[^|]+)$/,
  },
  {
    type: 'AWS::Events::Rule',
    arn: 'arn:{partition}:events:{region}:{account}:rule/{name}',
    physicalId: /^(?:default\|)?(?<name>[^|]+)$/,
  },
  { type: 'AWS::SES::EmailIdentity', arn: 'arn:{partition}:ses:{region}:{account}:identity/{name}' },

  // Management, analytics and delivery
  {
    type: 'AWS::Logs::LogGroup',
    arn: 'arn:{partition}:logs:{region}:{account}:log-group:{name}',
    // CloudFormation's Arn attribute and some APIs append `:*`.
    arnAlias:
      /^arn:(?<partition>[^:]+):logs:(?<region>[^:]+):(?<account>\d{12}):log-group:(?<name>[^:]+)(?::\*)?$/,
  },
  {
    type: 'AWS::SSM::Parameter',
    arn: 'arn:{partition}:ssm:{region}:{account}:parameter/{name}',
    // `/app/db-url` has the ARN `...:parameter/app/db-url`; a name without a slash gets one.
    physicalId: /^\/?(?<name>.+)$/,
  },
];

/** A table row as an ARN format: `|`-separated physical id parts fill the holes the row names. */
export function formatOfRow([type, arn, , holes]: TypeTableRow): ArnFormat {
  if (holes === 'arn') return { type, arn, arnOnly: true, origin: 'spec' };
  if (holes === null) return { type, arn, recogniseOnly: true, origin: 'spec' };
  const parts = holes.map((hole) => (hole === '' ? '[^|]+' : `(?<${hole}>[^|]+)`));
  // A lone identifier may itself contain `|`; only compound ones are split on it.
  const physicalId =
    holes.length === 1
      ? new RegExp(`^${holes[0] === '' ? '.+' : `(?<${holes[0]}>.+)`}$`)
      : new RegExp(`^${parts.join('\\|')}$`);
  return { type, arn, physicalId, origin: 'spec' };
}

const HAND_WRITTEN_BY_TYPE = new Map<string, ArnFormat[]>();
for (const format of HAND_WRITTEN_ARN_FORMATS) {
  const formats = HAND_WRITTEN_BY_TYPE.get(format.type) ?? [];
  formats.push(format);
  HAND_WRITTEN_BY_TYPE.set(format.type, formats);
}

const FORMATS_OF_TABLE_TYPE = new Map<string, readonly ArnFormat[]>();

/**
 * The formats of one type: the hand-written ones where there are any, else the table's row, built
 * on first use (an event needs the formats of its own type, not the thousand others).
 */
export function arnFormatsOfType(type: string): readonly ArnFormat[] {
  const handWritten = HAND_WRITTEN_BY_TYPE.get(type);
  if (handWritten) return handWritten;
  let formats = FORMATS_OF_TABLE_TYPE.get(type);
  if (!formats) {
    const row = typeTableRow(type);
    formats = row ? [formatOfRow(row)] : [];
    FORMATS_OF_TABLE_TYPE.set(type, formats);
  }
  return formats;
}

/** Every type with a format, sorted. */
export function arnFormatTypes(): string[] {
  return [...new Set([...HAND_WRITTEN_BY_TYPE.keys(), ...typeTableTypes()])].sort();
}

let allFormats: readonly ArnFormat[] | undefined;

/**
 * Every format: the hand-written ones first, then the table's rows for every other type. Only what
 * must try every format (an ARN whose type is unknown, the rules' service list) asks for them all.
 */
export function allArnFormats(): readonly ArnFormat[] {
  allFormats ??= [
    ...HAND_WRITTEN_ARN_FORMATS,
    ...allTypeTableRows()
      .filter(([type]) => !HAND_WRITTEN_BY_TYPE.has(type))
      .map(([type]) => arnFormatsOfType(type)[0]),
  ];
  return allFormats;
}
