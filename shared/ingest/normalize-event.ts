// The one entry point from a raw EventBridge event to a Normalization: validates the envelope and
// hands the event to the normalizer of its detail-type. Never throws: a malformed or unknown event,
// or a normalizer that fails on it, is a rejection (retrying cannot fix either).
import { normalizeResourceStatusChange } from '../cloudformation/normalize-resource-status-change';
import { normalizeStackStatusChange } from '../cloudformation/normalize-stack-status-change';
import { normalizeCloudTrailEvent } from '../cloudtrail/normalize-cloudtrail-event';
import { DETAIL_TYPES, EventEnvelopeSchema } from '../events/event-envelope';
import type { EventEnvelope } from '../events/event-envelope';
import type { Normalization } from '../model/normalization';
import { normalizeSnapshotEvent } from '../snapshot/normalize-snapshot-event';
import { describeSchemaError, rejected } from './normalization-results';

const NORMALIZERS: Readonly<Record<string, (event: EventEnvelope) => Normalization>> = {
  [DETAIL_TYPES.stackStatus]: normalizeStackStatusChange,
  [DETAIL_TYPES.resourceStatus]: normalizeResourceStatusChange,
  [DETAIL_TYPES.apiCall]: normalizeCloudTrailEvent,
  [DETAIL_TYPES.snapshot]: normalizeSnapshotEvent,
};

export function normalizeEvent(raw: unknown): Normalization {
  const parsed = EventEnvelopeSchema.safeParse(raw);
  if (!parsed.success) return rejected(`not an EventBridge event: ${describeSchemaError(parsed.error)}`);
  const event = parsed.data;
  const normalizer = NORMALIZERS[event['detail-type']];
  if (!normalizer) return rejected(`unknown detail-type: ${event['detail-type']}`);
  try {
    return normalizer(event);
  } catch (error) {
    // A normalizer bug on this event would fail every retry the same way: reject (logged, counted).
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return rejected(`the ${event['detail-type']} normalizer failed: ${message}`);
  }
}
