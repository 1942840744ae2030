// Sends events to an EventBridge bus (local or deployed) with the real SDK's PutEvents: batches of
// at most 10 entries under the request size limit, a few requests in flight, failures counted by code.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { MAX_ENTRIES_PER_REQUEST, MAX_REQUEST_ENTRY_BYTES, entrySize } from '../local/put-events-protocol';
import { mapWithConcurrency } from '../store/concurrency';
import type { ReplayEvent } from './event-file-reader';

export interface SendSummary {
  sent: number;
  failed: number;
  /** Failures by EventBridge error code (or the request error's name). */
  failures: Record<string, number>;
  /** Events too large for one PutEvents entry. */
  tooLarge: number;
}

export interface EventSenderOptions {
  /** A local bus URL; absent means the region's EventBridge with the default credentials. */
  endpoint?: string;
  region?: string;
  eventBusName?: string;
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

export function createEventBridgeClient(options: EventSenderOptions): EventBridgeClient {
  return new EventBridgeClient({
    endpoint: options.endpoint,
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    // A bus under load answers ThrottlingException, as EventBridge does: retry it for longer than
    // the SDK's default three attempts, with its growing backoff.
    maxAttempts: 10,
    // A local bus checks no signature; fixed credentials keep local replays free of AWS configuration.
    ...(options.endpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}

export async function sendEvents(events: readonly ReplayEvent[], options: EventSenderOptions): Promise<SendSummary> {
  const client = createEventBridgeClient(options);
  const summary: SendSummary = { sent: 0, failed: 0, failures: {}, tooLarge: 0 };
  const count = (code: string, n = 1) => {
    summary.failed += n;
    summary.failures[code] = (summary.failures[code] ?? 0) + n;
  };
  const batches: PutEventsRequestEntry[][] = [];
  let batch: PutEventsRequestEntry[] = [];
  let batchBytes = 0;
  for (const event of events) {
    const entry = toEntry(event, options.eventBusName);
    const size = entrySize(entry);
    if (size >= MAX_REQUEST_ENTRY_BYTES) {
      summary.tooLarge++;
      count('EntryTooLarge');
      continue;
    }
    if (batch.length === MAX_ENTRIES_PER_REQUEST || batchBytes + size >= MAX_REQUEST_ENTRY_BYTES) {
      batches.push(batch);
      batch = [];
      batchBytes = 0;
    }
    batch.push(entry);
    batchBytes += size;
  }
  if (batch.length > 0) batches.push(batch);

  let done = 0;
  try {
    await mapWithConcurrency(batches, options.concurrency ?? 4, async (entries) => {
      try {
        const result = await client.send(new PutEventsCommand({ Entries: entries }));
        for (const entry of result.Entries ?? []) {
          if (entry.ErrorCode) count(entry.ErrorCode);
          else summary.sent++;
        }
      } catch (error) {
        count((error as Error).name || 'RequestFailed', entries.length);
      }
      done += entries.length;
      options.onProgress?.(done, events.length);
    });
  } finally {
    client.destroy();
  }
  return summary;
}

function toEntry(event: ReplayEvent, eventBusName: string | undefined): PutEventsRequestEntry {
  const time = event.time ? new Date(event.time) : undefined;
  return {
    Source: event.source,
    DetailType: event.detailType,
    Detail: JSON.stringify(event.detail),
    Resources: event.resources,
    Time: time && !Number.isNaN(time.getTime()) ? time : undefined,
    EventBusName: eventBusName,
  };
}
