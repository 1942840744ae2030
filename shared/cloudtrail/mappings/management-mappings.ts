// Registry entries for management and delivery: CloudWatch Logs, Systems Manager, CloudTrail and
// CodeBuild.
import type { CloudTrailMapping } from '../cloudtrail-mapping';

const LOGS = 'logs.amazonaws.com';
const SSM = 'ssm.amazonaws.com';
const CLOUDTRAIL = 'cloudtrail.amazonaws.com';
const CODEBUILD = 'codebuild.amazonaws.com';

const LOG_GROUP = 'AWS::Logs::LogGroup';
const PARAMETER = 'AWS::SSM::Parameter';
const DOCUMENT = 'AWS::SSM::Document';
const TRAIL = 'AWS::CloudTrail::Trail';
const PROJECT = 'AWS::CodeBuild::Project';

const LOG_GROUP_ID = ['requestParameters.logGroupName'];

export const MANAGEMENT_MAPPINGS: readonly CloudTrailMapping[] = [
  {
    eventSource: LOGS,
    eventName: 'CreateLogGroup',
    type: LOG_GROUP,
    effect: 'create',
    id: LOG_GROUP_ID,
    name: LOG_GROUP_ID,
    tags: [{ path: 'requestParameters.tags', format: 'map' }],
  },
  { eventSource: LOGS, eventName: 'PutRetentionPolicy', type: LOG_GROUP, effect: 'update', id: LOG_GROUP_ID },
  {
    eventSource: LOGS,
    eventName: 'TagLogGroup',
    type: LOG_GROUP,
    effect: 'tag',
    id: LOG_GROUP_ID,
    tags: [{ path: 'requestParameters.tags', format: 'map' }],
  },
  // UntagLogGroup names the removed keys in `tags`, a list.
  {
    eventSource: LOGS,
    eventName: 'UntagLogGroup',
    type: LOG_GROUP,
    effect: 'untag',
    id: LOG_GROUP_ID,
    tagKeys: ['requestParameters.tags'],
  },
  {
    eventSource: LOGS,
    eventName: 'TagResource',
    type: { byArn: true, fallback: LOG_GROUP },
    effect: 'tag',
    id: ['requestParameters.resourceArn'],
    tags: [{ path: 'requestParameters.tags', format: 'map' }],
  },
  {
    eventSource: LOGS,
    eventName: 'UntagResource',
    type: { byArn: true, fallback: LOG_GROUP },
    effect: 'untag',
    id: ['requestParameters.resourceArn'],
    tagKeys: ['requestParameters.tagKeys'],
  },
  {
    eventSource: LOGS,
    eventName: 'DeleteLogGroup',
    type: LOG_GROUP,
    effect: 'delete',
    id: LOG_GROUP_ID,
    name: LOG_GROUP_ID,
  },

  {
    eventSource: SSM,
    eventName: 'PutParameter',
    type: PARAMETER,
    effect: 'create',
    id: ['requestParameters.name'],
    name: ['requestParameters.name'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
    updateWhen: { path: 'requestParameters.overwrite', equals: true },
  },
  {
    eventSource: SSM,
    eventName: 'DeleteParameter',
    type: PARAMETER,
    effect: 'delete',
    id: ['requestParameters.name'],
    name: ['requestParameters.name'],
  },
  // Only the names SSM reports as deleted are tombstoned.
  {
    eventSource: SSM,
    eventName: 'DeleteParameters',
    type: PARAMETER,
    effect: 'delete',
    each: 'responseElements.deletedParameters[*]',
    id: ['@'],
    name: ['@'],
  },
  {
    eventSource: SSM,
    eventName: 'AddTagsToResource',
    type: { byField: 'requestParameters.resourceType', values: { Parameter: PARAMETER, Document: DOCUMENT } },
    effect: 'tag',
    id: ['requestParameters.resourceId'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: SSM,
    eventName: 'RemoveTagsFromResource',
    type: { byField: 'requestParameters.resourceType', values: { Parameter: PARAMETER, Document: DOCUMENT } },
    effect: 'untag',
    id: ['requestParameters.resourceId'],
    tagKeys: ['requestParameters.tagKeys'],
  },
  {
    eventSource: SSM,
    eventName: 'CreateDocument',
    type: DOCUMENT,
    effect: 'create',
    id: ['requestParameters.name'],
    name: ['requestParameters.name'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: SSM,
    eventName: 'DeleteDocument',
    type: DOCUMENT,
    effect: 'delete',
    id: ['requestParameters.name'],
    name: ['requestParameters.name'],
  },

  {
    eventSource: CLOUDTRAIL,
    eventName: 'CreateTrail',
    type: TRAIL,
    effect: 'create',
    id: ['responseElements.trailARN', 'requestParameters.name'],
    name: ['requestParameters.name'],
    tags: [{ path: 'requestParameters.tagsList', format: 'list' }],
  },
  {
    eventSource: CLOUDTRAIL,
    eventName: 'UpdateTrail',
    type: TRAIL,
    effect: 'update',
    id: ['responseElements.trailARN', 'requestParameters.name'],
  },
  {
    eventSource: CLOUDTRAIL,
    eventName: 'AddTags',
    type: TRAIL,
    effect: 'tag',
    id: ['requestParameters.resourceId'],
    tags: [{ path: 'requestParameters.tagsList', format: 'list' }],
  },
  {
    eventSource: CLOUDTRAIL,
    eventName: 'RemoveTags',
    type: TRAIL,
    effect: 'untag',
    id: ['requestParameters.resourceId'],
    tagKeys: ['requestParameters.tagsList'],
  },
  {
    eventSource: CLOUDTRAIL,
    eventName: 'DeleteTrail',
    type: TRAIL,
    effect: 'delete',
    id: ['requestParameters.name'],
  },

  {
    eventSource: CODEBUILD,
    eventName: 'CreateProject',
    type: PROJECT,
    effect: 'create',
    id: ['responseElements.project.arn', 'requestParameters.name'],
    name: ['requestParameters.name'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: CODEBUILD,
    eventName: 'UpdateProject',
    type: PROJECT,
    effect: 'update',
    id: ['responseElements.project.arn', 'requestParameters.name'],
  },
  {
    eventSource: CODEBUILD,
    eventName: 'DeleteProject',
    type: PROJECT,
    effect: 'delete',
    id: ['requestParameters.name'],
    name: ['requestParameters.name'],
  },
];
