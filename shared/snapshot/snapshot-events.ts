// A listing as bus events: its observations in batches that fit an EventBridge entry (256 KB, and
// small enough that a few share one PutEvents request), then one listing-complete event.
import { DETAIL_TYPES } from '../events/event-envelope';
import type { ReplayEvent } from '../replay/event-file-reader';
import type { SnapshotListing } from './snapshot-listing';
import { SNAPSHOT_EVENT_SOURCE } from './snapshot-event-schema';
import type { ListingCompleteDetail, Observation, ObservationsDetail } from './snapshot-event-schema';

/** A batch stays far under the entry limit, and small enough for the ingest function to apply quickly. */
export const MAX_OBSERVATIONS_PER_EVENT = 100;
export const MAX_DETAIL_BYTES = 64 * 1024;

export function observationEvents(listing: SnapshotListing): ReplayEvent[] {
  const events: ReplayEvent[] = [];
  const runBytes = Buffer.byteLength(
    JSON.stringify({ kind: 'observations', run: listing.run, resources: [] }),
  );
  let batch: Observation[] = [];
  let bytes = runBytes;
  const flush = () => {
    if (batch.length === 0) return;
    const detail: ObservationsDetail = { kind: 'observations', run: listing.run, resources: batch };
    events.push(snapshotEvent(detail, listing.run.listedAt));
    batch = [];
    bytes = runBytes;
  };
  for (const observation of listing.observations) {
    const size = Buffer.byteLength(JSON.stringify(observation)) + 1;
    if (batch.length === MAX_OBSERVATIONS_PER_EVENT || bytes + size > MAX_DETAIL_BYTES) flush();
    batch.push(observation);
    bytes += size;
  }
  flush();
  return events;
}

/** The run's end; `failure` makes it partial (observations the bus did not accept, a page that failed). */
export function listingCompleteEvent(listing: SnapshotListing, failure?: string): ReplayEvent {
  const reason = failure ?? listing.reason;
  const detail: ListingCompleteDetail = {
    kind: 'listing-complete',
    run: listing.run,
    scope: { account: listing.run.account, region: listing.run.region, types: listing.completeTypes },
    complete: listing.complete && failure === undefined,
    observed: listing.observations.length,
    finishedAt: listing.finishedAt,
  };
  if (reason !== undefined) detail.reason = reason;
  return snapshotEvent(detail, listing.finishedAt);
}

function snapshotEvent(detail: ObservationsDetail | ListingCompleteDetail, time: string): ReplayEvent {
  return {
    source: SNAPSHOT_EVENT_SOURCE,
    detailType: DETAIL_TYPES.snapshot,
    detail: { ...detail },
    time,
  };
}
