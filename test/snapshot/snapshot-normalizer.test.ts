// The snapshot normalizer and the event builder: observations become `observe` changes on the ids
// the event path gives, a listing end becomes a ListingCompletion, and batches fit EventBridge.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeEvent } from '../../shared/ingest/normalize-event';
import { entrySize, MAX_REQUEST_ENTRY_BYTES } from '../../shared/local/put-events-protocol';
import {
  listingCompleteEvent,
  MAX_DETAIL_BYTES,
  observationEvents,
} from '../../shared/snapshot/snapshot-events';
import type { SnapshotListing } from '../../shared/snapshot/snapshot-listing';
import { generateResourceExplorerTypes, GENERATED_FILE } from '../../scripts/resource-explorer-types';
import { ROOT } from './snapshot-samples';

const RUN = {
  id: 'run-1',
  source: 'resource-explorer' as const,
  account: '111122223333',
  region: 'eu-west-1',
  startedAt: '2024-06-01T10:00:00.123Z',
  listedAt: '2024-06-01T10:00:00.987Z',
};

function busEvent(detail: unknown, source = 'resource-inventory.snapshot') {
  return {
    version: '0',
    id: 'evt-1',
    'detail-type': 'Resource Inventory Snapshot',
    source,
    account: '111122223333',
    time: '2024-06-01T10:05:00Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}

function listing(count: number, tagBytes = 0): SnapshotListing {
  return {
    run: RUN,
    observations: Array.from({ length: count }, (_, index) => ({
      id: `arn:aws:s3:::bucket-${index}`,
      arn: `arn:aws:s3:::bucket-${index}`,
      type: 'AWS::S3::Bucket',
      account: '111122223333',
      region: 'eu-west-1',
      tags: tagBytes > 0 ? { blob: 'x'.repeat(tagBytes) } : undefined,
    })),
    completeTypes: ['AWS::S3::Bucket'],
    complete: true,
    finishedAt: '2024-06-01T10:03:00Z',
    unknownTypes: {},
    skipped: {},
    pages: 1,
  };
}

describe('normalizeSnapshotEvent', () => {
  test('an observation is an observe upsert at the listing time, to the second, with the run as event id', () => {
    const result = normalizeEvent(
      busEvent({
        kind: 'observations',
        run: RUN,
        resources: [
          {
            id: 'arn:aws:iam::111122223333:role/r',
            arn: 'arn:aws:iam::111122223333:role/r',
            type: 'AWS::IAM::Role',
            account: '111122223333',
            region: 'us-east-1',
            tags: { a: 'b' },
          },
          {
            id: 'arn:aws:s3:::b',
            arn: 'arn:aws:s3:::b',
            type: 'AWS::S3::Bucket',
            account: '111122223333',
            region: 'eu-west-1',
          },
        ],
      }),
    );
    expect(result.outcome).toBe('mapped');
    expect(result.changes).toEqual([
      expect.objectContaining({
        region: 'global',
        lifecycle: 'observe',
        action: 'upsert',
        eventTime: '2024-06-01T10:00:00Z',
        eventId: 'run-1',
        source: 'snapshot',
        tags: { set: { a: 'b' } },
      }),
      expect.objectContaining({ id: 'arn:aws:s3:::b', lifecycle: 'observe' }),
    ]);
    // A source that does not know a resource's tags says nothing about them.
    expect(result.changes[1]).not.toHaveProperty('tags');
  });

  test('a listing end is a ListingCompletion and no change', () => {
    const result = normalizeEvent(
      busEvent(listingCompleteEvent(listing(1), 'page 3 failed: ThrottlingException').detail),
    );
    expect(result).toEqual({
      outcome: 'mapped',
      changes: [],
      stackChanges: [],
      listing: {
        runId: 'run-1',
        listingSource: 'resource-explorer',
        account: '111122223333',
        region: 'eu-west-1',
        types: ['AWS::S3::Bucket'],
        listedAt: '2024-06-01T10:00:00Z',
        startedAt: RUN.startedAt,
        finishedAt: '2024-06-01T10:03:00Z',
        complete: false,
        observed: 1,
        reason: 'page 3 failed: ThrottlingException',
      },
    });
  });

  test.each([
    [
      'another source',
      busEvent({ kind: 'observations', run: RUN, resources: [] }, 'aws.config'),
      /must come from/,
    ],
    ['an unknown kind', busEvent({ kind: 'guess', run: RUN }), /detail.kind/],
    [
      'a bad account',
      busEvent({ kind: 'observations', run: { ...RUN, account: '12' }, resources: [] }),
      /detail.run.account/,
    ],
    ['an empty batch', busEvent({ kind: 'observations', run: RUN, resources: [] }), /detail.resources/],
    [
      'a bad type',
      busEvent({
        kind: 'observations',
        run: RUN,
        resources: [{ id: 'x', arn: null, type: 's3:bucket', account: '111122223333', region: 'eu-west-1' }],
      }),
      /detail.resources.0.type/,
    ],
  ])('rejects %s, naming the field', (_what, event, reason) => {
    const result = normalizeEvent(event);
    expect(result.outcome).toBe('rejected');
    expect(result.reason).toMatch(reason);
  });
});

describe('snapshot events', () => {
  test('observations are split into batches of at most 100, each entry well under 256 KB', () => {
    const events = observationEvents(listing(250));
    expect(events.map((event) => (event.detail.resources as unknown[]).length)).toEqual([100, 100, 50]);
  });

  test('large observations split by size: every entry stays under the detail budget', () => {
    const events = observationEvents(listing(40, 10_000));
    expect(events.length).toBeGreaterThan(5);
    for (const event of events) {
      expect(Buffer.byteLength(JSON.stringify(event.detail))).toBeLessThanOrEqual(MAX_DETAIL_BYTES);
      const size = entrySize({
        Source: event.source,
        DetailType: event.detailType,
        Detail: JSON.stringify(event.detail),
      });
      expect(size).toBeLessThan(MAX_REQUEST_ENTRY_BYTES);
    }
    expect(events.flatMap((event) => event.detail.resources as unknown[])).toHaveLength(40);
  });

  test('a listing end is partial when observations were lost', () => {
    expect(listingCompleteEvent(listing(1)).detail).toMatchObject({ complete: true, observed: 1 });
    expect(listingCompleteEvent(listing(1), '2 events not accepted').detail).toMatchObject({
      complete: false,
      reason: '2 events not accepted',
    });
  });
});

describe('one resource, one row', () => {
  test('a bucket seen by a Config snapshot, a stack listing and CloudTrail has one id', () => {
    const cloudTrail = normalizeEvent(
      JSON.parse(readFileSync(join(ROOT, 'events/cloudtrail/s3/CreateBucket.json'), 'utf8')),
    );
    const bucketArn = cloudTrail.changes[0].id;
    expect(bucketArn).toMatch(/^arn:aws:s3:::/);
    const expected = (name: string) =>
      JSON.parse(readFileSync(join(ROOT, `events/snapshot/${name}.expected.json`), 'utf8'));
    const configIds: string[] = expected('config/snapshot-eu-west-1').changes.map(
      (change: { id: string }) => change.id,
    );
    const stackIds: string[] = expected('cloudformation/describe-stack-resources').changes.map(
      (change: { id: string }) => change.id,
    );
    // The same spelling the event path gives: an ARN built by the shared identity module.
    expect(configIds).toContain('arn:aws:s3:::shop-legacy-archive');
    expect(stackIds).toContain('arn:aws:s3:::shop-prod-assets-7k2m9q');
    // An IAM role listed with its path lands on the row CloudFormation's bare name gives.
    expect(configIds).toContain('arn:aws:iam::111122223333:role/shop-ops-readonly');
  });
});

test('the Resource Explorer type table is generated from the published data and current', () => {
  expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(generateResourceExplorerTypes());
});
