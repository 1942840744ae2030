// GET /summary's `accountNames` through the real handler and DynamoDB Local: the organization's
// account rows (as the management account's snapshot writes them) name the accounts byAccount counts,
// and only those; an unnamed, closed or foreign row names nothing; the names cost one Query.
import { normalizeEvent } from '../../shared/ingest/normalize-event';
import type { ResourceChange } from '../../shared/model/resource-change';
import { accountNamesOf } from '../../shared/query/account-names';
import type { ResourceFilter } from '../../shared/store/index-store';
import type { ResourceRecord } from '../../shared/model/resource-record';
import { SUMMARY_SHARDS } from '../../shared/store/index-items';
import { ACCOUNT, bucketChange, resourceChange } from '../fixtures/changes';
import { SAMPLES, sampleEvents } from '../snapshot/snapshot-samples';
import { startQueryApiHarness } from './query-api-harness';
import type { QueryApiHarness } from './query-api-harness';

const MANAGEMENT = '111111111111';
const accountArn = (member: string) => `arn:aws:organizations::${MANAGEMENT}:account/o-a1b2c3d4e5/${member}`;
const accountRow = (member: string, overrides: Partial<ResourceChange> = {}) =>
  resourceChange(accountArn(member), 'AWS::Organizations::Account', `Account ${member}`, {
    account: MANAGEMENT,
    region: 'global',
    eventId: `evt-account-${member}`,
    ...overrides,
  });

let harness: QueryApiHarness;

beforeAll(async () => {
  harness = await startQueryApiHarness('account-names');
  // The organization as `npm run snapshot` reads `aws organizations list-accounts` (events/snapshot).
  const events = await sampleEvents(`${SAMPLES}/organizations/list-accounts.json`);
  const changes = events.flatMap(
    (event) =>
      normalizeEvent({
        version: '0',
        id: 'e',
        'detail-type': event.detailType,
        source: event.source,
        account: MANAGEMENT,
        time: '2024-06-10T12:00:00Z',
        region: 'eu-west-1',
        resources: [],
        detail: event.detail,
      }).changes,
  );
  await harness.store.applyChanges([
    ...changes,
    // Resources of Production (the sample's 111122223333), of an account outside the organization,
    // and of one whose account row carries no name (named after its id).
    bucketChange('production-assets'),
    bucketChange('outsider-assets', { account: '999988887777' }),
    bucketChange('unnamed-assets', { account: '555566667777' }),
    accountRow('555566667777', { name: undefined }),
    // A closed account, inferred gone: its tombstone names nothing, its deleted bucket still counts.
    bucketChange('closed-assets', { account: '222233334444' }),
    bucketChange('closed-assets', {
      account: '222233334444',
      action: 'delete',
      lifecycle: 'delete',
      eventTime: '2024-05-02T00:00:00Z',
      eventId: 'closed-assets-deleted',
    }),
    accountRow('222233334444'),
    accountRow('222233334444', {
      action: 'delete',
      lifecycle: 'delete',
      eventTime: '2024-05-02T00:00:00Z',
      eventId: 'account-closed',
    }),
  ]);
});
afterAll(() => harness.close());

test('names the counted accounts the organization names, and no others; every count as it was', async () => {
  harness.table.sentCommands.length = 0;
  const { status, body } = await harness.get('/summary');
  expect(status).toBe(200);
  expect(body).toMatchObject({
    total: 7,
    byAccount: { [MANAGEMENT]: 4, [ACCOUNT]: 1, '999988887777': 1, '555566667777': 1 },
  });
  // Staging (444455556666) is an account of the organization, but the index counts none of its resources.
  expect((body as { accountNames: unknown }).accountNames).toEqual({
    [MANAGEMENT]: 'Management',
    [ACCOUNT]: 'Production',
  });
  expect(Object.keys(body as object)).toEqual([
    'status',
    'total',
    'byType',
    'byService',
    'byAccount',
    'byRegion',
    'accountNames',
  ]);
  // The counters' Queries, then one Query of the account type's listing: no scan, no row per account.
  expect(harness.table.sentCommands).toEqual(Array(SUMMARY_SHARDS + 1).fill('QueryCommand'));
});

test("deleted rows' accounts are named by the active account rows; a closed account is not", async () => {
  const { body } = await harness.get('/summary?status=deleted');
  expect(body).toMatchObject({ byAccount: { '222233334444': 1, [MANAGEMENT]: 1 } });
  expect((body as { accountNames: unknown }).accountNames).toEqual({ [MANAGEMENT]: 'Management' });
});

test('an empty index answers empty names without reading any account row', async () => {
  const empty = await startQueryApiHarness('account-names-empty');
  try {
    empty.table.sentCommands.length = 0;
    expect((await empty.get('/summary')).body).toMatchObject({ total: 0, byAccount: {}, accountNames: {} });
    expect(empty.table.sentCommands).toEqual(Array(SUMMARY_SHARDS).fill('QueryCommand'));
  } finally {
    await empty.close();
  }
});

test('every page of the listing is read, and the newest-confirmed of two rows of one account wins', async () => {
  const row = (member: string, name: string, lastConfirmed: string | null): ResourceRecord =>
    ({
      id: accountArn(member),
      arn: accountArn(member),
      name,
      lastConfirmed,
      lastChanged: '2024-01-01T00:00:00Z',
    }) as ResourceRecord; // only the fields read
  const pages = [
    [row('111122223333', 'Old name', '2024-01-01T00:00:00Z'), row('444455556666', 'Staging', null)],
    [row('111122223333', 'Production', '2024-06-01T00:00:00Z')],
  ];
  const filters: ResourceFilter[] = [];
  const store = {
    listResources: async (filter: ResourceFilter, page: { after?: Record<string, unknown> }) => {
      filters.push(filter);
      const index = page.after ? Number(page.after.page) : 0;
      return { items: pages[index], next: index + 1 < pages.length ? { page: index + 1 } : undefined };
    },
  };
  expect(await accountNamesOf(store, ['444455556666', '111122223333'])).toEqual({
    '111122223333': 'Production',
    '444455556666': 'Staging',
  });
  expect(filters).toEqual([
    { type: 'AWS::Organizations::Account', status: 'active' },
    { type: 'AWS::Organizations::Account', status: 'active' },
  ]);
});
