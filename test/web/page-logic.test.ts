// The page's pure parts: console links (deep only where the form is known), the Name tag for EC2-style
// ids, short principals, sorting of loaded rows, what a snapshot entry did to its row, CSV row counts,
// accounts shown by name, and the summary's shape with or without the names.
import type { HistoryEntry, ResourceRecord } from '../../shared/model/resource-record';
import { accountLabel } from '../../shared/model/organization-account';
import { SUMMARY } from '../../web/src/api-shapes';
import { consoleLinkOf, isConsoleUrl } from '../../web/src/console-link';
import { countRows } from '../../web/src/csv-download';
import { shortPrincipal } from '../../web/src/principal-name';
import { shownNameOf } from '../../web/src/resource-name';
import { readSort, sortResources, sortText } from '../../web/src/resource-sort';
import { snapshotEffects } from '../../web/src/snapshot-effects';

function resource(fields: Partial<ResourceRecord>): ResourceRecord {
  return {
    id: 'x',
    arn: null,
    type: 'AWS::S3::Bucket',
    service: 's3',
    account: '111122223333',
    region: 'eu-west-1',
    name: 'x',
    status: 'active',
    stack: null,
    tags: {},
    firstSeen: '2024-06-01T00:00:00Z',
    lastChanged: '2024-06-01T00:00:00Z',
    deletedAt: null,
    sources: ['cloudtrail'],
    createdBy: null,
    lastChangedBy: null,
    lastConfirmed: null,
    ...fields,
  };
}

describe('console links', () => {
  test.each([
    [
      resource({ name: 'shop-assets', arn: 'arn:aws:s3:::shop-assets' }),
      'resource',
      'https://eu-west-1.console.aws.amazon.com/s3/buckets/shop-assets?region=eu-west-1',
    ],
    [
      resource({
        type: 'AWS::EC2::Instance',
        service: 'ec2',
        name: 'i-0abc1234def567890',
        arn: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc1234def567890',
      }),
      'resource',
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#InstanceDetails:instanceId=i-0abc1234def567890',
    ],
    [
      resource({
        type: 'AWS::Logs::LogGroup',
        service: 'logs',
        name: '/aws/lambda/orders',
        arn: 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/orders',
      }),
      'resource',
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Forders',
    ],
    [
      resource({
        type: 'AWS::IAM::Role',
        service: 'iam',
        region: 'global',
        name: 'deploy',
        arn: 'arn:aws:iam::111122223333:role/deploy',
      }),
      'resource',
      'https://console.aws.amazon.com/iam/home#/roles/details/deploy',
    ],
    // A type without a known deep link: its service's page, never a guessed path.
    [
      resource({
        type: 'AWS::SQS::Queue',
        service: 'sqs',
        name: 'orders',
        arn: 'arn:aws:sqs:eu-west-1:111122223333:orders',
      }),
      'service',
      'https://eu-west-1.console.aws.amazon.com/sqs/v3/home?region=eu-west-1',
    ],
    // A service without a known console page: the region's console home.
    [
      resource({
        type: 'AWS::Foo::Bar',
        service: 'foo',
        name: 'b',
        arn: 'arn:aws:foo:eu-west-1:111122223333:bar/b',
      }),
      'home',
      'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1',
    ],
    // A deep link that needs the ARN falls back when the row has none.
    [
      resource({ type: 'AWS::SNS::Topic', service: 'sns', name: 'alerts', arn: null }),
      'service',
      'https://eu-west-1.console.aws.amazon.com/sns/v3/home?region=eu-west-1',
    ],
    [
      resource({
        type: 'AWS::Lambda::Function',
        service: 'lambda',
        region: 'cn-north-1',
        name: 'f',
        arn: 'arn:aws-cn:lambda:cn-north-1:111122223333:function:f',
      }),
      'resource',
      'https://console.amazonaws.cn/lambda/home?region=cn-north-1#/functions/f',
    ],
  ])('%#: %o links to its %s page', (item, kind, url) => {
    const link = consoleLinkOf(item);
    expect(link).toEqual({ kind, url });
    expect(isConsoleUrl(url)).toBe(true);
  });

  test('an unknown partition has no link, and only console hosts pass the check', () => {
    expect(consoleLinkOf(resource({ arn: 'arn:aws-iso:s3:::b' }))).toBeNull();
    expect(isConsoleUrl('https://example.invalid/')).toBe(false);
    expect(isConsoleUrl('javascript:alert(1)')).toBe(false);
    expect(isConsoleUrl('https://evil.console.aws.amazon.com.attacker.invalid/')).toBe(false);
  });
});

describe('the Name tag of EC2-style ids', () => {
  test.each([
    ['i-0abc1234def567890', { Name: 'web-1' }, { name: 'web-1', id: 'i-0abc1234def567890' }],
    ['vol-0123456789abcdef0', { Name: 'data' }, { name: 'data', id: 'vol-0123456789abcdef0' }],
    ['sg-12345678', { Name: 'web' }, { name: 'web', id: 'sg-12345678' }],
    ['tgw-attach-0123456789abcdef0', { Name: 'hub' }, { name: 'hub', id: 'tgw-attach-0123456789abcdef0' }],
    ['i-0abc1234def567890', {}, { name: 'i-0abc1234def567890' }],
    ['i-0abc1234def567890', { Name: '  ' }, { name: 'i-0abc1234def567890' }],
    // A name that is not an EC2 id keeps its name, whatever its Name tag says.
    ['shop-prod-assets', { Name: 'assets' }, { name: 'shop-prod-assets' }],
  ])('%s with %o shows %o', (name, tags, shown) => {
    expect(shownNameOf({ name, tags })).toEqual(shown);
  });
});

test.each([
  ['arn:aws:sts::111122223333:assumed-role/Admin/alice@example', 'Admin/alice@example'],
  ['arn:aws:iam::111122223333:user/ops/bob', 'user/bob'],
  ['arn:aws:iam::111122223333:user/bob', 'user/bob'],
  ['arn:aws:iam::111122223333:root', 'root'],
  ['cloudformation.amazonaws.com', 'cloudformation.amazonaws.com'],
])('principal %s is shown as %s', (principal, shown) => {
  expect(shortPrincipal(principal)).toBe(shown);
});

describe('sorting the loaded rows', () => {
  const rows = [
    resource({ id: 'a', name: 'beta', lastChanged: '2024-06-02T00:00:00Z', lastChangedBy: 'x' }),
    resource({ id: 'b', name: 'Alpha', lastChanged: '2024-06-03T00:00:00Z' }),
    resource({ id: 'c', name: 'gamma10', lastChanged: '2024-06-01T00:00:00Z', lastChangedBy: 'a' }),
    resource({ id: 'd', name: 'gamma9', lastChanged: '2024-06-03T00:00:00Z' }),
  ];
  const ids = (items: ResourceRecord[]) => items.map((item) => item.id);

  test('recently changed first, ties in the API order', () => {
    expect(ids(sortResources(rows, { key: 'lastChanged', descending: true }))).toEqual(['b', 'd', 'a', 'c']);
  });
  test('names ignore case and read numbers as numbers', () => {
    expect(ids(sortResources(rows, { key: 'name', descending: false }))).toEqual(['b', 'a', 'd', 'c']);
    expect(ids(sortResources(rows, { key: 'name', descending: true }))).toEqual(['c', 'd', 'a', 'b']);
  });
  test('empty values go last in either direction', () => {
    expect(ids(sortResources(rows, { key: 'lastChangedBy', descending: false }))).toEqual([
      'c',
      'a',
      'b',
      'd',
    ]);
    expect(ids(sortResources(rows, { key: 'lastChangedBy', descending: true }))).toEqual([
      'a',
      'c',
      'b',
      'd',
    ]);
  });
  test('the hash form round-trips and refuses unknown keys', () => {
    expect(readSort('-lastChanged')).toEqual({ key: 'lastChanged', descending: true });
    expect(sortText({ key: 'name', descending: false })).toBe('name');
    expect(readSort('constructor')).toBeUndefined();
    expect(readSort('-')).toBeUndefined();
    expect(readSort(null)).toBeUndefined();
  });
});

describe('what a snapshot entry did to its row', () => {
  let n = 0;
  const entry = (fields: Partial<HistoryEntry>): HistoryEntry => ({
    eventId: `e${++n}`,
    eventTime: `2024-06-0${n}T00:00:00Z`,
    source: 'cloudtrail',
    action: 'upsert',
    lifecycle: 'create',
    sourceStatus: null,
    name: null,
    stack: undefined,
    tags: null,
    principal: null,
    ...fields,
  });
  const snapshot = (fields: Partial<HistoryEntry>) =>
    entry({ source: 'snapshot', lifecycle: 'observe', ...fields });
  /** Written oldest first for reading; the API gives newest first. Effects come back oldest first. */
  const effects = (...oldestFirst: HistoryEntry[]) => {
    const found = snapshotEffects([...oldestFirst].reverse());
    return [...found.keys()].sort((a, b) => b - a).map((at) => found.get(at));
  };

  test('a first entry from a snapshot found the resource', () => {
    expect(effects(snapshot({ name: 'b', tags: { set: { a: '1' } } }))).toEqual([{ kind: 'found' }]);
  });
  test('an observation that agrees confirms', () => {
    expect(
      effects(
        entry({ name: 'b', tags: { set: { a: '1' } } }),
        snapshot({ name: 'b', tags: { set: { a: '1' } } }),
      ),
    ).toEqual([{ kind: 'confirmed' }]);
  });
  test('an observation with other tags, after a missed delete, corrects status and tags', () => {
    expect(
      effects(
        entry({ name: 'b', tags: { set: { a: '1' } } }),
        entry({ action: 'delete', lifecycle: 'delete' }),
        snapshot({ name: 'b', tags: { set: { a: '2' } } }),
      ),
    ).toEqual([{ kind: 'corrected', fields: ['status: restored', 'tags'] }]);
  });
  test('an absence from a complete listing corrects an active row to deleted', () => {
    expect(
      effects(
        entry({ name: 'b', tags: { add: { a: '1' } } }),
        snapshot({ action: 'delete', lifecycle: 'absent' }),
        snapshot({ action: 'delete', lifecycle: 'absent' }),
      ),
    ).toEqual([{ kind: 'corrected', fields: ['status: deleted'] }, { kind: 'confirmed' }]);
  });
  test('tags removed by an event, then listed again, are a correction', () => {
    expect(
      effects(
        entry({ tags: { set: { a: '1', b: '2' } } }),
        entry({ lifecycle: 'tag', tags: { remove: ['b'] } }),
        snapshot({ tags: { set: { a: '1', b: '2' } } }),
      ),
    ).toEqual([{ kind: 'corrected', fields: ['tags'] }]);
  });
});

test('CSV rows are counted outside quoted line breaks', () => {
  expect(countRows('id,name\n')).toBe(0);
  expect(countRows('id,name\na,"two\nlines"\nb,c\n')).toBe(2);
});

describe('accounts in the counts', () => {
  const names = { '111122223333': 'Production' };
  test('an account the organization names shows its name and id; any other its id alone', () => {
    expect(accountLabel('111122223333', names)).toBe('Production — 111122223333');
    expect(accountLabel('444455556666', names)).toBe('444455556666');
    // Names are data from the index: an inherited key is no name.
    expect(accountLabel('toString', names)).toBe('toString');
  });

  test('a summary with names, and one from an API older than them, are both read; odd names are not', () => {
    const counts = { status: 'active', total: 1, byType: {}, byService: {}, byAccount: {}, byRegion: {} };
    expect(SUMMARY.accepts({ ...counts, accountNames: names })).toBe(true);
    expect(SUMMARY.accepts(counts)).toBe(true);
    expect(SUMMARY.accepts({ ...counts, accountNames: { '111122223333': 7 } })).toBe(false);
    expect(SUMMARY.accepts({ ...counts, accountNames: ['Production'] })).toBe(false);
  });
});
