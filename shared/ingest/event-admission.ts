// From a raw EventBridge event to a Normalization, with the normalizers a consumer has (one per
// detail-type it receives): validates the envelope, hands the event to the normalizer of its
// detail-type and checks what it made (change-validation.ts). `admitEventWith` adds who may send it
// (event-provenance.ts); ingest uses that. Never throws: a malformed, unknown or foreign event, or a
// normalizer that fails on it, is a rejection (retrying fixes none). Each ingest function bundles
// only its own normalizers (consumer-normalizers.ts): the CloudFormation consumer never loads the
// CloudTrail registry and IAM data.
import { EventEnvelopeSchema } from '../events/event-envelope';
import type { EventEnvelope } from '../events/event-envelope';
import type { Normalization } from '../model/normalization';
import { invalidChangeReason } from './change-validation';
import { checkAccounts, unexpectedSource } from './event-provenance';
import type { ForeignChanges, ForeignEvent } from './event-provenance';
import { describeSchemaError, rejected } from './normalization-results';

/** The normalizer of each detail-type a consumer receives. */
export type Normalizers = Readonly<Record<string, (event: EventEnvelope) => Normalization>>;

/** What ingest makes of an event: its normalization, and why it was refused or trimmed when it was. */
export interface Admission {
  normalization: Normalization;
  /** Set when the event was rejected for its source or account. */
  foreign?: ForeignEvent;
  /** Set when an admitted event's changes to other accounts' resources were dropped. */
  droppedForeign?: ForeignChanges;
}

export function normalizeEventWith(raw: unknown, normalizers: Normalizers): Normalization {
  const parsed = EventEnvelopeSchema.safeParse(raw);
  if (!parsed.success) return rejected(`not an EventBridge event: ${describeSchemaError(parsed.error)}`);
  return normalizeEnvelope(parsed.data, normalizers);
}

/**
 * Normalizes an event for the index: the envelope's source must be one the inventory expects for its
 * detail-type, and its account the account of the resources it describes (see event-provenance.ts).
 */
export function admitEventWith(raw: unknown, normalizers: Normalizers): Admission {
  const parsed = EventEnvelopeSchema.safeParse(raw);
  if (!parsed.success)
    return { normalization: rejected(`not an EventBridge event: ${describeSchemaError(parsed.error)}`) };
  const event = parsed.data;
  const badSource = unexpectedSource(event);
  if (badSource) return { normalization: rejected(badSource.reason), foreign: badSource };
  const normalization = normalizeEnvelope(event, normalizers);
  if (normalization.outcome === 'rejected') return { normalization };
  const verdict = checkAccounts(event, normalization);
  if ('foreign' in verdict)
    return { normalization: rejected(verdict.foreign.reason), foreign: verdict.foreign };
  return verdict.dropped
    ? { normalization: verdict.admitted, droppedForeign: verdict.dropped }
    : { normalization: verdict.admitted };
}

function normalizeEnvelope(event: EventEnvelope, normalizers: Normalizers): Normalization {
  const normalizer = Object.hasOwn(normalizers, event['detail-type'])
    ? normalizers[event['detail-type']]
    : undefined;
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
