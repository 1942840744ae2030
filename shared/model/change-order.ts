// The total order of a resource's changes as one sortable string, so the pure fold, the stored merge
// state and the history items' sort keys all compare changes the same way.
import { createHash } from 'node:crypto';
import { LIFECYCLE_RANK } from './resource-change';
import type { ResourceChange } from './resource-change';

/** A change as recorded: `seq` tells apart several changes one event makes to one resource. */
export interface RecordedChange extends ResourceChange {
  seq: number;
}

/** Event ids longer than this are replaced by a digest in the order key (sort keys have 1 KB). */
const MAX_EVENT_ID_LENGTH = 128;

/**
 * `<eventTime>|<rank>|<eventId>|<seq>`: time first (ISO 8601 at one-second granularity sorts as
 * text), then the lifecycle rank inside one second, then the event id, then the position in the
 * event. `|` sorts after every character an ISO time or a rank can hold, and the fixed-width fields
 * keep text order equal to tuple order up to the event id; beyond it (two different events of the
 * same second and rank) the order only has to be total and the same everywhere, which it is.
 */
export function orderKey(
  change: Pick<RecordedChange, 'eventTime' | 'lifecycle' | 'eventId' | 'seq'>,
): string {
  const rank = String(LIFECYCLE_RANK[change.lifecycle]).padStart(2, '0');
  const seq = String(change.seq).padStart(4, '0');
  return `${change.eventTime}|${rank}|${boundedEventId(change.eventId)}|${seq}`;
}

/** The event time an order key starts with. */
export function timeOfOrder(order: string): string {
  return order.slice(0, order.indexOf('|'));
}

export function compareOrders(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareChanges(a: RecordedChange, b: RecordedChange): number {
  return compareOrders(orderKey(a), orderKey(b));
}

function boundedEventId(eventId: string): string {
  if (eventId.length <= MAX_EVENT_ID_LENGTH) return eventId;
  const digest = createHash('sha256').update(eventId).digest('hex').slice(0, 32);
  return `${eventId.slice(0, MAX_EVENT_ID_LENGTH - 33)}~${digest}`;
}
