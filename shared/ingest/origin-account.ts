// The account an event comes from, as AWS would stamp it on the envelope. The local bus stands in for
// every AWS service and every member account at once, with no caller identity to read: for the sources
// the inventory admits it stamps this account, as EventBridge does for a service event (the account it
// happened in) and for a snapshot run's PutEvents (the account the run lists, where it runs).
import type { EventEnvelope } from '../events/event-envelope';
import { isExpectedSource, recordedAccountOf } from './event-provenance';
import { normalizeEvent } from './normalize-event';

/** Undefined when the event names no single account, or its source is not one the inventory admits. */
export function originAccountOf(event: EventEnvelope): string | undefined {
  if (!isExpectedSource(event.source)) return undefined;
  const recorded = recordedAccountOf(event['detail-type'], event.detail);
  if (recorded !== undefined) return recorded;
  const normalization = normalizeEvent(event);
  const accounts = new Set([
    ...normalization.changes.map((change) => change.account),
    ...normalization.stackChanges.map((change) => change.account),
    ...(normalization.listing ? [normalization.listing.account] : []),
  ]);
  return accounts.size === 1 ? [...accounts][0] : undefined;
}
