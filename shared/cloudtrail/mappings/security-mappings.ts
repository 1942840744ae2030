// Registry entries for identity and security: IAM (global: rows show the region `global`), KMS,
// Secrets Manager and Cognito user pools.
import type { CloudTrailMapping } from '../cloudtrail-mapping';

const IAM = 'iam.amazonaws.com';
const KMS = 'kms.amazonaws.com';
const SECRETS = 'secretsmanager.amazonaws.com';
const COGNITO = 'cognito-idp.amazonaws.com';

const ROLE = 'AWS::IAM::Role';
const USER = 'AWS::IAM::User';
const GROUP = 'AWS::IAM::Group';
const MANAGED_POLICY = 'AWS::IAM::ManagedPolicy';
const INSTANCE_PROFILE = 'AWS::IAM::InstanceProfile';
const KEY = 'AWS::KMS::Key';
const ALIAS = 'AWS::KMS::Alias';
const SECRET = 'AWS::SecretsManager::Secret';
const USER_POOL = 'AWS::Cognito::UserPool';

const IAM_TAGS = [{ path: 'requestParameters.tags', format: 'list' }] as const;
const IAM_TAG_KEYS = ['requestParameters.tagKeys'];
const ROLE_ID = ['requestParameters.roleName'];
const USER_ID = ['requestParameters.userName'];
const PROFILE_ID = ['requestParameters.instanceProfileName'];

export const SECURITY_MAPPINGS: readonly CloudTrailMapping[] = [
  {
    eventSource: IAM,
    eventName: 'CreateRole',
    type: ROLE,
    effect: 'create',
    id: ROLE_ID,
    name: ROLE_ID,
    tags: IAM_TAGS,
  },
  { eventSource: IAM, eventName: 'UpdateRole', type: ROLE, effect: 'update', id: ROLE_ID },
  { eventSource: IAM, eventName: 'UpdateAssumeRolePolicy', type: ROLE, effect: 'update', id: ROLE_ID },
  // A role's policies are part of the role as the inventory sees it.
  { eventSource: IAM, eventName: 'AttachRolePolicy', type: ROLE, effect: 'update', id: ROLE_ID },
  { eventSource: IAM, eventName: 'DetachRolePolicy', type: ROLE, effect: 'update', id: ROLE_ID },
  { eventSource: IAM, eventName: 'PutRolePolicy', type: ROLE, effect: 'update', id: ROLE_ID },
  { eventSource: IAM, eventName: 'DeleteRolePolicy', type: ROLE, effect: 'update', id: ROLE_ID },
  { eventSource: IAM, eventName: 'TagRole', type: ROLE, effect: 'tag', id: ROLE_ID, tags: IAM_TAGS },
  {
    eventSource: IAM,
    eventName: 'UntagRole',
    type: ROLE,
    effect: 'untag',
    id: ROLE_ID,
    tagKeys: IAM_TAG_KEYS,
  },
  { eventSource: IAM, eventName: 'DeleteRole', type: ROLE, effect: 'delete', id: ROLE_ID, name: ROLE_ID },
  {
    eventSource: IAM,
    eventName: 'CreateUser',
    type: USER,
    effect: 'create',
    id: USER_ID,
    name: USER_ID,
    tags: IAM_TAGS,
  },
  { eventSource: IAM, eventName: 'AttachUserPolicy', type: USER, effect: 'update', id: USER_ID },
  { eventSource: IAM, eventName: 'DetachUserPolicy', type: USER, effect: 'update', id: USER_ID },
  { eventSource: IAM, eventName: 'TagUser', type: USER, effect: 'tag', id: USER_ID, tags: IAM_TAGS },
  {
    eventSource: IAM,
    eventName: 'UntagUser',
    type: USER,
    effect: 'untag',
    id: USER_ID,
    tagKeys: IAM_TAG_KEYS,
  },
  { eventSource: IAM, eventName: 'DeleteUser', type: USER, effect: 'delete', id: USER_ID, name: USER_ID },
  {
    eventSource: IAM,
    eventName: 'CreateGroup',
    type: GROUP,
    effect: 'create',
    id: ['requestParameters.groupName'],
    name: ['requestParameters.groupName'],
  },
  {
    eventSource: IAM,
    eventName: 'DeleteGroup',
    type: GROUP,
    effect: 'delete',
    id: ['requestParameters.groupName'],
    name: ['requestParameters.groupName'],
  },
  {
    eventSource: IAM,
    eventName: 'CreatePolicy',
    type: MANAGED_POLICY,
    effect: 'create',
    id: ['responseElements.policy.arn'],
    name: ['requestParameters.policyName'],
    tags: IAM_TAGS,
  },
  {
    eventSource: IAM,
    eventName: 'CreatePolicyVersion',
    type: MANAGED_POLICY,
    effect: 'update',
    id: ['requestParameters.policyArn'],
  },
  {
    eventSource: IAM,
    eventName: 'TagPolicy',
    type: MANAGED_POLICY,
    effect: 'tag',
    id: ['requestParameters.policyArn'],
    tags: IAM_TAGS,
  },
  {
    eventSource: IAM,
    eventName: 'UntagPolicy',
    type: MANAGED_POLICY,
    effect: 'untag',
    id: ['requestParameters.policyArn'],
    tagKeys: IAM_TAG_KEYS,
  },
  {
    eventSource: IAM,
    eventName: 'DeletePolicy',
    type: MANAGED_POLICY,
    effect: 'delete',
    id: ['requestParameters.policyArn'],
  },
  {
    eventSource: IAM,
    eventName: 'CreateInstanceProfile',
    type: INSTANCE_PROFILE,
    effect: 'create',
    id: PROFILE_ID,
    name: PROFILE_ID,
    tags: IAM_TAGS,
  },
  {
    eventSource: IAM,
    eventName: 'AddRoleToInstanceProfile',
    type: INSTANCE_PROFILE,
    effect: 'update',
    id: PROFILE_ID,
  },
  {
    eventSource: IAM,
    eventName: 'RemoveRoleFromInstanceProfile',
    type: INSTANCE_PROFILE,
    effect: 'update',
    id: PROFILE_ID,
  },
  {
    eventSource: IAM,
    eventName: 'TagInstanceProfile',
    type: INSTANCE_PROFILE,
    effect: 'tag',
    id: PROFILE_ID,
    tags: IAM_TAGS,
  },
  {
    eventSource: IAM,
    eventName: 'UntagInstanceProfile',
    type: INSTANCE_PROFILE,
    effect: 'untag',
    id: PROFILE_ID,
    tagKeys: IAM_TAG_KEYS,
  },
  {
    eventSource: IAM,
    eventName: 'DeleteInstanceProfile',
    type: INSTANCE_PROFILE,
    effect: 'delete',
    id: PROFILE_ID,
    name: PROFILE_ID,
  },

  // KMS spells tags `{tagKey, tagValue}`; a key id may be given as id or ARN.
  {
    eventSource: KMS,
    eventName: 'CreateKey',
    type: KEY,
    effect: 'create',
    id: ['responseElements.keyMetadata.arn', 'responseElements.keyMetadata.keyId'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: KMS,
    eventName: 'EnableKeyRotation',
    type: KEY,
    effect: 'update',
    id: ['requestParameters.keyId'],
  },
  // A key scheduled for deletion is gone for the inventory (CloudFormation deletes keys this way too);
  // cancelling the deletion brings it back.
  {
    eventSource: KMS,
    eventName: 'ScheduleKeyDeletion',
    type: KEY,
    effect: 'delete',
    id: ['responseElements.keyId', 'requestParameters.keyId'],
  },
  {
    eventSource: KMS,
    eventName: 'CancelKeyDeletion',
    type: KEY,
    effect: 'update',
    id: ['responseElements.keyId', 'requestParameters.keyId'],
  },
  {
    eventSource: KMS,
    eventName: 'TagResource',
    type: KEY,
    effect: 'tag',
    id: ['requestParameters.keyId'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: KMS,
    eventName: 'UntagResource',
    type: KEY,
    effect: 'untag',
    id: ['requestParameters.keyId'],
    tagKeys: ['requestParameters.tagKeys'],
  },
  {
    eventSource: KMS,
    eventName: 'CreateAlias',
    type: ALIAS,
    effect: 'create',
    id: ['requestParameters.aliasName'],
    name: ['requestParameters.aliasName'],
  },
  {
    eventSource: KMS,
    eventName: 'DeleteAlias',
    type: ALIAS,
    effect: 'delete',
    id: ['requestParameters.aliasName'],
    name: ['requestParameters.aliasName'],
  },

  // Secrets are known by ARN (it ends in a random suffix). A call naming a secret by name alone makes
  // a change to its name-based id, which every change by ARN implies as an alias (identity-aliases.ts):
  // the store folds that row into the ARN's and redirects the name there.
  {
    eventSource: SECRETS,
    eventName: 'CreateSecret',
    type: SECRET,
    effect: 'create',
    id: ['responseElements.arn'],
    name: ['requestParameters.name'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: SECRETS,
    eventName: 'UpdateSecret',
    type: SECRET,
    effect: 'update',
    id: ['responseElements.arn', 'requestParameters.secretId'],
  },
  {
    eventSource: SECRETS,
    eventName: 'PutSecretValue',
    type: SECRET,
    effect: 'update',
    id: ['responseElements.arn', 'requestParameters.secretId'],
  },
  {
    eventSource: SECRETS,
    eventName: 'RestoreSecret',
    type: SECRET,
    effect: 'update',
    id: ['responseElements.arn', 'requestParameters.secretId'],
  },
  {
    eventSource: SECRETS,
    eventName: 'DeleteSecret',
    type: SECRET,
    effect: 'delete',
    id: ['responseElements.arn', 'requestParameters.secretId'],
  },
  {
    eventSource: SECRETS,
    eventName: 'TagResource',
    type: SECRET,
    effect: 'tag',
    id: ['requestParameters.secretId'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: SECRETS,
    eventName: 'UntagResource',
    type: SECRET,
    effect: 'untag',
    id: ['requestParameters.secretId'],
    tagKeys: ['requestParameters.tagKeys'],
  },

  {
    eventSource: COGNITO,
    eventName: 'CreateUserPool',
    type: USER_POOL,
    effect: 'create',
    id: ['responseElements.userPool.arn', 'responseElements.userPool.id'],
    name: ['requestParameters.poolName'],
    tags: [{ path: 'requestParameters.userPoolTags', format: 'map' }],
  },
  {
    eventSource: COGNITO,
    eventName: 'UpdateUserPool',
    type: USER_POOL,
    effect: 'update',
    id: ['requestParameters.userPoolId'],
  },
  {
    eventSource: COGNITO,
    eventName: 'DeleteUserPool',
    type: USER_POOL,
    effect: 'delete',
    id: ['requestParameters.userPoolId'],
  },
  {
    eventSource: COGNITO,
    eventName: 'TagResource',
    type: USER_POOL,
    effect: 'tag',
    id: ['requestParameters.resourceArn'],
    tags: [{ path: 'requestParameters.tags', format: 'map' }],
  },
  {
    eventSource: COGNITO,
    eventName: 'UntagResource',
    type: USER_POOL,
    effect: 'untag',
    id: ['requestParameters.resourceArn'],
    tagKeys: ['requestParameters.tagKeys'],
  },
];
