// Registry entries for networking: EC2 networking and tags, Elastic Load Balancing v2, API Gateway,
// CloudFront and Route 53 (the last two are global: their rows show the region `global`).
import type { CloudTrailMapping } from '../cloudtrail-mapping';

const EC2 = 'ec2.amazonaws.com';
const ELB = 'elasticloadbalancing.amazonaws.com';
const APIGATEWAY = 'apigateway.amazonaws.com';
const CLOUDFRONT = 'cloudfront.amazonaws.com';
const ROUTE53 = 'route53.amazonaws.com';

const VPC = 'AWS::EC2::VPC';
const SUBNET = 'AWS::EC2::Subnet';
const SECURITY_GROUP = 'AWS::EC2::SecurityGroup';
const INTERNET_GATEWAY = 'AWS::EC2::InternetGateway';
const ROUTE_TABLE = 'AWS::EC2::RouteTable';
const NAT_GATEWAY = 'AWS::EC2::NatGateway';
const EIP = 'AWS::EC2::EIP';
const NETWORK_INTERFACE = 'AWS::EC2::NetworkInterface';
const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const REST_API = 'AWS::ApiGateway::RestApi';
const HTTP_API = 'AWS::ApiGatewayV2::Api';
const DISTRIBUTION = 'AWS::CloudFront::Distribution';
const HOSTED_ZONE = 'AWS::Route53::HostedZone';

/** A group by id, or (default VPC only) by name: a name-based id is the alias its create registers. */
const SECURITY_GROUP_ID = ['requestParameters.groupId', 'requestParameters.groupName'];

export const NETWORK_MAPPINGS: readonly CloudTrailMapping[] = [
  {
    eventSource: EC2,
    eventName: 'CreateVpc',
    type: VPC,
    effect: 'create',
    id: ['responseElements.vpc.vpcId'],
    tags: [{ path: 'responseElements.vpc.tagSet.items', format: 'list' }],
  },
  {
    eventSource: EC2,
    eventName: 'ModifyVpcAttribute',
    type: VPC,
    effect: 'update',
    id: ['requestParameters.vpcId'],
  },
  { eventSource: EC2, eventName: 'DeleteVpc', type: VPC, effect: 'delete', id: ['requestParameters.vpcId'] },
  {
    eventSource: EC2,
    eventName: 'CreateSubnet',
    type: SUBNET,
    effect: 'create',
    id: ['responseElements.subnet.subnetId'],
    tags: [{ path: 'responseElements.subnet.tagSet.items', format: 'list' }],
  },
  {
    eventSource: EC2,
    eventName: 'DeleteSubnet',
    type: SUBNET,
    effect: 'delete',
    id: ['requestParameters.subnetId'],
  },
  {
    eventSource: EC2,
    eventName: 'CreateSecurityGroup',
    type: SECURITY_GROUP,
    effect: 'create',
    id: ['responseElements.groupId'],
    // CloudFormation's physical id of a group made without VpcId is its name (docs/mappings.md).
    aliases: [{ id: 'requestParameters.groupName', unlessPresent: 'requestParameters.vpcId' }],
    name: ['requestParameters.groupName'],
    tags: [{ path: 'responseElements.tagSet.items', format: 'list' }],
  },
  {
    eventSource: EC2,
    eventName: 'AuthorizeSecurityGroupIngress',
    type: SECURITY_GROUP,
    effect: 'update',
    id: SECURITY_GROUP_ID,
  },
  {
    eventSource: EC2,
    eventName: 'RevokeSecurityGroupIngress',
    type: SECURITY_GROUP,
    effect: 'update',
    id: SECURITY_GROUP_ID,
  },
  {
    eventSource: EC2,
    eventName: 'AuthorizeSecurityGroupEgress',
    type: SECURITY_GROUP,
    effect: 'update',
    id: SECURITY_GROUP_ID,
  },
  {
    eventSource: EC2,
    eventName: 'RevokeSecurityGroupEgress',
    type: SECURITY_GROUP,
    effect: 'update',
    id: SECURITY_GROUP_ID,
  },
  {
    eventSource: EC2,
    eventName: 'DeleteSecurityGroup',
    type: SECURITY_GROUP,
    effect: 'delete',
    id: SECURITY_GROUP_ID,
  },
  {
    eventSource: EC2,
    eventName: 'CreateInternetGateway',
    type: INTERNET_GATEWAY,
    effect: 'create',
    id: ['responseElements.internetGateway.internetGatewayId'],
    tags: [{ path: 'responseElements.internetGateway.tagSet.items', format: 'list' }],
  },
  {
    eventSource: EC2,
    eventName: 'AttachInternetGateway',
    type: INTERNET_GATEWAY,
    effect: 'update',
    id: ['requestParameters.internetGatewayId'],
  },
  {
    eventSource: EC2,
    eventName: 'DetachInternetGateway',
    type: INTERNET_GATEWAY,
    effect: 'update',
    id: ['requestParameters.internetGatewayId'],
  },
  {
    eventSource: EC2,
    eventName: 'DeleteInternetGateway',
    type: INTERNET_GATEWAY,
    effect: 'delete',
    id: ['requestParameters.internetGatewayId'],
  },
  {
    eventSource: EC2,
    eventName: 'CreateRouteTable',
    type: ROUTE_TABLE,
    effect: 'create',
    id: ['responseElements.routeTable.routeTableId'],
    tags: [{ path: 'responseElements.routeTable.tagSet.items', format: 'list' }],
  },
  // Routes and subnet associations are part of the route table as the inventory sees it.
  {
    eventSource: EC2,
    eventName: 'CreateRoute',
    type: ROUTE_TABLE,
    effect: 'update',
    id: ['requestParameters.routeTableId'],
  },
  {
    eventSource: EC2,
    eventName: 'DeleteRoute',
    type: ROUTE_TABLE,
    effect: 'update',
    id: ['requestParameters.routeTableId'],
  },
  {
    eventSource: EC2,
    eventName: 'AssociateRouteTable',
    type: ROUTE_TABLE,
    effect: 'update',
    id: ['requestParameters.routeTableId'],
  },
  {
    eventSource: EC2,
    eventName: 'DeleteRouteTable',
    type: ROUTE_TABLE,
    effect: 'delete',
    id: ['requestParameters.routeTableId'],
  },
  // NAT gateway calls are logged in their XML form; the JSON spelling is accepted too.
  {
    eventSource: EC2,
    eventName: 'CreateNatGateway',
    type: NAT_GATEWAY,
    effect: 'create',
    id: [
      'responseElements.CreateNatGatewayResponse.natGateway.natGatewayId',
      'responseElements.natGateway.natGatewayId',
    ],
    tags: [
      { path: 'responseElements.CreateNatGatewayResponse.natGateway.tagSet.item', format: 'list' },
      { path: 'responseElements.natGateway.tagSet.items', format: 'list' },
    ],
  },
  {
    eventSource: EC2,
    eventName: 'DeleteNatGateway',
    type: NAT_GATEWAY,
    effect: 'delete',
    id: ['requestParameters.DeleteNatGatewayRequest.NatGatewayId', 'requestParameters.natGatewayId'],
  },
  {
    eventSource: EC2,
    eventName: 'AllocateAddress',
    type: EIP,
    effect: 'create',
    id: ['responseElements.allocationId'],
    // CloudFormation's physical id of an EIP is its public IP (docs/mappings.md).
    aliases: [{ id: 'responseElements.publicIp' }],
    tags: [{ path: 'requestParameters.tagSpecificationSet.items', format: 'specs', specType: 'elastic-ip' }],
  },
  {
    eventSource: EC2,
    eventName: 'ReleaseAddress',
    type: EIP,
    effect: 'delete',
    id: ['requestParameters.allocationId'],
  },
  {
    eventSource: EC2,
    eventName: 'CreateNetworkInterface',
    type: NETWORK_INTERFACE,
    effect: 'create',
    id: ['responseElements.networkInterface.networkInterfaceId'],
    tags: [{ path: 'responseElements.networkInterface.tagSet.items', format: 'list' }],
  },
  {
    eventSource: EC2,
    eventName: 'DeleteNetworkInterface',
    type: NETWORK_INTERFACE,
    effect: 'delete',
    id: ['requestParameters.networkInterfaceId'],
  },
  // EC2 tags any resource by id: the id's prefix tells its type.
  {
    eventSource: EC2,
    eventName: 'CreateTags',
    type: { byIdPrefix: true },
    effect: 'tag',
    each: 'requestParameters.resourcesSet.items[*]',
    id: ['resourceId'],
    tags: [{ path: '$.requestParameters.tagSet.items', format: 'list' }],
  },
  // DeleteTags without a tag list deletes every tag of the resources.
  {
    eventSource: EC2,
    eventName: 'DeleteTags',
    type: { byIdPrefix: true },
    effect: 'untag',
    each: 'requestParameters.resourcesSet.items[*]',
    id: ['resourceId'],
    tagKeys: ['$.requestParameters.tagSet.items'],
    tagsReplace: true,
  },

  // Classic load balancers share these calls but answer without `loadBalancers`: they yield nothing.
  {
    eventSource: ELB,
    eventName: 'CreateLoadBalancer',
    type: LOAD_BALANCER,
    effect: 'create',
    each: 'responseElements.loadBalancers[*]',
    id: ['loadBalancerArn'],
    name: ['loadBalancerName'],
    tags: [{ path: '$.requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: ELB,
    eventName: 'DeleteLoadBalancer',
    type: LOAD_BALANCER,
    effect: 'delete',
    id: ['requestParameters.loadBalancerArn'],
  },
  {
    eventSource: ELB,
    eventName: 'CreateTargetGroup',
    type: TARGET_GROUP,
    effect: 'create',
    each: 'responseElements.targetGroups[*]',
    id: ['targetGroupArn'],
    name: ['targetGroupName'],
    tags: [{ path: '$.requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: ELB,
    eventName: 'DeleteTargetGroup',
    type: TARGET_GROUP,
    effect: 'delete',
    id: ['requestParameters.targetGroupArn'],
  },
  {
    eventSource: ELB,
    eventName: 'CreateListener',
    type: LISTENER,
    effect: 'create',
    each: 'responseElements.listeners[*]',
    id: ['listenerArn'],
  },
  {
    eventSource: ELB,
    eventName: 'ModifyListener',
    type: LISTENER,
    effect: 'update',
    id: ['requestParameters.listenerArn'],
  },
  {
    eventSource: ELB,
    eventName: 'DeleteListener',
    type: LISTENER,
    effect: 'delete',
    id: ['requestParameters.listenerArn'],
  },
  {
    eventSource: ELB,
    eventName: 'AddTags',
    type: { byArn: true, fallback: LOAD_BALANCER },
    effect: 'tag',
    each: 'requestParameters.resourceArns[*]',
    id: ['@'],
    tags: [{ path: '$.requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: ELB,
    eventName: 'RemoveTags',
    type: { byArn: true, fallback: LOAD_BALANCER },
    effect: 'untag',
    each: 'requestParameters.resourceArns[*]',
    id: ['@'],
    tagKeys: ['$.requestParameters.tagKeys'],
  },

  // API Gateway: REST APIs (v1) and HTTP/WebSocket APIs (v2) share the event source.
  {
    eventSource: APIGATEWAY,
    eventName: 'CreateRestApi',
    type: REST_API,
    effect: 'create',
    id: ['responseElements.id'],
    name: ['responseElements.name', 'requestParameters.createRestApiInput.name'],
    tags: [{ path: 'requestParameters.createRestApiInput.tags', format: 'map' }],
  },
  {
    eventSource: APIGATEWAY,
    eventName: 'UpdateRestApi',
    type: REST_API,
    effect: 'update',
    id: ['requestParameters.restApiId'],
  },
  {
    eventSource: APIGATEWAY,
    eventName: 'DeleteRestApi',
    type: REST_API,
    effect: 'delete',
    id: ['requestParameters.restApiId'],
  },
  {
    eventSource: APIGATEWAY,
    eventName: 'CreateApi',
    type: HTTP_API,
    effect: 'create',
    id: ['responseElements.apiId'],
    name: ['responseElements.name', 'requestParameters.name'],
    tags: [{ path: 'requestParameters.tags', format: 'map' }],
  },
  {
    eventSource: APIGATEWAY,
    eventName: 'DeleteApi',
    type: HTTP_API,
    effect: 'delete',
    id: ['requestParameters.apiId'],
  },
  {
    eventSource: APIGATEWAY,
    eventName: 'TagResource',
    type: { byArn: true, fallback: REST_API },
    effect: 'tag',
    id: ['requestParameters.resourceArn'],
    tags: [{ path: 'requestParameters.tags', format: 'map' }],
  },
  {
    eventSource: APIGATEWAY,
    eventName: 'UntagResource',
    type: { byArn: true, fallback: REST_API },
    effect: 'untag',
    id: ['requestParameters.resourceArn'],
    tagKeys: ['requestParameters.tagKeys'],
  },

  {
    eventSource: CLOUDFRONT,
    eventName: 'CreateDistribution',
    type: DISTRIBUTION,
    effect: 'create',
    id: ['responseElements.distribution.id'],
  },
  {
    eventSource: CLOUDFRONT,
    eventName: 'CreateDistributionWithTags',
    type: DISTRIBUTION,
    effect: 'create',
    id: ['responseElements.distribution.id'],
    tags: [{ path: 'requestParameters.distributionConfigWithTags.tags.items', format: 'list' }],
  },
  {
    eventSource: CLOUDFRONT,
    eventName: 'UpdateDistribution',
    type: DISTRIBUTION,
    effect: 'update',
    id: ['requestParameters.id'],
  },
  {
    eventSource: CLOUDFRONT,
    eventName: 'DeleteDistribution',
    type: DISTRIBUTION,
    effect: 'delete',
    id: ['requestParameters.id'],
  },
  {
    eventSource: CLOUDFRONT,
    eventName: 'TagResource',
    type: { byArn: true, fallback: DISTRIBUTION },
    effect: 'tag',
    id: ['requestParameters.resource'],
    tags: [{ path: 'requestParameters.tags.items', format: 'list' }],
  },
  {
    eventSource: CLOUDFRONT,
    eventName: 'UntagResource',
    type: { byArn: true, fallback: DISTRIBUTION },
    effect: 'untag',
    id: ['requestParameters.resource'],
    tagKeys: ['requestParameters.tagKeys.items'],
  },

  {
    eventSource: ROUTE53,
    eventName: 'CreateHostedZone',
    type: HOSTED_ZONE,
    effect: 'create',
    id: ['responseElements.hostedZone.id'],
    name: ['requestParameters.name'],
  },
  {
    eventSource: ROUTE53,
    eventName: 'ChangeResourceRecordSets',
    type: HOSTED_ZONE,
    effect: 'update',
    id: ['requestParameters.hostedZoneId'],
  },
  {
    eventSource: ROUTE53,
    eventName: 'DeleteHostedZone',
    type: HOSTED_ZONE,
    effect: 'delete',
    id: ['requestParameters.id'],
  },
  // One call both adds and removes tags.
  {
    eventSource: ROUTE53,
    eventName: 'ChangeTagsForResource',
    type: {
      byField: 'requestParameters.resourceType',
      values: { hostedzone: HOSTED_ZONE, healthcheck: 'AWS::Route53::HealthCheck' },
    },
    effect: 'tag',
    id: ['requestParameters.resourceId'],
    tags: [{ path: 'requestParameters.addTags', format: 'list' }],
    tagKeys: ['requestParameters.removeTagKeys'],
  },
];
