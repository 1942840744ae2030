// Puts listings on a bus: each run's observations first, then its listing-complete event, which is
// partial (complete: false, with the reason) when the bus did not accept every observation, so the
// index never infers an absence from a run it did not fully receive.
import { sendEvents } from '../replay/event-sender';
import type { EventSenderOptions } from '../replay/event-sender';
import { listingCompleteEvent, observationEvents } from './snapshot-events';
import type { SnapshotListing } from './snapshot-listing';

export interface ListingSendResult {
  runId: string;
  /** Observation events (batches) sent and failed. */
  eventsSent: number;
  eventsFailed: number;
  /** Whether the listing-complete event was accepted. */
  completionSent: boolean;
  /** Why the run went out partial, if it did. */
  partialReason?: string;
  failures: Record<string, number>;
}

export type ListingSenderOptions = Omit<EventSenderOptions, 'onProgress'> & {
  /** Observations sent so far, of all listings. */
  onProgress?: (observationsSent: number, observationsTotal: number) => void;
};

export async function sendListings(
  listings: readonly SnapshotListing[],
  options: ListingSenderOptions,
): Promise<ListingSendResult[]> {
  const total = listings.reduce((sum, listing) => sum + listing.observations.length, 0);
  let done = 0;
  const results: ListingSendResult[] = [];
  for (const listing of listings) {
    const events = observationEvents(listing);
    const sizes = events.map((event) => (event.detail.resources as unknown[]).length);
    const sentBefore = done;
    const observed = await sendEvents(events, {
      ...options,
      onProgress: (sent) => {
        // sendEvents counts events; progress is in observations (batches are up to 100 each).
        done = sentBefore + sizes.slice(0, sent).reduce((sum, size) => sum + size, 0);
        options.onProgress?.(done, total);
      },
    });
    const partialReason =
      observed.failed > 0
        ? `${observed.failed} of ${events.length} observation events were not accepted by the bus (${Object.keys(observed.failures).join(', ')})`
        : undefined;
    const completion = await sendEvents([listingCompleteEvent(listing, partialReason)], {
      ...options,
      onProgress: undefined,
    });
    const failures = { ...observed.failures };
    for (const [code, n] of Object.entries(completion.failures)) failures[code] = (failures[code] ?? 0) + n;
    results.push({
      runId: listing.run.id,
      eventsSent: observed.sent,
      eventsFailed: observed.failed,
      completionSent: completion.sent === 1,
      partialReason,
      failures,
    });
  }
  return results;
}
