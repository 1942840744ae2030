// The search words of a resource and of a query: one normalisation for both sides.
import {
  MAX_TOKEN_LENGTH,
  MAX_TOKENS,
  queryWords,
  searchTokens,
  wordIndexKeys,
} from '../../shared/search/search-tokens';
import type { ResourceRecord } from '../../shared/model/resource-record';

function record(overrides: Partial<ResourceRecord>): ResourceRecord {
  return {
    id: 'arn:aws:sqs:eu-west-1:111122223333:shop-prod-orders',
    arn: 'arn:aws:sqs:eu-west-1:111122223333:shop-prod-orders',
    type: 'AWS::SQS::Queue',
    service: 'sqs',
    account: '111122223333',
    region: 'eu-west-1',
    name: 'shop-prod-orders',
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
    ...overrides,
  };
}

describe('searchTokens', () => {
  it('splits name, ARN resource part, type and tag values into distinct lower-case words', () => {
    const tokens = searchTokens(
      record({
        id: 'arn:aws:dynamodb:eu-west-1:111122223333:table/shop-prod-OrdersTable-9F8E7D6C5B4A',
        arn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/shop-prod-OrdersTable-9F8E7D6C5B4A',
        type: 'AWS::DynamoDB::Table',
        service: 'dynamodb',
        name: 'shop-prod-OrdersTable-9F8E7D6C5B4A',
        tags: { team: 'Data Platform', owner: 'HTTPServer team' },
      }),
    );
    expect(tokens).toEqual([
      'shop',
      'prod',
      'orders',
      'table',
      '9f8e7d6c5b4a',
      'dynamodb',
      'http',
      'server',
      'team',
      'data',
      'platform',
    ]);
  });

  it('leaves out one-letter words and arn/aws, and reads a fallback id by its physical id', () => {
    const tokens = searchTokens(
      record({
        id: 'AWS::Custom::Thing|111122223333|eu-west-1|i-0abc',
        arn: null,
        type: 'AWS::Custom::Thing',
        name: 'a b',
      }),
    );
    expect(tokens).toEqual(['0abc', 'custom', 'thing', 'sqs']);
  });

  it('keeps at most 32 tokens of at most 64 characters, name first', () => {
    const long = 'x'.repeat(100);
    const tags = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, `value${i}`]));
    const tokens = searchTokens(record({ name: long, tags }));
    expect(tokens).toHaveLength(MAX_TOKENS);
    expect(tokens[0]).toBe('x'.repeat(MAX_TOKEN_LENGTH));
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});

describe('queryWords', () => {
  it.each([
    ['SHOP', ['shop']],
    ['shop orders', ['orders', 'shop']],
    ['OrdersTable', ['orders', 'table']],
    ['sHOP', ['shop']],
    ['HTTPServer ec2Instance', ['instance', 'server', 'http', 'ec2']],
    ['  shop-prod  ', ['prod', 'shop']],
    ['i-0abc', ['0abc']],
    ['arn:aws:sqs:eu-west-1:111122223333:shop-prod-orders', ['orders', 'prod', 'shop', 'sqs']],
    ['shop shop SHOP', ['shop']],
  ])('%j -> %j', (q, expected) => {
    expect(queryWords(q)).toEqual({ ok: true, words: expected });
  });

  it.each(['', '   ', '-_-', 'a', 'a b', 'aws', 'arn aws'])('%j is a problem', (q) => {
    const result = queryWords(q);
    expect(result.ok).toBe(false);
  });

  it('refuses more than 8 words', () => {
    expect(queryWords('aa bb cc dd ee ff gg hh ii')).toEqual({
      ok: false,
      problem: 'must hold at most 8 words',
    });
  });

  it('finds every token it prefixes, cut the same way', () => {
    const tokens = searchTokens(record({ name: 'y'.repeat(80) }));
    const result = queryWords('Y'.repeat(70));
    expect(result.ok && tokens.some((token) => token.startsWith(result.words[0]))).toBe(true);
  });
});

describe('wordIndexKeys', () => {
  it('partitions by the first two characters and sorts by token then id', () => {
    expect(wordIndexKeys('orders', 'arn:x')).toEqual({ wordKey: 'or', wordSort: 'orders#arn:x' });
  });
});
