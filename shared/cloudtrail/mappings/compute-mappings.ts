// Registry entries for compute and containers: Lambda, ECS, ECR, and EC2 instances and volumes.
import type { CloudTrailMapping } from '../cloudtrail-mapping';

const LAMBDA = 'lambda.amazonaws.com';
const ECS = 'ecs.amazonaws.com';
const ECR = 'ecr.amazonaws.com';
const EC2 = 'ec2.amazonaws.com';

const FUNCTION = 'AWS::Lambda::Function';
const EVENT_SOURCE_MAPPING = 'AWS::Lambda::EventSourceMapping';
const CLUSTER = 'AWS::ECS::Cluster';
const SERVICE = 'AWS::ECS::Service';
const TASK_DEFINITION = 'AWS::ECS::TaskDefinition';
const REPOSITORY = 'AWS::ECR::Repository';
const INSTANCE = 'AWS::EC2::Instance';
const VOLUME = 'AWS::EC2::Volume';
const LAUNCH_TEMPLATE = 'AWS::EC2::LaunchTemplate';

export const COMPUTE_MAPPINGS: readonly CloudTrailMapping[] = [
  // Lambda's event names carry the API version they were logged under.
  {
    eventSource: LAMBDA,
    eventName: 'CreateFunction20150331',
    type: FUNCTION,
    effect: 'create',
    id: ['responseElements.functionArn', 'requestParameters.functionName'],
    name: ['responseElements.functionName', 'requestParameters.functionName'],
    tags: [{ path: 'requestParameters.tags', format: 'map' }],
  },
  {
    eventSource: LAMBDA,
    eventName: 'UpdateFunctionCode20150331v2',
    type: FUNCTION,
    effect: 'update',
    id: ['responseElements.functionArn', 'requestParameters.functionName'],
    name: ['responseElements.functionName'],
  },
  {
    eventSource: LAMBDA,
    eventName: 'UpdateFunctionConfiguration20150331v2',
    type: FUNCTION,
    effect: 'update',
    id: ['responseElements.functionArn', 'requestParameters.functionName'],
    name: ['responseElements.functionName'],
  },
  {
    eventSource: LAMBDA,
    eventName: 'DeleteFunction20150331',
    type: FUNCTION,
    effect: 'delete',
    id: ['requestParameters.functionName'],
  },
  {
    eventSource: LAMBDA,
    eventName: 'TagResource20170331v2',
    type: { byArn: true, fallback: FUNCTION },
    effect: 'tag',
    id: ['requestParameters.resource'],
    tags: [{ path: 'requestParameters.tags', format: 'map' }],
  },
  {
    eventSource: LAMBDA,
    eventName: 'UntagResource20170331v2',
    type: { byArn: true, fallback: FUNCTION },
    effect: 'untag',
    id: ['requestParameters.resource'],
    tagKeys: ['requestParameters.tagKeys'],
  },
  {
    eventSource: LAMBDA,
    eventName: 'CreateEventSourceMapping20150331',
    type: EVENT_SOURCE_MAPPING,
    effect: 'create',
    id: ['responseElements.UUID'],
  },
  {
    eventSource: LAMBDA,
    eventName: 'DeleteEventSourceMapping20150331',
    type: EVENT_SOURCE_MAPPING,
    effect: 'delete',
    id: ['requestParameters.UUID'],
  },

  {
    eventSource: ECS,
    eventName: 'CreateCluster',
    type: CLUSTER,
    effect: 'create',
    id: ['responseElements.cluster.clusterArn', 'requestParameters.clusterName'],
    name: ['responseElements.cluster.clusterName', 'requestParameters.clusterName'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: ECS,
    eventName: 'DeleteCluster',
    type: CLUSTER,
    effect: 'delete',
    id: ['responseElements.cluster.clusterArn', 'requestParameters.cluster'],
  },
  {
    eventSource: ECS,
    eventName: 'CreateService',
    type: SERVICE,
    effect: 'create',
    id: ['responseElements.service.serviceArn'],
    name: ['responseElements.service.serviceName', 'requestParameters.serviceName'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: ECS,
    eventName: 'UpdateService',
    type: SERVICE,
    effect: 'update',
    id: ['responseElements.service.serviceArn'],
  },
  {
    eventSource: ECS,
    eventName: 'DeleteService',
    type: SERVICE,
    effect: 'delete',
    id: ['responseElements.service.serviceArn'],
  },
  {
    eventSource: ECS,
    eventName: 'RegisterTaskDefinition',
    type: TASK_DEFINITION,
    effect: 'create',
    id: ['responseElements.taskDefinition.taskDefinitionArn'],
    // The ARN's last segment is only the revision number; the family is what people call it.
    name: ['responseElements.taskDefinition.family', 'requestParameters.family'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: ECS,
    eventName: 'DeregisterTaskDefinition',
    type: TASK_DEFINITION,
    effect: 'delete',
    id: ['responseElements.taskDefinition.taskDefinitionArn'],
  },
  {
    eventSource: ECS,
    eventName: 'TagResource',
    type: { byArn: true, fallback: CLUSTER },
    effect: 'tag',
    id: ['requestParameters.resourceArn'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: ECS,
    eventName: 'UntagResource',
    type: { byArn: true, fallback: CLUSTER },
    effect: 'untag',
    id: ['requestParameters.resourceArn'],
    tagKeys: ['requestParameters.tagKeys'],
  },

  {
    eventSource: ECR,
    eventName: 'CreateRepository',
    type: REPOSITORY,
    effect: 'create',
    id: ['responseElements.repository.repositoryArn', 'requestParameters.repositoryName'],
    name: ['requestParameters.repositoryName'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: ECR,
    eventName: 'DeleteRepository',
    type: REPOSITORY,
    effect: 'delete',
    id: ['responseElements.repository.repositoryArn', 'requestParameters.repositoryName'],
    name: ['requestParameters.repositoryName'],
  },
  {
    eventSource: ECR,
    eventName: 'TagResource',
    type: { byArn: true, fallback: REPOSITORY },
    effect: 'tag',
    id: ['requestParameters.resourceArn'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: ECR,
    eventName: 'UntagResource',
    type: { byArn: true, fallback: REPOSITORY },
    effect: 'untag',
    id: ['requestParameters.resourceArn'],
    tagKeys: ['requestParameters.tagKeys'],
  },

  // RunInstances and TerminateInstances name several instances; each yields its own change.
  {
    eventSource: EC2,
    eventName: 'RunInstances',
    type: INSTANCE,
    effect: 'create',
    each: 'responseElements.instancesSet.items[*]',
    id: ['instanceId'],
    tags: [{ path: 'tagSet.items', format: 'list' }],
  },
  {
    eventSource: EC2,
    eventName: 'TerminateInstances',
    type: INSTANCE,
    effect: 'delete',
    each: 'requestParameters.instancesSet.items[*]',
    id: ['instanceId'],
  },
  {
    eventSource: EC2,
    eventName: 'ModifyInstanceAttribute',
    type: INSTANCE,
    effect: 'update',
    id: ['requestParameters.instanceId'],
  },
  {
    eventSource: EC2,
    eventName: 'CreateVolume',
    type: VOLUME,
    effect: 'create',
    id: ['responseElements.volumeId'],
    tags: [{ path: 'responseElements.tagSet.items', format: 'list' }],
  },
  {
    eventSource: EC2,
    eventName: 'DeleteVolume',
    type: VOLUME,
    effect: 'delete',
    id: ['requestParameters.volumeId'],
  },
  // Launch template calls are logged in their XML form (`CreateLaunchTemplateRequest`...).
  {
    eventSource: EC2,
    eventName: 'CreateLaunchTemplate',
    type: LAUNCH_TEMPLATE,
    effect: 'create',
    id: ['responseElements.CreateLaunchTemplateResponse.launchTemplate.launchTemplateId'],
    name: ['responseElements.CreateLaunchTemplateResponse.launchTemplate.launchTemplateName'],
    tags: [
      {
        path: 'requestParameters.CreateLaunchTemplateRequest.TagSpecification',
        format: 'specs',
        specType: 'launch-template',
      },
    ],
  },
  {
    eventSource: EC2,
    eventName: 'DeleteLaunchTemplate',
    type: LAUNCH_TEMPLATE,
    effect: 'delete',
    id: [
      'responseElements.DeleteLaunchTemplateResponse.launchTemplate.launchTemplateId',
      'requestParameters.DeleteLaunchTemplateRequest.LaunchTemplateId',
    ],
  },
];
