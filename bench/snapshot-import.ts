// Snapshot import throughput: a seeded population listed as one Config-style run (observation
// batches, then its listing end) sent with PutEvents to the local runtime and applied by the store,
// beside the raw PutItem rate of the same rows on the same DynamoDB Local in the same run.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sendEvents } from '../shared/replay/event-sender';
import type { SnapshotListing } from '../shared/snapshot/snapshot-listing';
import { listingCompleteEvent, observationEvents } from '../shared/snapshot/snapshot-events';
import { ratioTo, round } from './latency-summary';
import { measureRawWrites } from './raw-write-floor';
import type { RawWriteFloor } from './raw-write-floor';
import { generateResources } from './resource-population';
import type { RuntimeChild } from './runtime-child';

export interface SnapshotImportRun {
  resources: number;
  /** Observation events (batches of up to 100) plus the listing end. */
  events: number;
  seconds: number;
  resourcesPerSecond: number;
  deadLettered: number;
  raw: RawWriteFloor;
  /** Raw PutItem/s over resources/s: how many times slower than writing the rows blind. */
  ratio: number | null;
}

/** The population as one listing of one account and region (a snapshot file is one of these). */
export function benchListing(seed: number, count: number): SnapshotListing {
  const observations = generateResources(seed, count).map((record) => ({
    id: record.id,
    arn: record.arn,
    type: record.type,
    account: '111122223333',
    region: 'eu-west-1',
    name: record.name,
    tags: record.tags,
  }));
  return {
    run: {
      id: `bench-snapshot-${seed}-${count}`,
      source: 'config',
      account: '111122223333',
      region: 'eu-west-1',
      startedAt: '2024-07-01T00:00:00Z',
      listedAt: '2024-07-01T00:00:00Z',
    },
    observations,
    completeTypes: [...new Set(observations.map((observation) => observation.type))].sort(),
    complete: true,
    finishedAt: '2024-07-01T00:05:00Z',
    unknownTypes: {},
    skipped: {},
    pages: 1,
  };
}

export async function measureSnapshotImport(
  runtime: RuntimeChild,
  client: DynamoDBDocumentClient,
  options: { resources: number; seed: number; rawTable: string; concurrency: number; dynamodbPid?: number },
): Promise<SnapshotImportRun> {
  const listing = benchListing(options.seed, options.resources);
  const batches = observationEvents(listing);
  await runtime.drain();
  const before = await runtime.resetCounters();
  const started = performance.now();
  const sent = await sendEvents(batches, { endpoint: runtime.eventsUrl, region: 'eu-west-1' });
  const end = await sendEvents([listingCompleteEvent(listing)], {
    endpoint: runtime.eventsUrl,
    region: 'eu-west-1',
  });
  const after = await runtime.drain();
  const seconds = (performance.now() - started) / 1000;
  if (sent.failed + end.failed > 0)
    throw new Error(`the bus refused ${sent.failed + end.failed} snapshot events`);
  const raw = await measureRawWrites(client, options.rawTable, {
    concurrency: options.concurrency,
    operations: options.resources,
    seed: options.seed + 7,
    warmup: 50,
    dynamodbPid: options.dynamodbPid,
  });
  const resourcesPerSecond = round(options.resources / seconds, 1);
  return {
    resources: options.resources,
    events: batches.length + 1,
    seconds: round(seconds, 2),
    resourcesPerSecond,
    deadLettered: after.dispatch.deadLettered - before.dispatch.deadLettered,
    raw,
    ratio: ratioTo(raw.putItemPerSecond, resourcesPerSecond),
  };
}
