// The deployed snapshot function end to end against a recorded account (real SDK clients, local
// endpoint): a scheduled run lists, puts on the bus and records its metrics; a deploy's custom
// resource is answered before the run, and a stack delete is answered without one.
import { createSnapshotHandler } from '../../shared/snapshot/listing/snapshot-function';
import type { Telemetry } from '../../shared/observability/telemetry';
import type { MetricKey } from '../../shared/observability/metric-catalog';
import { json, jsonError, startRecordedServer, xml } from './recorded-aws-server';
import type { RecordedRequest, RecordedServer, Reply } from './recorded-aws-server';

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:ResourceInventory-SnapshotFunction';
const BUS_ARN = 'arn:aws:events:eu-west-1:999988887777:event-bus/ResourceInventory-central';

function respond(request: RecordedRequest): Reply {
  switch (request.operation) {
    case 'ListStacks':
      return xml('list-stacks-2.xml');
    case 'ListStackResources':
      return xml('list-stack-resources-shop-ops.xml');
    case 'GetDefaultView':
      return jsonError(404, 'ResourceNotFoundException', 'no default view in this region');
    case 'GetResources':
      return json('get-resources-2.json', 'application/x-amz-json-1.1');
    case 'ListAccounts':
      // The organization's accounts as its management account sees them; any other is refused.
      if (!managementRun)
        return jsonError(400, 'AccessDeniedException', 'You don’t have permissions to access this resource.');
      return json(
        request.params.NextToken ? 'list-accounts-2.json' : 'list-accounts-1.json',
        'application/x-amz-json-1.1',
      );
    case 'PutEvents': {
      const entries = request.params.Entries as unknown[];
      return {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({
          FailedEntryCount: 0,
          Entries: entries.map((_, index) => ({ EventId: `e-${index}` })),
        }),
      };
    }
    default:
      return jsonError(400, 'UnknownOperationException', request.operation);
  }
}

let server: RecordedServer;
/** Whether the function under test runs in the organization's management account. */
let managementRun = false;
const recordedMetrics: [MetricKey, number][] = [];
const telemetry = {
  logger: { info: () => undefined, error: () => undefined, addContext: () => undefined },
  record: (metric: MetricKey, value: number) => recordedMetrics.push([metric, value]),
  flush: () => undefined,
} as unknown as Telemetry; // only the members the function uses

beforeAll(async () => {
  server = await startRecordedServer(respond);
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
});
afterAll(() => server.close());
beforeEach(() => {
  managementRun = false;
  server.requests.length = 0;
  recordedMetrics.length = 0;
});

function handler(put?: typeof fetch) {
  return createSnapshotHandler({
    env: { EVENT_BUS_NAME: BUS_ARN, AWS_REGION: 'eu-west-1' },
    telemetry,
    endpoint: server.url,
    put,
    now: () => new Date('2024-06-10T12:00:00.000Z'),
  });
}

test('a scheduled run lists the account, puts every run on the central bus and records its metrics', async () => {
  const report = await handler()({ source: 'aws.scheduler' }, { invokedFunctionArn: FUNCTION_ARN });
  expect(report?.failures).toEqual([]);
  // A member account may not list the organization: said, not failed.
  expect(report?.skipped).toEqual([expect.stringMatching(/ListAccounts refused \(AccessDeniedException\)/)]);
  expect(
    report?.runs.map((run) => `${run.source} ${run.account} ${run.region} ${run.observed}`).sort(),
  ).toEqual([
    'cloudformation 111122223333 eu-west-1 0',
    'cloudformation 111122223333 global 1',
    'tagging 111122223333 eu-west-1 1',
  ]);
  const putEvents = server.requests.filter((request) => request.operation === 'PutEvents');
  const entries = putEvents.flatMap(
    (request) => request.params.Entries as { EventBusName: string; DetailType: string }[],
  );
  expect(new Set(entries.map((entry) => entry.EventBusName))).toEqual(new Set([BUS_ARN]));
  // Two runs with observations send a batch each; all three send their end.
  expect(entries).toHaveLength(5);
  expect(Object.fromEntries(recordedMetrics)).toEqual({
    snapshotObserved: 2,
    snapshotPages: 3,
    snapshotDuration: 0,
    snapshotFailures: 0,
  });
});

test("in the management account the run also lists the organization's accounts, with their names", async () => {
  managementRun = true;
  const report = await handler()(
    { source: 'aws.scheduler' },
    { invokedFunctionArn: FUNCTION_ARN.replace('111122223333', '111111111111') },
  );
  expect(report?.failures).toEqual([]);
  expect(report?.skipped).toEqual([]);
  expect(report?.runs.find((run) => run.source === 'organizations')).toMatchObject({
    account: '111111111111',
    region: 'global',
    observed: 3,
    complete: true,
  });
  const entries = server.requests
    .filter((request) => request.operation === 'PutEvents')
    .flatMap((request) => request.params.Entries as { Detail: string }[])
    .map(
      (entry) =>
        JSON.parse(entry.Detail) as {
          kind: string;
          run: { source: string };
          resources?: { name?: string }[];
        },
    )
    .filter((detail) => detail.run.source === 'organizations');
  expect(entries.flatMap((detail) => detail.resources ?? []).map((resource) => resource.name)).toEqual([
    'Management',
    'Production',
    'Staging',
  ]);
});

test("a deploy's custom resource is answered SUCCESS first, then the account is listed", async () => {
  const answers: { url: string; body: Record<string, unknown>; listedBefore: number }[] = [];
  const put = (async (url: string, init: { body: string }) => {
    answers.push({ url, body: JSON.parse(init.body), listedBefore: server.requests.length });
    return new Response(null, { status: 200 });
  }) as unknown as typeof fetch;
  const event = {
    RequestType: 'Create',
    ResponseURL: 'https://cloudformation-custom-resource-response.invalid/presigned',
    StackId: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/ResourceInventoryForwarder/1',
    RequestId: 'req-1',
    LogicalResourceId: 'SnapshotAfterDeploy',
    ResourceType: 'Custom::InventorySnapshot',
    ResourceProperties: { CodeKey: 'abc.zip' },
  };
  const report = await handler(put)(event, { invokedFunctionArn: FUNCTION_ARN });
  expect(answers).toEqual([
    {
      url: event.ResponseURL,
      body: expect.objectContaining({
        Status: 'SUCCESS',
        RequestId: 'req-1',
        LogicalResourceId: 'SnapshotAfterDeploy',
      }),
      listedBefore: 0,
    },
  ]);
  expect(report?.observed).toBe(2);

  answers.length = 0;
  const deleted = await handler(put)(
    { ...event, RequestType: 'Delete', PhysicalResourceId: 'p' },
    { invokedFunctionArn: FUNCTION_ARN },
  );
  expect(deleted).toBeUndefined();
  expect(answers.map((answer) => answer.body.PhysicalResourceId)).toEqual(['p']);
});
