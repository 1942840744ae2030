// Each account writes only its own resources: the ingest handlers against DynamoDB Local refuse an
// event whose envelope account is not its resources' account, or whose source the inventory does not
// expect, and count it; genuine forwarded events of several accounts land. Also what a change may
// carry (account, region, no control characters), checked through the query API.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { createCloudFormationIngestHandler } from '../../handlers/cloudformation-ingest';
import { createCloudTrailIngestHandler } from '../../handlers/cloudtrail-ingest';
import { REGION_NAME } from '../../shared/ingest/change-validation';
import { originAccountOf } from '../../shared/ingest/origin-account';
import { envelopeEntry } from '../../shared/local/put-events-protocol';
import { SERVICE_NAMES } from '../../shared/observability/metric-catalog';
import { createQueryApiHandler } from '../../shared/query/query-api-handler';
import { IndexStore } from '../../shared/store/index-store';
import { apiGatewayEvent } from '../support/api-gateway-event';
import { createQueryReaders } from '../../shared/query/query-readers';
import { createTestTable } from '../support/test-table';
import type { TestTable } from '../support/test-table';
import { captureOutput, metricValues } from './emf-capture';

const HOME = '111122223333';
const OTHER = '444455556666';
const THIRD = '777788889999';
const cloudTrail = { service: SERVICE_NAMES.cloudtrailIngest };
const cloudFormation = { service: SERVICE_NAMES.cloudformationIngest };

let table: TestTable;
let store: IndexStore;

beforeAll(async () => {
  table = await createTestTable('event-provenance');
  store = new IndexStore({ client: table.documentClient, tableName: table.tableName });
});
afterAll(() => table.drop());

type RawEvent = Record<string, unknown> & { detail: Record<string, unknown> };

function sample(path: string): RawEvent {
  return JSON.parse(readFileSync(resolve(__dirname, '../..', path), 'utf8'));
}

/** The sample as the same thing happening in another account: every mention of the account moved. */
function inAccount(path: string, account: string, id: string): RawEvent {
  const text = readFileSync(resolve(__dirname, '../..', path), 'utf8').replaceAll(HOME, account);
  const event: RawEvent = JSON.parse(text);
  return { ...event, id, detail: { ...event.detail, eventID: `${id}-record` } };
}

const cloudTrailHandler = () => createCloudTrailIngestHandler({ store });
const cloudFormationHandler = () => createCloudFormationIngestHandler({ store });

async function api(path: string, query = '') {
  const readers = createQueryReaders({ client: table.documentClient, tableName: table.tableName });
  const handler = createQueryApiHandler({ store, readers });
  const { result: reply } = await captureOutput(() =>
    handler(apiGatewayEvent(path, { rawQueryString: query })),
  );
  if (reply === undefined) throw new Error(`no reply to ${path}`);
  return { status: reply.statusCode, body: JSON.parse(String(reply.body)) };
}

describe('envelope account against the resource account', () => {
  test('a forwarded CloudTrail event whose envelope account is not the recipient account is refused and counted', async () => {
    // Account OTHER forwards a record CloudTrail wrote for HOME: EventBridge stamps OTHER.
    const forged = {
      ...inAccount('events/cloudtrail/sqs/CreateQueue.json', HOME, 'forged-1'),
      account: OTHER,
    };
    const { result, output } = await captureOutput(() => cloudTrailHandler()(forged));
    expect(result?.outcomes.rejected).toBe(1);
    expect(result?.events[0].reason).toBe(
      `envelope account ${OTHER} may not write resources of account ${HOME}`,
    );
    expect(metricValues(output, 'ForeignEvents', cloudTrail)).toEqual([1]);
    expect(metricValues(output, 'EventsRejected', cloudTrail)).toEqual([1]);
    expect(output.logs).toContainEqual(
      expect.objectContaining({
        message: 'foreign event refused',
        envelopeAccount: OTHER,
        claimedAccounts: [HOME],
        source: 'aws.sqs',
      }),
    );
    expect(await store.getResource(`arn:aws:sqs:us-east-1:${HOME}:image-jobs`)).toBeUndefined();
  });

  test('a CloudFormation event about a stack of another account is refused', async () => {
    const event = { ...sample('events/cloudformation/resource/create-complete.json'), account: OTHER };
    const { result, output } = await captureOutput(() => cloudFormationHandler()(event));
    expect(result?.outcomes.rejected).toBe(1);
    expect(metricValues(output, 'ForeignEvents', cloudFormation)).toEqual([1]);
    expect(await store.getResource('arn:aws:s3:::orders-service-assetsbucket-1x2y3z4w5v6u')).toBeUndefined();
  });

  test('without recipientAccountId the caller account (userIdentity.accountId) is the one compared', async () => {
    const event = inAccount('events/cloudtrail/sqs/CreateQueue.json', HOME, 'no-recipient');
    delete event.detail.recipientAccountId;
    const { result } = await captureOutput(() => cloudTrailHandler()({ ...event, account: OTHER }));
    expect(result?.events[0].reason).toBe(
      `envelope account ${OTHER} may not write resources of account ${HOME}`,
    );
  });

  test('an admitted event keeps its own changes and drops those naming another account', async () => {
    // A genuine call in OTHER whose response names a queue of THIRD (a cross-account ARN).
    const event = inAccount('events/cloudtrail/sqs/CreateQueue.json', OTHER, 'cross-account');
    const response = event.detail.responseElements as { queueUrl: string };
    event.detail.responseElements = { queueUrl: response.queueUrl.replace(OTHER, THIRD) };
    const { result, output } = await captureOutput(() => cloudTrailHandler()(event));
    expect(result?.outcomes.skipped).toBe(1);
    expect(result?.events[0].reason).toBe(`every resource it names belongs to another account than ${OTHER}`);
    expect(metricValues(output, 'ForeignChangesDropped', cloudTrail)).toEqual([1]);
    expect(metricValues(output, 'ForeignEvents', cloudTrail)).toEqual([]);
    expect(await store.getResource(`arn:aws:sqs:us-east-1:${THIRD}:image-jobs`)).toBeUndefined();
  });
});

describe('expected sources', () => {
  test('a custom-source event dressed as CloudTrail is refused, even with matching accounts', async () => {
    const dressed = { ...sample('events/cloudtrail/s3/CreateBucket.json'), source: 'my.app' };
    const { result, output } = await captureOutput(() => cloudTrailHandler()(dressed));
    expect(result?.outcomes.rejected).toBe(1);
    expect(result?.events[0].reason).toBe(
      'source "my.app" may not send "AWS API Call via CloudTrail" events',
    );
    expect(metricValues(output, 'ForeignEvents', cloudTrail)).toEqual([1]);
    expect(await store.getResource('arn:aws:s3:::inventory-demo-assets-111122223333')).toBeUndefined();
  });

  test('a CloudFormation detail-type from another AWS service is refused', async () => {
    const event = { ...sample('events/cloudformation/stack/create-complete.json'), source: 'aws.s3' };
    const { result } = await captureOutput(() => cloudFormationHandler()(event));
    expect(result?.events[0].reason).toBe(
      'source "aws.s3" may not send "CloudFormation Stack Status Change" events',
    );
  });

  test('the project snapshot source cannot send CloudTrail detail-types', async () => {
    const event = {
      ...sample('events/cloudtrail/s3/CreateBucket.json'),
      source: 'resource-inventory.snapshot',
    };
    const { result } = await captureOutput(() => cloudTrailHandler()(event));
    expect(result?.outcomes.rejected).toBe(1);
  });
});

describe('genuine forwarded events of several accounts', () => {
  test('each account writes its own rows, and every row is reachable by id through the API', async () => {
    const events = [HOME, OTHER, THIRD].flatMap((account) => [
      inAccount('events/cloudtrail/sqs/CreateQueue.json', account, `queue-${account}`),
      inAccount('events/cloudtrail/iam/CreateGroup.json', account, `group-${account}`),
    ]);
    const { result: cloudTrailResults, output } = await captureOutput(() =>
      Promise.all(events.map((event) => cloudTrailHandler()(event))),
    );
    expect(cloudTrailResults?.map((result) => result.outcomes.mapped)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(metricValues(output, 'ForeignEvents', cloudTrail)).toEqual([]);
    const stack = inAccount('events/cloudformation/resource/create-complete.json', THIRD, 'cfn-third');
    const { result: stackResult } = await captureOutput(() => cloudFormationHandler()(stack));
    expect(stackResult?.outcomes.mapped).toBe(1);

    for (const account of [HOME, OTHER, THIRD]) {
      const page = await api('/resources', `account=${account}&status=all&limit=1000`);
      expect(page.status).toBe(200);
      const ids: string[] = page.body.items.map((item: { id: string }) => item.id);
      expect(ids).toContain(`arn:aws:sqs:us-east-1:${account}:image-jobs`);
      for (const id of ids) {
        const one = await api(`/resources/${encodeURIComponent(id)}`);
        expect({ id, status: one.status, account: one.body.account }).toEqual({ id, status: 200, account });
      }
    }
  });
});

describe('what a change may carry', () => {
  test('a NUL in a bucket name is refused at ingest, naming the field, so nothing unreachable is indexed', async () => {
    const event = inAccount('events/cloudtrail/s3/CreateBucket.json', HOME, 'nul-name');
    const name = 'nul\u0000bucket';
    event.detail.requestParameters = { ...(event.detail.requestParameters as object), bucketName: name };
    const { result, output } = await captureOutput(() => cloudTrailHandler()(event));
    expect(result?.outcomes.rejected).toBe(1);
    expect(result?.events[0].reason).toBe(
      'cannot be indexed: changes[0].id contains the control character U+0000',
    );
    expect(metricValues(output, 'ForeignEvents', cloudTrail)).toEqual([]);
    // The API refuses the id as a parameter, so had the row been written it could never be read back.
    const byId = await api(`/resources/${encodeURIComponent(`arn:aws:s3:::${name}`)}`);
    expect(byId.status).toBe(400);
    const listed = await api('/resources', 'type=AWS::S3::Bucket&status=all');
    expect(listed.body.items.map((item: { name: string }) => item.name)).not.toContain(name);
  });

  test('a tag value with a control character is refused, naming the tag', async () => {
    const event = inAccount('events/cloudtrail/sqs/CreateQueue.json', HOME, 'tab-tag');
    event.detail.requestParameters = {
      ...(event.detail.requestParameters as object),
      tags: { team: 'me\u0009dia' },
    };
    const { result } = await captureOutput(() => cloudTrailHandler()(event));
    expect(result?.events[0].reason).toBe(
      'cannot be indexed: changes[0].tags["team"] contains the control character U+0009',
    );
  });

  test('an account that is not 12 digits is refused, even when the envelope agrees', async () => {
    const event = inAccount('events/cloudtrail/sqs/CreateQueue.json', '1234', 'short-account');
    const { result } = await captureOutput(() => cloudTrailHandler()(event));
    expect(result?.events[0].reason).toBe(
      'cannot be indexed: changes[0].account "1234" is not a 12-digit account id',
    );
  });

  test('a region that is no region name is refused', async () => {
    const event = inAccount('events/cloudtrail/s3/CreateBucket.json', OTHER, 'bad-region');
    const text = JSON.stringify(event).replaceAll('"eu-west-1"', '"Moon-Base 1"');
    const { result } = await captureOutput(() => cloudTrailHandler()(JSON.parse(text)));
    expect(result?.outcomes.rejected).toBe(1);
    expect(result?.events[0].reason).toMatch(/region "Moon-Base 1" is not a region name or "global"/);
  });

  test('the region pattern takes every region aws-cdk-lib knows, and global', () => {
    const names = RegionInfo.regions.map((region) => region.name);
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((name) => !REGION_NAME.test(name))).toEqual([]);
    expect(REGION_NAME.test('global')).toBe(true);
    for (const bad of ['', 'eu-west', 'EU-WEST-1', 'eu-west-1 ', 'eu_west_1', 'eu-west-123']) {
      expect({ bad, ok: REGION_NAME.test(bad) }).toEqual({ bad, ok: false });
    }
  });
});

describe('the local bus stamps the account an event comes from, as EventBridge does', () => {
  const context = {
    account: '000000000000',
    region: 'eu-west-1',
    now: () => new Date('2024-05-02T08:00:00Z'),
  };
  const entryOf = (event: RawEvent, source = String(event.source)) => ({
    Source: source,
    DetailType: String(event['detail-type']),
    Detail: JSON.stringify(event.detail),
  });

  test('a service event gets the account it happened in; a custom source the bus owner account', () => {
    const queue = inAccount('events/cloudtrail/sqs/CreateQueue.json', OTHER, 'local-1');
    const stamped = envelopeEntry(entryOf(queue), context);
    expect('event' in stamped && stamped.event.account).toBe(OTHER);
    const custom = envelopeEntry(entryOf(queue, 'my.app'), context);
    expect('event' in custom && custom.event.account).toBe('000000000000');
    const stack = inAccount('events/cloudformation/stack/create-complete.json', THIRD, 'local-2');
    const stampedStack = envelopeEntry(entryOf(stack), context);
    expect('event' in stampedStack && stampedStack.event.account).toBe(THIRD);
  });

  test('an event that names no account keeps the bus owner account', () => {
    const event = { source: 'aws.s3', 'detail-type': 'Object Created', detail: {} };
    expect(originAccountOf({ ...event, id: 'x', account: '000000000000', time: 't', region: 'r' })).toBe(
      undefined,
    );
  });
});
