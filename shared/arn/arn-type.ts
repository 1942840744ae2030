// What an ARN says about itself: its parts, and the CloudFormation type it most likely names. The
// generic CloudTrail fallback uses this for calls no mapping knows.
import { allArnFormats } from './arn-formats';

export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the account: `function:name`, `role/path/name`, `my-bucket`. */
  resource: string;
  /** The resource's kind when the ARN spells one (`function`, `role`, `trust-anchor`), else undefined. */
  resourceType?: string;
}

const ARN =
  /^arn:(?<partition>aws[a-z-]*):(?<service>[a-z0-9-]+):(?<region>[a-z0-9-]*):(?<account>\d{12}|aws)?:(?<resource>.+)$/;

export function parseArn(value: string): ArnParts | undefined {
  const groups = ARN.exec(value)?.groups;
  if (!groups) return undefined;
  const resource = groups.resource;
  const kind = /^([A-Za-z][A-Za-z0-9-_]*)[/:]/.exec(resource)?.[1];
  return {
    partition: groups.partition,
    service: groups.service,
    region: groups.region,
    account: groups.account ?? '',
    resource,
    resourceType: kind,
  };
}

interface Recogniser {
  type: string;
  pattern: RegExp;
  /** Length of the template's literal text: the longest wins. */
  specificity: number;
  /** The type's namespace is the ARN's service (`rds` -> `AWS::RDS::...`): wins a tie. */
  ownService: string;
}

/**
 * Each format's template as a pattern, most specific first. Several types share a template (RDS,
 * DocumentDB and Neptune clusters are all `rds:...:cluster:`): the type of the ARN's own service
 * wins, then the one listed first. Built on first use: most events never need it.
 */
let recognisers: Recogniser[] | undefined;

function allRecognisers(): Recogniser[] {
  recognisers ??= allArnFormats()
    .filter((format) => format.recognises !== false)
    .map((format) => {
      const literal = format.arn.replace(/\{\w+\}/g, '');
      const parts = format.arn.split(/(\{\w+\})/).filter((part) => part.length > 0);
      const lastHole = parts.findLastIndex((part) => /^\{\w+\}$/.test(part));
      const source = parts
        .map((part, index) => {
          const hole = /^\{(\w+)\}$/.exec(part)?.[1];
          if (!hole) return part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
          if (hole === 'partition') return 'aws[a-z-]*';
          if (hole === 'region' || hole === 'account') return '[^:]*';
          return index === lastHole ? '.+' : '[^:/]+';
        })
        .join('');
      const service = /^arn:[^:]+:([^:]+):/.exec(format.arn)?.[1] ?? '';
      return {
        type: format.type,
        pattern: new RegExp(`^${source}$`),
        specificity: literal.length,
        ownService: NAMESPACES[service] ?? pascalCase(service),
      };
    })
    .map((recogniser, index) => ({ recogniser, index }))
    .sort(
      (a, b) =>
        b.recogniser.specificity - a.recogniser.specificity ||
        Number(isOwn(b.recogniser)) - Number(isOwn(a.recogniser)) ||
        a.index - b.index,
    )
    .map(({ recogniser }) => recogniser);
  return recognisers;
}

function isOwn(recogniser: Recogniser): boolean {
  return recogniser.type.split('::')[1]?.toLowerCase() === recogniser.ownService.toLowerCase();
}

/** Namespaces whose CloudFormation spelling is not the ARN service name with a capital letter. */
const NAMESPACES: Record<string, string> = {
  apigateway: 'ApiGateway',
  cloudformation: 'CloudFormation',
  cloudfront: 'CloudFront',
  cloudtrail: 'CloudTrail',
  cloudwatch: 'CloudWatch',
  codebuild: 'CodeBuild',
  codecommit: 'CodeCommit',
  codepipeline: 'CodePipeline',
  'cognito-idp': 'Cognito',
  dynamodb: 'DynamoDB',
  ec2: 'EC2',
  ecr: 'ECR',
  ecs: 'ECS',
  eks: 'EKS',
  elasticache: 'ElastiCache',
  elasticfilesystem: 'EFS',
  elasticloadbalancing: 'ElasticLoadBalancingV2',
  es: 'OpenSearchService',
  events: 'Events',
  firehose: 'KinesisFirehose',
  iam: 'IAM',
  kms: 'KMS',
  rds: 'RDS',
  rolesanywhere: 'RolesAnywhere',
  secretsmanager: 'SecretsManager',
  sns: 'SNS',
  sqs: 'SQS',
  ssm: 'SSM',
  states: 'StepFunctions',
};

export interface ArnType {
  type: string;
  /** True when an ARN format recognised the ARN; false when the type was made up from its parts. */
  known: boolean;
}

/**
 * The CloudFormation type an ARN names: the type of the first ARN format that recognises it, else one
 * made from the ARN's service and resource kind (`arn:aws:rolesanywhere:...:trust-anchor/...` ->
 * `AWS::RolesAnywhere::TrustAnchor`). Undefined for a string that is no ARN.
 */
export function typeOfArn(arn: string): ArnType | undefined {
  const parts = parseArn(arn);
  if (!parts) return undefined;
  const recognised = allRecognisers().find((recogniser) => recogniser.pattern.test(arn));
  if (recognised) return { type: recognised.type, known: true };
  const namespace = NAMESPACES[parts.service] ?? pascalCase(parts.service);
  const kind = parts.resourceType ? pascalCase(parts.resourceType) : 'Resource';
  return { type: `AWS::${namespace}::${kind}`, known: false };
}

function pascalCase(word: string): string {
  return word
    .split(/[-_]/)
    .filter((part) => part.length > 0)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}
