// Sends benchmark events to the local bus the way a user's code would: the real EventBridge client's
// PutEventsCommand, ten entries per request, a few requests in flight.
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { EventBridgeClient, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { MAX_ENTRIES_PER_REQUEST } from '../shared/local/put-events-protocol';
import { mapWithConcurrency } from '../shared/store/concurrency';
import type { BenchEvent } from './event-mix';

export function entryOf(event: BenchEvent): PutEventsRequestEntry {
  return {
    Source: event.source,
    DetailType: event.detailType,
    Detail: JSON.stringify(event.detail),
    Resources: event.resources,
    Time: event.time,
  };
}

/** Sends every event; throws if the bus refused any (a benchmark of refused events means nothing). */
export async function sendBenchEvents(
  client: EventBridgeClient,
  events: readonly BenchEvent[],
  senders: number,
): Promise<void> {
  const batches: PutEventsRequestEntry[][] = [];
  for (let at = 0; at < events.length; at += MAX_ENTRIES_PER_REQUEST)
    batches.push(events.slice(at, at + MAX_ENTRIES_PER_REQUEST).map(entryOf));
  let failed = 0;
  await mapWithConcurrency(batches, senders, async (Entries) => {
    const result = await client.send(new PutEventsCommand({ Entries }));
    failed += result.FailedEntryCount ?? 0;
  });
  if (failed > 0) throw new Error(`the bus refused ${failed} of ${events.length} events`);
}
