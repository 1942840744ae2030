// A small, varied index for the query API tests: several types, accounts, regions, two stacks named
// `app`, a deleted stack, a stack known only through its resources, tags with unicode, ids with slashes.
import type { ResourceChange } from '../../shared/model/resource-change';
import type { IndexStore } from '../../shared/store/index-store';
import { ACCOUNT, REGION, resourceChange, stackChange } from '../fixtures/changes';

export const OTHER_ACCOUNT = '444455556666';
export const OTHER_REGION = 'us-east-1';

export const APP_STACK = {
  id: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/app/0f6f4c10-0000-11ef-9f1b-0a1b2c3d4e5f`,
  name: 'app',
};
export const OTHER_APP_STACK = {
  id: `arn:aws:cloudformation:${OTHER_REGION}:${OTHER_ACCOUNT}:stack/app/7a7a7a7a-0000-11ef-9f1b-0a1b2c3d4e5f`,
  name: 'app',
};
export const OLD_STACK = {
  id: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/old/1b1b1b1b-0000-11ef-9f1b-0a1b2c3d4e5f`,
  name: 'old',
};
export const ORPHAN_STACK = {
  id: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/orphan/2c2c2c2c-0000-11ef-9f1b-0a1b2c3d4e5f`,
  name: 'orphan',
};

export const IDS = {
  alphaLogs: 'arn:aws:s3:::alpha-logs',
  alphaAssets: 'arn:aws:s3:::alpha-assets',
  betaArchive: 'arn:aws:s3:::beta-archive',
  orders: `arn:aws:sqs:${OTHER_REGION}:${OTHER_ACCOUNT}:orders`,
  deployRole: `arn:aws:iam::${ACCOUNT}:role/ops/deploy`,
  historyRole: `arn:aws:iam::${ACCOUNT}:role/history`,
  orphanFunction: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orphan-fn`,
  retiredTable: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/retired-table`,
} as const;

const change = resourceChange;

const deleted = (at: string, eventId: string): Partial<ResourceChange> => ({
  action: 'delete',
  lifecycle: 'delete',
  eventTime: at,
  eventId,
});

export const SEED_CHANGES: ResourceChange[] = [
  change(IDS.alphaLogs, 'AWS::S3::Bucket', 'alpha-logs', {
    source: 'cloudformation',
    stack: { ...APP_STACK, logicalId: 'Logs' },
    tags: { set: { env: 'prod', team: 'blue' } },
  }),
  change(IDS.alphaAssets, 'AWS::S3::Bucket', 'alpha-assets', { tags: { set: { env: 'dev', team: 'blue' } } }),
  change(IDS.betaArchive, 'AWS::S3::Bucket', 'beta-archive', { tags: { set: { env: 'prod' } } }),
  change(IDS.betaArchive, 'AWS::S3::Bucket', 'beta-archive', deleted('2024-05-02T08:00:00Z', 'evt-beta-del')),
  change(IDS.orders, 'AWS::SQS::Queue', 'orders', {
    account: OTHER_ACCOUNT,
    region: OTHER_REGION,
    source: 'cloudformation',
    stack: { ...OTHER_APP_STACK, logicalId: 'Queue' },
    tags: { set: { env: 'prod', 'cost centre': 'café ☕' } },
  }),
  change(IDS.deployRole, 'AWS::IAM::Role', 'deploy', { region: OTHER_REGION, eventId: 'evt-deploy-1' }),
  change(IDS.deployRole, 'AWS::IAM::Role', 'deploy', {
    region: OTHER_REGION,
    lifecycle: 'tag',
    eventTime: '2024-05-01T11:00:00Z',
    eventId: 'evt-deploy-2',
    tags: { add: { team: 'red' } },
  }),
  change(IDS.deployRole, 'AWS::IAM::Role', 'deploy', {
    region: OTHER_REGION,
    lifecycle: 'update',
    eventTime: '2024-05-01T12:00:00Z',
    eventId: 'evt-deploy-3',
    sourceStatus: 'UpdateRole',
  }),
  change(IDS.historyRole, 'AWS::IAM::Role', 'history', { region: OTHER_REGION }),
  change(IDS.orphanFunction, 'AWS::Lambda::Function', 'orphan-fn', {
    source: 'cloudformation',
    stack: { ...ORPHAN_STACK, logicalId: 'Fn' },
  }),
  change(IDS.retiredTable, 'AWS::DynamoDB::Table', 'retired-table', {
    source: 'cloudformation',
    stack: { ...OLD_STACK, logicalId: 'Table' },
  }),
  change(IDS.retiredTable, 'AWS::DynamoDB::Table', 'retired-table', {
    ...deleted('2024-05-03T00:00:00Z', 'evt-retired-del'),
    source: 'cloudformation',
  }),
];

export async function seedIndex(store: IndexStore): Promise<void> {
  await store.applyChanges(SEED_CHANGES);
  await store.applyStackChanges([
    stackChange('app', { stackId: APP_STACK.id, eventId: 'evt-stack-app' }),
    stackChange('app', {
      stackId: OTHER_APP_STACK.id,
      account: OTHER_ACCOUNT,
      region: OTHER_REGION,
      stackStatus: 'UPDATE_COMPLETE',
      eventId: 'evt-stack-app-b',
    }),
    stackChange('old', { stackId: OLD_STACK.id, eventId: 'evt-stack-old-1' }),
    stackChange('old', {
      stackId: OLD_STACK.id,
      stackStatus: 'DELETE_COMPLETE',
      eventTime: '2024-05-03T00:00:00Z',
      eventId: 'evt-stack-old-2',
    }),
  ]);
}
