// Ingests a batch of raw EventBridge events: admits and normalizes each, applies the changes to the
// index store, logs and counts what happened. Bad or foreign events are rejected (logged, counted,
// never thrown); a store failure is logged and rethrown so the platform retries the whole batch
// (applying is idempotent).
import type { Normalization, NormalizationOutcome } from '../model/normalization';
import type {
  ListingCompletion,
  ResourceChange,
  SnapshotRunRef,
  StackChange,
} from '../model/resource-change';
import type { Telemetry } from '../observability/telemetry';
import { isRetryableStoreError } from '../store/dynamodb-errors';
import { addOutcomes, emptyOutcome } from '../store/index-store';
import type { ApplyOutcome, IndexStore } from '../store/index-store';
import { admitEventWith } from './event-admission';
import type { Admission, Normalizers } from './event-admission';

export interface IngestDeps {
  store: IndexStore;
  telemetry: Telemetry;
  /** The detail-types this consumer receives, each with its normalizer. */
  normalizers: Normalizers;
  /** Write time for the ingest-lag metric. */
  now?: () => Date;
}

export interface IngestedEvent {
  /** The event's id, or null when it had none (a rejected event). */
  eventId: string | null;
  outcome: NormalizationOutcome;
  changes: number;
  stackChanges: number;
  reason?: string;
}

export interface IngestReport {
  events: IngestedEvent[];
  outcomes: Record<NormalizationOutcome, number>;
  /** What the store did with the resource and stack changes together. */
  applied: ApplyOutcome;
}

/** Calls nothing maps are logged once per (eventSource, eventName) per process, then only counted. */
const reportedUnmappedCalls = new Set<string>();

export async function ingestEvents(events: readonly unknown[], deps: IngestDeps): Promise<IngestReport> {
  const { store, telemetry } = deps;
  const now = deps.now ?? (() => new Date());
  const normalized = events.map((raw) => {
    const admission = admitEventWith(raw, deps.normalizers);
    return { raw, eventId: eventIdOf(raw), admission, result: admission.normalization };
  });
  const { unique: changes, repeated } = withoutRepeats(normalized.flatMap(({ result }) => result.changes));
  const stackChanges: StackChange[] = normalized.flatMap(({ result }) => result.stackChanges);

  let applied: ApplyOutcome;
  try {
    for (const { raw, eventId, admission, result } of normalized) {
      setCorrelationId(telemetry, eventId);
      recordAdmission(telemetry, admission);
      recordNormalization(telemetry, raw, result);
    }
    // A single event (the Lambda case) keeps its correlation id for the write's logs too.
    setCorrelationId(telemetry, normalized.length === 1 ? normalized[0].eventId : null);
    const listings = normalized.flatMap(({ result }) => (result.listing ? [result.listing] : []));
    const run = normalized.find(({ result }) => result.snapshotRun)?.result.snapshotRun;
    const outcome = await applyAll(store, telemetry, { changes, stackChanges, listings, run });
    applied = { ...outcome, duplicates: outcome.duplicates + repeated };
  } finally {
    setCorrelationId(telemetry, null);
  }

  if (changes.length + stackChanges.length + repeated > 0) {
    telemetry.record('changesApplied', applied.recorded);
    telemetry.record('duplicatesSkipped', applied.duplicates);
    telemetry.record('staleSkipped', applied.rowsUnchanged);
    telemetry.record('rowsWritten', applied.rowsWritten);
    telemetry.record('writeConflicts', applied.conflictsRetried);
    const writtenAt = now().getTime();
    for (const { result } of normalized) {
      const eventTime = result.changes[0]?.eventTime ?? result.stackChanges[0]?.eventTime;
      if (eventTime) telemetry.record('ingestLag', Math.max(0, writtenAt - Date.parse(eventTime)));
    }
  }

  return {
    events: normalized.map(({ eventId, result }) => ({
      eventId,
      outcome: result.outcome,
      changes: result.changes.length,
      stackChanges: result.stackChanges.length,
      ...(result.reason ? { reason: result.reason } : {}),
    })),
    outcomes: countOutcomes(normalized.map(({ result }) => result.outcome)),
    applied,
  };
}

/**
 * Drops repeats of one change inside a batch (an event delivered twice in one batch, or one CloudTrail
 * record in two envelopes): the store numbers several changes of one event to one resource 0, 1, ...,
 * so a repeat in the same call would be recorded as a second change instead of a duplicate.
 */
function withoutRepeats(changes: ResourceChange[]): { unique: ResourceChange[]; repeated: number } {
  const seen = new Set<string>();
  const unique = changes.filter((change) => {
    const key = JSON.stringify(change);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { unique, repeated: changes.length - unique.length };
}

/** Foreign events are logged with the claimed and the real (envelope) account, then counted. */
function recordAdmission(telemetry: Telemetry, admission: Admission): void {
  const { foreign, droppedForeign } = admission;
  if (foreign) {
    telemetry.record('foreignEvents', 1);
    telemetry.logger.warn('foreign event refused', {
      reason: foreign.reason,
      source: foreign.source,
      envelopeAccount: foreign.envelopeAccount,
      claimedAccounts: foreign.claimedAccounts,
    });
  }
  if (droppedForeign) {
    telemetry.record('foreignChangesDropped', droppedForeign.ids.length);
    telemetry.logger.info("changes to other accounts' resources left out", { ...droppedForeign });
  }
}

function recordNormalization(telemetry: Telemetry, raw: unknown, result: Normalization): void {
  const { logger } = telemetry;
  telemetry.record('eventsReceived', 1, { DetailType: fieldOf(raw, 'detail-type') ?? 'other' });
  switch (result.outcome) {
    case 'rejected':
      telemetry.record('eventsRejected', 1);
      logger.warn('event rejected', { reason: result.reason, detailType: fieldOf(raw, 'detail-type') });
      return;
    case 'unmapped': {
      telemetry.record('unmappedCalls', 1);
      const call = `${detailFieldOf(raw, 'eventSource')} ${detailFieldOf(raw, 'eventName')}`;
      if (!reportedUnmappedCalls.has(call)) {
        reportedUnmappedCalls.add(call);
        logger.warn('unmapped call (logged once per call)', { call, reason: result.reason });
      }
      return;
    }
    case 'generic':
      telemetry.record('genericMappings', result.changes.length);
      logger.info('indexed by the generic ARN fallback', { resources: result.changes.map((c) => c.id) });
      return;
    case 'skipped':
      logger.debug('event skipped', { reason: result.reason });
      return;
    case 'mapped':
      logger.debug('event normalized', {
        changes: result.changes.length,
        stackChanges: result.stackChanges.length,
      });
  }
}

async function applyAll(
  store: IndexStore,
  telemetry: Telemetry,
  work: {
    changes: ResourceChange[];
    stackChanges: StackChange[];
    listings: ListingCompletion[];
    run: SnapshotRunRef | undefined;
  },
): Promise<ApplyOutcome> {
  const { changes, stackChanges, listings, run } = work;
  try {
    const resources = changes.length > 0 ? await store.applyChanges(changes, run) : emptyOutcome();
    const stacks = stackChanges.length > 0 ? await store.applyStackChanges(stackChanges) : emptyOutcome();
    for (const listing of listings) {
      const { inferredDeleted } = await store.applyListing(listing);
      telemetry.logger.info('snapshot listing applied', {
        runId: listing.runId,
        complete: listing.complete,
        inferredDeleted,
        ...(listing.reason ? { reason: listing.reason } : {}),
      });
    }
    return addOutcomes(resources, stacks);
  } catch (error) {
    // Rethrown either way: nothing may be lost silently. Retryable errors (throttling,
    // unavailability) heal on the platform's retry; the others need an operator.
    telemetry.logger.error('writing to the index failed; the event will be retried', {
      retryable: isRetryableStoreError(error),
      changes: changes.length,
      stackChanges: stackChanges.length,
      listings: listings.length,
      error: error instanceof Error ? error : String(error),
    });
    throw error;
  }
}

function setCorrelationId(telemetry: Telemetry, eventId: string | null): void {
  if (eventId === null) telemetry.logger.removeKeys(['correlation_id']);
  else telemetry.logger.setCorrelationId(eventId);
}

function eventIdOf(raw: unknown): string | null {
  return fieldOf(raw, 'id') ?? null;
}

/** A string field of a raw (maybe malformed) event, for logs and metric dimensions. */
function fieldOf(raw: unknown, field: string): string | undefined {
  const value = isRecord(raw) ? raw[field] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function detailFieldOf(raw: unknown, field: string): string {
  return fieldOf(isRecord(raw) ? raw.detail : undefined, field) ?? '?';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function countOutcomes(outcomes: NormalizationOutcome[]): Record<NormalizationOutcome, number> {
  const counts: Record<NormalizationOutcome, number> = {
    mapped: 0,
    generic: 0,
    unmapped: 0,
    skipped: 0,
    rejected: 0,
  };
  for (const outcome of outcomes) counts[outcome]++;
  return counts;
}
