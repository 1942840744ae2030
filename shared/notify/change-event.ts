// The event a row change is published as, on the change bus users subscribe to: its source,
// detail-type, the pattern that selects it, and how one entry is built within EventBridge's limits.
import type { ChangeFeedEntry } from './change-notifier';

export const CHANGE_EVENT_SOURCE = 'resource-inventory';
export const CHANGE_DETAIL_TYPE = 'Inventory Resource Changed';

/** The EventBridge pattern matching every change event (add `detail` fields to narrow it). */
export const CHANGE_EVENT_PATTERN = {
  source: [CHANGE_EVENT_SOURCE],
  'detail-type': [CHANGE_DETAIL_TYPE],
} as const;

/**
 * EventBridge refuses an entry over 256 KB. Before/after values (tags, mostly) rarely come close,
 * but a detail over this budget is sent without them, marked `truncated`, rather than not at all.
 */
export const MAX_DETAIL_BYTES = 200_000;

export interface ChangeEventEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  Resources?: string[];
  Time: Date;
  EventBusName: string;
}

/**
 * The detail is the feed entry itself: `{indexedAt, eventTime, id, arn, type, change, fields,
 * before, after, version}` (`id` + `version` identify the change), `truncated: true` when before
 * and after were left out for size.
 */
export function changeEventEntry(change: ChangeFeedEntry, eventBusName: string): ChangeEventEntry {
  let detail = JSON.stringify(change);
  if (Buffer.byteLength(detail, 'utf8') > MAX_DETAIL_BYTES) {
    detail = JSON.stringify({ ...change, before: {}, after: {}, truncated: true });
  }
  return {
    Source: CHANGE_EVENT_SOURCE,
    DetailType: CHANGE_DETAIL_TYPE,
    Detail: detail,
    ...(change.arn ? { Resources: [change.arn] } : {}),
    Time: new Date(change.indexedAt),
    EventBusName: eventBusName,
  };
}
