// The pattern-language cases, as data: each a pattern and an event with the verdict EventBridge
// gives, or a pattern EventBridge refuses with its reason. The local matcher is tested against every
// case (event-pattern-matcher.test.ts) and, opt-in, so is EventBridge's TestEventPattern
// (eventbridge-parity.test.ts). Each group names its source: a section of the Amazon EventBridge User
// Guide (most cases follow its examples), or Event Ruler (github aws/event-ruler, the engine
// EventBridge runs: README and JsonRuleCompiler.java) where the guide is silent.

export interface MatchCase {
  readonly kind: 'match';
  readonly source: string;
  readonly name: string;
  readonly pattern: unknown;
  /** A whole event: TestEventPattern requires id, account, source, time, region, resources, detail-type. */
  readonly event: Record<string, unknown>;
  readonly matches: boolean;
}

export interface InvalidCase {
  readonly kind: 'invalid';
  readonly source: string;
  readonly name: string;
  readonly pattern: unknown;
  /** What EventBridge says after "Event pattern is not valid. Reason: ". */
  readonly reason: string;
}

export type PatternCase = MatchCase | InvalidCase;

/** The EC2 state-change event of the guide's examples (and Event Ruler's README). */
export function awsEvent(detail: Record<string, unknown>, envelope: Record<string, unknown> = {}) {
  return {
    version: '0',
    id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
    'detail-type': 'EC2 Instance State-change Notification',
    source: 'aws.ec2',
    account: '123456789012',
    time: '2017-10-02T16:24:49Z',
    region: 'us-east-1',
    resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
    detail,
    ...envelope,
  };
}

const ec2Detail = {
  'c-count': 5,
  'd-count': 3,
  'x-limit': 301.8,
  'source-ip': '10.0.0.33',
  'instance-id': 'i-000000aaaaaa00000',
  state: 'running',
};
const ec2 = awsEvent(ec2Detail);
const withDetail = (detail: Record<string, unknown>) => awsEvent({ ...ec2Detail, ...detail });

type Row = [name: string, pattern: unknown, event: Record<string, unknown>, matches: boolean];
type InvalidRow = [name: string, pattern: unknown, reason: string];

function matching(source: string, rows: Row[]): MatchCase[] {
  return rows.map(([name, pattern, event, matches]) => ({
    kind: 'match',
    source,
    name,
    pattern,
    event,
    matches,
  }));
}

function refused(source: string, rows: InvalidRow[]): InvalidCase[] {
  return rows.map(([name, pattern, reason]) => ({ kind: 'invalid', source, name, pattern, reason }));
}

const detailOf = (field: string, matchers: unknown[]) => ({ detail: { [field]: matchers } });

/** A detail holding every row of the guide's comparison-operator table (as the default case). */
const operatorsDetail = {
  Location: 'New York',
  Day: 'Monday',
  state: 'running',
  Region: 'eu-west-1',
  FileName: 'dir/image.jpg',
  FilePath: 'usr/bin/a',
  service: 'EventBridge',
  LastName: 'Doe',
  Name: 'Alice',
  ProductName: 'Widget',
  Weather: 'Sunny',
  UserID: null,
  Price: 100,
  PaymentType: 'Credit',
};

export const PATTERN_CASES: readonly PatternCase[] = [
  // User Guide, "Creating Amazon EventBridge event patterns" and "Event pattern syntax": fields are
  // ANDed, a field's values ORed, names and nesting must appear in the event, matching is exact.
  ...matching('User Guide: Event pattern syntax', [
    [
      'the guide pattern',
      {
        source: ['aws.ec2'],
        'detail-type': ['EC2 Instance State-change Notification'],
        detail: { state: ['running'] },
      },
      ec2,
      true,
    ],
    ['another state', { source: ['aws.ec2'], detail: { state: ['terminated'] } }, ec2, false],
    ['a value list is OR', { source: ['aws.ec2', 'aws.fargate'] }, ec2, true],
    ['fields are AND', { source: ['aws.ec2'], 'detail-type': ['Other'] }, ec2, false],
    ['a field the event lacks', detailOf('missing', ['x']), ec2, false],
    ['the nesting must match', { state: ['running'] }, ec2, false],
    ['matching is case-sensitive', { source: ['AWS.EC2'] }, ec2, false],
    ['matching is character for character', detailOf('state', ['running ']), ec2, false],
    ['an exact number', detailOf('c-count', [5]), ec2, true],
    ['a number is not its string', detailOf('c-count', ['5']), ec2, false],
    ['a string is not a number', detailOf('state', [5]), ec2, false],
    ['numbers compare as numbers (3.018e2 is 301.8)', detailOf('x-limit', [3.018e2]), ec2, true],
    ['an exact boolean', detailOf('enabled', [true]), withDetail({ enabled: true }), true],
    ['a boolean is not its string', detailOf('enabled', ['true']), withDetail({ enabled: true }), false],
    ['a nested pattern on a string', { source: { inner: ['x'] } }, ec2, false],
    ['a top-level field besides detail', { account: ['123456789012'], region: ['us-east-1'] }, ec2, true],
  ]),

  // Event Ruler README, "Caveat: Compiled rules and JSON keys with dots": keys are joined with ".",
  // so a dotted key and nested objects name the same field, in the pattern and in the event.
  ...matching('Event Ruler: JSON keys with dots', [
    [
      'dotted pattern key, nested event',
      { detail: { 'state.status': ['running'] } },
      awsEvent({ state: { status: 'running' } }),
      true,
    ],
    [
      'nested pattern, dotted event key',
      { detail: { state: { status: ['running'] } } },
      awsEvent({ 'state.status': 'running' }),
      true,
    ],
    ['a dotted top-level pattern key', { 'detail.state': ['running'] }, ec2, true],
    ['dotted key, other value', { 'detail.state': ['stopped'] }, ec2, false],
  ]),

  // User Guide, "Matching on null values and empty strings".
  ...matching('User Guide: Matching null values and empty strings', [
    [
      'an empty string',
      detailOf('eventVersion', ['']),
      withDetail({ eventVersion: '', responseElements: null }),
      true,
    ],
    [
      'null',
      detailOf('responseElements', [null]),
      withDetail({ eventVersion: '', responseElements: null }),
      true,
    ],
    [
      'null is not the empty string',
      detailOf('eventVersion', [null]),
      withDetail({ eventVersion: '' }),
      false,
    ],
    [
      'the empty string is not null',
      detailOf('responseElements', ['']),
      withDetail({ responseElements: null }),
      false,
    ],
    ['null does not match a missing field', detailOf('missing', [null]), ec2, false],
    [
      'null is a value: exists',
      detailOf('responseElements', [{ exists: true }]),
      withDetail({ responseElements: null }),
      true,
    ],
    [
      'null is a value: not absent',
      detailOf('responseElements', [{ exists: false }]),
      withDetail({ responseElements: null }),
      false,
    ],
    [
      'anything-but a string matches null',
      detailOf('command', [{ 'anything-but': ['no-message'] }]),
      withDetail({ command: null }),
      true,
    ],
    [
      'prefix does not match null',
      detailOf('command', [{ prefix: '' }]),
      withDetail({ command: null }),
      false,
    ],
    [
      'numeric does not match null',
      detailOf('command', [{ numeric: ['>', 0] }]),
      withDetail({ command: null }),
      false,
    ],
  ]),

  // User Guide, "Arrays in Amazon EventBridge event patterns"; Event Ruler README, "JSON Array
  // Matching" (values combined from different elements of one array do not match).
  ...matching('User Guide: Arrays in event patterns', [
    [
      'the guide example: an event array intersecting the pattern list',
      {
        resources: [
          'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
          'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
          'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
        ],
      },
      awsEvent(ec2Detail, {
        resources: [
          'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
          'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        ],
      }),
      true,
    ],
    [
      'no element in common',
      { resources: ['arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f'] },
      ec2,
      false,
    ],
    [
      'numeric over an array: one element',
      detailOf('sizes', [{ numeric: ['>', 5] }]),
      withDetail({ sizes: [1, 7] }),
      true,
    ],
    [
      'numeric over an array: none',
      detailOf('sizes', [{ numeric: ['>', 10] }]),
      withDetail({ sizes: [1, 7] }),
      false,
    ],
  ]),
  ...matching('Event Ruler: JSON Array Matching', [
    ['an object of an array', { detail: { employees: { firstName: ['Anna'] } } }, employees(), true],
    [
      'two fields of one element',
      { detail: { employees: { firstName: ['Anna'], lastName: ['Smith'] } } },
      employees(),
      true,
    ],
    [
      'two fields of different elements',
      { detail: { employees: { firstName: ['Anna'], lastName: ['Jones'] } } },
      employees(),
      false,
    ],
    [
      'arrays of arrays are crushed',
      { detail: { employees: { firstName: ['Peter'] } } },
      employees(true),
      true,
    ],
    [
      'different elements of nested arrays',
      { detail: { employees: { firstName: ['John'], lastName: ['Jones'] } } },
      employees(true),
      false,
    ],
    ['exists on an empty array', detailOf('empty', [{ exists: true }]), withDetail({ empty: [] }), false],
    ['absence of an empty array', detailOf('empty', [{ exists: false }]), withDetail({ empty: [] }), true],
    [
      'absence judged within the element already chosen',
      { detail: { items: { name: ['a'], size: [{ exists: false }] } } },
      withDetail({ items: [{ name: 'a' }, { name: 'b', size: 1 }] }),
      true,
    ],
    [
      'absence anywhere in the array',
      { detail: { items: { size: [{ exists: false }] } } },
      withDetail({ items: [{ name: 'a' }, { name: 'b', size: 1 }] }),
      false,
    ],
  ]),

  // User Guide, "Comparison operators for use in event patterns": each row's rule syntax, against a
  // detail that satisfies it and one that does not.
  ...comparisonRows([
    ['And', { Location: ['New York'], Day: ['Monday'] }, {}, { Day: 'Tuesday' }],
    ['Anything-but', { state: [{ 'anything-but': 'initializing' }] }, {}, { state: 'initializing' }],
    [
      'Anything-but (begins with)',
      { Region: [{ 'anything-but': { prefix: 'us-' } }] },
      {},
      { Region: 'us-east-1' },
    ],
    [
      'Anything-but (ends with)',
      { FileName: [{ 'anything-but': { suffix: '.png' } }] },
      {},
      { FileName: 'a.png' },
    ],
    [
      'Anything-but (ignore case)',
      { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] },
      {},
      { state: 'INITIALIZING' },
    ],
    [
      'Anything-but using a wildcard',
      { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
      {},
      { FilePath: 'usr/lib/a' },
    ],
    ['Begins with', { Region: [{ prefix: 'us-' }] }, { Region: 'us-west-2' }, {}],
    [
      'Begins with (ignore case)',
      { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] },
      {},
      { service: 'lambda' },
    ],
    ['Empty', { LastName: [''] }, { LastName: '' }, {}],
    ['Equals', { Name: ['Alice'] }, {}, { Name: 'alice' }],
    ['Equals (ignore case)', { Name: [{ 'equals-ignore-case': 'alice' }] }, {}, { Name: 'Bob' }],
    ['Ends with', { FileName: [{ suffix: '.png' }] }, { FileName: 'a.png' }, {}],
    [
      'Ends with (ignore case)',
      { service: [{ suffix: { 'equals-ignore-case': 'tbridge' } }] },
      {},
      { service: 'lambda' },
    ],
    ['Exists', { ProductName: [{ exists: true }] }, {}, { ProductName: undefined }],
    ['Does not exist', { ProductName: [{ exists: false }] }, { ProductName: undefined }, {}],
    ['Not', { Weather: [{ 'anything-but': ['Raining'] }] }, {}, { Weather: 'Raining' }],
    ['Null', { UserID: [null] }, {}, { UserID: 'u-1' }],
    ['Numeric (equals)', { Price: [{ numeric: ['=', 100] }] }, {}, { Price: 100.5 }],
    ['Numeric (range)', { Price: [{ numeric: ['>', 10, '<=', 20] }] }, { Price: 20 }, { Price: 10 }],
    ['Or', { PaymentType: ['Credit', 'Debit'] }, {}, { PaymentType: 'Cash' }],
    [
      'Or (multiple fields)',
      { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] },
      { Location: 'Paris' },
      { Location: 'Paris', Day: 'Friday' },
    ],
    [
      'Wildcard',
      { FileName: [{ wildcard: 'dir/*.png' }] },
      { FileName: 'dir/a.png' },
      { FileName: 'dir/a.jpg' },
    ],
  ]),

  // User Guide, "Content filtering" > "Prefix matching" and "Prefix matching while ignoring case";
  // Comparison operators, "Begins with".
  ...matching('User Guide: Content filtering > Prefix matching', [
    ['the guide prefix', { time: [{ prefix: '2017-10-02' }] }, ec2, true],
    ['another prefix', { time: [{ prefix: '2017-10-03' }] }, ec2, false],
    ['prefix is case-sensitive', { source: [{ prefix: 'AWS.' }] }, ec2, false],
    ['prefix on a number', detailOf('c-count', [{ prefix: '5' }]), ec2, false],
    ['an empty prefix matches any string', detailOf('state', [{ prefix: '' }]), ec2, true],
    [
      'prefix ignoring case',
      detailOf('service', [{ prefix: { 'equals-ignore-case': 'EventB' } }]),
      withDetail({ service: 'eventbridge' }),
      true,
    ],
    [
      'prefix ignoring case, upper case',
      detailOf('service', [{ prefix: { 'equals-ignore-case': 'eventb' } }]),
      withDetail({ service: 'EVENTBRIDGE' }),
      true,
    ],
    [
      'prefix ignoring case, other prefix',
      detailOf('service', [{ prefix: { 'equals-ignore-case': 'eventb' } }]),
      withDetail({ service: 'Lambda' }),
      false,
    ],
  ]),
  // User Guide, "Content filtering" > "Suffix matching" and "Suffix matching while ignoring case".
  ...matching('User Guide: Content filtering > Suffix matching', [
    [
      'the guide suffix',
      detailOf('FileName', [{ suffix: '.png' }]),
      withDetail({ FileName: 'image.png' }),
      true,
    ],
    [
      'suffix is case-sensitive',
      detailOf('FileName', [{ suffix: '.png' }]),
      withDetail({ FileName: 'image.PNG' }),
      false,
    ],
    [
      'suffix ignoring case',
      detailOf('FileName', [{ suffix: { 'equals-ignore-case': '.png' } }]),
      withDetail({ FileName: 'image.PNG' }),
      true,
    ],
    [
      'suffix ignoring case, other suffix',
      detailOf('FileName', [{ suffix: { 'equals-ignore-case': '.png' } }]),
      withDetail({ FileName: 'image.jpg' }),
      false,
    ],
    ['suffix on a number', detailOf('c-count', [{ suffix: '5' }]), ec2, false],
  ]),
  // User Guide, "Content filtering" > "Equals-ignore-case matching".
  ...matching('User Guide: Content filtering > Equals-ignore-case matching', [
    [
      'the guide example',
      { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
      ec2,
      true,
    ],
    ['only whole values', { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance' }] }, ec2, false],
    ['not on numbers', detailOf('c-count', [{ 'equals-ignore-case': '5' }]), ec2, false],
  ]),

  // User Guide, "Content filtering" > "Anything-but matching" (strings, numbers, lists, prefix,
  // suffix, ignoring case, wildcard); Comparison operators, the "Anything-but" rows.
  ...matching('User Guide: Content filtering > Anything-but matching', [
    ['a string', detailOf('state', [{ 'anything-but': 'initializing' }]), ec2, true],
    ['the excluded string', detailOf('state', [{ 'anything-but': 'running' }]), ec2, false],
    ['a number', detailOf('x-limit', [{ 'anything-but': 123 }]), ec2, true],
    ['the excluded number', detailOf('x-limit', [{ 'anything-but': 301.8 }]), ec2, false],
    ['a list of strings', detailOf('state', [{ 'anything-but': ['stopped', 'overloaded'] }]), ec2, true],
    [
      'a list of strings, excluded',
      detailOf('state', [{ 'anything-but': ['stopped', 'running'] }]),
      ec2,
      false,
    ],
    ['a list of numbers', detailOf('x-limit', [{ 'anything-but': [100, 200, 300] }]), ec2, true],
    ['a list of numbers, excluded', detailOf('c-count', [{ 'anything-but': [1, 5] }]), ec2, false],
    ['a string exclusion passes a number', detailOf('c-count', [{ 'anything-but': '5' }]), ec2, true],
    ['a number exclusion passes a string', detailOf('state', [{ 'anything-but': [100] }]), ec2, true],
    ['never a missing field', detailOf('missing', [{ 'anything-but': 'x' }]), ec2, false],
    [
      'an array with one value outside',
      detailOf('tags', [{ 'anything-but': 'blue' }]),
      withDetail({ tags: ['blue', 'green'] }),
      true,
    ],
    [
      'an array all excluded',
      detailOf('tags', [{ 'anything-but': ['blue', 'green'] }]),
      withDetail({ tags: ['blue', 'green'] }),
      false,
    ],
    ['prefix', detailOf('state', [{ 'anything-but': { prefix: 'init' } }]), ec2, true],
    [
      'prefix, excluded',
      detailOf('state', [{ 'anything-but': { prefix: 'init' } }]),
      withDetail({ state: 'initializing' }),
      false,
    ],
    ['prefix list', detailOf('state', [{ 'anything-but': { prefix: ['init', 'run'] } }]), ec2, false],
    ['prefix passes a number', detailOf('c-count', [{ 'anything-but': { prefix: '5' } }]), ec2, true],
    [
      'suffix',
      detailOf('FileName', [{ 'anything-but': { suffix: '.txt' } }]),
      withDetail({ FileName: 'a.png' }),
      true,
    ],
    [
      'suffix, excluded',
      detailOf('FileName', [{ 'anything-but': { suffix: '.txt' } }]),
      withDetail({ FileName: 'a.txt' }),
      false,
    ],
    [
      'suffix list',
      detailOf('FileName', [{ 'anything-but': { suffix: ['.txt', '.png'] } }]),
      withDetail({ FileName: 'a.png' }),
      false,
    ],
    [
      'ignoring case',
      detailOf('state', [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }]),
      ec2,
      true,
    ],
    [
      'ignoring case, excluded',
      detailOf('state', [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }]),
      withDetail({ state: 'INITIALIZING' }),
      false,
    ],
    [
      'ignoring case, a list',
      detailOf('state', [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'RUNNING'] } }]),
      ec2,
      false,
    ],
    [
      'wildcard',
      detailOf('FilePath', [{ 'anything-but': { wildcard: '*/lib/*' } }]),
      withDetail({ FilePath: '/usr/bin/x' }),
      true,
    ],
    [
      'wildcard, excluded',
      detailOf('FilePath', [{ 'anything-but': { wildcard: '*/lib/*' } }]),
      withDetail({ FilePath: '/usr/lib/x' }),
      false,
    ],
    [
      'wildcard list',
      detailOf('FilePath', [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }]),
      withDetail({ FilePath: '/usr/bin/x' }),
      false,
    ],
  ]),

  // User Guide, "Content filtering" > "Numeric matching" (JSON numbers only, within ±5.0e9, six
  // decimals); Comparison operators, "Numeric (equals)" and "Numeric (range)".
  ...matching('User Guide: Content filtering > Numeric matching', [
    [
      'the guide pattern',
      {
        detail: {
          'c-count': [{ numeric: ['>', 0, '<=', 5] }],
          'd-count': [{ numeric: ['<', 10] }],
          'x-limit': [{ numeric: ['=', 3.018e2] }],
        },
      },
      ec2,
      true,
    ],
    ['> is exclusive', detailOf('c-count', [{ numeric: ['>', 5] }]), ec2, false],
    ['>= is inclusive', detailOf('c-count', [{ numeric: ['>=', 5] }]), ec2, true],
    ['< is exclusive', detailOf('c-count', [{ numeric: ['<', 5] }]), ec2, false],
    ['<= is inclusive', detailOf('c-count', [{ numeric: ['<=', 5] }]), ec2, true],
    ['= on a decimal', detailOf('x-limit', [{ numeric: ['=', 301.8] }]), ec2, true],
    ['= on another number', detailOf('x-limit', [{ numeric: ['=', 301.81] }]), ec2, false],
    ['a range, below', detailOf('d-count', [{ numeric: ['>=', 4, '<', 10] }]), ec2, false],
    ['a range, at its open top', detailOf('c-count', [{ numeric: ['>', 0, '<', 5] }]), ec2, false],
    ['negative numbers', detailOf('t', [{ numeric: ['<', -1.5] }]), withDetail({ t: -2 }), true],
    ['six decimals', detailOf('t', [{ numeric: ['>', 0.000001] }]), withDetail({ t: 0.000002 }), true],
    ['the upper bound 5e9', detailOf('t', [{ numeric: ['>=', 5e9] }]), withDetail({ t: 5e9 }), true],
    ['not on a numeric string', detailOf('t', [{ numeric: ['>', 0] }]), withDetail({ t: '5' }), false],
    [
      'not on an event number beyond 5e9',
      detailOf('t', [{ numeric: ['>', 0] }]),
      withDetail({ t: 6e9 }),
      false,
    ],
    [
      'an exact number beyond 5e9 (an account id)',
      detailOf('t', [123456789012]),
      withDetail({ t: 123456789012 }),
      true,
    ],
  ]),

  // User Guide, "Content filtering" > "IP address matching" (IPv4 and IPv6).
  ...matching('User Guide: Content filtering > IP address matching', [
    ['the guide IPv4 block', detailOf('source-ip', [{ cidr: '10.0.0.0/24' }]), ec2, true],
    ['outside the block', detailOf('source-ip', [{ cidr: '10.0.1.0/24' }]), ec2, false],
    ['a wide block', detailOf('source-ip', [{ cidr: '10.0.0.0/8' }]), ec2, true],
    [
      'IPv6',
      detailOf('sourceIPAddress', [{ cidr: '2001:db8::/32' }]),
      withDetail({ sourceIPAddress: '2001:db8:85a3::8a2e:370:7334' }),
      true,
    ],
    [
      'IPv6 outside',
      detailOf('sourceIPAddress', [{ cidr: '2001:db8::/32' }]),
      withDetail({ sourceIPAddress: '2001:db9::1' }),
      false,
    ],
    [
      'IPv6 spelled in full, upper case',
      detailOf('sourceIPAddress', [{ cidr: '2001:db8::/32' }]),
      withDetail({ sourceIPAddress: '2001:0DB8:0000:0000:0000:0000:0000:0001' }),
      true,
    ],
    [
      'an IPv4 block does not hold IPv6',
      detailOf('sourceIPAddress', [{ cidr: '0.0.0.0/1' }]),
      withDetail({ sourceIPAddress: '::1' }),
      false,
    ],
    [
      'not a host name',
      detailOf('sourceIPAddress', [{ cidr: '10.0.0.0/8' }]),
      withDetail({ sourceIPAddress: 'ec2.amazonaws.com' }),
      false,
    ],
  ]),

  // Event Ruler, JsonRuleCompiler.java: an exact value that is an IP literal becomes an address
  // match; CIDR.java: a block's range starts at the address as written, host bits included.
  ...matching('Event Ruler: IP values and blocks', [
    ['an exact IPv4 value', detailOf('source-ip', ['10.0.0.33']), ec2, true],
    ['an exact IPv4 value, another address', detailOf('source-ip', ['10.0.0.34']), ec2, false],
    [
      'a block written with host bits starts there',
      detailOf('source-ip', [{ cidr: '10.0.0.40/24' }]),
      ec2,
      false,
    ],
    [
      'an exact IPv6 value in another spelling',
      detailOf('sourceIPAddress', ['2001:db8::1']),
      withDetail({ sourceIPAddress: '2001:0db8:0:0:0:0:0:1' }),
      true,
    ],
  ]),

  // User Guide, "Content filtering" > "Exists matching" (leaf nodes only).
  ...matching('User Guide: Content filtering > Exists matching', [
    ['exists', detailOf('c-count', [{ exists: true }]), ec2, true],
    ['exists, missing', detailOf('missing', [{ exists: true }]), ec2, false],
    [
      'does not exist',
      detailOf('c-count', [{ exists: false }]),
      awsEvent({ state: ['initializing', 'running'] }),
      true,
    ],
    ['does not exist, present', detailOf('c-count', [{ exists: false }]), ec2, false],
    [
      'an object is not a leaf: absent',
      detailOf('c-count', [{ exists: false }]),
      awsEvent({ 'c-count': { c1: 100 } }),
      true,
    ],
    [
      'an object is not a leaf: not existing',
      detailOf('c-count', [{ exists: true }]),
      awsEvent({ 'c-count': { c1: 100 } }),
      false,
    ],
    ['absent under a missing parent', { detail: { errorCode: [{ exists: false }] } }, ec2, true],
    [
      'absent or a value',
      detailOf('errorCode', [{ exists: false }, 'AccessDenied']),
      withDetail({ errorCode: 'AccessDenied' }),
      true,
    ],
  ]),

  // User Guide, "Content filtering" > "Matching using wildcards" (`*` any run of characters, `\*`
  // a star); Event Ruler README, "Wildcard matching" (`\\` a backslash).
  ...matching('User Guide: Content filtering > Wildcard matching', [
    [
      'the guide ARN pattern',
      { detail: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] } },
      withDetail({ EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' }),
      true,
    ],
    [
      'the guide ARN pattern, other region',
      { detail: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] } },
      withDetail({ EventBusArn: 'arn:aws:events:us-west-2:123456789012:event-bus/default' }),
      false,
    ],
    [
      'a file in a folder',
      detailOf('FilePath', [{ wildcard: 'dir/*.png' }]),
      withDetail({ FilePath: 'dir/a.png' }),
      true,
    ],
    [
      'another extension',
      detailOf('FilePath', [{ wildcard: 'dir/*.png' }]),
      withDetail({ FilePath: 'dir/a.jpg' }),
      false,
    ],
    [
      'a star matches nothing too',
      detailOf('FilePath', [{ wildcard: 'dir/*.png' }]),
      withDetail({ FilePath: 'dir/.png' }),
      true,
    ],
    [
      'an escaped star is a star',
      detailOf('FilePath', [{ wildcard: 'dir/\\*.png' }]),
      withDetail({ FilePath: 'dir/*.png' }),
      true,
    ],
    [
      'an escaped star is not a wildcard',
      detailOf('FilePath', [{ wildcard: 'dir/\\*.png' }]),
      withDetail({ FilePath: 'dir/a.png' }),
      false,
    ],
    [
      'an escaped backslash',
      detailOf('FilePath', [{ wildcard: 'a\\\\*' }]),
      withDetail({ FilePath: 'a\\b' }),
      true,
    ],
    [
      'regex characters are literal',
      detailOf('FilePath', [{ wildcard: 'a.c*' }]),
      withDetail({ FilePath: 'abc' }),
      false,
    ],
    ['not on numbers', detailOf('c-count', [{ wildcard: '*' }]), ec2, false],
  ]),

  // User Guide, "Content filtering" > "Complex example with multiple matching" (and Event Ruler's,
  // which adds a cidr).
  ...matching('User Guide: Content filtering > Complex example', [
    [
      'the guide example',
      {
        time: [{ prefix: '2017-10-02' }],
        detail: {
          state: [{ 'anything-but': 'initializing' }],
          'c-count': [{ numeric: ['>', 0, '<=', 5] }],
          'd-count': [{ numeric: ['<', 10] }],
          'x-limit': [{ 'anything-but': [100, 200, 300] }],
          'source-ip': [{ cidr: '10.0.0.0/8' }],
        },
      },
      ec2,
      true,
    ],
    [
      'one field fails',
      {
        time: [{ prefix: '2017-10-02' }],
        detail: { state: [{ 'anything-but': 'running' }], 'c-count': [{ numeric: ['>', 0] }] },
      },
      ec2,
      false,
    ],
    ['operators and values mixed in one list', { source: [{ prefix: 'custom.' }, 'aws.ec2'] }, ec2, true],
  ]),

  // User Guide, "Content filtering" > "Complex example with $or matching"; Event Ruler README,
  // "The $or Primitive" (normal, parallel, nested).
  ...matching('User Guide: Content filtering > $or matching', [
    [
      'the guide example, one branch',
      {
        detail: {
          $or: [
            { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
            { 'd-count': [{ numeric: ['<', 10] }] },
            { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
          ],
        },
      },
      withDetail({ 'c-count': 0, 'd-count': 20 }),
      true,
    ],
    [
      'the guide example, no branch',
      {
        detail: {
          $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }],
        },
      },
      withDetail({ 'c-count': 0, 'd-count': 20 }),
      false,
    ],
    [
      'ANDed with another field',
      {
        source: ['aws.cloudwatch'],
        detail: {
          $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
        },
      },
      awsEvent({ metricName: 'Other', namespace: 'AWS/EC2' }, { source: 'aws.cloudwatch' }),
      true,
    ],
    [
      'ANDed with another field that fails',
      {
        source: ['aws.cloudwatch'],
        detail: { $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] },
      },
      awsEvent({ namespace: 'AWS/EC2' }),
      false,
    ],
    [
      'a branch with two fields needs both',
      {
        detail: {
          $or: [{ metricName: ['CPUUtilization'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2'] }],
        },
      },
      awsEvent({ metricType: 'MetricType', namespace: 'AWS/ES' }),
      false,
    ],
    [
      'nested $or',
      {
        detail: {
          $or: [
            { metricName: ['CPUUtilization'] },
            { namespace: ['AWS/EC2'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
          ],
        },
      },
      awsEvent({ namespace: 'AWS/EC2', spaceId: 1000 }),
      true,
    ],
    [
      'nested $or, inner branch fails',
      {
        detail: {
          $or: [
            { metricName: ['CPUUtilization'] },
            { namespace: ['AWS/EC2'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
          ],
        },
      },
      awsEvent({ namespace: 'AWS/EC2', spaceId: 1001 }),
      false,
    ],
    [
      'parallel $or at two levels',
      {
        $or: [{ source: ['aws.s3'] }, { 'detail-type': [{ prefix: 'EC2' }] }],
        detail: { $or: [{ state: ['stopped'] }, { 'c-count': [{ numeric: ['<', 10] }] }] },
      },
      ec2,
      true,
    ],
    [
      'top-level $or spanning envelope and detail',
      { $or: [{ source: ['aws.s3'] }, { detail: { state: ['running'] } }] },
      ec2,
      true,
    ],
  ]),

  // Refusals: the guide says EventBridge returns InvalidEventPatternException; the reasons are Event
  // Ruler's (JsonRuleCompiler.java, CIDR.java, ComparableNumber.java, WildcardParser.java), as
  // EventBridge reports them ("Event pattern is not valid. Reason: ...").
  ...refused('Event Ruler: pattern structure', [
    ['a pattern that is not an object', ['aws.ec2'], 'Filter is not an object'],
    ['an empty pattern', {}, 'Empty objects are not allowed'],
    ['an empty nested object', { source: ['aws.health'], detail: {} }, 'Empty objects are not allowed'],
    ['a value that is not a list', { source: 'aws.ec2' }, '"source" must be an object or an array'],
    ['a number for a list', { detail: { n: 5 } }, '"n" must be an object or an array'],
    ['an empty value list', { source: [] }, 'Empty arrays are not allowed'],
    [
      'a list in a value list',
      { source: [['aws.ec2']] },
      'Match value must be String, number, true, false, or null',
    ],
    ['an empty match expression', { source: [{}] }, 'Match expression name not found'],
    ['an unknown operator', { source: [{ contains: 'ec2' }] }, 'Unrecognized match type contains'],
    [
      'two operators in one expression',
      { source: [{ prefix: 'a', suffix: 'b' }] },
      'Only one key allowed in match expression',
    ],
  ]),
  ...refused('Event Ruler: string operators', [
    ['prefix of a number', { source: [{ prefix: 5 }] }, 'prefix match pattern must be a string'],
    ['suffix of a boolean', { source: [{ suffix: true }] }, 'suffix match pattern must be a string'],
    [
      'prefix with another operator',
      { source: [{ prefix: { wildcard: 'a*' } }] },
      'Unsupported prefix pattern: wildcard',
    ],
    [
      'suffix with another operator',
      { source: [{ suffix: { prefix: 'a' } }] },
      'Unsupported suffix pattern: prefix',
    ],
    [
      'prefix ignoring case of a number',
      { source: [{ prefix: { 'equals-ignore-case': 5 } }] },
      'equals-ignore-case match pattern must be a string',
    ],
    [
      'equals-ignore-case of a number',
      { source: [{ 'equals-ignore-case': 5 }] },
      'equals-ignore-case match pattern must be a string',
    ],
    [
      'exists with a string',
      { source: [{ exists: 'true' }] },
      'exists match pattern must be either true or false.',
    ],
  ]),
  ...refused('Event Ruler: wildcard', [
    ['consecutive stars', { source: [{ wildcard: 'a**b' }] }, 'Consecutive wildcard characters at pos 2'],
    [
      'an escape of another character',
      { source: [{ wildcard: 'a\\b' }] },
      'Invalid escape character at pos 2',
    ],
    ['a wildcard of a number', { source: [{ wildcard: 5 }] }, 'wildcard match pattern must be a string'],
  ]),
  ...refused('Event Ruler: anything-but', [
    [
      'mixed strings and numbers',
      { s: [{ 'anything-but': ['a', 1] }] },
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    ],
    [
      'an empty list',
      { s: [{ 'anything-but': [] }] },
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    ],
    [
      'null in the list',
      { s: [{ 'anything-but': [null] }] },
      'Inside anything but list, start|null|boolean is not supported.',
    ],
    [
      'a boolean',
      { s: [{ 'anything-but': true }] },
      'Value of anything-but must be an array or single string/number value.',
    ],
    [
      'numeric inside',
      { s: [{ 'anything-but': { numeric: ['>', 1] } }] },
      'Unsupported anything-but pattern: numeric',
    ],
    ['an empty prefix', { s: [{ 'anything-but': { prefix: '' } }] }, 'Null prefix/suffix not allowed'],
    [
      'a number as suffix',
      { s: [{ 'anything-but': { suffix: 5 } }] },
      'prefix/suffix match pattern must be a string',
    ],
    [
      'numbers ignoring case',
      { s: [{ 'anything-but': { 'equals-ignore-case': [1] } }] },
      'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
    ],
    [
      'consecutive stars',
      { s: [{ 'anything-but': { wildcard: 'a**' } }] },
      'Consecutive wildcard characters at pos 2',
    ],
    [
      'a number beyond 5e9',
      { s: [{ 'anything-but': 6e9 }] },
      'Value must be between -5.0E9 and 5.0E9, inclusive',
    ],
  ]),
  ...refused('Event Ruler: numeric', [
    ['not a list', { n: [{ numeric: '>' }] }, 'Value of numeric must be an array.'],
    ['an empty list', { n: [{ numeric: [] }] }, 'Invalid member in numeric match: ]'],
    ['a number first', { n: [{ numeric: [1] }] }, 'Invalid member in numeric match: 1'],
    ['an unknown operator', { n: [{ numeric: ['!=', 1] }] }, 'Unrecognized numeric range operator: !='],
    ['a string bound', { n: [{ numeric: ['=', '5'] }] }, 'Value of equals must be numeric'],
    ['a missing bound', { n: [{ numeric: ['>', 1, '<'] }] }, 'Value of < must be numeric'],
    [
      'a range opening with <',
      { n: [{ numeric: ['<', 10, '>', 0] }] },
      'Too many elements in numeric expression',
    ],
    ['a range after =', { n: [{ numeric: ['=', 1, '<', 2] }] }, 'Too many elements in numeric expression'],
    [
      'a number where the second operator goes',
      { n: [{ numeric: ['>', 1, 2] }] },
      'Bad value in numeric range: 2',
    ],
    ['two lower bounds', { n: [{ numeric: ['>', 1, '>=', 2] }] }, 'Bad numeric range operator: >='],
    ['an empty range', { n: [{ numeric: ['>', 5, '<', 1] }] }, 'Bottom must be less than top'],
    ['a range of one point', { n: [{ numeric: ['>=', 5, '<=', 5] }] }, 'Bottom must be less than top'],
    [
      'too many terms',
      { n: [{ numeric: ['>', 0, '<', 5, '<', 6] }] },
      'Too many terms in numeric range expression',
    ],
    [
      'a bound beyond 5e9',
      { n: [{ numeric: ['>', 6e9] }] },
      'Value must be between -5.0E9 and 5.0E9, inclusive',
    ],
    ['seven decimals', { n: [{ numeric: ['>', 0.1234567] }] }, 'Only values upto 6 decimals are supported'],
  ]),
  ...refused('Event Ruler: cidr', [
    ['no mask', { ip: [{ cidr: '10.0.0.0' }] }, "Malformed CIDR, one '/' required"],
    [
      'a mask that is not a number',
      { ip: [{ cidr: '10.0.0.0/x' }] },
      'Malformed CIDR, mask bits must be an integer',
    ],
    ['a negative mask', { ip: [{ cidr: '10.0.0.0/-1' }] }, 'Malformed CIDR, mask bits must not be negative'],
    ['an IPv4 mask past 31', { ip: [{ cidr: '10.0.0.0/33' }] }, 'IPv4 mask bits must be < 32'],
    ['a single IPv4 address as /32', { ip: [{ cidr: '10.0.0.1/32' }] }, 'IPv4 mask bits must be < 32'],
    ['an IPv6 mask past 127', { ip: [{ cidr: '2001:db8::/129' }] }, 'IPv6 mask bits must be < 128'],
    ['an octet past 255', { ip: [{ cidr: '300.0.0.0/8' }] }, 'Invalid IP address: 300.0.0.0'],
    ['a host name', { ip: [{ cidr: 'example.com/8' }] }, 'Nonstandard IP address: example.com'],
    ['a number', { ip: [{ cidr: 10 }] }, 'prefix match pattern must be a string'],
  ]),
  ...refused('Event Ruler: $or', [
    [
      'one branch',
      { $or: [{ source: ['aws.ec2'] }] },
      'There must have at least 2 Objects in $or relationship.',
    ],
    ['not a list', { $or: { source: ['aws.ec2'] } }, 'It must be an Array followed with $or.'],
    [
      'a branch that is not an object',
      { $or: [{ source: ['aws.ec2'] }, 'aws.s3'] },
      'Only JSON object is allowed in array of $or relationship.',
    ],
    [
      'an operator name as a field',
      { $or: [{ numeric: [1] }, { prefix: ['a'] }] },
      'numeric is Ruler reserved fieldName which cannot be used inside $or.',
    ],
    [
      'a problem deep in a later branch',
      { $or: [{ a: [{ exists: false }] }, { b: [{ bogus: 1 }] }] },
      'Unrecognized match type bogus',
    ],
  ]),
];

type ComparisonRow = [
  row: string,
  detailPattern: Record<string, unknown>,
  matching: Record<string, unknown>,
  notMatching: Record<string, unknown>,
];

/** Two cases per row: the table's detail with `matching` changes matches, with `notMatching` does not. */
function comparisonRows(rows: ComparisonRow[]): MatchCase[] {
  const source = 'User Guide: Comparison operators';
  const detail = (changes: Record<string, unknown>) =>
    JSON.parse(JSON.stringify({ ...operatorsDetail, ...changes })) as Record<string, unknown>;
  return rows.flatMap(([row, detailPattern, yes, no]) => [
    {
      kind: 'match',
      source,
      name: row,
      pattern: { detail: detailPattern },
      event: awsEvent(detail(yes)),
      matches: true,
    },
    {
      kind: 'match',
      source,
      name: `${row}, not`,
      pattern: { detail: detailPattern },
      event: awsEvent(detail(no)),
      matches: false,
    },
  ]);
}

/** Event Ruler README's employees, optionally as an array of arrays. */
function employees(nested = false) {
  const people = [
    { firstName: 'John', lastName: 'Doe' },
    { firstName: 'Anna', lastName: 'Smith' },
    { firstName: 'Peter', lastName: 'Jones' },
  ];
  return awsEvent({ employees: nested ? [people.slice(0, 2), people.slice(2)] : people });
}
