// The snapshot function's listing code against the real AWS SDK clients and their wire protocols: a
// local endpoint answers recorded CloudFormation XML and Resource Explorer / Tagging JSON pages.
// Every page is read to the end, throttling is retried, a listing cut short proves nothing, and the
// events reach a local bus through the real PutEvents and come out as the index's changes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeEvent } from '../../shared/ingest/normalize-event';
import { DeadLetterFile } from '../../shared/local/dead-letter-file';
import { EventDispatcher } from '../../shared/local/event-dispatcher';
import { startLocalEventBus } from '../../shared/local/local-event-bus';
import type { BusEvent } from '../../shared/local/put-events-protocol';
import type { Normalization } from '../../shared/model/normalization';
import { rulesMatching } from '../../shared/rules/event-pattern-matcher';
import { RULES } from '../../shared/rules/rule-patterns';
import { createListingClients, destroyListingClients } from '../../shared/snapshot/listing/listing-clients';
import type { ListingClients } from '../../shared/snapshot/listing/listing-clients';
import { INDEX_LAG_MILLIS } from '../../shared/snapshot/listing/resource-explorer-listing';
import { runSnapshot } from '../../shared/snapshot/listing/snapshot-run';
import type { SnapshotListing } from '../../shared/snapshot/snapshot-listing';
import { sendListings } from '../../shared/snapshot/snapshot-sender';
import { json, jsonError, startRecordedServer, xml, xmlError } from './recorded-aws-server';
import type { RecordedRequest, RecordedServer, Reply } from './recorded-aws-server';

const NOW = new Date('2024-06-10T12:00:00.000Z');
const CONTEXT = { account: '111122223333', region: 'eu-west-1', concurrency: 2, now: () => NOW };
const TAGGING_JSON = 'application/x-amz-json-1.1';

/** The recorded account: two stacks over two pages, a stack with two pages of resources, an index. */
function account(
  overrides: Partial<Record<string, (request: RecordedRequest, seen: number) => Reply | undefined>> = {},
) {
  const seen = new Map<string, number>();
  return (request: RecordedRequest): Reply => {
    const key = `${request.operation} ${String(request.params.NextToken ?? request.params.StackName ?? request.params.PaginationToken ?? '')}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    const override = overrides[request.operation]?.(request, count);
    if (override) return override;
    switch (request.operation) {
      case 'ListStacks':
        return xml(request.params.NextToken === 'stacks-page-2' ? 'list-stacks-2.xml' : 'list-stacks-1.xml');
      case 'ListStackResources':
        if (String(request.params.StackName).includes('shop-ops'))
          return xml('list-stack-resources-shop-ops.xml');
        if (request.params.NextToken !== 'shop-prod-resources-2')
          return xml('list-stack-resources-shop-prod-1.xml');
        // The second page is throttled once: the client must retry it.
        return count === 1 ? xml('throttling.xml', 400) : xml('list-stack-resources-shop-prod-2.xml');
      case 'GetDefaultView':
        return json('get-default-view.json');
      case 'GetView':
        return json('get-view.json');
      case 'ListResources':
        if (request.params.NextToken !== 'resources-page-2') return json('list-resources-1.json');
        return count === 1
          ? jsonError(400, 'ThrottlingException', 'Rate exceeded')
          : json('list-resources-2.json');
      case 'GetResources':
        return json(
          request.params.PaginationToken === 'tagging-page-2'
            ? 'get-resources-2.json'
            : 'get-resources-1.json',
          TAGGING_JSON,
        );
      case 'ListAccounts':
        // A standalone account: it may not list an organization (organization-listing.test.ts).
        return jsonError(400, 'AWSOrganizationsNotInUseException', 'not a member of an organization');
      default:
        return jsonError(400, 'UnknownOperationException', request.operation);
    }
  };
}

let server: RecordedServer;
let clients: ListingClients;

async function start(respond: (request: RecordedRequest) => Reply, maxAttempts = 4): Promise<void> {
  server = await startRecordedServer(respond);
  clients = createListingClients({
    region: 'eu-west-1',
    endpoint: server.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
  });
}

afterEach(async () => {
  destroyListingClients(clients);
  await server.close();
});

async function listAll(): Promise<SnapshotListing[]> {
  const captured: SnapshotListing[] = [];
  await runSnapshot({
    clients,
    context: CONTEXT,
    send: async (listings) => {
      captured.push(...listings);
      return listings.map((listing) => ({
        runId: listing.run.id,
        eventsSent: 1,
        eventsFailed: 0,
        completionSent: true,
        failures: {},
      }));
    },
  });
  return captured;
}

const ids = (listing: SnapshotListing | undefined) =>
  (listing?.observations ?? []).map((observation) => observation.id).sort();
const find = (listings: SnapshotListing[], source: string, region = 'eu-west-1') =>
  listings.find((listing) => listing.run.source === source && listing.run.region === region);

test('every page of every call is read, throttled pages are retried, and the listings are complete', async () => {
  await start(account());
  const listings = await listAll();

  const stacks = find(listings, 'cloudformation');
  expect(ids(stacks)).toEqual([
    'arn:aws:dynamodb:eu-west-1:111122223333:table/shop-prod-OrdersTable-9F8E7D6C5B4A',
    'arn:aws:s3:::shop-prod-assets-7k2m9q',
    'arn:aws:sqs:eu-west-1:111122223333:shop-prod-orders',
  ]);
  expect(stacks?.observations.find((o) => o.type === 'AWS::SQS::Queue')?.stack).toEqual({
    id: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/shop-prod/0f6f4c10-0000-11ef-9f1b-0a1b2c3d4e5f',
    name: 'shop-prod',
    logicalId: 'OrdersQueue',
  });
  expect(ids(find(listings, 'cloudformation', 'global'))).toEqual([
    'arn:aws:iam::111122223333:role/shop-ops-readonly',
  ]);
  expect(stacks).toMatchObject({
    complete: true,
    completeTypes: [],
    pages: 5,
    skipped: { 'AWS::CDK::Metadata is no AWS resource': 1 },
  });
  expect(stacks?.run.listedAt).toBe('2024-06-10T12:00:00Z');

  const indexed = find(listings, 'resource-explorer');
  expect(ids(indexed)).toEqual([
    'arn:aws:lambda:eu-west-1:111122223333:function:shop-prod-resize',
    'arn:aws:mediaimport:eu-west-1:111122223333:pipeline/nightly',
    'arn:aws:s3:::shop-prod-assets-7k2m9q',
  ]);
  // The view holds tags: a resource without the property has none; a stack is no resource row.
  expect(indexed?.observations.find((o) => o.type === 'AWS::Lambda::Function')?.tags).toEqual({});
  expect(indexed?.observations.find((o) => o.type === 'AWS::S3::Bucket')?.tags).toEqual({
    owner: 'web-team',
  });
  expect(indexed).toMatchObject({
    complete: true,
    // Complete for the known types it saw, not for the one only derived from its ARN.
    completeTypes: ['AWS::Lambda::Function', 'AWS::S3::Bucket'],
    unknownTypes: { 'AWS::Mediaimport::Pipeline': 1 },
    skipped: { 'stacks are tracked as stacks': 1 },
    pages: 2,
  });
  expect(Date.parse(indexed?.run.listedAt ?? '')).toBe(NOW.getTime() - INDEX_LAG_MILLIS);
  expect(find(listings, 'resource-explorer', 'global')?.completeTypes).toEqual(['AWS::IAM::Role']);

  const calls = server.requests.map(
    (request) => `${request.operation} ${String(request.params.NextToken ?? '')}`,
  );
  // Each throttled page was asked twice: once throttled, once answered.
  expect(calls.filter((call) => call === 'ListStackResources shop-prod-resources-2')).toHaveLength(2);
  expect(calls.filter((call) => call === 'ListResources resources-page-2')).toHaveLength(2);
  expect(calls).toContain('ListStacks stacks-page-2');
  // Live stacks only: every status but DELETE_COMPLETE is asked for.
  const listStacks = server.requests.find((request) => request.operation === 'ListStacks');
  const filter = Object.entries(listStacks?.params ?? {}).filter(([key]) =>
    key.startsWith('StackStatusFilter.member'),
  );
  expect(filter.map(([, value]) => value)).not.toContain('DELETE_COMPLETE');
  expect(filter.length).toBeGreaterThan(10);
});

test('a listing cut short (a page that keeps failing) is partial and proves no absence', async () => {
  await start(
    account({
      ListResources: (request) =>
        request.params.NextToken === 'resources-page-2'
          ? jsonError(500, 'InternalServerException', 'try again')
          : undefined,
      ListStackResources: (request) =>
        String(request.params.StackName).includes('shop-ops')
          ? xmlError(400, 'ValidationError', 'Stack does not exist')
          : undefined,
    }),
    2,
  );
  const listings = await listAll();
  const indexed = find(listings, 'resource-explorer');
  expect(indexed).toMatchObject({ complete: false, completeTypes: [] });
  expect(indexed?.reason).toMatch(/ListResources failed: InternalServerException/);
  // What the first page saw is still true, and still observed.
  expect(ids(indexed)).toContain('arn:aws:s3:::shop-prod-assets-7k2m9q');
  const stacks = find(listings, 'cloudformation');
  expect(stacks).toMatchObject({ complete: false });
  expect(stacks?.reason).toMatch(/ListStackResources of shop-ops failed: .*Stack does not exist/);

  // On the bus, the end of the run says so: the index infers nothing from it.
  const end = normalizeEvent(busEventOf(listingEnd(indexed)));
  expect(end.listing).toMatchObject({ complete: false, types: [] });
});

test('without an index (no default view), the Tagging API is listed instead, and proves no absence', async () => {
  await start(
    account({ GetDefaultView: () => jsonError(404, 'ResourceNotFoundException', 'no default view') }),
  );
  const listings = await listAll();
  expect(find(listings, 'resource-explorer')).toBeUndefined();
  const tagged = find(listings, 'tagging');
  expect(ids(tagged)).toEqual([
    'arn:aws:s3:::shop-manual-exports',
    'arn:aws:sqs:eu-west-1:111122223333:shop-prod-orders',
  ]);
  expect(tagged).toMatchObject({
    complete: true,
    completeTypes: [],
    pages: 2,
    skipped: { 'stacks are tracked as stacks': 1 },
  });
  expect(tagged?.observations.find((o) => o.type === 'AWS::S3::Bucket')?.tags).toEqual({ team: 'data' });
});

test('a view with a filter lists completely but proves no absence', async () => {
  await start(
    account({
      GetView: () => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          View: {
            ViewArn: 'arn:aws:resource-explorer-2:eu-west-1:111122223333:view/tagged/1',
            Filters: { FilterString: 'tag.key:team' },
          },
        }),
      }),
    }),
  );
  const indexed = find(await listAll(), 'resource-explorer');
  expect(indexed).toMatchObject({ complete: true, completeTypes: [] });
  // Without the tags property in the view, a resource without the property claims no tags.
  expect(indexed?.observations.find((o) => o.type === 'AWS::Lambda::Function')).not.toHaveProperty('tags');
});

function listingEnd(listing: SnapshotListing | undefined) {
  if (!listing) throw new Error('no listing');
  return {
    source: 'resource-inventory.snapshot',
    detailType: 'Resource Inventory Snapshot',
    detail: endDetail(listing),
  };
}

function endDetail(listing: SnapshotListing) {
  return {
    kind: 'listing-complete',
    run: listing.run,
    scope: { account: listing.run.account, region: listing.run.region, types: listing.completeTypes },
    complete: listing.complete,
    observed: listing.observations.length,
    finishedAt: listing.finishedAt,
    reason: listing.reason,
  };
}

function busEventOf(event: { source: string; detailType: string; detail: unknown }) {
  return {
    version: '0',
    id: 'e',
    'detail-type': event.detailType,
    source: event.source,
    account: '111122223333',
    time: NOW.toISOString(),
    region: 'eu-west-1',
    resources: [],
    detail: event.detail,
  };
}

test('the runs reach a bus through the real PutEvents and come out as observations and listing ends', async () => {
  await start(account());
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-bus-'));
  const delivered: Normalization[] = [];
  const target = async (event: BusEvent) => {
    delivered.push(normalizeEvent(event));
  };
  const dispatcher = new EventDispatcher({
    rules: RULES,
    matches: (event, rules) => rulesMatching(event, rules),
    targets: { 'cloudformation-ingest': target, 'cloudtrail-ingest': target },
    deadLetters: new DeadLetterFile(join(dir, 'dead-letters.jsonl')),
  });
  const bus = await startLocalEventBus({ dispatcher, account: '111122223333', defaultRegion: 'eu-west-1' });
  try {
    const report = await runSnapshot({
      clients,
      context: CONTEXT,
      send: (listings) => sendListings(listings, { endpoint: bus.url, region: 'eu-west-1' }),
    });
    expect(report.failures).toEqual([]);
    expect(report.skipped).toEqual([expect.stringMatching(/AWSOrganizationsNotInUseException/)]);
    expect(report.observed).toBe(8);
    const deadline = Date.now() + 10_000;
    while (
      delivered.filter((result) => result.listing).length < report.runs.length &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(delivered.every((result) => result.outcome === 'mapped')).toBe(true);
    expect(delivered.flatMap((result) => result.changes)).toHaveLength(8);
    expect(
      delivered
        .filter((result) => result.listing)
        .map((result) => result.listing?.runId)
        .sort(),
    ).toEqual(report.runs.map((run) => run.id).sort());
  } finally {
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
