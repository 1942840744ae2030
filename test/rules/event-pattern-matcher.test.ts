// The local matcher against EventBridge's documented semantics, one operator at a time.
import {
  InvalidPatternError,
  compilePattern,
  matchesPattern,
} from '../../shared/rules/event-pattern-matcher';
import type { EventPattern } from '../../shared/rules/event-pattern';

const event = {
  id: '1',
  source: 'aws.ec2',
  'detail-type': 'EC2 Instance State-change Notification',
  time: '2017-10-02T16:24:49Z',
  resources: [
    'arn:aws:ec2:us-east-1:123456789012:instance/i-1',
    'arn:aws:ec2:us-east-1:123456789012:volume/vol-1',
  ],
  detail: {
    state: 'running',
    'c-count': 5,
    'x-limit': 301.8,
    enabled: true,
    owner: null,
    'source-ip': '10.0.0.33',
    fileName: 'Photo.PNG',
    tags: ['blue', 'green'],
    items: [
      { name: 'a', size: 1 },
      { name: 'b', size: 7 },
    ],
    nested: { deeper: { value: 'x' } },
    empty: [],
  },
};

const cases: [string, EventPattern, boolean][] = [
  // exact values; arrays are OR; fields are AND
  ['exact string', { source: ['aws.ec2'] }, true],
  ['exact string, other value', { source: ['aws.s3'] }, false],
  ['array is OR', { source: ['aws.s3', 'aws.ec2'] }, true],
  ['fields are AND', { source: ['aws.ec2'], 'detail-type': ['other'] }, false],
  ['exact number', { detail: { 'c-count': [5] } }, true],
  ['number vs string is no match', { detail: { 'c-count': ['5'] } }, false],
  ['exact boolean', { detail: { enabled: [true] } }, true],
  ['exact null', { detail: { owner: [null] } }, true],
  ['null does not match a missing field', { detail: { missing: [null] } }, false],
  ['missing field', { detail: { missing: ['x'] } }, false],
  // nested objects
  ['nested object', { detail: { nested: { deeper: { value: ['x'] } } } }, true],
  ['nested object, wrong value', { detail: { nested: { deeper: { value: ['y'] } } } }, false],
  ['nested pattern on a scalar', { source: { inner: ['x'] } }, false],
  // arrays in the event
  ['event array: any element', { resources: ['arn:aws:ec2:us-east-1:123456789012:volume/vol-1'] }, true],
  ['event array: none', { detail: { tags: ['red'] } }, false],
  [
    'array of objects: one element matches all fields',
    { detail: { items: { name: ['b'], size: [7] } } },
    true,
  ],
  [
    'array of objects: fields from different elements',
    { detail: { items: { name: ['a'], size: [7] } } },
    false,
  ],
  // prefix / suffix / equals-ignore-case
  ['prefix', { time: [{ prefix: '2017-10-02' }] }, true],
  ['prefix, no', { time: [{ prefix: '2018' }] }, false],
  ['prefix on a number', { detail: { 'c-count': [{ prefix: '5' }] } }, false],
  ['prefix ignoring case', { detail: { fileName: [{ prefix: { 'equals-ignore-case': 'photo' } }] } }, true],
  ['suffix', { detail: { fileName: [{ suffix: '.PNG' }] } }, true],
  ['suffix is case-sensitive', { detail: { fileName: [{ suffix: '.png' }] } }, false],
  ['suffix ignoring case', { detail: { fileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, true],
  ['equals-ignore-case', { detail: { state: [{ 'equals-ignore-case': 'RUNNING' }] } }, true],
  ['equals-ignore-case, no', { detail: { state: [{ 'equals-ignore-case': 'RUN' }] } }, false],
  // anything-but
  ['anything-but value', { detail: { state: [{ 'anything-but': 'initializing' }] } }, true],
  ['anything-but the value itself', { detail: { state: [{ 'anything-but': 'running' }] } }, false],
  ['anything-but list', { detail: { state: [{ 'anything-but': ['stopped', 'running'] }] } }, false],
  ['anything-but numbers', { detail: { 'c-count': [{ 'anything-but': [1, 2, 3] }] } }, true],
  ['anything-but a number itself', { detail: { 'c-count': [{ 'anything-but': 5 }] } }, false],
  ['anything-but never matches a missing field', { detail: { missing: [{ 'anything-but': 'x' }] } }, false],
  ['anything-but on an array: one value outside', { detail: { tags: [{ 'anything-but': 'blue' }] } }, true],
  [
    'anything-but on an array: all excluded',
    { detail: { tags: [{ 'anything-but': ['blue', 'green'] }] } },
    false,
  ],
  ['anything-but prefix', { source: [{ 'anything-but': { prefix: 'aws.' } }] }, false],
  ['anything-but prefix, other prefix', { source: [{ 'anything-but': { prefix: 'custom.' } }] }, true],
  ['anything-but suffix', { detail: { fileName: [{ 'anything-but': { suffix: '.PNG' } }] } }, false],
  [
    'anything-but equals-ignore-case list',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['RUNNING', 'Stopped'] } }] } },
    false,
  ],
  ['anything-but wildcard', { detail: { fileName: [{ 'anything-but': { wildcard: '*.jpg' } }] } }, true],
  // exists
  ['exists true', { detail: { state: [{ exists: true }] } }, true],
  ['exists true, missing', { detail: { missing: [{ exists: true }] } }, false],
  ['exists false, missing', { detail: { missing: [{ exists: false }] } }, true],
  ['exists false, present', { detail: { state: [{ exists: false }] } }, false],
  ['exists false under a missing parent', { nowhere: { errorCode: [{ exists: false }] } }, true],
  ['exists on an object (not a leaf) is false', { detail: { nested: [{ exists: true }] } }, false],
  ['exists on an empty array is false', { detail: { empty: [{ exists: true }] } }, false],
  ['exists true on null', { detail: { owner: [{ exists: true }] } }, true],
  // numeric
  ['numeric range', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, true],
  ['numeric range, outside', { detail: { 'c-count': [{ numeric: ['>', 5] }] } }, false],
  ['numeric equals', { detail: { 'x-limit': [{ numeric: ['=', 3.018e2] }] } }, true],
  ['numeric >= and <', { detail: { 'x-limit': [{ numeric: ['>=', 301.8, '<', 302] }] } }, true],
  ['numeric on a string', { detail: { state: [{ numeric: ['>', 0] }] } }, false],
  ['numeric on an array of objects', { detail: { items: { size: [{ numeric: ['>', 5] }] } } }, true],
  // wildcard and cidr
  ['wildcard', { detail: { fileName: [{ wildcard: 'Photo*G' }] } }, true],
  ['wildcard, no', { detail: { fileName: [{ wildcard: '*.jpg' }] } }, false],
  ['wildcard escaped star', { detail: { fileName: [{ wildcard: 'Photo\\*' }] } }, false],
  ['cidr', { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, true],
  ['cidr, outside', { detail: { 'source-ip': [{ cidr: '10.0.1.0/24' }] } }, false],
  // $or
  ['$or: one branch', { $or: [{ source: ['aws.s3'] }, { 'detail-type': [{ prefix: 'EC2' }] }] }, true],
  ['$or: no branch', { $or: [{ source: ['aws.s3'] }, { detail: { state: ['stopped'] } }] }, false],
  ['$or AND another field', { source: ['aws.s3'], $or: [{ id: ['1'] }, { id: ['2'] }] }, false],
  [
    '$or nested in detail',
    { detail: { $or: [{ state: ['stopped'] }, { 'c-count': [{ numeric: ['<', 10] }] }] } },
    true,
  ],
  // mixed operators in one list are OR
  ['mixed list', { source: [{ prefix: 'custom.' }, 'aws.ec2'] }, true],
];

describe('matchesPattern', () => {
  test.each(cases)('%s', (_name, pattern, expected) => {
    expect(matchesPattern(pattern, event)).toBe(expected);
  });

  test('a non-object event matches nothing but exists:false', () => {
    expect(matchesPattern({ source: ['aws.ec2'] }, 'not an event')).toBe(false);
    expect(matchesPattern({ detail: { errorCode: [{ exists: false }] } }, null)).toBe(true);
  });
});

describe('invalid patterns are refused, like PutRule would', () => {
  const invalid: [string, unknown][] = [
    ['unknown operator', { source: [{ contains: 'x' }] }],
    ['empty value list', { source: [] }],
    ['leaf that is not a list', { source: 'aws.ec2' }],
    ['operator object with two keys', { source: [{ prefix: 'a', suffix: 'b' }] }],
    ['exists with a string', { source: [{ exists: 'yes' }] }],
    ['numeric with a bad operator', { n: [{ numeric: ['!=', 1] }] }],
    ['numeric with an odd list', { n: [{ numeric: ['>', 1, '<'] }] }],
    ['anything-but mixing strings and numbers', { s: [{ 'anything-but': ['a', 1] }] }],
    ['anything-but with numeric', { s: [{ 'anything-but': { numeric: ['>', 1] } }] }],
    ['$or with one branch', { $or: [{ source: ['a'] }] }],
    ['consecutive wildcards', { s: [{ wildcard: 'a**b' }] }],
    ['IPv6 cidr', { ip: [{ cidr: '2001:db8::/32' }] }],
    [
      'invalid operator deep in a later $or branch',
      { $or: [{ a: [{ exists: false }] }, { b: [{ bogus: 1 }] }] },
    ],
  ];
  test.each(invalid)('%s', (_name, pattern) => {
    expect(() => compilePattern(pattern)).toThrow(InvalidPatternError);
  });
});
