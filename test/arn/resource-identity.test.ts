// The ARN builders as a table: (type, physical id) -> the ARN both sources must agree on, for every
// type that has a format, plus the spellings that must land on the same id and the fallback.
import { HAND_WRITTEN_ARN_FORMATS } from '../../shared/arn/arn-formats';
import { typeOfArn } from '../../shared/arn/arn-type';
import {
  lookupIds,
  fallbackId,
  identityForPhysicalId,
  partitionOfRegion,
  resourceRegion,
  supportedArnTypes,
  typeOfPrefixedId,
} from '../../shared/arn/resource-identity';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const context = { account: ACCOUNT, region: REGION };
const P = `${REGION}:${ACCOUNT}`;

/** [type, physical id as CloudFormation or CloudTrail reports it, expected ARN] */
const BUILDERS: readonly (readonly [string, string, string])[] = [
  ['AWS::S3::Bucket', 'assets-bucket', 'arn:aws:s3:::assets-bucket'],
  ['AWS::DynamoDB::Table', 'orders', `arn:aws:dynamodb:${P}:table/orders`],
  ['AWS::DynamoDB::GlobalTable', 'orders-global', `arn:aws:dynamodb:${P}:table/orders-global`],
  [
    'AWS::EFS::FileSystem',
    'fs-0123456789abcdef0',
    `arn:aws:elasticfilesystem:${P}:file-system/fs-0123456789abcdef0`,
  ],
  [
    'AWS::EFS::AccessPoint',
    'fsap-0123456789abcdef0',
    `arn:aws:elasticfilesystem:${P}:access-point/fsap-0123456789abcdef0`,
  ],
  ['AWS::RDS::DBInstance', 'Orders-DB', `arn:aws:rds:${P}:db:orders-db`],
  ['AWS::RDS::DBCluster', 'reporting', `arn:aws:rds:${P}:cluster:reporting`],
  ['AWS::RDS::DBSubnetGroup', 'db-subnets', `arn:aws:rds:${P}:subgrp:db-subnets`],
  ['AWS::RDS::DBParameterGroup', 'pg-orders', `arn:aws:rds:${P}:pg:pg-orders`],
  ['AWS::RDS::DBClusterParameterGroup', 'cpg-orders', `arn:aws:rds:${P}:cluster-pg:cpg-orders`],
  ['AWS::ElastiCache::CacheCluster', 'Sessions', `arn:aws:elasticache:${P}:cluster:sessions`],
  ['AWS::ElastiCache::ReplicationGroup', 'checkout', `arn:aws:elasticache:${P}:replicationgroup:checkout`],
  ['AWS::ElastiCache::SubnetGroup', 'cache-subnets', `arn:aws:elasticache:${P}:subnetgroup:cache-subnets`],
  ['AWS::Redshift::Cluster', 'Warehouse', `arn:aws:redshift:${P}:cluster:warehouse`],
  ['AWS::OpenSearchService::Domain', 'search', `arn:aws:es:${P}:domain/search`],
  ['AWS::Backup::BackupVault', 'vault', `arn:aws:backup:${P}:backup-vault:vault`],
  ['AWS::Lambda::Function', 'resize', `arn:aws:lambda:${P}:function:resize`],
  [
    'AWS::Lambda::EventSourceMapping',
    '6d9bfa7c-2c6e-4f5a-9a1b-3e7d8c9b0a12',
    `arn:aws:lambda:${P}:event-source-mapping:6d9bfa7c-2c6e-4f5a-9a1b-3e7d8c9b0a12`,
  ],
  ['AWS::Lambda::LayerVersion', `arn:aws:lambda:${P}:layer:shared:3`, `arn:aws:lambda:${P}:layer:shared:3`],
  ['AWS::ECS::Cluster', 'web', `arn:aws:ecs:${P}:cluster/web`],
  ['AWS::ECS::Service', `arn:aws:ecs:${P}:service/web/storefront`, `arn:aws:ecs:${P}:service/web/storefront`],
  [
    'AWS::ECS::TaskDefinition',
    `arn:aws:ecs:${P}:task-definition/storefront:3`,
    `arn:aws:ecs:${P}:task-definition/storefront:3`,
  ],
  ['AWS::ECR::Repository', 'storefront', `arn:aws:ecr:${P}:repository/storefront`],
  ['AWS::EKS::Cluster', 'platform', `arn:aws:eks:${P}:cluster/platform`],
  ['AWS::EC2::Instance', 'i-0123456789abcdef0', `arn:aws:ec2:${P}:instance/i-0123456789abcdef0`],
  ['AWS::EC2::Volume', 'vol-0123456789abcdef0', `arn:aws:ec2:${P}:volume/vol-0123456789abcdef0`],
  [
    'AWS::EC2::LaunchTemplate',
    'lt-0123456789abcdef0',
    `arn:aws:ec2:${P}:launch-template/lt-0123456789abcdef0`,
  ],
  ['AWS::EC2::EIP', 'eipalloc-0123456789abcdef0', `arn:aws:ec2:${P}:elastic-ip/eipalloc-0123456789abcdef0`],
  ['AWS::EC2::VPC', 'vpc-0123456789abcdef0', `arn:aws:ec2:${P}:vpc/vpc-0123456789abcdef0`],
  ['AWS::EC2::Subnet', 'subnet-0123456789abcdef0', `arn:aws:ec2:${P}:subnet/subnet-0123456789abcdef0`],
  ['AWS::EC2::SecurityGroup', 'sg-0123456789abcdef0', `arn:aws:ec2:${P}:security-group/sg-0123456789abcdef0`],
  [
    'AWS::EC2::InternetGateway',
    'igw-0123456789abcdef0',
    `arn:aws:ec2:${P}:internet-gateway/igw-0123456789abcdef0`,
  ],
  [
    'AWS::EC2::EgressOnlyInternetGateway',
    'eigw-0123456789abcdef0',
    `arn:aws:ec2:${P}:egress-only-internet-gateway/eigw-0123456789abcdef0`,
  ],
  ['AWS::EC2::RouteTable', 'rtb-0123456789abcdef0', `arn:aws:ec2:${P}:route-table/rtb-0123456789abcdef0`],
  ['AWS::EC2::NatGateway', 'nat-0123456789abcdef0', `arn:aws:ec2:${P}:natgateway/nat-0123456789abcdef0`],
  [
    'AWS::EC2::NetworkInterface',
    'eni-0123456789abcdef0',
    `arn:aws:ec2:${P}:network-interface/eni-0123456789abcdef0`,
  ],
  ['AWS::EC2::NetworkAcl', 'acl-0123456789abcdef0', `arn:aws:ec2:${P}:network-acl/acl-0123456789abcdef0`],
  ['AWS::EC2::DHCPOptions', 'dopt-0123456789abcdef0', `arn:aws:ec2:${P}:dhcp-options/dopt-0123456789abcdef0`],
  ['AWS::EC2::VPCEndpoint', 'vpce-0123456789abcdef0', `arn:aws:ec2:${P}:vpc-endpoint/vpce-0123456789abcdef0`],
  [
    'AWS::EC2::VPCPeeringConnection',
    'pcx-0123456789abcdef0',
    `arn:aws:ec2:${P}:vpc-peering-connection/pcx-0123456789abcdef0`,
  ],
  [
    'AWS::EC2::TransitGateway',
    'tgw-0123456789abcdef0',
    `arn:aws:ec2:${P}:transit-gateway/tgw-0123456789abcdef0`,
  ],
  [
    'AWS::EC2::CustomerGateway',
    'cgw-0123456789abcdef0',
    `arn:aws:ec2:${P}:customer-gateway/cgw-0123456789abcdef0`,
  ],
  ['AWS::EC2::VPNGateway', 'vgw-0123456789abcdef0', `arn:aws:ec2:${P}:vpn-gateway/vgw-0123456789abcdef0`],
  ['AWS::EC2::PrefixList', 'pl-0123456789abcdef0', `arn:aws:ec2:${P}:prefix-list/pl-0123456789abcdef0`],
  [
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    `arn:aws:elasticloadbalancing:${P}:loadbalancer/app/shop/50dc6c495c0c9188`,
    `arn:aws:elasticloadbalancing:${P}:loadbalancer/app/shop/50dc6c495c0c9188`,
  ],
  [
    'AWS::ElasticLoadBalancingV2::TargetGroup',
    `arn:aws:elasticloadbalancing:${P}:targetgroup/web/73e2d6bc24d8a067`,
    `arn:aws:elasticloadbalancing:${P}:targetgroup/web/73e2d6bc24d8a067`,
  ],
  [
    'AWS::ElasticLoadBalancingV2::Listener',
    `arn:aws:elasticloadbalancing:${P}:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2`,
    `arn:aws:elasticloadbalancing:${P}:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2`,
  ],
  [
    'AWS::ElasticLoadBalancingV2::ListenerRule',
    `arn:aws:elasticloadbalancing:${P}:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee`,
    `arn:aws:elasticloadbalancing:${P}:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee`,
  ],
  [
    'AWS::CloudFront::Distribution',
    'E2QWRUHAPOMQZL',
    `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHAPOMQZL`,
  ],
  [
    'AWS::CloudFront::OriginAccessControl',
    'E1OAC0EXAMPLE',
    `arn:aws:cloudfront::${ACCOUNT}:origin-access-control/E1OAC0EXAMPLE`,
  ],
  [
    'AWS::CloudFront::CachePolicy',
    '658327ea-f89d-4fab-a63d-7e88639e58f6',
    `arn:aws:cloudfront::${ACCOUNT}:cache-policy/658327ea-f89d-4fab-a63d-7e88639e58f6`,
  ],
  ['AWS::Route53::HostedZone', 'Z0123456789ABCDEFGHIJ', 'arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ'],
  [
    'AWS::Route53::HealthCheck',
    'abcdef01-2345-6789-abcd-ef0123456789',
    'arn:aws:route53:::healthcheck/abcdef01-2345-6789-abcd-ef0123456789',
  ],
  ['AWS::ApiGateway::RestApi', 'a1b2c3d4e5', `arn:aws:apigateway:${REGION}::/restapis/a1b2c3d4e5`],
  [
    'AWS::ApiGateway::DomainName',
    'api.shop.example.com',
    `arn:aws:apigateway:${REGION}::/domainnames/api.shop.example.com`,
  ],
  ['AWS::ApiGatewayV2::Api', 'x9y8z7w6v5', `arn:aws:apigateway:${REGION}::/apis/x9y8z7w6v5`],
  ['AWS::IAM::Role', 'deployer', `arn:aws:iam::${ACCOUNT}:role/deployer`],
  ['AWS::IAM::User', 'ci', `arn:aws:iam::${ACCOUNT}:user/ci`],
  ['AWS::IAM::Group', 'auditors', `arn:aws:iam::${ACCOUNT}:group/auditors`],
  ['AWS::IAM::InstanceProfile', 'workers', `arn:aws:iam::${ACCOUNT}:instance-profile/workers`],
  [
    'AWS::IAM::ManagedPolicy',
    `arn:aws:iam::${ACCOUNT}:policy/team/read-orders`,
    `arn:aws:iam::${ACCOUNT}:policy/team/read-orders`,
  ],
  [
    'AWS::IAM::OIDCProvider',
    `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.example.com`,
    `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.example.com`,
  ],
  [
    'AWS::KMS::Key',
    '1234abcd-12ab-34cd-56ef-1234567890ab',
    `arn:aws:kms:${P}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  ],
  ['AWS::KMS::Alias', 'alias/orders', `arn:aws:kms:${P}:alias/orders`],
  [
    'AWS::SecretsManager::Secret',
    `arn:aws:secretsmanager:${P}:secret:db-AbCdEf`,
    `arn:aws:secretsmanager:${P}:secret:db-AbCdEf`,
  ],
  [
    'AWS::CertificateManager::Certificate',
    `arn:aws:acm:${P}:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`,
    `arn:aws:acm:${P}:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`,
  ],
  ['AWS::Cognito::UserPool', 'eu-west-1_AbCdEfGhI', `arn:aws:cognito-idp:${P}:userpool/eu-west-1_AbCdEfGhI`],
  [
    'AWS::Cognito::IdentityPool',
    'eu-west-1:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
    `arn:aws:cognito-identity:${P}:identitypool/eu-west-1:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`,
  ],
  ['AWS::SQS::Queue', `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/jobs`, `arn:aws:sqs:${P}:jobs`],
  ['AWS::SNS::Topic', `arn:aws:sns:${P}:events`, `arn:aws:sns:${P}:events`],
  [
    'AWS::SNS::Subscription',
    `arn:aws:sns:${P}:events:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`,
    `arn:aws:sns:${P}:events:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`,
  ],
  [
    'AWS::StepFunctions::StateMachine',
    `arn:aws:states:${P}:stateMachine:fulfil`,
    `arn:aws:states:${P}:stateMachine:fulfil`,
  ],
  [
    'AWS::StepFunctions::Activity',
    `arn:aws:states:${P}:activity:approve`,
    `arn:aws:states:${P}:activity:approve`,
  ],
  ['AWS::Kinesis::Stream', 'clicks', `arn:aws:kinesis:${P}:stream/clicks`],
  ['AWS::KinesisFirehose::DeliveryStream', 'archive', `arn:aws:firehose:${P}:deliverystream/archive`],
  ['AWS::Events::Rule', 'nightly', `arn:aws:events:${P}:rule/nightly`],
  ['AWS::Events::EventBus', 'orders', `arn:aws:events:${P}:event-bus/orders`],
  [
    'AWS::AppSync::GraphQLApi',
    `arn:aws:appsync:${P}:apis/abcdefghijklmnopqrstuvwxyz`,
    `arn:aws:appsync:${P}:apis/abcdefghijklmnopqrstuvwxyz`,
  ],
  ['AWS::SES::ConfigurationSet', 'transactional', `arn:aws:ses:${P}:configuration-set/transactional`],
  ['AWS::SES::EmailIdentity', 'shop.example.com', `arn:aws:ses:${P}:identity/shop.example.com`],
  ['AWS::Logs::LogGroup', '/aws/lambda/resize', `arn:aws:logs:${P}:log-group:/aws/lambda/resize`],
  ['AWS::SSM::Parameter', '/orders/db-url', `arn:aws:ssm:${P}:parameter/orders/db-url`],
  ['AWS::SSM::Document', 'patch-web', `arn:aws:ssm:${P}:document/patch-web`],
  ['AWS::CloudWatch::Alarm', 'high-latency', `arn:aws:cloudwatch:${P}:alarm:high-latency`],
  ['AWS::CloudTrail::Trail', 'org-audit', `arn:aws:cloudtrail:${P}:trail/org-audit`],
  ['AWS::Glue::Database', 'lake', `arn:aws:glue:${P}:database/lake`],
  ['AWS::Glue::Job', 'etl', `arn:aws:glue:${P}:job/etl`],
  ['AWS::Glue::Crawler', 'lake-crawler', `arn:aws:glue:${P}:crawler/lake-crawler`],
  ['AWS::Athena::WorkGroup', 'analysts', `arn:aws:athena:${P}:workgroup/analysts`],
  ['AWS::CodeBuild::Project', 'build', `arn:aws:codebuild:${P}:project/build`],
  ['AWS::CodePipeline::Pipeline', 'release', `arn:aws:codepipeline:${P}:release`],
];

/** Other spellings of a resource that must land on the same id as its canonical one. */
const SPELLINGS: readonly (readonly [string, string, string])[] = [
  ['AWS::SSM::Parameter', 'feature-flag', `arn:aws:ssm:${P}:parameter/feature-flag`],
  ['AWS::Events::Rule', 'orders|order-placed', `arn:aws:events:${P}:rule/orders/order-placed`],
  ['AWS::Events::Rule', 'default|nightly', `arn:aws:events:${P}:rule/nightly`],
  [
    'AWS::Route53::HostedZone',
    '/hostedzone/Z0123456789ABCDEFGHIJ',
    'arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ',
  ],
  [
    'AWS::IAM::Role',
    `arn:aws:iam::${ACCOUNT}:role/service/deployer`,
    `arn:aws:iam::${ACCOUNT}:role/deployer`,
  ],
  ['AWS::IAM::User', `arn:aws:iam::${ACCOUNT}:user/people/ci`, `arn:aws:iam::${ACCOUNT}:user/ci`],
  ['AWS::Lambda::Function', `arn:aws:lambda:${P}:function:resize:7`, `arn:aws:lambda:${P}:function:resize`],
  ['AWS::Lambda::Function', `${ACCOUNT}:function:resize`, `arn:aws:lambda:${P}:function:resize`],
  ['AWS::Lambda::Function', 'resize:live', `arn:aws:lambda:${P}:function:resize`],
  [
    'AWS::Logs::LogGroup',
    `arn:aws:logs:${P}:log-group:/aws/lambda/resize:*`,
    `arn:aws:logs:${P}:log-group:/aws/lambda/resize`,
  ],
  [
    'AWS::SQS::Queue',
    `https://sqs.eu-west-1.amazonaws.com/444455556666/shared-jobs`,
    `arn:aws:sqs:${REGION}:444455556666:shared-jobs`,
  ],
  ['AWS::SNS::Topic', 'events', `arn:aws:sns:${P}:events`],
];

describe('ARN builders', () => {
  test.each(BUILDERS)('%s %s', (type, physicalId, arn) => {
    expect(identityForPhysicalId(type, physicalId, context)).toEqual({ id: arn, arn });
  });

  test('every hand-written type is in the table above, and the type table adds the rest', () => {
    const handWritten = new Set(HAND_WRITTEN_ARN_FORMATS.map((format) => format.type));
    const tested = new Set(BUILDERS.map(([type]) => type));
    expect([...handWritten].filter((type) => !tested.has(type))).toEqual([]);
    expect(supportedArnTypes().length).toBeGreaterThanOrEqual(900);
  });

  test.each(SPELLINGS)('%s spelled %s lands on %s', (type, physicalId, arn) => {
    expect(identityForPhysicalId(type, physicalId, context)).toEqual({ id: arn, arn });
  });

  test('other partitions', () => {
    expect(partitionOfRegion('cn-north-1')).toBe('aws-cn');
    expect(partitionOfRegion('us-gov-west-1')).toBe('aws-us-gov');
    expect(
      identityForPhysicalId('AWS::S3::Bucket', 'b', {
        account: ACCOUNT,
        region: 'cn-north-1',
        partition: 'aws-cn',
      }).arn,
    ).toBe('arn:aws-cn:s3:::b');
  });
});

describe('fallback ids', () => {
  test('unknown types and unreadable ids get the fallback id and no ARN', () => {
    expect(identityForPhysicalId('AWS::IAM::Policy', 'stack-Polic-1ABC', context)).toEqual({
      id: `AWS::IAM::Policy|${ACCOUNT}|global|stack-Polic-1ABC`,
      arn: null,
    });
    expect(identityForPhysicalId('Custom::Thing', 'abc', context)).toEqual({
      id: `Custom::Thing|${ACCOUNT}|${REGION}|abc`,
      arn: null,
    });
    // CloudFormation's physical id for an EIP is the public address, which no ARN is built from.
    expect(identityForPhysicalId('AWS::EC2::EIP', '198.51.100.7', context)).toEqual({
      id: `AWS::EC2::EIP|${ACCOUNT}|${REGION}|198.51.100.7`,
      arn: null,
    });
    // A secret is only ever known by its ARN.
    expect(identityForPhysicalId('AWS::SecretsManager::Secret', 'db', context).arn).toBeNull();
    expect(fallbackId('AWS::Foo::Bar', 'x', context)).toBe(`AWS::Foo::Bar|${ACCOUNT}|${REGION}|x`);
  });

  test('an ARN of an unknown type is kept as it is', () => {
    const arn = `arn:aws:rolesanywhere:${P}:profile/0f1e2d3c`;
    expect(identityForPhysicalId('AWS::RolesAnywhere::Profile', arn, context)).toEqual({ id: arn, arn });
  });
});

describe('regions of global types', () => {
  test.each([
    ['AWS::IAM::Role', 'global'],
    ['AWS::CloudFront::Distribution', 'global'],
    ['AWS::Route53::HostedZone', 'global'],
    ['AWS::S3::Bucket', REGION],
  ])('%s shows region %s', (type, region) => {
    expect(resourceRegion(type, REGION)).toBe(region);
  });
});

describe('types from ARNs and ids', () => {
  test.each(BUILDERS)('the ARN of %s (%s) reads back as its type', (type, _physicalId, arn) => {
    // Two types share a format (a global table is a table); the first one declared is the answer.
    const expected = type === 'AWS::DynamoDB::GlobalTable' ? 'AWS::DynamoDB::Table' : type;
    expect(typeOfArn(arn)).toEqual({ type: expected, known: true });
  });

  test('an ARN no format knows gets a type made from its parts', () => {
    expect(typeOfArn(`arn:aws:rolesanywhere:${P}:trust-anchor/49e25ec3`)).toEqual({
      type: 'AWS::RolesAnywhere::TrustAnchor',
      known: true,
    });
    expect(typeOfArn(`arn:aws:widgets:${P}:gadget-box/49e25ec3`)).toEqual({
      type: 'AWS::Widgets::GadgetBox',
      known: false,
    });
    expect(typeOfArn(`arn:aws:rds:${P}:snapshot:nightly`)).toEqual({
      type: 'AWS::RDS::DBSnapshot',
      known: true,
    });
    expect(typeOfArn('not-an-arn')).toBeUndefined();
  });

  test('EC2 ids name their type by prefix', () => {
    expect(typeOfPrefixedId('vol-0123456789abcdef0')).toBe('AWS::EC2::Volume');
    expect(typeOfPrefixedId('eipalloc-0123456789abcdef0')).toBe('AWS::EC2::EIP');
    expect(typeOfPrefixedId('ami-0123456789abcdef0')).toBeUndefined();
    expect(typeOfPrefixedId('my-bucket')).toBeUndefined();
  });
});

describe('lookupIds: every id a row asked for by one id may be stored under', () => {
  test('an ARN also tries the fallback id of the identifier in it, for rows indexed before their ARN', () => {
    expect(lookupIds('arn:aws:ec2:eu-west-1:111122223333:elastic-ip/eipalloc-0a1b')).toEqual([
      'arn:aws:ec2:eu-west-1:111122223333:elastic-ip/eipalloc-0a1b',
      'AWS::EC2::EIP|111122223333|eu-west-1|eipalloc-0a1b',
    ]);
    expect(lookupIds('arn:aws:lightsail:eu-west-1:111122223333:Instance/1f2e')).toContain(
      'AWS::Lightsail::Instance|111122223333|eu-west-1|1f2e',
    );
  });

  test('a fallback id also tries the ARN its physical id builds today', () => {
    expect(lookupIds('AWS::S3::Bucket|111122223333|eu-west-1|assets')).toEqual([
      'AWS::S3::Bucket|111122223333|eu-west-1|assets',
      'arn:aws:s3:::assets',
    ]);
    expect(lookupIds('AWS::IAM::Role|111122223333|global|ops')).toEqual([
      'AWS::IAM::Role|111122223333|global|ops',
      'arn:aws:iam::111122223333:role/ops',
    ]);
  });

  test('ids with nothing else to try are themselves only', () => {
    expect(lookupIds('arn:aws:s3:::assets')).toEqual(['arn:aws:s3:::assets']);
    expect(lookupIds('AWS::EC2::EIP|111122223333|eu-west-1|203.0.113.10')).toEqual([
      'AWS::EC2::EIP|111122223333|eu-west-1|203.0.113.10',
    ]);
    expect(lookupIds('not an id')).toEqual(['not an id']);
  });
});
