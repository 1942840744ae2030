// The normalizer's decisions beyond the samples: rejections, skips, the generic ARN fallback, and a
// create + tag + untag sequence applied to the index store.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeCloudTrailEvent } from '../../shared/cloudtrail/normalize-cloudtrail-event';
import { normalizeEvent } from '../../shared/ingest/normalize-event';
import type { EventEnvelope } from '../../shared/events/event-envelope';
import { EventEnvelopeSchema } from '../../shared/events/event-envelope';
import { IndexStore } from '../../shared/store/index-store';
import { createTestTable } from '../support/test-table';
import type { TestTable } from '../support/test-table';

const ACCOUNT = '111122223333';
const SAMPLES = path.resolve(__dirname, '../../events/cloudtrail');

function sample(relative: string): EventEnvelope {
  return EventEnvelopeSchema.parse(JSON.parse(fs.readFileSync(path.join(SAMPLES, relative), 'utf8')));
}

function apiCall(detail: Record<string, unknown>, overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  return {
    version: '0',
    id: 'envelope-1',
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.rolesanywhere',
    account: ACCOUNT,
    time: '2024-05-02T10:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      eventVersion: '1.09',
      eventTime: '2024-05-02T10:00:00Z',
      eventSource: 'rolesanywhere.amazonaws.com',
      eventName: 'CreateTrustAnchor',
      awsRegion: 'us-east-1',
      eventID: 'evt-1',
      recipientAccountId: ACCOUNT,
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      requestParameters: { name: 'lab' },
      responseElements: null,
      ...detail,
    },
    ...overrides,
  };
}

describe('rejections never throw', () => {
  test.each([
    ['no detail', undefined],
    ['detail is a string', 'CreateBucket'],
    [
      'no eventName',
      {
        eventSource: 's3.amazonaws.com',
        eventTime: '2024-05-02T10:00:00Z',
        eventID: 'e',
        awsRegion: 'us-east-1',
      },
    ],
    [
      'requestParameters is a list',
      {
        eventSource: 's3.amazonaws.com',
        eventName: 'CreateBucket',
        eventTime: '2024-05-02T10:00:00Z',
        eventID: 'e',
        awsRegion: 'us-east-1',
        requestParameters: ['x'],
      },
    ],
  ])('%s', (_name, detail) => {
    const normalization = normalizeCloudTrailEvent(apiCall({}, { detail }));
    expect(normalization).toMatchObject({ outcome: 'rejected', changes: [], stackChanges: [] });
    expect(normalization.reason).toMatch(/malformed CloudTrail record/);
  });

  test('the reason names the field and says what was wrong with it, in words', () => {
    const normalization = normalizeCloudTrailEvent(apiCall({ eventName: 42 }));
    expect(normalization.reason).toBe(
      'malformed CloudTrail record: detail.eventName: Invalid input: expected string, received number',
    );
  });

  test('an eventTime that is no date', () => {
    expect(normalizeCloudTrailEvent(apiCall({ eventTime: 'yesterday' }))).toMatchObject({
      outcome: 'rejected',
    });
  });

  test('another detail-type', () => {
    const normalization = normalizeCloudTrailEvent(
      apiCall({}, { 'detail-type': 'CloudFormation Stack Status Change' }),
    );
    expect(normalization.outcome).toBe('rejected');
  });
});

describe('what changes nothing', () => {
  test('a failed call, even of a mapped create', () => {
    expect(normalizeCloudTrailEvent(sample('negative/CreateBucket-failed.json'))).toMatchObject({
      outcome: 'skipped',
      changes: [],
      reason: 's3.amazonaws.com CreateBucket failed (BucketAlreadyOwnedByYou)',
    });
  });

  test('a read-only call, flagged or (without the flag) by its name', () => {
    expect(normalizeCloudTrailEvent(sample('negative/DescribeInstances-read-only.json')).outcome).toBe(
      'skipped',
    );
    const unflagged = apiCall({ eventName: 'ListTrustAnchors', readOnly: undefined });
    expect(normalizeCloudTrailEvent(unflagged)).toMatchObject({ outcome: 'skipped', changes: [] });
  });

  test('a console sign-in and a data event are no API calls to index', () => {
    const signIn = apiCall({
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      eventType: 'AwsConsoleSignIn',
      responseElements: { ConsoleLogin: 'Success' },
    });
    expect(normalizeCloudTrailEvent(signIn).outcome).toBe('skipped');
    const data = apiCall({ eventSource: 's3.amazonaws.com', eventName: 'PutObject', managementEvent: false });
    expect(normalizeCloudTrailEvent(data).outcome).toBe('skipped');
  });

  test('a write call nothing understands is unmapped, with a reason', () => {
    const normalization = normalizeCloudTrailEvent(
      apiCall({ eventName: 'StartLogging', eventSource: 'cloudtrail.amazonaws.com' }),
    );
    expect(normalization).toMatchObject({ outcome: 'unmapped', changes: [] });
    expect(normalization.reason).toContain('cloudtrail.amazonaws.com StartLogging');
  });

  test('a mapped call whose record names no indexed resource is unmapped (EC2 tags on an AMI)', () => {
    const event = sample('ec2/CreateTags.json');
    const detail = {
      ...(event.detail as Record<string, unknown>),
      requestParameters: {
        resourcesSet: { items: [{ resourceId: 'ami-0a1b2c3d4e5f60000' }] },
        tagSet: { items: [{ key: 'a', value: 'b' }] },
      },
    };
    expect(normalizeCloudTrailEvent({ ...event, detail }).outcome).toBe('unmapped');
  });
});

const NO_PRINCIPAL = {
  arn: null,
  type: null,
  accountId: null,
  invokedBy: null,
  sourceIPAddress: null,
  userAgent: null,
};

describe('who made the change', () => {
  test('an assumed role is its session ARN, as CloudTrail gives it, with address and agent', () => {
    const [change] = normalizeCloudTrailEvent(sample('s3/CreateBucket.json')).changes;
    expect(change.principal).toEqual({
      arn: 'arn:aws:sts::111122223333:assumed-role/OpsAdmin/ops-session',
      type: 'AssumedRole',
      accountId: ACCOUNT,
      invokedBy: null,
      sourceIPAddress: '203.0.113.24',
      userAgent: expect.stringContaining('aws-cli/2.15.30'),
    });
  });

  test('a call an AWS service made for the caller names the service', () => {
    const event = sample('s3/CreateBucket.json');
    const detail = event.detail as Record<string, unknown>;
    const [change] = normalizeCloudTrailEvent({
      ...event,
      detail: {
        ...detail,
        userIdentity: { ...(detail.userIdentity as object), invokedBy: 'cloudformation.amazonaws.com' },
        sourceIPAddress: 'cloudformation.amazonaws.com',
      },
    }).changes;
    expect(change.principal).toMatchObject({
      invokedBy: 'cloudformation.amazonaws.com',
      sourceIPAddress: 'cloudformation.amazonaws.com',
    });
  });

  test('null where an object is usual means "not said", never a rejection', () => {
    const normalization = normalizeCloudTrailEvent(
      apiCall({
        userIdentity: null,
        sourceIPAddress: null,
        userAgent: null,
        resources: null,
        eventType: null,
        responseElements: {
          trustAnchor: { trustAnchorArn: `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/x1` },
        },
      }),
    );
    expect(normalization.outcome).toBe('generic');
    expect(normalization.changes[0].principal).toEqual(NO_PRINCIPAL);
  });

  test("without recipientAccountId the caller's account is the resource's", () => {
    const event = sample('s3/CreateBucket.json');
    const detail = { ...(event.detail as Record<string, unknown>) };
    delete detail.recipientAccountId;
    const userIdentity = { ...(detail.userIdentity as object), accountId: '444455556666' };
    const [change] = normalizeCloudTrailEvent({ ...event, detail: { ...detail, userIdentity } }).changes;
    expect(change.account).toBe('444455556666');
  });
});

describe('AWS Service Event via CloudTrail', () => {
  test('goes through the same mappings as an API call, with the service as principal', () => {
    const event = sample('s3/CreateBucket.json');
    const detail = event.detail as Record<string, unknown>;
    const normalization = normalizeEvent({
      ...event,
      'detail-type': 'AWS Service Event via CloudTrail',
      detail: {
        ...detail,
        eventType: 'AwsServiceEvent',
        userIdentity: { type: 'AWSService', invokedBy: 's3.amazonaws.com' },
      },
    });
    expect(normalization.outcome).toBe('mapped');
    expect(normalization.changes[0].principal).toMatchObject({
      type: 'AWSService',
      invokedBy: 's3.amazonaws.com',
      arn: null,
    });
  });

  test('an unmapped service event with an ARN of its service reaches the fallback', () => {
    const normalization = normalizeEvent(
      apiCall(
        {
          eventType: 'AwsServiceEvent',
          responseElements: { trustAnchorArn: `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/x2` },
        },
        { 'detail-type': 'AWS Service Event via CloudTrail' },
      ),
    );
    expect(normalization.outcome).toBe('generic');
  });
});

describe('the generic fallback', () => {
  const anchor = `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/49e25ec3-bdfe-4150-8683-b4ea4ee85cfd`;

  test('indexes the ARN of the called service in the account, with a type guessed from it', () => {
    const normalization = normalizeCloudTrailEvent(
      apiCall({
        responseElements: {
          trustAnchor: { trustAnchorArn: anchor, name: 'lab', enabled: true },
          // Related resources of other services or accounts are mentioned, not created.
          roleArns: [`arn:aws:iam::${ACCOUNT}:role/lab`],
          sharedWith: `arn:aws:rolesanywhere:us-east-1:444455556666:trust-anchor/0f1e2d3c`,
        },
      }),
    );
    expect(normalization).toEqual({
      outcome: 'generic',
      stackChanges: [],
      changes: [
        {
          id: anchor,
          arn: anchor,
          // The type table knows trust anchors' ARNs: the type is known, not guessed.
          type: 'AWS::RolesAnywhere::TrustAnchor',
          account: ACCOUNT,
          region: 'us-east-1',
          action: 'upsert',
          lifecycle: 'create',
          eventTime: '2024-05-02T10:00:00Z',
          eventId: 'evt-1',
          source: 'cloudtrail',
          sourceStatus: 'CreateTrustAnchor',
          principal: NO_PRINCIPAL,
        },
      ],
    });
  });

  test('a delete tombstones only the ARN of the kind it names, never a merely mentioned one', () => {
    const profile = `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:profile/ac4e09d1`;
    const deleteAnchor = normalizeCloudTrailEvent(
      apiCall({
        eventName: 'DeleteTrustAnchor',
        responseElements: { trustAnchor: { trustAnchorArn: anchor }, profileArn: profile },
      }),
    );
    expect(deleteAnchor.changes.map((change) => [change.id, change.action])).toEqual([[anchor, 'delete']]);
    const deleteOther = normalizeCloudTrailEvent(
      apiCall({ eventName: 'DeleteCrl', responseElements: { profileArn: profile } }),
    );
    expect(deleteOther.outcome).toBe('unmapped');
  });
});

describe('a create, a tag and an untag in the index store', () => {
  let table: TestTable;
  let store: IndexStore;
  beforeAll(async () => {
    table = await createTestTable('cloudtrail-tags');
    store = new IndexStore({ client: table.documentClient, tableName: table.tableName });
  });
  afterAll(() => table.drop());

  test('an SQS queue keeps its tags current, whatever order the events arrive in', async () => {
    const events = ['sqs/CreateQueue.json', 'sqs/TagQueue.json', 'sqs/UntagQueue.json'].map(sample);
    const changes = events.flatMap((event) => normalizeCloudTrailEvent(event).changes);
    // Delivered newest first: the fold orders them by event time.
    await store.applyChanges([...changes].reverse());
    const row = await store.getResource(`arn:aws:sqs:us-east-1:${ACCOUNT}:image-jobs`);
    expect(row).toMatchObject({
      type: 'AWS::SQS::Queue',
      service: 'sqs',
      name: 'image-jobs',
      status: 'active',
      tags: { team: 'media', env: 'prod' },
      sources: ['cloudtrail'],
    });
  });

  test('EC2 tags on several resources, then S3 tags replaced and cleared', async () => {
    const run = normalizeCloudTrailEvent(sample('ec2/RunInstances.json')).changes;
    const tag = normalizeCloudTrailEvent(sample('ec2/CreateTags.json')).changes;
    const untag = normalizeCloudTrailEvent(sample('ec2/DeleteTags.json')).changes;
    await store.applyChanges([...untag, ...tag, ...run]);
    const instance = await store.getResource(`arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0a1b2c3d4e5f60701`);
    expect(instance?.tags).toEqual({ Name: 'batch-worker', team: 'data' });
    const second = await store.getResource(`arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0a1b2c3d4e5f60702`);
    expect(second?.tags).toEqual({ Name: 'batch-worker', team: 'data' });

    const bucket = `arn:aws:s3:::inventory-demo-assets-${ACCOUNT}`;
    const [created, tagged] = ['s3/CreateBucket.json', 's3/PutBucketTagging.json'].map(
      (file) => normalizeCloudTrailEvent(sample(file)).changes,
    );
    await store.applyChanges([...tagged, ...created]);
    expect((await store.getResource(bucket))?.tags).toEqual({ team: 'platform', 'cost-center': '1234' });
    await store.applyChanges(normalizeCloudTrailEvent(sample('s3/DeleteBucketTagging.json')).changes);
    expect((await store.getResource(bucket))?.tags).toEqual({});
  });

  test('an IAM role shows the region global', async () => {
    await store.applyChanges(normalizeCloudTrailEvent(sample('iam/CreateRole.json')).changes);
    expect(await store.getResource(`arn:aws:iam::${ACCOUNT}:role/resize-images-role`)).toMatchObject({
      region: 'global',
      service: 'iam',
      tags: { team: 'media' },
    });
  });
});
