// Reads files of events for replay: EventBridge events (one object, an array, or JSON Lines) and
// CloudTrail log files (`{"Records": [...]}`, plain or gzipped), each record wrapped as the
// "AWS API Call via CloudTrail" event EventBridge would deliver for it.
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { eventBridgeSourceOf } from '../cloudtrail/cloudtrail-mappings';
import { DETAIL_TYPES } from '../events/event-envelope';

/** What PutEvents needs of an event. */
export interface ReplayEvent {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  time?: string;
  resources?: string[];
}

export type ReadItem = { event: ReplayEvent } | { skipped: string };

export async function readEventFile(path: string): Promise<ReadItem[]> {
  const raw = await readFile(path);
  const text = (isGzip(raw) ? gunzipSync(raw) : raw).toString('utf8');
  return parseEventText(text);
}

export function parseEventText(text: string): ReadItem[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  let document: unknown;
  try {
    document = JSON.parse(trimmed);
  } catch {
    // Not one JSON document: JSON Lines, one event (or CloudTrail log) per line.
    return trimmed.split('\n').flatMap((line, index): ReadItem[] => {
      if (line.trim() === '') return [];
      try {
        return itemsOf(JSON.parse(line));
      } catch {
        return [{ skipped: `line ${index + 1} is not JSON` }];
      }
    });
  }
  return itemsOf(document);
}

function itemsOf(document: unknown): ReadItem[] {
  if (Array.isArray(document)) return document.flatMap(itemsOf);
  if (!isObject(document)) return [{ skipped: 'not a JSON object' }];
  if (Array.isArray(document.Records)) return document.Records.map(cloudTrailRecordItem);
  return [eventBridgeItem(document)];
}

function eventBridgeItem(event: Record<string, unknown>): ReadItem {
  const detailType = event['detail-type'];
  if (typeof event.source !== 'string' || typeof detailType !== 'string') {
    return { skipped: 'neither an EventBridge event (source, detail-type) nor a CloudTrail log' };
  }
  if (!isObject(event.detail)) return { skipped: 'EventBridge event without an object detail' };
  return {
    event: {
      source: event.source,
      detailType,
      detail: event.detail,
      time: typeof event.time === 'string' ? event.time : undefined,
      resources: Array.isArray(event.resources) ? event.resources.filter(isString) : undefined,
    },
  };
}

/** CloudTrail delivers every call; EventBridge rules only ever take successful write calls. */
function cloudTrailRecordItem(record: unknown): ReadItem {
  if (!isObject(record) || typeof record.eventSource !== 'string' || typeof record.eventName !== 'string') {
    return { skipped: 'CloudTrail record without eventSource/eventName' };
  }
  if (record.eventType === 'AwsCloudTrailInsight') return { skipped: 'CloudTrail Insights event' };
  if (record.errorCode !== undefined && record.errorCode !== null) return { skipped: 'failed call (errorCode)' };
  if (record.readOnly === true) return { skipped: 'read-only call' };
  return {
    event: {
      source: eventBridgeSourceOf(record.eventSource),
      detailType: DETAIL_TYPES.apiCall,
      detail: record,
      time: typeof record.eventTime === 'string' ? record.eventTime : undefined,
    },
  };
}

function isGzip(bytes: Buffer): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
