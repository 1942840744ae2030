// The organization's accounts listed through the real Organizations client (JSON 1.1 over HTTP) against
// recorded ListAccounts pages on loopback: every page to the end, names kept, a closed account left
// out, a refusal skipped without failing the run, a delegated administrator writing nothing of the
// management account's, and the observations admitted for the management account only.
import { admitEvent } from '../../shared/ingest/normalize-event';
import { createListingClients, destroyListingClients } from '../../shared/snapshot/listing/listing-clients';
import type { ListingClients } from '../../shared/snapshot/listing/listing-clients';
import type { ListingContext } from '../../shared/snapshot/listing/listing-context';
import { listOrganizationAccounts } from '../../shared/snapshot/listing/organization-listing';
import { runSnapshot } from '../../shared/snapshot/listing/snapshot-run';
import { listingCompleteEvent, observationEvents } from '../../shared/snapshot/snapshot-events';
import type { SnapshotListing } from '../../shared/snapshot/snapshot-listing';
import { json, jsonError, startRecordedServer } from './recorded-aws-server';
import type { RecordedRequest, RecordedServer, Reply } from './recorded-aws-server';

const NOW = new Date('2024-06-10T12:00:00.000Z');
const MANAGEMENT = '111111111111';
const context = (account: string): ListingContext => ({
  account,
  region: 'eu-west-1',
  concurrency: 2,
  now: () => NOW,
});
const ORGANIZATIONS_JSON = 'application/x-amz-json-1.1';
const PAGE_2 = 'AAQAAJsxgS2Xq7C5EXAMPLEcJfTw2hbULG3sdCaE5gqK9HqSpH3cxY8HkfkxJ1ZlEfXoL3Zr0uA4dGbRV0NZbAWpTq6n';

/** Two recorded pages of ListAccounts; anything else this test does not expect. */
function organization(listAccounts?: (request: RecordedRequest) => Reply | undefined) {
  return (request: RecordedRequest): Reply => {
    if (request.operation !== 'ListAccounts')
      return jsonError(400, 'UnknownOperationException', request.operation);
    return (
      listAccounts?.(request) ??
      json(
        request.params.NextToken === PAGE_2 ? 'list-accounts-2.json' : 'list-accounts-1.json',
        ORGANIZATIONS_JSON,
      )
    );
  };
}

let server: RecordedServer;
let clients: ListingClients;

async function start(respond: (request: RecordedRequest) => Reply): Promise<void> {
  server = await startRecordedServer(respond);
  clients = createListingClients({
    region: 'eu-west-1',
    endpoint: server.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 2,
  });
}

afterEach(async () => {
  destroyListingClients(clients);
  await server.close();
});

async function listings(account: string): Promise<SnapshotListing[]> {
  const result = await listOrganizationAccounts(clients.organizations, context(account));
  if (!('listings' in result)) throw new Error(`skipped: ${result.skipped}`);
  return result.listings;
}

test('the management account lists every page: each account named, in its own scope, complete', async () => {
  await start(organization());
  const [listing, ...others] = await listings(MANAGEMENT);

  expect(others).toEqual([]);
  expect(server.requests.map((request) => request.params.NextToken ?? null)).toEqual([null, PAGE_2]);
  expect(listing.run).toMatchObject({ source: 'organizations', account: MANAGEMENT, region: 'global' });
  expect(listing.observations).toEqual(
    [
      ['111111111111', 'Management'],
      ['111122223333', 'Production'],
      // Suspended: it can still be reinstated, and still owns the resources the index counts.
      ['444455556666', 'Staging'],
    ].map(([member, name]) => ({
      id: `arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/${member}`,
      arn: `arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/${member}`,
      type: 'AWS::Organizations::Account',
      account: MANAGEMENT,
      region: 'global',
      name,
    })),
  );
  expect(listing).toMatchObject({
    complete: true,
    // Read to the end: an account no longer listed has left the organization.
    completeTypes: ['AWS::Organizations::Account'],
    skipped: { 'a closed account (gone for good)': 1 },
    pages: 2,
  });
});

test.each([
  [
    'AWSOrganizationsNotInUseException',
    'Your account is not a member of an organization.',
    /belongs to no organization/,
  ],
  [
    'AccessDeniedException',
    'You don’t have permissions to access this resource.',
    /not the management account/,
  ],
])(
  'refused with %s (a standalone or member account): skipped, no run, no failure',
  async (type, message, why) => {
    await start(organization(() => jsonError(400, type, message)));
    const result = await listOrganizationAccounts(clients.organizations, context('111122223333'));
    expect(result).toEqual({ skipped: expect.stringContaining(`ListAccounts refused (${type})`) });
    expect('skipped' in result && result.skipped).toMatch(why);
    // A refusal is an answer, not a fault: asked once, not retried.
    expect(server.requests).toHaveLength(1);
  },
);

test('a whole snapshot of a member account: the refusal is reported as skipped, never as a failure', async () => {
  await start((request) =>
    request.operation === 'ListAccounts'
      ? jsonError(400, 'AccessDeniedException', 'You don’t have permissions to access this resource.')
      : // Nothing else in this account: no stacks, no index, no tagged resource.
        request.operation === 'GetDefaultView'
        ? jsonError(404, 'ResourceNotFoundException', 'no default view')
        : request.operation === 'GetResources'
          ? {
              status: 200,
              body: '{"ResourceTagMappingList":[],"PaginationToken":""}',
              headers: { 'content-type': ORGANIZATIONS_JSON },
            }
          : {
              status: 200,
              body: '<ListStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><ListStacksResult><StackSummaries/></ListStacksResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListStacksResponse>',
              headers: { 'content-type': 'text/xml' },
            },
  );
  const sent: SnapshotListing[] = [];
  const report = await runSnapshot({
    clients,
    context: context('111122223333'),
    send: async (batch) => {
      sent.push(...batch);
      return batch.map((listing) => ({
        runId: listing.run.id,
        eventsSent: 1,
        eventsFailed: 0,
        completionSent: true,
        failures: {},
      }));
    },
  });
  expect(report.failures).toEqual([]);
  expect(report.skipped).toEqual([
    expect.stringMatching(/^organizations: Organizations ListAccounts refused \(AccessDeniedException\)/),
  ]);
  expect(sent.map((listing) => listing.run.source).sort()).toEqual(['cloudformation', 'tagging']);
});

test("a delegated administrator lists the accounts but writes none: they are the management account's", async () => {
  await start(organization());
  const [listing, ...others] = await listings('222233334444');
  expect(others).toEqual([]);
  expect(listing.run).toMatchObject({ account: '222233334444', region: 'global' });
  expect(listing.observations).toEqual([]);
  expect(listing.completeTypes).toEqual([]);
  expect(listing.skipped).toEqual({
    "another account's resource (its own snapshot lists it)": 3,
    'a closed account (gone for good)': 1,
  });
});

test('a page that keeps failing after the first: partial, proves no absence, and is a failure', async () => {
  await start(
    organization((request) =>
      request.params.NextToken === PAGE_2 ? jsonError(500, 'ServiceException', 'try again') : undefined,
    ),
  );
  const [listing] = await listings(MANAGEMENT);
  expect(listing).toMatchObject({ complete: false, completeTypes: [] });
  expect(listing.reason).toMatch(/Organizations ListAccounts failed: ServiceException/);
  expect(listing.observations.map((observation) => observation.name)).toEqual(['Management', 'Production']);
});

test('the events are admitted from the management account only', async () => {
  await start(organization());
  const [listing] = await listings(MANAGEMENT);
  const events = [...observationEvents(listing), listingCompleteEvent(listing)];
  const envelope = (account: string, event: (typeof events)[number]) => ({
    version: '0',
    id: 'e',
    'detail-type': event.detailType,
    source: event.source,
    account,
    time: NOW.toISOString(),
    region: 'eu-west-1',
    resources: [],
    detail: event.detail,
  });
  const admitted = events.map((event) => admitEvent(envelope(MANAGEMENT, event)));
  expect(admitted.every((admission) => admission.foreign === undefined)).toBe(true);
  expect(
    admitted.flatMap((admission) => admission.normalization.changes).map((change) => change.name),
  ).toEqual(['Management', 'Production', 'Staging']);
  expect(admitted[admitted.length - 1].normalization.listing).toMatchObject({
    account: MANAGEMENT,
    region: 'global',
    types: ['AWS::Organizations::Account'],
    complete: true,
  });
  // Sent from a member account, the same events claim another account's resources: refused.
  expect(admitEvent(envelope('111122223333', events[0])).normalization.outcome).toBe('rejected');
});
