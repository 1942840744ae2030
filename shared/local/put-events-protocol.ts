// EventBridge's PutEvents contract, as the local bus enforces it: request and entry validation with
// AWS's error codes, entry size as AWS computes it, and the event envelope a rule target receives.
import { randomUUID } from 'node:crypto';
import { originAccountOf } from '../ingest/origin-account';
import { envelopeText } from './event-text';

/** AWS caps a PutEvents request at 10 entries and the entries' total size below 256 KB. */
export const MAX_ENTRIES_PER_REQUEST = 10;
export const MAX_REQUEST_ENTRY_BYTES = 256 * 1024;

export interface PutEventsRequestEntry {
  Source?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  Resources?: unknown;
  Time?: unknown;
  EventBusName?: unknown;
  TraceHeader?: unknown;
}

export type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

/** A whole-request failure, answered as an AWS JSON 1.1 error (`__type` + `message`). */
export class PutEventsRequestError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = type;
  }
}

/** The event a rule target receives: EventBridge's envelope around the entry. */
export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export interface EnvelopeContext {
  account: string;
  region: string;
  now: () => Date;
}

/** Checks the request as a whole; entries are checked one by one by `checkEntry`. */
export function readEntries(body: unknown): PutEventsRequestEntry[] {
  const entries = (body as { Entries?: unknown } | null)?.Entries;
  if (!Array.isArray(entries)) {
    throw new PutEventsRequestError(
      'ValidationException',
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
  }
  if (entries.length < 1 || entries.length > MAX_ENTRIES_PER_REQUEST) {
    throw new PutEventsRequestError(
      'ValidationException',
      `1 validation error detected: Value '${entries.length} entries' at 'entries' failed to satisfy constraint: ` +
        `Member must have length between 1 and ${MAX_ENTRIES_PER_REQUEST}`,
    );
  }
  const total = entries.reduce<number>((sum, entry) => sum + entrySize(entry as PutEventsRequestEntry), 0);
  if (total >= MAX_REQUEST_ENTRY_BYTES) {
    throw new PutEventsRequestError(
      'ValidationException',
      `Total size of the entries in the request is over the limit (${total} bytes; the limit is below ${MAX_REQUEST_ENTRY_BYTES}).`,
    );
  }
  return entries as PutEventsRequestEntry[];
}

/** Entry size as EventBridge computes it: Time counts 14 bytes, strings their UTF-8 length. */
export function entrySize(entry: PutEventsRequestEntry): number {
  const bytes = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
  let size = entry.Time === undefined || entry.Time === null ? 0 : 14;
  size += bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail);
  if (Array.isArray(entry.Resources)) for (const resource of entry.Resources) size += bytes(resource);
  return size;
}

/** Validates one entry and wraps it in an envelope, or says why EventBridge would refuse it. */
export function envelopeEntry(
  entry: PutEventsRequestEntry,
  context: EnvelopeContext,
): { event: BusEvent } | { error: { ErrorCode: string; ErrorMessage: string } } {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    const value = entry[field];
    if (typeof value !== 'string' || value.trim() === '') {
      return invalid(`Parameter ${field} is not valid. Reason: ${field} is a required argument.`);
    }
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail as string);
  } catch {
    return { error: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } };
  }
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
    return { error: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } };
  }
  if (entry.EventBusName !== undefined && entry.EventBusName !== null && !isLocalBus(entry.EventBusName)) {
    const name = typeof entry.EventBusName === 'string' ? entry.EventBusName.slice(0, 256) : '?';
    return {
      error: { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${name} does not exist.` },
    };
  }
  if (entry.Resources !== undefined && !(Array.isArray(entry.Resources) && entry.Resources.every(isString))) {
    return invalid('Parameter Resources is not valid. Reason: Resources must be a list of strings.');
  }
  const time = entryTime(entry.Time, context.now);
  if (time === undefined) return invalid('Parameter Time is not valid. Reason: Time must be a timestamp.');
  const event: BusEvent = {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.DetailType as string,
    source: entry.Source as string,
    account: context.account,
    time,
    region: context.region,
    resources: (entry.Resources as string[] | undefined) ?? [],
    detail: detail as Record<string, unknown>,
  };
  // Standing in for AWS services and member accounts, the bus stamps the account an admitted event
  // comes from, as EventBridge would; anything else gets the bus owner's (the PutEvents caller's).
  const stamped: BusEvent = { ...event, account: originAccountOf(event) ?? context.account };
  // Keep the detail's text as sent: the journal and dead letters write it without re-serialising.
  envelopeText(stamped, entry.Detail as string);
  return { event: stamped };
}

/** The local bus stands in for the account's default bus: by name or by ARN. */
export function isLocalBus(name: unknown): boolean {
  if (typeof name !== 'string') return false;
  return name === 'default' || /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/default$/.test(name);
}

/** The SDK sends Time as epoch seconds; EventBridge envelopes carry it to the second, in UTC. */
function entryTime(value: unknown, now: () => Date): string | undefined {
  const date =
    value === undefined || value === null
      ? now()
      : typeof value === 'number'
        ? new Date(value * 1000)
        : typeof value === 'string'
          ? new Date(value)
          : undefined;
  if (!date || Number.isNaN(date.getTime())) return undefined;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function invalid(message: string) {
  return { error: { ErrorCode: 'InvalidArgument', ErrorMessage: message } };
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
