// A resource's page in the AWS console, built from its ARN (partition, service, region, account), type,
// name and id. Deep links only for the types in DEEP_LINKS, whose console address forms are stable and
// take what the index knows; otherwise the service's console page (CONSOLE_PATHS); otherwise the
// console's home for the region. Never a guessed deep link.
import type { ResourceRecord } from './api-shapes';

/** The console's host per partition; a regional subdomain exists in the commercial partition only. */
const CONSOLE_HOSTS: Record<string, { global: string; regional?: (region: string) => string }> = {
  aws: {
    global: 'console.aws.amazon.com',
    regional: (region) => `${region}.console.aws.amazon.com`,
  },
  'aws-cn': { global: 'console.amazonaws.cn' },
  'aws-us-gov': { global: 'console.amazonaws-us-gov.com' },
};

export interface ConsoleLink {
  url: string;
  /** What the link opens: the resource itself, or its service's page. */
  kind: 'resource' | 'service' | 'home';
}

interface Place {
  region: string;
  account: string;
  name: string;
  /** The id the service itself uses: the ARN's last path segment, else the row's name. */
  shortId: string;
  arn: string | null;
}

type DeepLink = (place: Place) => string;

const q = encodeURIComponent;
/** The CloudWatch console's log-group fragment escapes `%` once more, as `$25`. */
const logGroupFragment = (name: string) => q(name).replace(/%/g, '$25');

/** Paths below the console host, by CloudFormation type. `region=` is added by the builder. */
const DEEP_LINKS: Record<string, DeepLink> = {
  'AWS::EC2::Instance': (p) => `ec2/home#InstanceDetails:instanceId=${q(p.shortId)}`,
  'AWS::EC2::Volume': (p) => `ec2/home#VolumeDetails:volumeId=${q(p.shortId)}`,
  'AWS::EC2::SecurityGroup': (p) => `ec2/home#SecurityGroup:groupId=${q(p.shortId)}`,
  'AWS::EC2::VPC': (p) => `vpcconsole/home#VpcDetails:VpcId=${q(p.shortId)}`,
  'AWS::EC2::Subnet': (p) => `vpcconsole/home#SubnetDetails:subnetId=${q(p.shortId)}`,
  'AWS::Lambda::Function': (p) => `lambda/home#/functions/${q(p.name)}`,
  'AWS::DynamoDB::Table': (p) => `dynamodbv2/home#table?name=${q(p.name)}`,
  'AWS::Logs::LogGroup': (p) => `cloudwatch/home#logsV2:log-groups/log-group/${logGroupFragment(p.name)}`,
  'AWS::SNS::Topic': (p) => `sns/v3/home#/topic/${p.arn ?? ''}`,
  'AWS::KMS::Key': (p) => `kms/home#/kms/keys/${q(p.shortId)}`,
  'AWS::StepFunctions::StateMachine': (p) => `states/home#/statemachines/view/${q(p.arn ?? '')}`,
  'AWS::IAM::Role': (p) => `iam/home#/roles/details/${q(p.name)}`,
  'AWS::IAM::User': (p) => `iam/home#/users/details/${q(p.name)}`,
  'AWS::CloudFormation::Stack': (p) => `cloudformation/home#/stacks/stackinfo?stackId=${q(p.arn ?? '')}`,
};

/** Types whose deep link needs the ARN (the id alone does not say which resource). */
const NEEDS_ARN = new Set([
  'AWS::SNS::Topic',
  'AWS::StepFunctions::StateMachine',
  'AWS::CloudFormation::Stack',
]);

/** A service's console page, by the ARN's service namespace, where it is not `<namespace>/home`. */
const CONSOLE_PATHS: Record<string, string> = {
  apigateway: 'apigateway/home',
  'execute-api': 'apigateway/home',
  acm: 'acm/home',
  athena: 'athena/home',
  cloudformation: 'cloudformation/home',
  cloudfront: 'cloudfront/v4/home',
  cloudtrail: 'cloudtrail/home',
  codebuild: 'codesuite/codebuild/home',
  codepipeline: 'codesuite/codepipeline/home',
  cognito: 'cognito/home',
  'cognito-idp': 'cognito/home',
  dynamodb: 'dynamodbv2/home',
  ec2: 'ec2/home',
  ecr: 'ecr/home',
  ecs: 'ecs/home',
  eks: 'eks/home',
  elasticache: 'elasticache/home',
  elasticloadbalancing: 'ec2/home#LoadBalancers:',
  events: 'events/home',
  firehose: 'firehose/home',
  glue: 'glue/home',
  iam: 'iam/home',
  kinesis: 'kinesis/home',
  kms: 'kms/home',
  lambda: 'lambda/home',
  logs: 'cloudwatch/home#logsV2:log-groups',
  monitoring: 'cloudwatch/home',
  rds: 'rds/home',
  route53: 'route53/v2/home',
  s3: 's3/home',
  secretsmanager: 'secretsmanager/home',
  sns: 'sns/v3/home',
  sqs: 'sqs/v3/home',
  ssm: 'systems-manager/home',
  states: 'states/home',
};

/** Services without regions: their console pages take no `region=`. */
const GLOBAL_SERVICES = new Set(['iam', 'cloudfront', 'route53']);

export function consoleLinkOf(resource: ResourceRecord): ConsoleLink | null {
  const arn = parseArn(resource.arn);
  const region = resource.region;
  const partition = arn?.partition ?? partitionOfRegion(region);
  const hosts = CONSOLE_HOSTS[partition];
  if (!hosts) return null;
  const regional = region !== 'global' && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region);
  const service = arn?.service ?? resource.service;
  const global = GLOBAL_SERVICES.has(service) || !regional;
  const host = !global && hosts.regional ? hosts.regional(region) : hosts.global;
  const at = (path: string) => withRegion(`https://${host}/${path}`, global ? undefined : region);

  if (resource.type === 'AWS::S3::Bucket' && partition === 'aws')
    return { kind: 'resource', url: at(`s3/buckets/${q(resource.name)}`) };
  const deep = DEEP_LINKS[resource.type];
  if (deep && (!NEEDS_ARN.has(resource.type) || arn)) {
    const place: Place = {
      region,
      account: resource.account,
      name: resource.name,
      shortId: arn ? lastSegment(arn.resource) : resource.name,
      arn: resource.arn,
    };
    return { kind: 'resource', url: at(deep(place)) };
  }
  const servicePath = CONSOLE_PATHS[service];
  if (servicePath) return { kind: 'service', url: at(servicePath) };
  return { kind: 'home', url: at('console/home') };
}

/** Adds `region=` to the query, before any `#fragment` (where the console reads it). */
function withRegion(url: string, region: string | undefined): string {
  if (!region) return url;
  const hashAt = url.indexOf('#');
  const [base, fragment] = hashAt < 0 ? [url, ''] : [url.slice(0, hashAt), url.slice(hashAt)];
  return `${base}${base.includes('?') ? '&' : '?'}region=${q(region)}${fragment}`;
}

interface Arn {
  partition: string;
  service: string;
  resource: string;
}

function parseArn(arn: string | null): Arn | undefined {
  const parts = arn?.split(':');
  if (!parts || parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { partition: parts[1], service: parts[2], resource: parts.slice(5).join(':') };
}

function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `instance/i-0abc` → `i-0abc`; `key/1234-...` → `1234-...`. */
function lastSegment(resource: string): string {
  const parts = resource.split(/[/:]/);
  return parts[parts.length - 1];
}

/** Console links open a page of AWS; anything not built here is refused. */
export function isConsoleUrl(url: string): boolean {
  try {
    const host = new URL(url).host;
    return Object.values(CONSOLE_HOSTS).some(
      (hosts) => host === hosts.global || (hosts.regional !== undefined && host.endsWith(`.${hosts.global}`)),
    );
  } catch {
    return false;
  }
}
