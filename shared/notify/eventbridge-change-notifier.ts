// Publishes row changes as `Inventory Resource Changed` events with PutEvents: the deployed
// publisher sends to the change bus, the local runtime to the local bus (same client, another endpoint).
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { EventBridgeClient, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { changeEventEntry } from './change-event';
import type { ChangeNotifier } from './change-notifier';

/** PutEvents takes at most 10 entries and 256 KB per request. */
const ENTRIES_PER_REQUEST = 10;
const MAX_REQUEST_BYTES = 256 * 1024;

export interface EventBridgeChangeNotifierOptions {
  client: Pick<EventBridgeClient, 'send'>;
  eventBusName: string;
  /** Requests per batch before entries EventBridge keeps failing are reported (thrown). */
  maxAttempts?: number;
  baseDelayMs?: number;
}

/** Raised when entries still fail after every retry: the caller retries the batch (at least once). */
export class ChangePublishError extends Error {
  constructor(
    readonly failed: number,
    readonly reasons: string[],
  ) {
    super(`PutEvents failed for ${failed} change events: ${reasons.slice(0, 3).join('; ')}`);
    this.name = 'ChangePublishError';
  }
}

/**
 * @example
 * const notifier = createEventBridgeChangeNotifier({ client: new EventBridgeClient({}), eventBusName });
 * await notifier.notify(changes);
 */
export function createEventBridgeChangeNotifier(options: EventBridgeChangeNotifierOptions): ChangeNotifier {
  const maxAttempts = options.maxAttempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 50;
  return {
    async notify(changes) {
      const entries = changes.map((change) => changeEventEntry(change, options.eventBusName));
      for (const batch of requestBatches(entries)) {
        let pending: PutEventsRequestEntry[] = batch;
        let reasons: string[] = [];
        for (let attempt = 1; pending.length > 0; attempt++) {
          if (attempt > maxAttempts) throw new ChangePublishError(pending.length, reasons);
          if (attempt > 1) await jitteredDelay(Math.min(2000, baseDelayMs * 2 ** (attempt - 2)));
          const result = await options.client.send(new PutEventsCommand({ Entries: pending }));
          const outcomes = result.Entries ?? [];
          // Entries answer in request order; one with an ErrorCode was not put.
          const failed = pending.filter((_, index) => outcomes[index]?.ErrorCode !== undefined);
          reasons = outcomes
            .filter((outcome) => outcome.ErrorCode !== undefined)
            .map((outcome) => `${outcome.ErrorCode}: ${outcome.ErrorMessage ?? ''}`);
          pending = (result.FailedEntryCount ?? 0) > 0 ? failed : [];
        }
      }
    },
  };
}

/** Entries in order, at most 10 and 256 KB per request (EventBridge's own size formula, rounded up). */
function requestBatches(entries: PutEventsRequestEntry[]): PutEventsRequestEntry[][] {
  const batches: PutEventsRequestEntry[][] = [];
  let current: PutEventsRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (current.length === ENTRIES_PER_REQUEST || (current.length > 0 && bytes + size > MAX_REQUEST_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Time counts 14 bytes; source, detail-type, detail and resources their UTF-8 length. */
function entrySize(entry: PutEventsRequestEntry): number {
  const text = [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])];
  return 14 + text.reduce((sum, part) => sum + Buffer.byteLength(part ?? '', 'utf8'), 0);
}

function jitteredDelay(ceilingMs: number): Promise<void> {
  return new Promise((resolveWait) => setTimeout(resolveWait, Math.random() * ceilingMs));
}
