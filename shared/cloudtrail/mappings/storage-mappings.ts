// Registry entries for storage and database services: S3, DynamoDB, EFS, RDS, ElastiCache.
import type { CloudTrailMapping } from '../cloudtrail-mapping';

const S3 = 's3.amazonaws.com';
const DYNAMODB = 'dynamodb.amazonaws.com';
const EFS = 'elasticfilesystem.amazonaws.com';
const RDS = 'rds.amazonaws.com';
const ELASTICACHE = 'elasticache.amazonaws.com';

const BUCKET = 'AWS::S3::Bucket';
const TABLE = 'AWS::DynamoDB::Table';
const FILE_SYSTEM = 'AWS::EFS::FileSystem';
const DB_INSTANCE = 'AWS::RDS::DBInstance';
const DB_CLUSTER = 'AWS::RDS::DBCluster';
const DB_SUBNET_GROUP = 'AWS::RDS::DBSubnetGroup';
const CACHE_CLUSTER = 'AWS::ElastiCache::CacheCluster';
const REPLICATION_GROUP = 'AWS::ElastiCache::ReplicationGroup';

export const STORAGE_MAPPINGS: readonly CloudTrailMapping[] = [
  {
    eventSource: S3,
    eventName: 'CreateBucket',
    type: BUCKET,
    effect: 'create',
    id: ['requestParameters.bucketName'],
    name: ['requestParameters.bucketName'],
  },
  {
    eventSource: S3,
    eventName: 'DeleteBucket',
    type: BUCKET,
    effect: 'delete',
    id: ['requestParameters.bucketName'],
    name: ['requestParameters.bucketName'],
  },
  {
    eventSource: S3,
    eventName: 'PutBucketPolicy',
    type: BUCKET,
    effect: 'update',
    id: ['requestParameters.bucketName'],
  },
  {
    eventSource: S3,
    eventName: 'DeleteBucketPolicy',
    type: BUCKET,
    effect: 'update',
    id: ['requestParameters.bucketName'],
  },
  {
    eventSource: S3,
    eventName: 'PutBucketVersioning',
    type: BUCKET,
    effect: 'update',
    id: ['requestParameters.bucketName'],
  },
  // S3 tagging replaces the bucket's whole tag set.
  {
    eventSource: S3,
    eventName: 'PutBucketTagging',
    type: BUCKET,
    effect: 'tag',
    id: ['requestParameters.bucketName'],
    tags: [{ path: 'requestParameters.Tagging.TagSet.Tag', format: 'list' }],
    tagsReplace: true,
  },
  {
    eventSource: S3,
    eventName: 'DeleteBucketTagging',
    type: BUCKET,
    effect: 'untag',
    id: ['requestParameters.bucketName'],
    tagsReplace: true,
  },

  {
    eventSource: DYNAMODB,
    eventName: 'CreateTable',
    type: TABLE,
    effect: 'create',
    id: ['responseElements.tableDescription.tableArn', 'requestParameters.tableName'],
    name: ['requestParameters.tableName'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: DYNAMODB,
    eventName: 'UpdateTable',
    type: TABLE,
    effect: 'update',
    id: ['responseElements.tableDescription.tableArn', 'requestParameters.tableName'],
    name: ['requestParameters.tableName'],
  },
  {
    eventSource: DYNAMODB,
    eventName: 'DeleteTable',
    type: TABLE,
    effect: 'delete',
    id: ['responseElements.tableDescription.tableArn', 'requestParameters.tableName'],
    name: ['requestParameters.tableName'],
  },
  {
    eventSource: DYNAMODB,
    eventName: 'TagResource',
    type: { byArn: true, fallback: TABLE },
    effect: 'tag',
    id: ['requestParameters.resourceArn'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: DYNAMODB,
    eventName: 'UntagResource',
    type: { byArn: true, fallback: TABLE },
    effect: 'untag',
    id: ['requestParameters.resourceArn'],
    tagKeys: ['requestParameters.tagKeys'],
  },

  {
    eventSource: EFS,
    eventName: 'CreateFileSystem',
    type: FILE_SYSTEM,
    effect: 'create',
    id: ['responseElements.fileSystemArn', 'responseElements.fileSystemId'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: EFS,
    eventName: 'DeleteFileSystem',
    type: FILE_SYSTEM,
    effect: 'delete',
    id: ['requestParameters.fileSystemId'],
  },
  {
    eventSource: EFS,
    eventName: 'TagResource',
    type: { byArn: true, fallback: FILE_SYSTEM },
    effect: 'tag',
    id: ['requestParameters.resourceId'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: EFS,
    eventName: 'UntagResource',
    type: { byArn: true, fallback: FILE_SYSTEM },
    effect: 'untag',
    id: ['requestParameters.resourceId'],
    tagKeys: ['requestParameters.tagKeys'],
  },

  {
    eventSource: RDS,
    eventName: 'CreateDBInstance',
    type: DB_INSTANCE,
    effect: 'create',
    id: ['responseElements.dBInstanceArn', 'requestParameters.dBInstanceIdentifier'],
    name: ['responseElements.dBInstanceIdentifier', 'requestParameters.dBInstanceIdentifier'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: RDS,
    eventName: 'ModifyDBInstance',
    type: DB_INSTANCE,
    effect: 'update',
    id: ['responseElements.dBInstanceArn', 'requestParameters.dBInstanceIdentifier'],
  },
  {
    eventSource: RDS,
    eventName: 'DeleteDBInstance',
    type: DB_INSTANCE,
    effect: 'delete',
    id: ['responseElements.dBInstanceArn', 'requestParameters.dBInstanceIdentifier'],
  },
  {
    eventSource: RDS,
    eventName: 'CreateDBCluster',
    type: DB_CLUSTER,
    effect: 'create',
    id: ['responseElements.dBClusterArn', 'requestParameters.dBClusterIdentifier'],
    name: ['responseElements.dBClusterIdentifier', 'requestParameters.dBClusterIdentifier'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: RDS,
    eventName: 'DeleteDBCluster',
    type: DB_CLUSTER,
    effect: 'delete',
    id: ['responseElements.dBClusterArn', 'requestParameters.dBClusterIdentifier'],
  },
  {
    eventSource: RDS,
    eventName: 'CreateDBSubnetGroup',
    type: DB_SUBNET_GROUP,
    effect: 'create',
    id: ['responseElements.dBSubnetGroupArn', 'requestParameters.dBSubnetGroupName'],
    name: ['responseElements.dBSubnetGroupName', 'requestParameters.dBSubnetGroupName'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: RDS,
    eventName: 'DeleteDBSubnetGroup',
    type: DB_SUBNET_GROUP,
    effect: 'delete',
    id: ['requestParameters.dBSubnetGroupName'],
  },
  {
    eventSource: RDS,
    eventName: 'AddTagsToResource',
    type: { byArn: true, fallback: DB_INSTANCE },
    effect: 'tag',
    id: ['requestParameters.resourceName'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: RDS,
    eventName: 'RemoveTagsFromResource',
    type: { byArn: true, fallback: DB_INSTANCE },
    effect: 'untag',
    id: ['requestParameters.resourceName'],
    tagKeys: ['requestParameters.tagKeys'],
  },

  {
    eventSource: ELASTICACHE,
    eventName: 'CreateCacheCluster',
    type: CACHE_CLUSTER,
    effect: 'create',
    id: ['requestParameters.cacheClusterId'],
    name: ['responseElements.cacheClusterId', 'requestParameters.cacheClusterId'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: ELASTICACHE,
    eventName: 'DeleteCacheCluster',
    type: CACHE_CLUSTER,
    effect: 'delete',
    id: ['requestParameters.cacheClusterId'],
  },
  {
    eventSource: ELASTICACHE,
    eventName: 'CreateReplicationGroup',
    type: REPLICATION_GROUP,
    effect: 'create',
    id: ['requestParameters.replicationGroupId'],
    name: ['responseElements.replicationGroupId', 'requestParameters.replicationGroupId'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: ELASTICACHE,
    eventName: 'DeleteReplicationGroup',
    type: REPLICATION_GROUP,
    effect: 'delete',
    id: ['requestParameters.replicationGroupId'],
  },
  {
    eventSource: ELASTICACHE,
    eventName: 'AddTagsToResource',
    type: { byArn: true, fallback: CACHE_CLUSTER },
    effect: 'tag',
    id: ['requestParameters.resourceName'],
    tags: [{ path: 'requestParameters.tags', format: 'list' }],
  },
  {
    eventSource: ELASTICACHE,
    eventName: 'RemoveTagsFromResource',
    type: { byArn: true, fallback: CACHE_CLUSTER },
    effect: 'untag',
    id: ['requestParameters.resourceName'],
    tagKeys: ['requestParameters.tagKeys'],
  },
];
