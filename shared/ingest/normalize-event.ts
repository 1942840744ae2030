// The one entry point from a raw EventBridge event to a Normalization: validates the envelope, hands
// the event to the normalizer of its detail-type and checks what it made (change-validation.ts).
// `admitEvent` adds who may send it (event-provenance.ts); ingest uses that. Never throws: a malformed,
// unknown or foreign event, or a normalizer that fails on it, is a rejection (retrying fixes none).
import { normalizeResourceStatusChange } from '../cloudformation/normalize-resource-status-change';
import { normalizeStackStatusChange } from '../cloudformation/normalize-stack-status-change';
import { normalizeCloudTrailEvent } from '../cloudtrail/normalize-cloudtrail-event';
import { DETAIL_TYPES, EventEnvelopeSchema } from '../events/event-envelope';
import type { EventEnvelope } from '../events/event-envelope';
import type { Normalization } from '../model/normalization';
import { normalizeSnapshotEvent } from '../snapshot/normalize-snapshot-event';
import { invalidChangeReason } from './change-validation';
import { checkAccounts, unexpectedSource } from './event-provenance';
import type { ForeignChanges, ForeignEvent } from './event-provenance';
import { describeSchemaError, rejected } from './normalization-results';

const NORMALIZERS: Readonly<Record<string, (event: EventEnvelope) => Normalization>> = {
  [DETAIL_TYPES.stackStatus]: normalizeStackStatusChange,
  [DETAIL_TYPES.resourceStatus]: normalizeResourceStatusChange,
  [DETAIL_TYPES.apiCall]: normalizeCloudTrailEvent,
  [DETAIL_TYPES.snapshot]: normalizeSnapshotEvent,
  [DETAIL_TYPES.serviceEvent]: normalizeCloudTrailEvent,
};

/** What ingest makes of an event: its normalization, and why it was refused or trimmed when it was. */
export interface Admission {
  normalization: Normalization;
  /** Set when the event was rejected for its source or account. */
  foreign?: ForeignEvent;
  /** Set when an admitted event's changes to other accounts' resources were dropped. */
  droppedForeign?: ForeignChanges;
}

export function normalizeEvent(raw: unknown): Normalization {
  const parsed = EventEnvelopeSchema.safeParse(raw);
  if (!parsed.success) return rejected(`not an EventBridge event: ${describeSchemaError(parsed.error)}`);
  return normalizeEnvelope(parsed.data);
}

/**
 * Normalizes an event for the index: the envelope's source must be one the inventory expects for its
 * detail-type, and its account the account of the resources it describes (see event-provenance.ts).
 */
export function admitEvent(raw: unknown): Admission {
  const parsed = EventEnvelopeSchema.safeParse(raw);
  if (!parsed.success)
    return { normalization: rejected(`not an EventBridge event: ${describeSchemaError(parsed.error)}`) };
  const event = parsed.data;
  const badSource = unexpectedSource(event);
  if (badSource) return { normalization: rejected(badSource.reason), foreign: badSource };
  const normalization = normalizeEnvelope(event);
  if (normalization.outcome === 'rejected') return { normalization };
  const verdict = checkAccounts(event, normalization);
  if ('foreign' in verdict)
    return { normalization: rejected(verdict.foreign.reason), foreign: verdict.foreign };
  return verdict.dropped
    ? { normalization: verdict.admitted, droppedForeign: verdict.dropped }
    : { normalization: verdict.admitted };
}

function normalizeEnvelope(event: EventEnvelope): Normalization {
  const normalizer = NORMALIZERS[event['detail-type']];
  if (!normalizer) return rejected(`unknown detail-type: ${event['detail-type']}`);
  let normalization: Normalization;
  try {
    normalization = normalizer(event);
  } catch (error) {
    // A normalizer bug on this event would fail every retry the same way: reject (logged, counted).
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return rejected(`the ${event['detail-type']} normalizer failed: ${message}`);
  }
  const invalid = invalidChangeReason(normalization);
  return invalid ? rejected(`cannot be indexed: ${invalid}`) : normalization;
}
